import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: four sentences of a benchmark report, each from a different part of the six-part
 * specification; the learner names the part of each. A wrong pick that falls into the sentence's known
 * trap gets the trap named (never the part); any other wrong pick gets the question each part answers.
 */

export const PARTS = ['task', 'infrastructure', 'datasets', 'metrics', 'constraints', 'results'] as const;
export type SpecPart = (typeof PARTS)[number];

interface Claim {
  part: SpecPart;
  text: string;
  /** The part learners pick by mistake, and why that is a mistake (without naming the right part). */
  trap: SpecPart;
  why: string;
}

const SYSTEMS = [
  { name: 'a handwritten-digit classifier running in the browser', op: 'classify one 28 x 28 digit with the MLP `mnist-mlp`', unit: 'ms' },
  { name: 'a matrix multiplication kernel on WebGPU', op: 'multiply two 512 x 512 float32 matrices', unit: 'ms' },
  { name: 'a vector addition kernel', op: 'add two float32 vectors of 2^20 elements', unit: 'ms' },
] as const;

const NUMBER_IS_NOT_A_METRIC =
  'This sentence reports a number a run produced. A metric says what is measured and how it is summarised, before anything runs; ask whether the sentence could have been written before the first run.';
const RULE_IS_NOT_A_METRIC =
  'This sentence names a statistic, but what it says is how a run must be carried out to count (how many, how long, how precise): a rule of the run, not the definition of what is measured.';
const FOUND_IS_NOT_ASKED =
  'This sentence says which machine a run actually found. The part you picked is written before the run: where it may run and what must be recorded, not what was there.';

/** Four statements per part; {op} and {unit} are filled from the system. */
const POOL: Claim[] = [
  {
    part: 'task',
    text: 'Each timed operation is to {op}.',
    trap: 'datasets',
    why: 'This sentence is about the work being done, not about where its inputs come from.',
  },
  {
    part: 'task',
    text: 'The benchmark measures inference only: loading the model is not part of the timed work.',
    trap: 'constraints',
    why: 'This sentence defines what the work is, not a rule about how long or how often to measure it.',
  },
  {
    part: 'task',
    text: 'The operation is computed in 32-bit floating point (float32).',
    trap: 'infrastructure',
    why: 'The number format belongs to the work itself, not to the machine it runs on.',
  },
  {
    part: 'task',
    text: 'We time one operation at a time, as a user who waits for each answer would see it.',
    trap: 'metrics',
    why: 'This sentence says what work is done and in what shape, not which quantity is measured or how it is summarised.',
  },
  {
    part: 'infrastructure',
    text: 'It may run on WebGPU in the browser or on plain JavaScript.',
    trap: 'task',
    why: 'The work is the same on both; the sentence says where it is allowed to run.',
  },
  {
    part: 'infrastructure',
    text: 'Every run must record the WebGPU adapter, the browser version and whether the page is cross-origin isolated.',
    trap: 'results',
    why: 'This sentence was written before any run: it asks for something to be recorded, it does not report what was recorded.',
  },
  {
    part: 'infrastructure',
    text: "Every run must record the timer's measured resolution.",
    trap: 'constraints',
    why: 'This is not a rule about how to measure; it says what must be written down about the place the run happens.',
  },
  {
    part: 'infrastructure',
    text: 'Runs on a software (CPU fallback) adapter are allowed, and must say so in their record.',
    trap: 'results',
    why: 'This sentence says which machines may be used and what to record about them, before any run.',
  },
  {
    part: 'datasets',
    text: 'The inputs are generated uniformly in [-1, 1) from seed 42, so anyone gets the same numbers.',
    trap: 'task',
    why: 'This sentence is about where the inputs come from and how to recreate them, not about the operation.',
  },
  {
    part: 'datasets',
    text: 'Accuracy is measured on 1000 digits of the MNIST test split, never on the training split.',
    trap: 'metrics',
    why: 'The sentence mentions accuracy, but what it fixes is which inputs are used.',
  },
  {
    part: 'datasets',
    text: 'A fresh copy of the input is made for every run, outside the timed region.',
    trap: 'constraints',
    why: 'This sentence is about the inputs themselves and how they are provided, not a rule for how long or how often to measure.',
  },
  {
    part: 'datasets',
    text: 'The test digits are checked against a checksum, so a changed file is noticed.',
    trap: 'infrastructure',
    why: 'The checksum identifies the inputs, not the machine.',
  },
  {
    part: 'metrics',
    text: 'Latency is the wall time of one operation in {unit}, lower is better, summarised by the median and the p90.',
    trap: 'results',
    why: 'No number from a run is in this sentence: it says what will be measured and how it will be summarised.',
  },
  {
    part: 'metrics',
    text: 'Throughput is counted in items per second; higher is better.',
    trap: 'results',
    why: 'No number from a run is in this sentence: it defines a quantity, its unit and its direction.',
  },
  {
    part: 'metrics',
    text: 'GFLOP/s is 2 n^3 operations divided by the latency, higher is better.',
    trap: 'task',
    why: 'The sentence does not say what work is done; it defines a quantity computed from the timing.',
  },
  {
    part: 'metrics',
    text: 'Accuracy is the fraction of test digits classified correctly, higher is better.',
    trap: 'constraints',
    why: 'This sentence defines a quantity; it sets no threshold a run must reach.',
  },
  { part: 'constraints', text: 'A run discards 3 warm-up runs and takes at least 100 samples.', trap: 'metrics', why: RULE_IS_NOT_A_METRIC },
  {
    part: 'constraints',
    text: 'Sampling stops when the median is known to within ±5%, or after 15 seconds.',
    trap: 'metrics',
    why: RULE_IS_NOT_A_METRIC,
  },
  {
    part: 'constraints',
    text: 'A run counts only if at least 90% of the digits are classified correctly.',
    trap: 'metrics',
    why: 'The sentence names accuracy, but it sets a threshold a run must reach to count: a rule, not the definition of the quantity.',
  },
  { part: 'constraints', text: 'The p90 latency must stay under 50 ms, or the run is INVALID.', trap: 'metrics', why: RULE_IS_NOT_A_METRIC },
  {
    part: 'results',
    text: 'The median latency was 4.2 {unit}, with a 95% interval from 4.1 to 4.4 {unit}.',
    trap: 'metrics',
    why: NUMBER_IS_NOT_A_METRIC,
  },
  { part: 'results', text: 'The run used a SwiftShader adapter (a CPU fallback) in Chromium 156.', trap: 'infrastructure', why: FOUND_IS_NOT_ASKED },
  {
    part: 'results',
    text: 'Verdict: VALID; 412 samples in 3.1 s; 6 outliers flagged.',
    trap: 'constraints',
    why: 'This sentence reports what happened in a run, not a rule a run must follow.',
  },
  {
    part: 'results',
    text: 'The first run took 38 {unit}, timed on its own; the 3 warm-up runs took 6.1, 4.8 and 4.5 {unit}.',
    trap: 'constraints',
    why: 'The numbers in this sentence were measured: it reports what a run did, not a rule for what a run must do.',
  },
];

