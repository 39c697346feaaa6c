import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { ExerciseTestCase, Variant } from '../../runtime/exercises/types.ts';
import { dropOf, type MrmData, PAIRS, type Pair, type Verdict } from './exercise.ts';

const SEEDS = Array.from({ length: 16 }, (_, i) => i + 1);
const ids = Array.from({ length: PAIRS }, (_, i) => `pair-${i + 1}`);
const each = (v: Variant<MrmData>, pick: (p: Pair) => Verdict | undefined) =>
  Object.fromEntries(v.data.pairs.flatMap((p, i) => (pick(p) ? [[ids[i]!, pick(p)!]] : [])));
const higherUnder = (p: Pair): Verdict => (p.first.corrupted > p.second.corrupted ? 'first' : 'second');
const smallerDrop = (p: Pair): Verdict => (dropOf(p.first) < dropOf(p.second) ? 'first' : 'second');

/** One case per pair position: the verdicts move between positions from seed to seed. */
const perPair = (name: string, pick: (p: Pair) => Verdict | undefined, feedback: string): ExerciseTestCase<MrmData>[] =>
  ids.map((id, i) => ({
    name: `${name} (${id})`,
    seeds: SEEDS,
    answers: (v: Variant<MrmData>) => {
      const a = pick(v.data.pairs[i]!);
      return a ? { [id]: a } : undefined;
    },
    expect: { [id]: { status: 'wrong', feedback } },
  }));

export default defineExerciseTests<MrmData>({
  solve: (v) => each(v, (p) => p.verdict),
  cases: [
    ...perPair(
      'ranking by accuracy under corruption in a conclusive pair is wrong, and named',
      (p) => (p.verdict === 'cannot-tell' || higherUnder(p) === p.verdict ? undefined : higherUnder(p)),
      'compares the accuracies under corruption',
    ),
    ...perPair(
      'the model with the larger drop in a conclusive pair is wrong, and the drop named',
      (p) => (p.verdict === 'cannot-tell' || higherUnder(p) !== p.verdict ? undefined : p.verdict === 'first' ? 'second' : 'first'),
      'loses more to the corruption',
    ),
    ...perPair(
      'the smaller point drop where the interval contains 0 is wrong, and the interval named',
      (p) => (p.verdict === 'cannot-tell' ? smallerDrop(p) : undefined),
      'point estimates',
    ),
    ...perPair(
      'cannot tell where the interval excludes 0 is wrong',
      (p) => (p.verdict === 'cannot-tell' ? undefined : 'cannot-tell'),
      'excludes 0 shows a difference',
    ),
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'always the first', answers: () => Object.fromEntries(ids.map((id) => [id, 'first'])) },
    { name: 'always the second', answers: () => Object.fromEntries(ids.map((id) => [id, 'second'])) },
    { name: 'always cannot tell', answers: () => Object.fromEntries(ids.map((id) => [id, 'cannot-tell'])) },
    { name: 'the higher accuracy under corruption everywhere', answers: (v) => each(v, higherUnder) },
    { name: 'the lower accuracy under corruption everywhere', answers: (v) => each(v, (p) => (higherUnder(p) === 'first' ? 'second' : 'first')) },
    {
      name: 'the answers of another seed (one that agrees on at most two pairs)',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32) as Variant<MrmData>;
          if (o.data.pairs.filter((p, i) => p.verdict === v.data.pairs[i]!.verdict).length <= 2) return each(o, (p) => p.verdict);
        }
      },
    },
  ],
});
