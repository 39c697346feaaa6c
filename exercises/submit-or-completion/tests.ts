import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { endpointsLine, leastSquares, SIZES, type SubmitData } from './exercise.ts';
import type { Variant } from '../../runtime/exercises/types.ts';

const ms = (x: number) => `${x.toPrecision(6)} ms`;
const solve = (v: Variant<SubmitData>) => {
  const line = endpointsLine(v.data.done);
  return { completion: v.data.completion, 'per-million': ms(line.slope * 1e6), fixed: ms(line.fixed) };
};
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const other = (v: Variant<SubmitData>) => (v.data.completion === 'harness-a' ? 'harness-b' : 'harness-a');

export default defineExerciseTests<SubmitData>({
  solve,
  cases: [
    {
      name: 'the faster harness picked: told to look at growth, not which one',
      seeds: SEEDS,
      answers: (v) => ({ completion: other(v) }),
      expect: { completion: { status: 'wrong', feedback: ['Whose time grows', /^(?![\s\S]*harness [AB])/] } },
    },
    {
      name: 'the least-squares slope and intercept are accepted',
      seeds: SEEDS,
      answers: (v) => ({ 'per-million': ms(leastSquares(v.data.done).slope * 1e6), fixed: ms(leastSquares(v.data.done).fixed) }),
      expect: { 'per-million': { status: 'correct' }, fixed: { status: 'correct' } },
    },
    {
      name: 'one time divided by its size keeps the fixed cost in, and is named',
      seeds: SEEDS,
      answers: (v) => ({ 'per-million': ms((v.data.done.at(-1)! / SIZES.at(-1)!) * 1e6) }),
      expect: { 'per-million': { status: 'wrong', feedback: 'fixed cost is still inside it' } },
    },
    {
      name: "the smallest size's whole time is not the fixed cost: its elements are in it (deliberately changed: it was accepted when they cost under 5%)",
      seeds: SEEDS,
      answers: (v) => ({ fixed: ms(v.data.done[0]!) }),
      expect: { fixed: { status: 'wrong', feedback: 'whole time' } },
    },
    {
      name: 'the slope times 2^20 instead of a million is named',
      seeds: SEEDS,
      answers: (v) => ({ 'per-million': ms(endpointsLine(v.data.done).slope * 2 ** 20) }),
      expect: { 'per-million': { status: 'wrong', feedback: '2^20' } },
    },
    {
      name: 'the submission harness as the fixed cost is named',
      seeds: SEEDS,
      answers: (v) => ({ fixed: ms(v.data.submitted[0]!) }),
      expect: { fixed: { status: 'wrong', feedback: 'submission harness' } },
    },
    {
      name: 'a cost without its unit is a format error',
      answers: (v) => ({ fixed: endpointsLine(v.data.done).fixed.toFixed(3) }),
      expect: { fixed: { status: 'format-error', feedback: 'Give the unit too' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'constants', answers: () => ({ completion: 'harness-a', 'per-million': '1 ms', fixed: '1 ms' }) },
    { name: 'constants, the other harness', answers: () => ({ completion: 'harness-b', 'per-million': '2 ms', fixed: '0.5 ms' }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          const [mine, theirs] = [endpointsLine(v.data.done), endpointsLine(o.data.done)];
          if (
            o.data.completion !== v.data.completion &&
            Math.abs(theirs.slope / mine.slope - 1) > 0.1 &&
            Math.abs(theirs.fixed / mine.fixed - 1) > 0.2
          )
            return solve(o);
        }
      },
    },
  ],
});
