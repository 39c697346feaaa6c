import { defineExercise, gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkOrdering } from '../../runtime/exercises/checkers.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, Option, OrderingAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: the order of an honest benchmarking protocol (the order the engine's runSpec follows),
 * then a table of four runs whose environments differ: which pair answers "is the tiled kernel faster?",
 * and why another pair cannot.
 */

/** The protocol, in the order runtime/engine/run-spec.ts and runtime/measure/harness.ts follow it. */
const STEPS: (Option & { why: string })[] = [
  { id: 'write-spec', text: 'Write the spec: the task, the metrics with units and aggregations, the run rules', why: 'The spec comes first: what counts as a result is decided before any number is seen, so it cannot be tuned to the numbers.' },
  { id: 'generate-inputs', text: "Generate the inputs from the spec's seed", why: 'The inputs are drawn from the seed before anything runs, so every run on every machine computes on the same numbers.' },
  { id: 'setup', text: 'Set up: compile the kernel or load the model and upload the inputs (timed as setup)', why: 'Compiling and uploading happen once, before the work can run at all; they are timed, but as setup.' },
  { id: 'verify', text: 'Check the output against a CPU reference', why: 'A wrong answer is never timed: the output is checked before any measurement.' },
  { id: 'first-run', text: 'Time the very first run on its own (first-run cost)', why: 'The very first run is the cold one (caches, lazy compilation): it is timed by itself, before warm-up.' },
  { id: 'warmup', text: 'Run the warm-up iterations and leave them out of the statistics', why: 'Warm-up runs come after the first run and before any sample that counts.' },
  { id: 'calibrate', text: 'Grow the batch until one sample lasts 1000 ticks of the timer', why: 'The batch size is found on warm code, before the samples that use it.' },
  { id: 'sample', text: 'Take timed samples until the minimum count and duration are reached', why: 'Samples are taken with the batch size found before them.' },
  { id: 'summarize', text: 'Summarise: median, IQR, p90 with a confidence interval; flag outliers', why: 'Statistics summarise samples that exist: they come after sampling.' },
  { id: 'validity', text: 'Judge validity: enough samples, the quality target met', why: 'Validity is judged on the summary, against the run rules of the spec.' },
  { id: 'record', text: 'Save the result with its environment, the spec hash and the seed', why: 'The record holds everything before it: samples, statistics, validity and environment.' },
  { id: 'compare', text: 'Compare with other results only when the spec hash matches, and say how the environments differ', why: 'Comparison needs saved results on both sides: it is the last step.' },
];

const protocol: OrderingAnswerSpec = { type: 'ordering', items: STEPS.map(({ id, text }) => ({ id, text })) };

/** What can differ between two runs besides the kernel, with the column it shows in. */
const CONFOUNDERS = {
  size: { text: 'The matrix size n differs', column: 'n' },
  adapter: { text: 'They ran on different GPU adapters', column: 'adapter' },
  isolation: { text: 'One page was cross-origin isolated and the other not, so the timers differ', column: 'isolated' },
  browser: { text: 'They ran in different browser versions', column: 'browser' },
  seed: { text: 'The input seed differs', column: 'seed' },
} as const;
type Confounder = keyof typeof CONFOUNDERS;
const CONFOUNDER_IDS = Object.keys(CONFOUNDERS) as Confounder[];

const LETTERS = ['a', 'b', 'c', 'd'] as const;
type Letter = (typeof LETTERS)[number];
const PAIRS = LETTERS.flatMap((x, i) => LETTERS.slice(i + 1).map((y) => `${x}-${y}`));

const validPair: ChoiceAnswerSpec = {
  type: 'choice',
  options: PAIRS.map((id) => ({ id, text: `Run ${id[0]!.toUpperCase()} and run ${id[2]!.toUpperCase()}` })),
};
const whyInvalid: ChoiceAnswerSpec = {
  type: 'choice',
  multiple: true,
  options: [
    ...CONFOUNDER_IDS.map((id) => ({ id, text: CONFOUNDERS[id].text })),
    { id: 'kernel', text: 'They ran different kernels' },
    { id: 'medians', text: 'Their medians are too far apart' },
  ],
};

interface Run {
  kernel: 'naive' | 'tiled';
  n: number;
  browser: string;
  adapter: string;
  isolated: boolean;
  seed: number;
  medianMs: number;
}

