import { gradeParts } from '../../runtime/exercises/check.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { checkChoice, checkOrdering } from '../../runtime/exercises/checkers.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, Part } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: the order of an honest benchmarking protocol (the order the engine's runSpec follows),
 * then a table of four runs whose environments differ: which pair answers "is the tiled kernel faster?",
 * and why another pair cannot.
 */

/**
 * Why each step of the protocol is where it is, as the misconception it answers: what the step needs,
 * or what needs it. Never its position ("first", "last"), which would give the order away.
 */
const STEP_WHY: Record<string, string> = {
  'write-spec': 'What counts as a result must be decided before any number is seen; rules written after the numbers can be tuned to them.',
  'generate-inputs': 'Nothing can run, or be checked, on inputs that do not exist yet; drawn from the seed, they are the same on every machine.',
  setup: 'Compiling and uploading are what make the work runnable at all; they are timed, but as setup, never as a sample.',
  verify: 'A wrong answer must never be timed: its output is checked before any time counts.',
  'first-run': 'The cold run (caches, lazy compilation) is timed by itself; once anything has warmed the code, no run is cold any more.',
  warmup: 'Warm-up runs are discarded so that no sample that counts includes cold effects.',
  calibrate: 'The batch size must be found on warm code, and the samples use it.',
  sample: 'A sample needs its batch size already known.',
  summarize: 'Statistics summarise samples that already exist.',
  validity: 'Validity is judged on the summary, against the run rules of the spec.',
  record: 'The record holds the samples, the statistics, the validity and the environment.',
  compare: 'A comparison needs saved records on both sides.',
};

/** What can differ between two runs besides the kernel, with the column it shows in. */
const CONFOUNDERS = {
  size: { column: 'n' },
  adapter: { column: 'adapter' },
  isolation: { column: 'isolated' },
  browser: { column: 'browser' },
  seed: { column: 'seed' },
} as const;
type Confounder = keyof typeof CONFOUNDERS;
const CONFOUNDER_IDS = Object.keys(CONFOUNDERS) as Confounder[];

const LETTERS = ['a', 'b', 'c', 'd'] as const;
type Letter = (typeof LETTERS)[number];
const PAIRS = LETTERS.flatMap((x, i) => LETTERS.slice(i + 1).map((y) => `${x}-${y}`));

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

/** The part's answer spec, from exercise.md's frontmatter. */
function answerOf<T extends Part['answer']['type']>(parts: Part[], id: string, type: T): Extract<Part['answer'], { type: T }> {
  const a = parts.find((p) => p.id === id)?.answer;
  if (a?.type !== type) throw new Error(`valid-comparisons: exercise.md must declare the part "${id}" as ${type}`);
  return a as Extract<Part['answer'], { type: T }>;
}

export default defineExerciseLogic<ValidComparisonsData>(({ parts }) => {
  const protocol = answerOf(parts, 'order', 'ordering');
  const STEP_IDS = protocol.items.map((i) => i.id);
  const validPair: ChoiceAnswerSpec = answerOf(parts, 'valid-pair', 'choice');
  const whyInvalid: ChoiceAnswerSpec = answerOf(parts, 'why-invalid', 'choice');
  const stepText = (id: string) => protocol.items.find((i) => i.id === id)!.text;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const count = 7;
      const chosen = new Set(r.sample(STEP_IDS, count));
      const steps = STEP_IDS.filter((id) => chosen.has(id));
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
      return {
        values: { 'asked-pair': pairWords(data.asked) },
        tables: [
          {
            id: 'runs',
            caption: 'Four results of the matmul spec',
            columns: ['run', 'kernel', 'n', 'browser', 'adapter', 'isolated', 'seed', 'median'],
            rows: LETTERS.map((l) => {
              const run = data.runs[l];
              return [
                l.toUpperCase(),
                run.kernel,
                run.n,
                run.browser,
                run.adapter,
                run.isolated ? 'yes (5 µs timer)' : 'no (100 µs timer)',
                run.seed,
                `${run.medianMs.toFixed(2)} ms`,
              ];
            }),
          },
        ],
        parts: { order: { items: data.shown.map((id) => ({ id, text: stepText(id) })) } },
      };
    },
    async check(variant, answers) {
      const { data } = variant;
      const items = data.shown.map((id) => ({ id, text: stepText(id) }));
      const letterOf = (id: string, k: 0 | 2) => id[k] as Letter;
      return gradeParts(answers, {
        order: (answer) => checkOrdering(answer, items, data.steps, { why: STEP_WHY }),
        'valid-pair': (answer) => {
          const why: Record<string, string> = {};
          for (const id of PAIRS) {
            const [p, q] = [data.runs[letterOf(id, 0)], data.runs[letterOf(id, 2)]];
            why[id] =
              p.kernel === q.kernel
                ? `Both ${pairWords(id)} ran the ${p.kernel} kernel: they cannot tell naive from tiled.`
                : `${pairWords(id)[0]!.toUpperCase()}${pairWords(id).slice(1)} differ in more than the kernel: go along their two rows column by column.`;
          }
          return checkChoice(answer, validPair, data.valid, {
            why,
            correct: "Correct: these two differ in the kernel and in nothing else, so the difference in their medians is the kernel's.",
          });
        },
        'why-invalid': (answer) =>
          checkChoice(answer, whyInvalid, data.reasons, {
            // Misconceptions only: the feedback never says which columns differ (that is the answer).
            why: {
              kernel: 'Running different kernels is the point of the comparison, not a reason against it.',
              medians: 'A large gap between the medians is what a comparison may find; it does not make the comparison invalid.',
            },
            wrong: 'Go along the two rows column by column; every column besides the kernel in which they differ is a reason.',
            correct: "Correct: each of these changes the measurement by itself, so the kernel's effect cannot be separated from it.",
          }),
      });
    },
  };
});
