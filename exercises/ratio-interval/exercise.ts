import { quantileSorted } from 'd3-array';
import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';
import { bootstrapRatios } from '../../runtime/results/compare.ts';

/**
 * Interpretation: the 95% percentile-bootstrap interval of median(B)/median(A), read from the engine's own
 * resampled ratios (runtime/results/compare.ts bootstrapRatios, the stream `workbook compare` uses), and
 * the claim it allows.
 */

type Effect = 'b-faster' | 'b-slower' | 'cannot-tell';

export interface RatioIntervalData {
  context: number;
  a: number[];
  b: number[];
  /** The engine's resampled ratios median(B*) / median(A*), sorted, rounded to 5 decimals as shown. */
  ratios: number[];
  effect: Effect;
}

const CONTEXTS = [
  { what: 'a 512 x 512 matrix multiplication on `js`', a: 'loops in i-j-k order', b: 'loops in i-k-j order', median: [40, 90] },
  { what: 'the MNIST classifier (`mnist-mlp`, batch 32) on `browser-wasm`', a: 'onnxruntime-web 1.29', b: 'onnxruntime-web 1.30', median: [3, 8] },
  { what: 'a reduction of 2^22 floats on `browser-webgpu`', a: 'workgroup size 64', b: 'workgroup size 256', median: [2, 6] },
  { what: 'a vector addition of 2^20 floats on `js`', a: 'a Float32Array', b: 'a plain Array', median: [1, 3] },
] as const;

const RESAMPLES = 400;
/** As exercise.md: room for a bound rounded to 4 decimals, and no more (a neighbouring rank is further). */
const TOL = { rtol: 0.00001, atol: 0.00006 };

/** The 0-based ranks the accepted readings use: nearest rank, and numpy's lower and higher (linear lies between them). */
export function percentileRanks(n: number, q: number): number[] {
  const clamp = (i: number) => Math.min(n - 1, Math.max(0, i));
  return [...new Set([clamp(Math.ceil(q * n) - 1), clamp(Math.floor((n - 1) * q)), clamp(Math.ceil((n - 1) * q))])];
}

/**
 * The readings of a percentile off sorted values that are accepted, after numpy.percentile's methods
 * (Hyndman and Fan's types): 'linear' first (type 7, the engine's), then 'inverted_cdf' (type 1, nearest
 * rank), 'lower' and 'higher'.
 */
export function percentileReadings(sorted: number[], q: number): number[] {
  return [quantileSorted(sorted, q)!, ...percentileRanks(sorted.length, q).map((i) => sorted[i]!)];
}

/** The ranks just outside the accepted ones: reading one of them is a slip of one rank, not a convention. */
export function neighbourRanks(n: number, q: number): number[] {
  const ranks = percentileRanks(n, q);
  return [Math.min(...ranks) - 1, Math.max(...ranks) + 1].filter((i) => i >= 0 && i < n);
}

export function interval(d: RatioIntervalData): { low: number; high: number } {
  return { low: quantileSorted(d.ratios, 0.025)!, high: quantileSorted(d.ratios, 0.975)! };
}

/** Named mistakes per bound: the 90% interval's bound, the extreme ratio, the bound of A/B. */
export function mistakes(d: RatioIntervalData) {
  const s = d.ratios;
  return {
    low: { ninety: quantileSorted(s, 0.05)!, extreme: s[0]!, inverse: 1 / quantileSorted(s, 0.975)! },
    high: { ninety: quantileSorted(s, 0.95)!, extreme: s.at(-1)!, inverse: 1 / quantileSorted(s, 0.025)! },
  };
}

const apart = (x: number, y: number) => Math.abs(x - y) > 3 * (TOL.atol + TOL.rtol * Math.abs(y));

function clear(d: RatioIntervalData): boolean {
  const { low, high } = interval(d);
  const seen: Effect = low > 1 ? 'b-slower' : high < 1 ? 'b-faster' : 'cannot-tell';
  if (seen !== d.effect) return false;
  // Clearly one side of 1, or clearly straddling it.
  if (d.effect === 'cannot-tell' ? !(low < 0.99 && high > 1.01) : !(low > 1.015 || high < 0.985)) return false;
  const m = mistakes(d);
  const okLow = Object.values(m.low).every((w) => percentileReadings(d.ratios, 0.025).every((r) => apart(w, r)));
  const okHigh = Object.values(m.high).every((w) => percentileReadings(d.ratios, 0.975).every((r) => apart(w, r)));
  // Every other rank, from the nearest out, lies outside the tolerance of every accepted reading.
  const ranksApart = [0.025, 0.975].every((q) =>
    neighbourRanks(d.ratios.length, q).every((i) => percentileReadings(d.ratios, q).every((r) => apart(d.ratios[i]!, r))),
  );
  return okLow && okHigh && ranksApart;
}

