import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom, type VariantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';

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
  /** The unequal claim the budget part asks about (index into claims). */
  asked: number;
}

const TASKS = ['sentiment classification', 'image classification', 'question answering', 'named-entity tagging', 'speech commands', 'tabular churn'];
const METHODS = ['GatedNet', 'SparseMix', 'RouteFormer', 'LiteAttn', 'DeepRidge', 'ConvMixer-S'];
const BASELINES = ['a BiLSTM', 'a ResNet-18', 'BERT-base', 'a CRF tagger', 'a CNN', 'gradient boosting'];

export const CLAIM_IDS = ['claim-1', 'claim-2', 'claim-3', 'claim-4'];
export const unequal = (d: BudgetData): string[] => CLAIM_IDS.filter((_, i) => d.claims[i]!.methodTrials !== d.claims[i]!.baselineTrials);
/** The largest k at which both sides of the asked claim have an expected best: the smaller of the two budgets. */
export const fairBudget = (d: BudgetData): number => Math.min(d.claims[d.asked]!.methodTrials, d.claims[d.asked]!.baselineTrials);

const TUNED = [20, 30, 50, 64, 100];
const FEW = [3, 5, 8, 10];

/**
 * A claim's two budgets. Fair claims have equal counts, sometimes one trial against published defaults (the
 * same budget in other words); unfair ones give one side fewer trials, defaults or a small search, and in a
 * quarter of them it is the method that had fewer, so "the method side is large" is no shortcut.
 */
function budgets(r: VariantRandom, fair: boolean): Pick<Claim, 'methodTrials' | 'baselineTrials' | 'defaults'> {
  if (fair) {
    if (r.chance(0.3)) return { methodTrials: 1, baselineTrials: 1, defaults: true };
    const t = r.pick([...FEW, ...TUNED]);
    return { methodTrials: t, baselineTrials: t, defaults: false };
  }
  const defaults = r.chance(0.35);
  const many = r.pick(TUNED);
  const few = defaults ? 1 : r.pick(FEW);
  if (!defaults && r.chance(0.25)) return { methodTrials: few, baselineTrials: many, defaults: false };
  return { methodTrials: many, baselineTrials: few, defaults };
}

function claim(r: VariantRandom, i: number, fair: boolean): Claim {
  const baselineScore = round(r.uniform(0.7, 0.9), 3);
  return {
    task: TASKS[i]!,
    method: METHODS[i]!,
    baseline: BASELINES[i]!,
    ...budgets(r, fair),
    methodScore: round(baselineScore + r.uniform(0.005, 0.05), 3),
    baselineScore,
  };
}

function draw(r: VariantRandom): BudgetData {
  // One to three claims are unequal: never none (nothing to find) and never all four.
  const unfair = r.sample([0, 1, 2, 3], r.int(1, 3));
  const order = r.sample([0, 1, 2, 3, 4, 5], 4);
  const claims = order.map((t, i) => claim(r, t, !unfair.includes(i)));
  return { claims, asked: r.pick(unfair) };
}

const budgetText = (trials: number, defaults: boolean) => (defaults ? 'defaults' : trials === 1 ? '1 trial' : `${trials} trials`);

export default defineExerciseLogic<BudgetData>(({ parts }) => {
  const [unequalSpec, budgetSpec] = ['unequal', 'budget'].map((id) => parts.find((p) => p.id === id)!.answer) as [ChoiceAnswerSpec, NumberAnswerSpec];
  return {
    generate: (seed) => draw(variantRandom(seed)),
    render({ data }) {
      return {
        values: { asked: data.asked + 1 },
        tables: [
          {
            id: 'claims',
            caption: 'Four claims and their tuning budgets (generated)',
            columns: ['claim', 'task', 'the claim', 'method tuned with', 'baseline tuned with'],
            rows: data.claims.map((c, i) => [
              `Claim ${i + 1}`,
              c.task,
              `${c.method} beats ${c.baseline}: ${c.methodScore} against ${c.baselineScore}`,
              budgetText(c.methodTrials, false),
              budgetText(c.baselineTrials, c.defaults),
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
        budget: (a) => {
          const c = data.claims[data.asked]!;
          const misconceptions = [
            {
              value: Math.max(c.methodTrials, c.baselineTrials),
              feedback: 'That is the larger budget: the other side never ran that many trials, so its expected best there is unknown.',
            },
            { value: c.methodTrials + c.baselineTrials, feedback: 'The two sides tuned separately: their trials do not add up into one search.' },
          ];
          if (c.defaults) misconceptions.push({ value: 0, feedback: 'Published defaults are not zero trials: the baseline ran once.' });
          return checkNumber(a, budgetSpec, fairBudget(data), {
            unitSlips: false,
            misconceptions,
            wrong: 'The expected best of k needs at least k trials on each side; read both budget columns of the claim.',
          });
        },
      });
    },
  };
});
