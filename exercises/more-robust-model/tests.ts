import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { dropOf, type MrmData, type Verdict } from './exercise.ts';
import type { Variant } from '../../runtime/exercises/types.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const ids = ['pair-1', 'pair-2', 'pair-3'] as const;
const each = (v: Variant<MrmData>, pick: (p: MrmData['pairs'][number]) => Verdict | undefined) =>
  Object.fromEntries(ids.flatMap((id, i) => (pick(v.data.pairs[i]!) ? [[id, pick(v.data.pairs[i]!)!]] : [])));
const higherUnder = (p: MrmData['pairs'][number]): Verdict => (p.first.corrupted > p.second.corrupted ? 'first' : 'second');
const smallerDrop = (p: MrmData['pairs'][number]): Verdict => (dropOf(p.first) < dropOf(p.second) ? 'first' : 'second');

export default defineExerciseTests<MrmData>({
  solve: (v) => each(v, (p) => p.verdict),
  cases: [
    {
      name: 'ranking by accuracy under corruption is wrong in the conclusive pairs, and named',
      seeds: SEEDS,
      answers: (v) => each(v, (p) => (p.verdict === 'cannot-tell' ? undefined : higherUnder(p))),
      expect: Object.fromEntries(ids.map((id) => [id, { status: 'wrong', feedback: 'compares the accuracies under corruption' }])) as never,
    },
    {
      name: 'the smaller point drop where the interval contains 0 is wrong, and the interval named',
      seeds: SEEDS,
      answers: (v) => each(v, (p) => (p.verdict === 'cannot-tell' ? smallerDrop(p) : undefined)),
      expect: Object.fromEntries(ids.map((id) => [id, { status: 'wrong', feedback: 'point estimates' }])) as never,
    },
    {
      name: 'cannot tell where the interval excludes 0 is wrong',
      seeds: SEEDS,
      answers: (v) => each(v, (p) => (p.verdict === 'cannot-tell' ? undefined : 'cannot-tell')),
      expect: Object.fromEntries(ids.map((id) => [id, { status: 'wrong', feedback: 'excludes 0 shows a difference' }])) as never,
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'always the first', answers: () => ({ 'pair-1': 'first', 'pair-2': 'first', 'pair-3': 'first' }) },
    { name: 'always the second', answers: () => ({ 'pair-1': 'second', 'pair-2': 'second', 'pair-3': 'second' }) },
    { name: 'always cannot tell', answers: () => ({ 'pair-1': 'cannot-tell', 'pair-2': 'cannot-tell', 'pair-3': 'cannot-tell' }) },
    { name: 'the higher accuracy under corruption everywhere', answers: (v) => each(v, higherUnder) },
    {
      name: 'the answers of another seed (one whose order differs)',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32) as Variant<MrmData>;
          if (o.data.pairs.some((p, i) => p.verdict !== v.data.pairs[i]!.verdict)) return each(o, (p) => p.verdict);
        }
      },
    },
  ],
});
