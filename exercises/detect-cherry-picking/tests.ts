import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { honestOf, mistakesOf, type CherryData } from './exercise.ts';

/** No other named figure lies within 2% of this one (the tolerance is 1%): its own feedback must show. */
const soleFigure = (d: CherryData, key: string) => {
  const all = mistakesOf(d);
  return Object.entries(all).every(([k, x]) => k === key || Math.abs(x - all[key]!) > 0.02 * all[key]!);
};

const SEEDS = Array.from({ length: 24 }, (_, i) => i + 1);
const ms = (x: number) => `${x.toFixed(4)} ms`;

export default defineExerciseTests<CherryData>({
  solve: (v) => ({ how: v.data.trick, honest: ms(honestOf(v.data)) }),
  cases: [
    {
      name: 'the published figure given back is named as such',
      seeds: SEEDS,
      answers: (v) => ({ honest: ms(v.data.claim) }),
      expect: { honest: { status: 'wrong', feedback: 'figure as reported' } },
    },
    {
      name: 'the mean of the registered runs is named',
      seeds: SEEDS,
      // Where the mean lies within the tolerance of another named figure, that figure's feedback is as true.
      answers: (v) => (soleFigure(v.data, 'mean') ? { honest: ms(mistakesOf(v.data).mean!) } : undefined),
      expect: { honest: { status: 'wrong', feedback: 'A mean of run medians' } },
    },
    {
      name: 'the median of every row, other seeds included, is named (changed-seed variants)',
      seeds: SEEDS,
      answers: (v) =>
        v.data.trick === 'changed-seed' && soleFigure(v.data, 'all-rows') ? { honest: ms(mistakesOf(v.data)['all-rows']!) } : undefined,
      expect: { honest: { status: 'wrong', feedback: 'Every row of the log is not every run' } },
    },
    {
      name: 'the fastest run is never the honest figure',
      seeds: SEEDS,
      answers: (v) => (v.data.trick === 'best-of-n' ? undefined : { honest: ms(mistakesOf(v.data).fastest!) }),
      expect: { honest: { status: 'wrong', score: 0 } },
    },
    {
      name: 'a wrong trick gets a hint, not the answer',
      seeds: SEEDS,
      answers: (v) => ({ how: v.data.trick === 'best-of-n' ? 'dropped-runs' : 'best-of-n' }),
      expect: { how: { status: 'wrong', score: 0 } },
    },
    {
      name: '"nothing was cherry-picked" is never right here',
      seeds: SEEDS,
      answers: () => ({ how: 'none' }),
      expect: { how: { status: 'wrong', feedback: 'Compute the median of every run' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'a constant', answers: () => ({ how: 'best-of-n', honest: '10 ms' }) },
    { name: 'the published figure and "nothing"', answers: (v) => ({ how: 'none', honest: ms(v.data.claim) }) },
    {
      name: "another seed's answer",
      answers: (v, exercise) => {
        const o = createVariant(exercise, v.seed + 1000).data as CherryData;
        return { how: o.trick, honest: ms(honestOf(o)) };
      },
    },
  ],
});
