import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { bootstrapRatioCi } from '../../runtime/results/compare.ts';
import { interval, mistakes, percentileReadings, type RatioIntervalData } from './exercise.ts';

const f = (x: number) => x.toFixed(5);
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export default defineExerciseTests<RatioIntervalData>({
  solve: ({ data }) => ({ low: f(interval(data).low), high: f(interval(data).high), decide: data.effect }),
  cases: [
    {
      name: 'nearest-rank percentiles are accepted with a note',
      seeds: SEEDS,
      answers: ({ data }) => ({ low: f(percentileReadings(data.ratios, 0.025)[1]!), high: f(percentileReadings(data.ratios, 0.975)[1]!) }),
      expect: { low: { status: 'correct' }, high: { status: 'correct' } },
    },
    {
      name: 'a 90% interval is named',
      seeds: SEEDS,
      answers: ({ data }) => ({ low: f(mistakes(data).low.ninety), high: f(mistakes(data).high.ninety) }),
      expect: { low: { status: 'wrong', feedback: '90% interval' }, high: { status: 'wrong', feedback: '90% interval' } },
    },
    {
      name: 'the smallest and largest resampled ratio are named',
      seeds: SEEDS,
      answers: ({ data }) => ({ low: f(mistakes(data).low.extreme), high: f(mistakes(data).high.extreme) }),
      expect: { low: { status: 'wrong', feedback: 'most extreme' }, high: { status: 'wrong', feedback: 'most extreme' } },
    },
    {
      name: 'the interval of A/B is named',
      seeds: SEEDS,
      answers: ({ data }) => ({ low: f(mistakes(data).low.inverse), high: f(mistakes(data).high.inverse) }),
      expect: { low: { status: 'wrong', feedback: 'reciprocal' }, high: { status: 'wrong', feedback: 'reciprocal' } },
    },
    {
      name: 'the variant agrees with workbook compare’s own interval (2000 resamples, another seed) on the decision',
      seeds: SEEDS,
      answers: ({ data, seed }) => {
        const [lo, hi] = bootstrapRatioCi(data.a, data.b, seed + 999, 2000);
        return { decide: lo > 1 ? 'b-slower' : hi < 1 ? 'b-faster' : 'cannot-tell' };
      },
      expect: { decide: { status: 'correct' } },
    },
    {
      name: 'every wrong decision gets the same feedback, which does not give the direction away',
      seeds: SEEDS,
      answers: ({ data }) => ({ decide: data.effect === 'b-faster' ? 'b-slower' : 'b-faster' }),
      expect: { decide: { status: 'wrong', feedback: [/^Not what this interval says/, /^(?![\s\S]*(slower|faster))/] } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'one everywhere and cannot tell', answers: () => ({ low: '1', high: '1', decide: 'cannot-tell' }) },
    {
      name: 'the extremes of any ratio list',
      answers: ({ data }) => ({ low: f(data.ratios[0]!), high: f(data.ratios.at(-1)!), decide: 'b-faster' }),
    },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32).data;
          if (o.effect !== v.data.effect) return { low: f(interval(o).low), high: f(interval(o).high), decide: o.effect };
        }
      },
    },
  ],
});