export interface ValidComparisonsData {
  /** The protocol steps this variant asks to order, in the correct order, and as shown (shuffled). */
  steps: string[];
  shown: string[];
  /** The four runs, by letter. */
  runs: Record<Letter, Run>;
  /** The pair that differs only in the kernel, and the confounded pair asked about. */
  valid: string;
  asked: string;
  /** What differs between the runs of `asked`, besides the kernel. */
  reasons: Confounder[];
}

const BROWSERS = ['Chrome 146', 'Chrome 147', 'Edge 146', 'Chromium 156'];
const ADAPTERS = ['Intel Iris Xe (integrated)', 'NVIDIA RTX 4060 Laptop', 'AMD Radeon 780M (integrated)', 'Apple M3 (integrated)'];

function pairId(x: Letter, y: Letter): string {
  return x < y ? `${x}-${y}` : `${y}-${x}`;
}

function pairWords(id: string): string {
  return `run ${id[0]!.toUpperCase()} and run ${id[2]!.toUpperCase()}`;
}

export default defineExercise<ValidComparisonsData>({
  id: 'valid-comparisons',
  title: 'The protocol, and which comparison is valid',
  level: 'practitioner',
  kind: 'interpretation',
  points: 10,
  summary: 'Put the steps of an honest benchmark run in order, then pick the one pair of results that can answer a question, and say why another pair cannot.',
  minutes: 15,
  parts: [
    {
      id: 'order',
      prompt: 'Put these steps of one benchmark run in the order an honest harness performs them, first step first.',
      answer: protocol,
    },
    {
      id: 'valid-pair',
      prompt: 'You want to know whether the **tiled** matrix multiplication kernel is faster than the **naive** one on one machine. Which pair of runs in the table is a valid comparison?',
      answer: validPair,
    },
    {
      id: 'why-invalid',
      prompt: 'Why can the pair named below **not** answer that question? Pick every reason that applies.',
      answer: whyInvalid,
    },
  ],
  hints: [
    'For the order: a number is worth timing only once the output is known to be right, and a sample counts only once the code is warm.',
    'For the pair: a valid comparison changes one thing, the thing you want to know about, and keeps everything else the same. Go along the two rows column by column.',
    'For the reasons: the kernel is the difference you want to measure. Every other column in which the two rows differ is a reason.',
  ],
  solution: `
**Order.** The engine's \`runSpec\` follows it: write the spec, generate the inputs from its seed, set up (compile,
upload; timed as setup), verify the output against a CPU reference (a wrong answer is never timed), time the
first run on its own, warm up, calibrate the batch (1000 timer ticks per sample), sample, summarise (median, IQR,
percentiles, bootstrap interval, outliers), judge validity, save the record with environment, spec hash and
seed, and compare only results whose spec hash matches.

**Valid pair.** Exactly one pair differs in the kernel and in nothing else (same n, browser, adapter, isolation and
seed): that one isolates the effect of tiling. A pair that ran the same kernel cannot answer the question at all;
a pair that also differs in n, hardware, timer or inputs mixes the kernel's effect with the others'.

**Why invalid.** Every column besides the kernel in which the two rows differ: a different n is a different
task; a different adapter is different hardware; isolation changes the timer's resolution (5 µs vs 100 µs); a
browser version changes the WebGPU implementation; a seed changes the inputs. "Different kernels" is the point
of the comparison, and a large gap between medians is a finding, not a reason to reject it.
`,
  generate(seed) {
    const r = variantRandom(seed);
    const count = 7;
    const chosen = new Set(r.sample(STEPS.map((s) => s.id), count));
    const steps = STEPS.map((s) => s.id).filter((id) => chosen.has(id));
    let shown = r.shuffle(steps);
    while (shown.every((id, i) => id === steps[i])) shown = r.shuffle(steps);

    const base: Run = {
      kernel: 'naive',
      n: r.pick([256, 384, 512]),
      browser: r.pick(BROWSERS),
      adapter: r.pick(ADAPTERS),
      isolated: r.chance(0.5),
      seed: r.int(1, 99),
      medianMs: 0,
    };
    const [c1, c2] = r.sample(CONFOUNDER_IDS, 2) as [Confounder, Confounder];
    const vary = (run: Run, c: Confounder): Run => {
      switch (c) {
        case 'size':
          return { ...run, n: run.n === 512 ? 256 : run.n * 2 };
        case 'adapter':
          return { ...run, adapter: r.pick(ADAPTERS.filter((a) => a !== run.adapter)) };
        case 'isolation':
          return { ...run, isolated: !run.isolated };
        case 'browser':
          return { ...run, browser: r.pick(BROWSERS.filter((b) => b !== run.browser)) };
        case 'seed':
          return { ...run, seed: run.seed + r.int(1, 50) };
      }
    };
    // x: naive, base; y: tiled, base (the valid pair); z: tiled, with c1; w: naive, with c2.
    const x = base;
    const y: Run = { ...base, kernel: 'tiled' };
    const z: Run = vary({ ...base, kernel: 'tiled' }, c1);
    const w: Run = vary(base, c2);
    const [lx, ly, lz, lw] = r.shuffle(LETTERS) as Letter[] as [Letter, Letter, Letter, Letter];
    const runs = { [lx]: x, [ly]: y, [lz]: z, [lw]: w } as Record<Letter, Run>;
    // Timings: tiled about 2-3x faster, time grows as n^3, a discrete GPU far faster.
    for (const run of Object.values(runs)) {
      const speed = run.adapter.includes('NVIDIA') ? 8 : run.adapter.includes('Apple') ? 3 : 1;
      const work = (run.n / 256) ** 3;
      run.medianMs = round(((run.kernel === 'tiled' ? 4 : 11) * work * r.uniform(0.9, 1.1)) / speed, 2);
    }
    // The pair asked about differs from the valid one in one thing or in two, besides the kernel.
    const asked = r.pick([
      { pair: pairId(lz, lw), reasons: [c1, c2] },
      { pair: pairId(lx, lz), reasons: [c1] },
      { pair: pairId(lw, ly), reasons: [c2] },
    ]);
    return { steps, shown, runs, valid: pairId(lx, ly), asked: asked.pair, reasons: [...asked.reasons].sort() };
  },
  render(variant) {
    const { data } = variant;
    const step = (id: string) => STEPS.find((s) => s.id === id)!;
    return {
      intro:
        'Four results of the same matmul spec, run by four people of a workshop. The spec has a parameter for the kernel (naive or tiled); everything else in each row is what the result recorded about where it ran.',
      tables: [
        {
          id: 'runs',
          caption: 'Four results of the matmul spec',
          columns: ['run', 'kernel', 'n', 'browser', 'adapter', 'isolated', 'seed', 'median'],
          rows: LETTERS.map((l) => {
            const run = data.runs[l];
            return [l.toUpperCase(), run.kernel, run.n, run.browser, run.adapter, run.isolated ? 'yes (5 µs timer)' : 'no (100 µs timer)', run.seed, `${run.medianMs.toFixed(2)} ms`];
          }),
        },
      ],
      parts: {
        order: { items: data.shown.map((id) => ({ id, text: step(id).text })) },
        'why-invalid': { prompt: `The pair: **${pairWords(data.asked)}**.` },
      },
    };
  },
  async check(variant, answers) {
    const { data } = variant;
    const items = data.shown.map((id) => ({ id, text: STEPS.find((s) => s.id === id)!.text }));
    const letterOf = (id: string, k: 0 | 2) => id[k] as Letter;
    return gradeParts(answers, {
      order: (answer) => checkOrdering(answer, items, data.steps, { why: Object.fromEntries(STEPS.map((s) => [s.id, s.why])) }),
      'valid-pair': (answer) => {
        const why: Record<string, string> = {};
        for (const id of PAIRS) {
          const [p, q] = [data.runs[letterOf(id, 0)], data.runs[letterOf(id, 2)]];
          why[id] =
            p.kernel === q.kernel
              ? `Both ${pairWords(id)} ran the ${p.kernel} kernel: they cannot tell naive from tiled.`
              : `${pairWords(id)[0]!.toUpperCase()}${pairWords(id).slice(1)} differ in more than the kernel: go along their two rows column by column.`;
        }
        return checkChoice(answer, validPair, data.valid, { why, correct: 'Correct: these two differ in the kernel and in nothing else, so the difference in their medians is the kernel\'s.' });
      },
      'why-invalid': (answer) =>
        checkChoice(answer, whyInvalid, data.reasons, {
          why: {
            kernel: 'Running different kernels is the point of the comparison, not a reason against it.',
            medians: 'A large gap between the medians is what a comparison may find; it does not make the comparison invalid.',
            ...Object.fromEntries(CONFOUNDER_IDS.filter((c) => !data.reasons.includes(c)).map((c) => [c, `Look at the ${CONFOUNDERS[c].column} column again: is it different for these two runs?`])),
          },
          correct: 'Correct: each of these changes the measurement by itself, so the kernel\'s effect cannot be separated from it.',
        }),
    });
  },
});
