import { mean, quantileSorted } from 'd3-array';
import { percentile } from '../../runtime/measure/stats.ts';
import { bootstrapRatioCi } from '../../runtime/results/compare.ts';
import { gradeParts } from '../../runtime/exercises/check.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { checkChoice, checkNumber } from '../../runtime/exercises/checkers.ts';
import { round, variantRandom, type VariantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec, Part, Variant } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: two runs of the same benchmark, before and after a change, as raw samples. The
 * learner computes a median and a p90 from the samples of their variant, decides whether the change
 * made a difference larger than the noise, and spots the run whose mean misleads.
 */

type RunId = 'a' | 'b';
type Effect = 'b-slower' | 'b-faster' | 'no-difference';
type Outliers = 'run-a' | 'run-b' | 'both' | 'neither';

export interface ReadTwoRunsData {
  context: number;
  /** Samples of each run, ms per iteration, rounded to 0.001 ms (1 µs) as shown. */
  a: number[];
  b: number[];
  /** What the generator built in: the correct answers of the two choice parts. */
  effect: Effect;
  outliers: Outliers;
  /** Which run's median and which run's p90 are asked for. */
  medianOf: RunId;
  p90Of: RunId;
}

/** Scenarios: what was measured, and what changed between run A and run B. */
const CONTEXTS = [
  {
    what: 'the MNIST digit classifier (`mnist-mlp`, batch 1) on `browser-wasm`',
    a: 'onnxruntime-web 1.29',
    b: 'onnxruntime-web 1.30',
    median: [2, 6],
  },
  { what: 'a vector addition of 2^20 floats on `browser-webgpu`', a: 'workgroup size 64', b: 'workgroup size 256', median: [4, 12] },
  { what: 'a naive 256 x 256 matrix multiplication on `js`', a: 'loops in i-j-k order', b: 'loops in i-k-j order', median: [10, 30] },
  { what: 'a reduction (sum) of 2^22 floats on `node-webgpu`', a: 'one value per invocation', b: 'sixteen values per invocation', median: [3, 9] },
  {
    what: 'a generated MLP (`mlp`, layers 256-512-512-10, batch 8) on `node-onnx`',
    a: 'the default session options',
    b: 'graph optimisation level "all"',
    median: [1, 4],
  },
] as const;

const runName = (r: RunId) => (r === 'a' ? 'run A' : 'run B');

/** The 95% bootstrap interval of median(B)/median(A), as `workbook compare` computes it (seeded). */
export function ratioInterval(data: Pick<ReadTwoRunsData, 'a' | 'b'>, seed: number, resamples = 1000): [number, number] {
  return bootstrapRatioCi(data.a, data.b, seed, resamples);
}

/** The part's answer spec, from exercise.md's frontmatter. */
function answerOf<T extends Part['answer']['type']>(parts: Part[], id: string, type: T): Extract<Part['answer'], { type: T }> {
  const a = parts.find((p) => p.id === id)?.answer;
  if (a?.type !== type) throw new Error(`read-two-runs: exercise.md must declare the part "${id}" as ${type}`);
  return a as Extract<Part['answer'], { type: T }>;
}

/** The ways people compute a percentile (Hyndman and Fan); an answer by any of them is right. */
export function percentileVariants(samples: readonly number[], p: number): number[] {
  const s = [...samples].sort((x, y) => x - y);
  const n = s.length;
  const q = p / 100;
  const at = (i: number) => s[Math.min(n - 1, Math.max(0, i))]!;
  const h6 = q * (n + 1) - 1; // Excel PERCENTILE.EXC, Minitab (type 6)
  return [
    percentile(samples, p), // numpy 'linear', type 7: the engine's
    at(Math.ceil(q * n) - 1), // nearest rank (type 1)
    at(Math.floor((n - 1) * q)), // numpy 'lower'
    at(Math.ceil((n - 1) * q)), // numpy 'higher'
    (at(Math.floor((n - 1) * q)) + at(Math.ceil((n - 1) * q))) / 2, // numpy 'midpoint'
    at(Math.floor(h6)) + (h6 - Math.floor(h6)) * (at(Math.floor(h6) + 1) - at(Math.floor(h6))),
  ];
}