export default defineExerciseLogic<RatioIntervalData>(({ parts }) => {
  const spec = (id: string) => parts.find((p) => p.id === id)!.answer;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const context = r.int(0, CONTEXTS.length - 1);
      const c = CONTEXTS[context]!;
      const effect = r.pick<Effect>(['b-faster', 'b-slower', 'cannot-tell']);
      for (let attempt = 0; attempt < 100; attempt++) {
        const base = r.uniform(c.median[0], c.median[1]);
        const sigma = r.uniform(0.05, 0.12);
        const ratio = effect === 'b-slower' ? r.uniform(1.06, 1.2) : effect === 'b-faster' ? r.uniform(0.82, 0.94) : r.uniform(0.995, 1.005);
        const a = Array.from({ length: r.int(25, 40) }, () => round(r.logNormal(base, sigma), 3));
        const b = Array.from({ length: r.int(25, 40) }, () => round(r.logNormal(base * ratio, sigma), 3));
        const ratios = bootstrapRatios(a, b, seed, RESAMPLES).map((x) => round(x, 5));
        const d: RatioIntervalData = { context, a, b, ratios, effect };
        if (clear(d)) return d;
      }
      throw new Error(`ratio-interval: no clear variant for seed ${seed}`);
    },
    render({ data }) {
      const c = CONTEXTS[data.context]!;
      return {
        values: {
          what: c.what,
          'version-a': c.a,
          'version-b': c.b,
          'count-a': data.a.length,
          'count-b': data.b.length,
          resamples: data.ratios.length,
        },
        datasets: [
          { id: 'ratios', label: 'Resampled ratios median(B*)/median(A*), sorted', unit: '', values: data.ratios },
          { id: 'run-a', label: `Run A (${c.a})`, unit: 'ms', values: data.a },
          { id: 'run-b', label: `Run B (${c.b})`, unit: 'ms', values: data.b },
        ],
      };
    },
    async check({ data }, answers) {
      const { low, high } = interval(data);
      const m = mistakes(data);
      const bound = (which: 'low' | 'high', value: number) => (answer: Parameters<typeof checkNumber>[0]) => {
        const [, ...others] = percentileReadings(data.ratios, which === 'low' ? 0.025 : 0.975);
        const w = m[which];
        return checkNumber(answer, spec(which) as NumberAnswerSpec, value, {
          unitSlips: false,
          alsoAccept: others.map((v) => ({
            value: v,
            feedback:
              'Correct by a standard percentile definition (nearest rank, or numpy’s lower or higher); the engine interpolates between neighbours (numpy’s default).',
          })),
          misconceptions: [
            { value: w.ninety, feedback: 'That cuts 5% off each end: a 90% interval, narrower than the 95% one asked for.' },
            {
              value: w.extreme,
              feedback: 'That is the most extreme resampled ratio. The interval keeps the middle 95%; the extremes only grow with more resamples.',
            },
            { value: w.inverse, feedback: 'That is a bound of A/B, the reciprocal. The question is about B/A.' },
          ],
          wrong: 'Sort the resampled ratios (they are) and read the percentile that cuts 2.5% off that end.',
          correct: 'Correct.',
        });
      };
      return gradeParts(answers, {
        low: bound('low', low),
        high: bound('high', high),
        decide: (answer) =>
          checkChoice(answer, spec('decide') as ChoiceAnswerSpec, data.effect, {
            wrong: 'Not what this interval says. Find the interval of B/A first, then ask where 1 lies: below it, above it, or inside it.',
            correct:
              data.effect === 'cannot-tell'
                ? 'Correct: the interval includes 1. That does not show A and B are the same, only that these runs cannot tell them apart.'
                : 'Correct: the whole interval lies on one side of 1.',
          }),
      });
    },
  };
});
