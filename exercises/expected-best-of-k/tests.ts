import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { answer, type BestOfKData, mistakes, separated } from './exercise.ts';

const fmt = (x: number) => x.toFixed(4);
const solve = (v: Variant<BestOfKData>) => ({ expected: fmt(answer(v.data)) });
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

export default defineExerciseTests<BestOfKData>({
  solve,
  cases: [
    {
      name: 'every variant keeps the named mistakes apart from the answer and from each other',
      seeds: SEEDS,
      answers: (v) => {
        if (!separated(v.data)) throw new Error(`seed ${v.seed}: a named mistake is within the tolerance of the answer`);
        return solve(v);
      },
      expect: { expected: { status: 'correct' } },
    },
    {
      name: 'the maximum of all trials is named',
      seeds: SEEDS,
      answers: (v) => ({ expected: fmt(mistakes(v.data).max) }),
      expect: { expected: { status: 'wrong', feedback: 'best of all the trials' } },
    },
    {
      name: 'the mean of all trials is named',
      seeds: SEEDS,
      answers: (v) => ({ expected: fmt(mistakes(v.data).mean) }),
      expect: { expected: { status: 'wrong', feedback: 'expected score of one trial' } },
    },
    {
      name: 'the mean of the k best is named',
      seeds: SEEDS,
      answers: (v) => ({ expected: fmt(mistakes(v.data).topK) }),
      expect: { expected: { status: 'wrong', feedback: 'always drew the best' } },
    },
    {
      name: 'a percentage is named',
      answers: (v) => ({ expected: (answer(v.data) * 100).toFixed(2) }),
      expect: { expected: { status: 'wrong', feedback: 'wants a fraction' } },
    },
    {
      name: 'the k/(k+1) quantile is named',
      seeds: SEEDS,
      answers: (v) => ({ expected: fmt(mistakes(v.data).quantile) }),
      expect: { expected: { status: 'wrong', feedback: 'a quantile of the scores' } },
    },
    {
      name: 'halfway between the mean and the maximum is named',
      seeds: SEEDS,
      answers: (v) => ({ expected: fmt(mistakes(v.data).midpoint) }),
      expect: { expected: { status: 'wrong', feedback: 'halfway between' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'zero', answers: () => ({ expected: '0' }) },
    { name: 'one', answers: () => ({ expected: '1' }) },
    { name: 'the maximum', answers: (v) => ({ expected: fmt(mistakes(v.data).max) }) },
    {
      name: 'the answer of another seed (the next one whose answer differs by more than the tolerance)',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32) as Variant<BestOfKData>;
          if (Math.abs(answer(o.data) - answer(v.data)) > 0.004) return solve(o);
        }
      },
    },
  ],
});
