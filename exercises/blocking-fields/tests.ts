import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { type BlockingData, differing, explainers, FIELD_OPTIONS, outcomeOf } from './exercise.ts';

const solve = (v: Variant<BlockingData>) => ({ explain: explainers(v.data), outcome: outcomeOf(v.data) });
const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

export default defineExerciseTests<BlockingData>({
  solve,
  cases: [
    {
      name: 'the start time ticked with the causes is named as bookkeeping',
      seeds: SEEDS,
      answers: (v) => ({ explain: [...explainers(v.data), 'started'] }),
      expect: { explain: { status: ['partial', 'wrong'], feedback: 'bookkeeping' } },
    },
    {
      name: 'the verdict, when it changed, ticked as a cause is named as an outcome',
      seeds: SEEDS,
      answers: (v) => (differing(v.data).includes('verdict') ? { explain: [...explainers(v.data), 'verdict'] } : undefined),
      expect: { explain: { status: ['partial', 'wrong'], feedback: 'outcome of the change' } },
    },
    {
      name: 'a field that is the same in both, ticked, is named',
      seeds: SEEDS,
      answers: (v) => ({ explain: [...explainers(v.data), FIELD_OPTIONS.find((f) => !differing(v.data).includes(f))!] }),
      expect: { explain: { status: ['partial', 'wrong'], feedback: 'same value in both records' } },
    },
    {
      name: 'every differing field ticked (bookkeeping and verdict too) loses credit',
      seeds: SEEDS,
      answers: (v) => ({ explain: differing(v.data) }),
      expect: { explain: { status: ['partial', 'wrong'] } },
    },
    {
      name: 'judging the numbers of a pair with a different batch is told what "not reproduced" needs',
      seeds: SEEDS,
      answers: (v) => (outcomeOf(v.data) === 'different-experiment' ? { outcome: 'not-reproduced' } : undefined),
      expect: { outcome: { status: 'wrong', feedback: 'needs the same inputs' } },
    },
    {
      name: '"not reproduced" for medians whose intervals overlap gets the same words',
      seeds: SEEDS,
      answers: (v) => (outcomeOf(v.data) === 'reproduced' ? { outcome: 'not-reproduced' } : undefined),
      expect: { outcome: { status: 'wrong', feedback: 'intervals apart, or a changed verdict' } },
    },
    {
      name: 'a wrong "reproduced" is told what reproduced needs, whatever the right outcome',
      seeds: SEEDS,
      answers: (v) => (outcomeOf(v.data) === 'reproduced' ? undefined : { outcome: 'reproduced' }),
      expect: { outcome: { status: 'wrong', feedback: 'needs three things' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'every option, and reproduced', answers: () => ({ explain: [...FIELD_OPTIONS], outcome: 'reproduced' }) },
    { name: 'only the bookkeeping and the verdict', answers: () => ({ explain: ['started', 'title', 'verdict'], outcome: 'not-reproduced' }) },
    {
      name: 'the answer of another seed',
      answers: (v, exercise) => {
        const mine = solve(v);
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32) as Variant<BlockingData>;
          const theirs = solve(o);
          if (theirs.outcome !== mine.outcome && theirs.explain.every((f) => !mine.explain.includes(f))) return theirs;
        }
      },
    },
  ],
});
