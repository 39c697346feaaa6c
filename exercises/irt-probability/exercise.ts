import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { NumberAnswerSpec, Variant } from '../../runtime/exercises/types.ts';
import { probability, type TwoPlItem } from '../../runtime/irt/twopl.ts';

/**
 * Interpretation: the 2PL's probability of a right answer, from the variant's own item parameters and a
 * model's ability. The checker computes it with the engine's runtime/irt `probability`, the function the
 * fit and the adaptive test use.
 */

export interface IrtProbabilityData {
  model: string;
  theta: number;
  /** Items as shown: number, discrimination a, difficulty b (rounded to 2 decimals). */
  items: { id: number; a: number; b: number }[];
  /** Item numbers asked about: one below the model's ability, one above it. */
  easy: number;
  hard: number;
}

const MODELS = ['mnist-16', 'mnist-32', 'mnist-64', 'mnist-64-int8', 'mnist-64-undertrained'];
/** The answer's tolerance, as exercise.md declares it (rtol 0.002, atol 0.002); mistakes must lie further off. */
const TOLERANCE = 0.002;

const itemOf = (d: IrtProbabilityData, id: number): TwoPlItem => {
  const it = d.items.find((i) => i.id === id);
  if (!it) throw new Error(`irt-probability: no item ${id} in the variant`);
  return { a: it.a, b: it.b };
};

/** The right answer and the named mistakes for one item (the misconceptions' values, in feedback order). */
export function answersFor(d: IrtProbabilityData, id: number) {
  const item = itemOf(d, id);
  const z = item.a * (d.theta - item.b);
  return {
    right: probability(item, d.theta),
    noDiscrimination: probability({ a: 1, b: item.b }, d.theta),
    sign: probability({ a: item.a, b: item.b }, 2 * item.b - d.theta), // sigmoid(a (b - theta))
    logit: z,
    scaled: probability({ a: 1.7 * item.a, b: item.b }, d.theta),
  };
}

/** Every named mistake lies more than three tolerances from the right answer (and from 0 and 1, which are degenerate). */
function separated(d: IrtProbabilityData, id: number): boolean {
  const { right, ...wrong } = answersFor(d, id);
  const gap = 3 * (TOLERANCE + TOLERANCE * right);
  return Object.values(wrong).every((w) => Math.abs(w - right) > gap) && right > 0.03 && right < 0.97;
}

export default defineExerciseLogic<IrtProbabilityData>(({ parts }) => {
  const spec = (id: string) => parts.find((p) => p.id === id)!.answer as NumberAnswerSpec;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const model = r.pick(MODELS);
      for (let attempt = 0; attempt < 200; attempt++) {
        const theta = round(r.uniform(-1.5, 1.5), 2);
        // Six items from a fitted crowd: discriminations log-normal, difficulties around the abilities.
        const items = Array.from({ length: 6 }, (_, k) => ({ id: k + 1, a: round(r.logNormal(1, 0.5), 2), b: round(r.normal(0, 1.2), 2) }));
        const below = items.filter((i) => i.b <= theta - 0.3 && i.b >= theta - 2.2);
        const above = items.filter((i) => i.b >= theta + 0.3 && i.b <= theta + 2.2);
        if (!below.length || !above.length) continue;
        const d: IrtProbabilityData = { model, theta, items, easy: r.pick(below).id, hard: r.pick(above).id };
        if (separated(d, d.easy) && separated(d, d.hard)) return d;
      }
      throw new Error(`irt-probability: no well-separated variant for seed ${seed}`);
    },
    render({ data }) {
      return {
        values: { model: data.model, theta: data.theta.toFixed(2), easy: data.easy, hard: data.hard },
        tables: [
          {
            id: 'items',
            caption: 'Fitted 2PL item parameters (generated for your variant): discrimination a, difficulty b',
            columns: ['item', 'a (discrimination)', 'b (difficulty)'],
            rows: data.items.map((i) => [i.id, i.a.toFixed(2), i.b.toFixed(2)]),
          },
        ],
      };
    },
    async check({ data }: Variant<IrtProbabilityData>, answers) {
      const part = (id: number, which: 'p-easy' | 'p-hard') => (answer: Parameters<typeof checkNumber>[0]) => {
        const x = answersFor(data, id);
        return checkNumber(answer, spec(which), x.right, {
          unitSlips: false,
          misconceptions: [
            {
              value: x.noDiscrimination,
              feedback:
                'That leaves out the discrimination: every item then changes as steeply with ability. The 2PL multiplies (θ − b) by the item’s a.',
            },
            {
              value: x.sign,
              feedback:
                'The sign is the wrong way round: that is the chance of a wrong answer. An ability above the difficulty must give more than one half.',
            },
            { value: x.logit, feedback: 'That is the logit a (θ − b), not a probability: put it through the logistic function 1 / (1 + e^(−z)).' },
            {
              value: x.scaled,
              feedback: 'That uses the scaling constant D = 1.7 (the normal-ogive metric). These parameters are on the logistic metric: no constant.',
            },
          ],
          wrong: 'Compute the logit from the item’s discrimination, its difficulty and the ability, then turn it into a probability.',
          correct:
            which === 'p-easy'
              ? 'Correct: the ability is above the difficulty, so the chance is above one half.'
              : 'Correct: the ability is below the difficulty, so the chance is below one half.',
        });
      };
      return gradeParts(answers, { 'p-easy': part(data.easy, 'p-easy'), 'p-hard': part(data.hard, 'p-hard') });
    },
  };
});
