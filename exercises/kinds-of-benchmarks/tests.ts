import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { KINDS, type KindsData, measurementOf } from './exercise.ts';
import type { Variant } from '../../runtime/exercises/types.ts';

const answersOf = (v: Variant<KindsData>) => Object.fromEntries(v.data.items.map((m, k) => [`m-${k + 1}`, measurementOf(m).kind]));
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** Feedback that does not say the kind. */
const NAMES_NO_KIND = /^(?![\s\S]*\bit is (a|an) (micro|inference|application)\b)/i;

export default defineExerciseTests<KindsData>({
  solve: answersOf,
  cases: [
    {
      name: "the measurement's trap is named, not the kind",
      seeds: SEEDS,
      answers: (v) => ({ 'm-1': measurementOf(v.data.items[0]!).trap }),
      expect: { 'm-1': { status: 'wrong', feedback: [/^(?!Not this kind)/, NAMES_NO_KIND] } },
    },
    {
      name: 'another wrong pick asks what is inside the timed region',
      seeds: SEEDS,
      answers: (v) => {
        const m = measurementOf(v.data.items[1]!);
        return { 'm-2': KINDS.find((k) => k !== m.kind && k !== m.trap)! };
      },
      expect: { 'm-2': { status: 'wrong', feedback: 'inside the timed region' } },
    },
    {
      name: 'an option that does not exist is a format error',
      answers: () => ({ 'm-3': 'end-to-end' }),
      expect: { 'm-3': { status: 'format-error', feedback: 'not among the options' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    ...KINDS.map((k) => ({ name: `"${k}" for every measurement`, answers: () => Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`m-${i}`, k])) })),
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const theirs = answersOf(createVariant(exercise, (v.seed + k * 7919) % 2 ** 32));
          const mine = answersOf(v);
          if (Object.keys(mine).filter((id) => mine[id] === theirs[id]).length <= 2) return theirs;
        }
      },
    },
  ],
});
