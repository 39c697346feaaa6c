import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom, type VariantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec } from '../../runtime/exercises/types.ts';

/** Interpretation: four generated claims with the tuning budgets behind them; which compare unequal budgets. */
export interface Claim {
  task: string;
  method: string;
  baseline: string;
  /** Trials each side was tuned with; 1 for defaults. */
  methodTrials: number;
  baselineTrials: number;
  /** Whether the baseline ran with its published defaults (one trial). */
  defaults: boolean;
  methodScore: number;
  baselineScore: number;
}
export interface BudgetData {
  claims: Claim[];
}

const TASKS = ['sentiment classification', 'image classification', 'question answering', 'named-entity tagging', 'speech commands', 'tabular churn'];
const METHODS = ['GatedNet', 'SparseMix', 'RouteFormer', 'LiteAttn', 'DeepRidge', 'ConvMixer-S'];
const BASELINES = ['a BiLSTM', 'a ResNet-18', 'BERT-base', 'a CRF tagger', 'a CNN', 'gradient boosting'];

export const CLAIM_IDS = ['claim-1', 'claim-2', 'claim-3', 'claim-4'];
export const unequal = (d: BudgetData): string[] => CLAIM_IDS.filter((_, i) => d.claims[i]!.methodTrials !== d.claims[i]!.baselineTrials);

function claim(r: VariantRandom, i: number, fair: boolean): Claim {
  const methodTrials = r.pick([20, 30, 50, 64, 100]);
  const defaults = !fair && r.chance(0.4);
  const baselineTrials = fair ? methodTrials : defaults ? 1 : r.pick([3, 5, 8, 10].filter((t) => t < methodTrials));
  const baselineScore = round(r.uniform(0.7, 0.9), 3);
  return {
    task: TASKS[i]!,
    method: METHODS[i]!,
    baseline: BASELINES[i]!,
    methodTrials,
    baselineTrials,
    defaults,
    methodScore: round(baselineScore + r.uniform(0.005, 0.05), 3),
    baselineScore,
  };
}

function draw(r: VariantRandom): BudgetData {
  // One to three claims are unequal: never none (nothing to find) and never all four.
  const unfair = new Set(r.sample([0, 1, 2, 3], r.int(1, 3)));
  const order = r.sample([0, 1, 2, 3, 4, 5], 4);
  return { claims: order.map((t, i) => claim(r, t, !unfair.has(i))) };
}

export default defineExerciseLogic<BudgetData>(({ parts }) => {
  const [unequalSpec, fairSpec] = ['unequal', 'fair'].map((id) => parts.find((p) => p.id === id)!.answer) as [ChoiceAnswerSpec, ChoiceAnswerSpec];
  return {
    generate: (seed) => draw(variantRandom(seed)),
    render({ data }) {
      return {
        values: {},
        tables: [
          {
            id: 'claims',
            caption: 'Four claims and their tuning budgets (generated)',
            columns: ['claim', 'task', 'the claim', 'method tuned with', 'baseline tuned with'],
            rows: data.claims.map((c, i) => [
              `Claim ${i + 1}`,
              c.task,
              `${c.method} beats ${c.baseline}: ${c.methodScore} against ${c.baselineScore}`,
              `${c.methodTrials} trials`,
              c.defaults ? 'defaults' : `${c.baselineTrials} trials`,
            ]),
          },
        ],
      };
    },
    async check({ data }, answers) {
      const right = new Set(unequal(data));
      const why: Record<string, string> = {};
      for (const id of CLAIM_IDS)
        if (!right.has(id)) why[id] = 'A claim you ticked gave both sides the same number of trials: compare the budget columns, not the scores.';
      return gradeParts(answers, {
        unequal: (a) =>
          checkChoice(a, unequalSpec, [...right], { why, wrong: 'Read the two budget columns of each claim; default settings are one trial.' }),
        fair: (a) =>
          checkChoice(a, fairSpec, 'equal-budget', {
            why: {
              'more-test-data':
                'A larger test set narrows the interval of each score, but the baseline still had fewer chances to find good settings.',
              'more-seeds': 'More seeds measure the noise of the final runs; they do not give the baseline the tuning the method had.',
              'report-mean': 'The mean of all trials hides the budget rather than equalising it, and it depends on how wide each search space is.',
            },
          }),
      });
    },
  };
});
