import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { GENERIC, type Kind, KINDS, type KindsData, trapOf } from './exercise.ts';
import type { Variant } from '../../runtime/exercises/types.ts';

const answersOf = (v: Variant<KindsData>) => Object.fromEntries(v.data.items.map((m, k) => [`m-${k + 1}`, m.kind]));
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

/**
 * Each kind's definition in the lesson's words (its table and the exercise's introduction): feedback on a
 * wrong pick must not use the right kind's, which would give the answer.
 */
export const DEFINING: Record<Kind, RegExp> = {
  micro: /one (small )?operation|in isolation|a single operation|one kernel alone|only one of its operations|micro/i,
  inference: /whole model|answering inputs|model answering|a model answers|the model is what is timed|inference/i,
  application: /complete (user-visible )?job|end[ -]to[ -]end|everything (a|the) user waits|as a user experiences|user-visible job|application/i,
};
const givesNothingAway = (kind: Kind) => new RegExp(`^(?![\\s\\S]*(${DEFINING[kind].source}))`, 'i');

export default defineExerciseTests<KindsData>({
  solve: answersOf,
  cases: [
    // One case per measurement and right kind: the expectation depends on the kind the feedback must not give away.
    ...[0, 1, 2, 3, 4].flatMap((k) =>
      KINDS.map((kind) => ({
        name: `m-${k + 1} (${kind}): its trap is named, without the right kind or its definition`,
        seeds: SEEDS,
        answers: (v: Variant<KindsData>) => (v.data.items[k]!.kind === kind ? { [`m-${k + 1}`]: trapOf(v.data.items[k]!).trap } : undefined),
        expect: { [`m-${k + 1}`]: { status: 'wrong' as const, feedback: [/^(?!Not this kind)/, givesNothingAway(kind)] } },
      })),
    ),
    {
      name: 'another wrong pick asks what is inside the timed region',
      seeds: SEEDS,
      answers: (v) => {
        const m = v.data.items[1]!;
        return { 'm-2': KINDS.find((k) => k !== m.kind && k !== trapOf(m).trap)! };
      },
      expect: { 'm-2': { status: 'wrong', feedback: GENERIC } },
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
