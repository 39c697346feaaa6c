import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { claimOf, PARTS, type SortClaimsData } from './exercise.ts';
import type { Variant } from '../../runtime/exercises/types.ts';

const answersOf = (v: Variant<SortClaimsData>) => Object.fromEntries(v.data.claims.map((c, k) => [`claim-${k + 1}`, claimOf(c).part]));
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** Feedback that names no part: the answer stays the learner's to find. */
const NAMES_NO_PART = /^(?![\s\S]*\b(it is (a|the) (task|infrastructure|datasets|metrics?|constraints?|results?))\b)/i;

export default defineExerciseTests<SortClaimsData>({
  solve: answersOf,
  cases: [
    {
      name: "the sentence's trap is named, without the right part",
      seeds: SEEDS,
      answers: (v) => ({ 'claim-1': claimOf(v.data.claims[0]!).trap }),
      expect: { 'claim-1': { status: 'wrong', feedback: [/^(?!Not this part)/, NAMES_NO_PART] } },
    },
    {
      name: 'another wrong pick gets the six questions, not the answer',
      seeds: SEEDS,
      answers: (v) => {
        const c = claimOf(v.data.claims[1]!);
        const other = PARTS.find((p) => p !== c.part && p !== c.trap)!;
        return { 'claim-2': other };
      },
      expect: { 'claim-2': { status: 'wrong', feedback: 'Ask which question the sentence answers' } },
    },
    {
      name: 'an option that does not exist is a format error',
      answers: () => ({ 'claim-3': 'environment' }),
      expect: { 'claim-3': { status: 'format-error', feedback: 'not among the options' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    ...PARTS.map((p) => ({ name: `"${p}" for every sentence`, answers: () => ({ 'claim-1': p, 'claim-2': p, 'claim-3': p, 'claim-4': p }) })),
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          const mine = answersOf(v);
          const theirs = answersOf(o);
          if (Object.keys(mine).filter((id) => mine[id] === theirs[id]).length <= 1) return theirs;
        }
      },
    },
  ],
});