const GENERIC =
  'Not this part. Ask which question the sentence answers: what is computed, where it may run, on which inputs, what is measured, under which rules a run counts, or what a run produced.';

export interface SortClaimsData {
  system: number;
  /** Indices into POOL, four claims from four different parts. */
  claims: number[];
}

export const claimOf = (i: number): Claim => POOL[i]!;

export default defineExerciseLogic<SortClaimsData>(({ parts }) => {
  const specs = parts.map((p) => p.answer as ChoiceAnswerSpec);
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const chosenParts = r.sample(PARTS, 4);
      const claims = chosenParts.map((part) => r.pick(POOL.map((c, i) => ({ c, i })).filter(({ c }) => c.part === part)).i);
      return { system: r.int(0, SYSTEMS.length - 1), claims };
    },
    render({ data }) {
      const s = SYSTEMS[data.system]!;
      const fill = (t: string) => t.replaceAll('{op}', s.op).replaceAll('{unit}', s.unit);
      const values: Record<string, string> = { system: s.name };
      data.claims.forEach((c, k) => {
        values[`claim-${k + 1}`] = fill(claimOf(c).text);
      });
      return { values };
    },
    async check({ data }, answers) {
      const graders = Object.fromEntries(
        data.claims.map((c, k) => {
          const claim = claimOf(c);
          return [
            `claim-${k + 1}`,
            (answer: Parameters<typeof checkChoice>[0]) =>
              checkChoice(answer, specs[k]!, claim.part, {
                why: { [claim.trap]: claim.why },
                wrong: GENERIC,
                correct: 'Correct.',
              }),
          ];
        }),
      );
      return gradeParts(answers, graders);
    },
  };
});