function drawRun(r: VariantRandom, count: number, medianMs: number, sigma: number, withOutliers: boolean): number[] {
  const xs = Array.from({ length: count }, () => round(r.logNormal(medianMs, sigma), 3));
  if (withOutliers) {
    // Pauses (garbage collection, a background task): a few samples several times slower.
    const k = r.int(6, 9);
    for (const i of r.sample([...xs.keys()], k)) xs[i] = round(medianMs * r.uniform(4, 9), 3);
  }
  return xs;
}

export default defineExerciseLogic<ReadTwoRunsData>(({ parts }) => {
  const median: NumberAnswerSpec = answerOf(parts, 'median', 'number');
  const p90: NumberAnswerSpec = answerOf(parts, 'p90', 'number');
  const significant: ChoiceAnswerSpec = answerOf(parts, 'significant', 'choice');
  const misleading: ChoiceAnswerSpec = answerOf(parts, 'misleading', 'choice');
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const context = r.int(0, CONTEXTS.length - 1);
      const c = CONTEXTS[context]!;
      const base = r.uniform(c.median[0], c.median[1]);
      const sigma = r.uniform(0.06, 0.12);
      const effect = r.pick<Effect>(['b-slower', 'b-faster', 'no-difference']);
      const outliers = r.pick<Outliers>(['run-a', 'run-b', 'both', 'neither']);
      const medianOf = r.pick<RunId>(['a', 'b']);
      const p90Of: RunId = medianOf === 'a' ? 'b' : 'a';
      // Redraw until the data say clearly what the generator meant (almost always the first draw).
      for (let attempt = 0; attempt < 50; attempt++) {
        const ratio = effect === 'b-slower' ? r.uniform(1.12, 1.3) : effect === 'b-faster' ? r.uniform(0.72, 0.88) : r.uniform(0.995, 1.005);
        const a = drawRun(r, r.int(100, 120), base, sigma, outliers === 'run-a' || outliers === 'both');
        const b = drawRun(r, r.int(100, 120), base * ratio, sigma, outliers === 'run-b' || outliers === 'both');
        const data: ReadTwoRunsData = { context, a, b, effect, outliers, medianOf, p90Of };
        if (isClear(data, seed)) return data;
      }
      throw new Error(`read-two-runs: no clear variant for seed ${seed}`);
    },
    render(variant) {
      const { data } = variant;
      const c = CONTEXTS[data.context]!;
      return {
        values: {
          what: c.what,
          'version-a': c.a,
          'version-b': c.b,
          'count-a': data.a.length,
          'count-b': data.b.length,
          'median-run': runName(data.medianOf),
          'p90-run': runName(data.p90Of),
        },
        datasets: [
          { id: 'run-a', label: `Run A (${c.a})`, unit: 'ms', values: data.a },
          { id: 'run-b', label: `Run B (${c.b})`, unit: 'ms', values: data.b },
        ],
      };
    },
    async check(variant, answers) {
      const { data } = variant;
      const runOf = (r: RunId) => (r === 'a' ? data.a : data.b);
      const other = (r: RunId): RunId => (r === 'a' ? 'b' : 'a');
      return gradeParts(answers, {
        median: (answer) => {
          const xs = runOf(data.medianOf);
          const sorted = [...xs].sort((x, y) => x - y);
          const m = quantileSorted(sorted, 0.5)!;
          return checkNumber(answer, median, m, {
            alsoAccept: [{ value: sorted[Math.floor((sorted.length - 1) / 2)]! }, { value: sorted[Math.ceil((sorted.length - 1) / 2)]! }],
            misconceptions: [
              { value: mean(xs)!, feedback: 'That is the mean (the average), not the median. The median is the middle of the sorted samples.' },
              { value: xs[Math.floor(xs.length / 2)]!, feedback: 'That is the middle of the samples in the order they were taken. Sort them first.' },
              {
                value: (sorted[0]! + sorted.at(-1)!) / 2,
                feedback: 'That is halfway between the fastest and the slowest sample; the median is the middle of the sorted samples.',
              },
              {
                value: quantileSorted(
                  [...runOf(other(data.medianOf))].sort((x, y) => x - y),
                  0.5,
                )!,
                feedback: `That is the median of ${runName(other(data.medianOf))}; this part asks about ${runName(data.medianOf)}.`,
              },
            ],
            wrong: 'Sort the samples and take the middle; with an even count, average the two middle values.',
            correct: 'Correct: half the samples are faster than this, half slower.',
          });
        },
        p90: (answer) => {
          const xs = runOf(data.p90Of);
          const [linear, ...others] = percentileVariants(xs, 90);
          const sortedOther = runOf(other(data.p90Of));
          return checkNumber(answer, p90, linear!, {
            alsoAccept: others.map((value) => ({
              value,
              feedback:
                "Correct by a standard percentile definition. The workbook uses linear interpolation (numpy's default); say which definition you used when you report a percentile.",
            })),
            misconceptions: [
              {
                value: xs[Math.ceil(0.9 * xs.length) - 1]!,
                feedback: 'That is the sample at the 90% position of the list as it was taken. Sort the samples first.',
              },
              { value: Math.max(...xs), feedback: 'That is the slowest sample (the maximum). p90 is the value 90% of the samples are below.' },
              {
                value: percentile(sortedOther, 90),
                feedback: `That is the p90 of ${runName(other(data.p90Of))}; this part asks about ${runName(data.p90Of)}.`,
              },
              {
                value: mean(xs)! * 0.9,
                feedback: 'That is 90% of the mean. A percentile is a position in the sorted samples, not a fraction of a value.',
              },
            ],
            wrong: 'Sort the samples; p90 sits at rank (n - 1) x 0.9 counting from 0, interpolated between its two neighbours.',
            correct: 'Correct: 90% of the samples are at or below this.',
          });
        },
        // One feedback for every wrong pick: naming the direction would give the answer away.
        significant: (answer) =>
          checkChoice(answer, significant, data.effect, {
            wrong:
              "Not what the data say. Compute the ratio of the medians, B/A, and its 95% bootstrap interval: resample each run, take the ratio of the two medians, repeat, keep the middle 95%. Then ask where 1 lies: above the interval, below it, or inside it. (Whether the two medians' own intervals overlap is not the test.)",
            correct:
              data.effect === 'no-difference'
                ? 'Correct: the interval of the ratio includes 1, so these runs cannot tell the two versions apart.'
                : 'Correct: the whole 95% interval of the ratio lies on one side of 1.',
          }),
        misleading: (answer) =>
          checkChoice(answer, misleading, data.outliers, {
            wrong:
              "Compute each run's mean and put it beside its median. Where do they disagree by more than a few percent, and which samples pull them apart?",
            correct:
              'Correct: a few long pauses pull a mean far above the typical call; the median does not move. Report the median with its spread, and count the outliers.',
          }),
      });
    },
  };
});

/** The data say what the generator meant: clear significance or clear overlap, means that mislead only where pauses were put. */
function isClear(data: ReadTwoRunsData, seed: number): boolean {
  const s = { a: { median: percentile(data.a, 50) }, b: { median: percentile(data.b, 50) } };
  const [lo, hi] = ratioInterval(data, seed);
  // Clearly one side of 1, or clearly straddling it: any reasonable bootstrap (other seeds, 2000 resamples) agrees.
  if (data.effect === 'no-difference' ? !(lo < 0.985 && hi > 1.015) : data.effect === 'b-slower' ? !(lo > 1.03) : !(hi < 0.97)) return false;
  const misleads = (xs: number[], med: number) => mean(xs)! / med;
  const ra = misleads(data.a, s.a.median);
  const rb = misleads(data.b, s.b.median);
  const wantA = data.outliers === 'run-a' || data.outliers === 'both';
  const wantB = data.outliers === 'run-b' || data.outliers === 'both';
  const ok = (ratio: number, want: boolean) => (want ? ratio > 1.15 : ratio < 1.03);
  return ok(ra, wantA) && ok(rb, wantB);
}

export type ReadTwoRunsVariant = Variant<ReadTwoRunsData>;
