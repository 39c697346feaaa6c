import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { mistakes, separated, solution, type WorstGroupData } from './exercise.ts';

const fmt = (x: number) => x.toFixed(4);
const solve = (v: Variant<WorstGroupData>) => {
  const s = solution(v.data);
  return { worst: fmt(s.worst), gap: fmt(s.gap) };
};
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

export default defineExerciseTests<WorstGroupData>({
  solve,
  cases: [
    {
      name: 'every variant keeps its named mistakes apart from the answers (by more than twice the tolerance)',
      seeds: SEEDS,
      answers: (v) => {
        if (!separated(v.data)) throw new Error(`seed ${v.seed}: a named mistake is within the tolerance of an answer`);
        return solve(v);
      },
      expect: { worst: { status: 'correct' }, gap: { status: 'correct' } },
    },
    {
      name: 'the overall accuracy is named',
      seeds: SEEDS,
      answers: (v) => ({ worst: fmt(mistakes(v.data).overall) }),
      expect: { worst: { status: 'wrong', feedback: 'overall accuracy' } },
    },
    {
      name: 'the mean of the groups is named',
      seeds: SEEDS,
      answers: (v) => ({ worst: fmt(mistakes(v.data).mean) }),
      expect: { worst: { status: 'wrong', feedback: 'macro average' } },
    },
    {
      name: 'the group with the most mistakes by count is named',
      seeds: SEEDS,
      answers: (v) => ({ worst: fmt(mistakes(v.data).mostErrors) }),
      expect: { worst: { status: 'wrong', feedback: 'most mistakes by count' } },
    },
    {
      name: 'the error rate is named',
      seeds: SEEDS,
      answers: (v) => ({ worst: fmt(mistakes(v.data).errorRate) }),
      expect: { worst: { status: 'wrong', feedback: 'error rate' } },
    },
    {
      name: 'a gap against the overall accuracy is named',
      seeds: SEEDS,
      answers: (v) => ({ gap: fmt(mistakes(v.data).bestMinusOverall) }),
      expect: { gap: { status: 'wrong', feedback: 'between two groups' } },
    },
    {
      name: 'a percentage instead of a fraction is wrong, and named',
      seeds: SEEDS,
      answers: (v) => ({ worst: (solution(v.data).worst * 100).toFixed(2), gap: (solution(v.data).gap * 100).toFixed(2) }),
      expect: { worst: { status: 'wrong', feedback: 'wants a fraction' }, gap: { status: 'wrong', feedback: 'wants a fraction' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'zeros', answers: () => ({ worst: '0', gap: '0' }) },
    { name: 'ones', answers: () => ({ worst: '1', gap: '1' }) },
    { name: 'the overall accuracy twice', answers: (v) => ({ worst: fmt(mistakes(v.data).overall), gap: fmt(mistakes(v.data).overall) }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => solve(createVariant(exercise, (v.seed + 7919) % 2 ** 32) as Variant<WorstGroupData>),
    },
  ],
});
