import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { type BeqData, breakEven, mistakesOf } from './exercise.ts';

const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);
const n = (v: { data: BeqData }) => breakEven(v.data.plain, v.data.first)!;
const second = (d: BeqData) => (breakEven(d.plain, d.second) === null ? 'never' : 'pays-off');

export default defineExerciseTests<BeqData>({
  solve: (v) => ({ queries: String(n(v)), second: second(v.data) }),
  cases: [
    {
      name: 'rounded down',
      seeds: SEEDS,
      answers: (v) => ({ queries: String(mistakesOf(v.data).floor) }),
      expect: { queries: { status: 'wrong', feedback: 'Rounded down' } },
    },
    {
      name: 'rounded to the nearest (where that differs from up)',
      seeds: SEEDS,
      answers: (v) => (mistakesOf(v.data).round === n(v) ? undefined : { queries: String(mistakesOf(v.data).round) }),
      expect: { queries: { status: 'wrong', feedback: 'Which way must a count round' } },
    },
    {
      name: "the extra start over the costlier path's time per query",
      seeds: SEEDS,
      answers: (v) => ({ queries: mistakesOf(v.data)['over-new'].toFixed(4) }),
      expect: { queries: { status: 'wrong', feedback: 'Each query saves the difference' } },
    },
    {
      name: "the extra start over the plain path's time per query",
      seeds: SEEDS,
      answers: (v) => ({ queries: mistakesOf(v.data)['over-old'].toFixed(4) }),
      expect: { queries: { status: 'wrong', feedback: 'Each query saves the difference' } },
    },
    {
      name: 'one too many',
      seeds: SEEDS,
      answers: (v) => ({ queries: String(n(v) + 1) }),
      expect: { queries: { status: 'wrong', feedback: 'One too many' } },
    },
    {
      name: 'pays off claimed where the costlier start is slower per query (the sign ignored)',
      seeds: SEEDS,
      answers: (v) => (second(v.data) === 'never' ? { second: 'pays-off' } : undefined),
      expect: { second: { status: 'wrong', feedback: 'sign of the per-query difference' } },
    },
    {
      name: 'never claimed where it pays off',
      seeds: SEEDS,
      answers: (v) => (second(v.data) === 'pays-off' ? { second: 'never' } : undefined),
      expect: { second: { status: 'wrong', feedback: 'does each query save time' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'a constant and pays off', answers: () => ({ queries: '10', second: 'pays-off' }) },
    { name: 'zero and never', answers: () => ({ queries: '0', second: 'never' }) },
    {
      name: 'the unrounded quotient',
      answers: (v) => ({
        queries: ((v.data.first.start - v.data.plain.start) / (v.data.plain.query - v.data.first.query)).toFixed(3),
        second: 'pays-off',
      }),
    },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32) as { data: BeqData };
          if (n(o) !== n(v)) return { queries: String(n(o)), second: second(o.data) };
        }
      },
    },
  ],
});
