import { mean, quantileSorted } from 'd3-array';
import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { isClose } from '../../runtime/exercises/checkers.ts';
import { percentile } from '../../runtime/measure/stats.ts';
import { percentileVariants, ratioInterval, type ReadTwoRunsData } from './exercise.ts';
import type { Variant } from '../../runtime/exercises/types.ts';

const run = (v: Variant<ReadTwoRunsData>, r: 'a' | 'b') => (r === 'a' ? v.data.a : v.data.b);
const medianOf = (xs: number[]) =>
  quantileSorted(
    [...xs].sort((a, b) => a - b),
    0.5,
  )!;
const p90Of = (v: Variant<ReadTwoRunsData>) => percentile(run(v, v.data.p90Of), 90);
const ms = (x: number, digits = 4) => `${x.toFixed(digits)} ms`;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

export default defineExerciseTests<ReadTwoRunsData>({
  solve: (v) => ({
    median: ms(medianOf(run(v, v.data.medianOf))),
    p90: ms(p90Of(v)),
    significant: v.data.effect,
    misleading: v.data.outliers,
  }),
  cases: [
    {
      name: 'the median in seconds is converted and accepted',
      answers: (v) => ({ median: `${(medianOf(run(v, v.data.medianOf)) / 1000).toFixed(8)} s` }),
      expect: { median: { status: 'correct' } },
    },
    {
      name: 'a number without its unit is a format error',
      answers: (v) => ({ median: medianOf(run(v, v.data.medianOf)).toFixed(3) }),
      expect: { median: { status: 'format-error', feedback: 'Give the unit too' } },
    },
    {
      name: 'text that is not a number is a format error',
      answers: () => ({ median: 'about ten ms', p90: '12,5 ms' }),
      expect: {
        median: { status: 'format-error', feedback: 'does not start with a number' },
        p90: { status: 'format-error', feedback: 'point for decimals' },
      },
    },
    {
      name: 'the mean instead of the median is wrong, and named',
      seeds: SEEDS,
      answers: (v) => {
        const xs = run(v, v.data.medianOf);
        return isClose(mean(xs)!, medianOf(xs), 2e-3) ? undefined : { median: ms(mean(xs)!) };
      },
      expect: { median: { status: 'wrong', feedback: 'That is the mean' } },
    },
    {
      name: 'the middle of the unsorted samples is wrong: sort first',
      seeds: SEEDS,
      answers: (v) => {
        const xs = run(v, v.data.medianOf);
        const middle = xs[Math.floor(xs.length / 2)]!;
        return isClose(middle, medianOf(xs), 2e-3) || isClose(middle, mean(xs)!, 2e-3) ? undefined : { median: ms(middle) };
      },
      expect: { median: { status: 'wrong', feedback: 'Sort them first' } },
    },
    {
      name: 'the median in microseconds written as ms is off by a factor of a thousand',
      answers: (v) => ({ median: ms(medianOf(run(v, v.data.medianOf)) * 1000, 1) }),
      expect: { median: { status: 'wrong', feedback: 'factor of a thousand' } },
    },
    {
      name: 'p90 by nearest rank is accepted, with a note on definitions',
      seeds: SEEDS,
      answers: (v) => {
        const nearest = percentileVariants(run(v, v.data.p90Of), 90)[1]!;
        return isClose(nearest, p90Of(v), 5e-3) ? undefined : { p90: ms(nearest) };
      },
      expect: { p90: { status: 'correct', feedback: 'standard percentile definition' } },
    },
    {
      name: 'the maximum is not the p90',
      answers: (v) => ({ p90: ms(Math.max(...run(v, v.data.p90Of))) }),
      expect: { p90: { status: 'wrong', feedback: 'maximum' } },
    },
    {
      name: 'the p90 of the other run is named as such',
      seeds: SEEDS,
      answers: (v) => {
        const other = percentile(run(v, v.data.p90Of === 'a' ? 'b' : 'a'), 90);
        return percentileVariants(run(v, v.data.p90Of), 90).some((p) => isClose(other, p, 5e-3)) ? undefined : { p90: ms(other) };
      },
      expect: { p90: { status: 'wrong', feedback: 'this part asks about' } },
    },
    {
      name: 'calling a real difference noise is wrong, with a pointer to the spread',
      seeds: SEEDS,
      answers: (v) => (v.data.effect === 'no-difference' ? undefined : { significant: 'no-difference' }),
      expect: { significant: { status: 'wrong', feedback: 'ratio of the medians, B/A' } },
    },
    {
      name: 'calling noise a difference is wrong',
      seeds: SEEDS,
      answers: (v) => (v.data.effect === 'no-difference' ? { significant: 'b-slower' } : undefined),
      expect: { significant: { status: 'wrong', feedback: 'ratio of the medians, B/A' } },
    },
    {
      name: 'the wrong direction gets the same feedback as any wrong pick: it does not give the direction away',
      seeds: SEEDS,
      answers: (v) =>
        v.data.effect === 'b-slower' ? { significant: 'b-faster' } : v.data.effect === 'b-faster' ? { significant: 'b-slower' } : undefined,
      expect: {
        significant: {
          status: 'wrong',
          feedback: [/^Not what the data say\. Compute the ratio/, /^(?![\s\S]*(direction|larger times|slower|faster))/],
        },
      },
    },
    {
      name: "the generated effect agrees with compare's interval of the ratio under another bootstrap seed",
      seeds: SEEDS,
      answers: (v) => {
        const [lo, hi] = ratioInterval(v.data, v.seed + 12345, 2000);
        const seen = lo > 1 ? 'b-slower' : hi < 1 ? 'b-faster' : 'no-difference';
        return { significant: seen };
      },
      expect: { significant: { status: 'correct' } },
    },
    {
      name: 'the wrong run for the misleading mean sends the learner to compare mean and median',
      seeds: SEEDS,
      answers: (v) => ({ misleading: v.data.outliers === 'neither' ? 'both' : 'neither' }),
      expect: { misleading: { status: 'wrong', feedback: 'beside its median' } },
    },
    {
      name: 'an option that does not exist is a format error',
      answers: () => ({ significant: 'maybe' }),
      expect: { significant: { status: 'format-error', feedback: 'not among the options' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    {
      name: 'a constant for every number and the first option everywhere',
      answers: () => ({ median: '5 ms', p90: '6 ms', significant: 'b-slower', misleading: 'run-a' }),
    },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          if (o.data.effect !== v.data.effect && o.data.outliers !== v.data.outliers)
            return { median: ms(medianOf(run(o, o.data.medianOf))), p90: ms(p90Of(o)), significant: o.data.effect, misleading: o.data.outliers };
        }
      },
    },
  ],
});
