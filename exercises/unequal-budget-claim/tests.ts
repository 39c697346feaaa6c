import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { type BudgetData, CLAIM_IDS, fairBudget, unequal } from './exercise.ts';

const solve = (v: Variant<BudgetData>) => ({ unequal: unequal(v.data), budget: String(fairBudget(v.data)) });
const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);
/** The claims with the largest score gap: what learners tick when they read the scores, not the budgets. */
const biggestGap = (d: BudgetData) => {
  const gaps = d.claims.map((c, i) => [c.methodScore - c.baselineScore, i] as const).sort((a, b) => b[0] - a[0]);
  return CLAIM_IDS[gaps[0]![1]]!;
};

export default defineExerciseTests<BudgetData>({
  solve,
  cases: [
    {
      name: 'a claim with equal budgets, ticked, is sent back to the budget columns',
      seeds: SEEDS,
      answers: (v) => {
        const fair = CLAIM_IDS.find((c) => !unequal(v.data).includes(c));
        // With three unequal claims, adding the fourth ticks everything, which has its own message.
        return fair && unequal(v.data).length < 3 ? { unequal: [...unequal(v.data), fair] } : undefined;
      },
      expect: { unequal: { status: ['partial', 'wrong'], feedback: 'same number of trials' } },
    },
    {
      name: 'ticking only the claim with the largest score gap is wrong where that claim is fair',
      seeds: SEEDS,
      answers: (v) => (unequal(v.data).includes(biggestGap(v.data)) ? undefined : { unequal: [biggestGap(v.data)] }),
      expect: { unequal: { status: 'wrong', score: 0 } },
    },
    {
      name: 'every claim ticked scores 0',
      answers: () => ({ unequal: [...CLAIM_IDS] }),
      expect: { unequal: { status: 'wrong', score: 0 } },
    },
    {
      name: 'the larger budget is named',
      seeds: SEEDS,
      answers: (v) => {
        const c = v.data.claims[v.data.asked]!;
        return { budget: String(Math.max(c.methodTrials, c.baselineTrials)) };
      },
      expect: { budget: { status: 'wrong', feedback: 'the larger budget' } },
    },
    {
      name: 'defaults read as zero trials is named',
      seeds: SEEDS,
      answers: (v) => (v.data.claims[v.data.asked]!.defaults ? { budget: '0' } : undefined),
      expect: { budget: { status: 'wrong', feedback: 'not zero trials' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'every claim, and 100 trials', answers: () => ({ unequal: [...CLAIM_IDS], budget: '100' }) },
    {
      name: 'the answer of another seed (a set sharing at most half of this one), and more test data',
      answers: (v, exercise) => {
        const mine = unequal(v.data);
        for (let k = 1; ; k++) {
          const theirs = unequal((createVariant(exercise, (v.seed + k * 7919) % 2 ** 32) as Variant<BudgetData>).data);
          if (theirs.filter((c) => mine.includes(c)).length * 2 < mine.length || theirs.every((c) => !mine.includes(c)))
            return { unequal: theirs, budget: '20' };
        }
      },
    },
  ],
});
