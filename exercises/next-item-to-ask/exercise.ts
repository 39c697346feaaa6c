import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber, scored } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';
import { information, probability } from '../../runtime/irt/twopl.ts';

/**
 * Interpretation: the adaptive test's next item (the most Fisher information at the current estimate, as
 * runtime/irt/adaptive.ts picks it) and its information, from the variant's item bank. The checker uses the
 * engine's `information` and `probability`.
 */

export interface NextItemData {
  model: string;
  theta: number;
  /** The bank as shown (a, b rounded to 2 decimals); item ids 1..8. */
  items: { id: number; a: number; b: number }[];
  /** Items already given. */
  asked: number[];
}

const MODELS = ['mnist-16', 'mnist-32', 'mnist-64', 'mnist-64-int8', 'mnist-64-undertrained', 'mnist-64-contaminated'];
const TOLERANCE = { rtol: 0.005, atol: 0.001 };

const open = (d: NextItemData) => d.items.filter((i) => !d.asked.includes(i.id));
const infoOf = (d: NextItemData, i: { a: number; b: number }) => information(i, d.theta);
const argmax = <T>(xs: T[], f: (x: T) => number) => xs.reduce((best, x) => (f(x) > f(best) ? x : best));

/** The right pick and the named wrong picks (item ids). */
export function picks(d: NextItemData) {
  const free = open(d);
  return {
    right: argmax(free, (i) => infoOf(d, i)).id,
    closestB: argmax(free, (i) => -Math.abs(i.b - d.theta)).id,
    hardest: argmax(free, (i) => i.b).id,
    steepest: argmax(free, (i) => i.a).id,
    alreadyAsked: argmax(
      d.items.filter((i) => d.asked.includes(i.id)),
      (i) => infoOf(d, i),
    ).id,
  };
}

/** The information of an item (the right one unless named), and the named slips. */
export function informationOf(d: NextItemData, id = picks(d).right) {
  const item = d.items.find((i) => i.id === id)!;
  const p = probability(item, d.theta);
  return { right: information(item, d.theta), noA: p * (1 - p), aOnce: item.a * p * (1 - p), p, peak: (item.a * item.a) / 4 };
}

const far = (x: number, y: number) => Math.abs(x - y) > 3 * (TOLERANCE.atol + TOLERANCE.rtol * Math.abs(y));

function clear(d: NextItemData): boolean {
  const p = picks(d);
  const free = open(d)
    .map((i) => infoOf(d, i))
    .sort((x, y) => y - x);
  // One clear winner; an asked item would have won. The winner may be the closest, the hardest or the
  // steepest item left (never excluding them: that exclusion was itself a tell).
  if (!(free[0]! > 1.15 * free[1]!)) return false;
  if (!(infoOf(d, d.items.find((i) => i.id === p.alreadyAsked)!) > free[0]!)) return false;
  // Every slip in the number (the peak a²/4 included) lies outside the tolerance of the right one and of
  // each other, so each gets its own feedback.
  const x = informationOf(d);
  const values = [x.right, x.noA, x.aOnce, x.p, x.peak];
  return values.every((u, i) => values.every((v, j) => i === j || far(u, v)));
}

export default defineExerciseLogic<NextItemData>(({ parts }) => {
  const next = parts.find((p) => p.id === 'next')!.answer as ChoiceAnswerSpec;
  const info = parts.find((p) => p.id === 'information')!.answer as NumberAnswerSpec;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const model = r.pick(MODELS);
      // Whether the right item may be the closest, the hardest or the steepest one left: each on about a
      // quarter of the variants, so that none of those shortcuts picks right on most of them (the steepest
      // would win on more than half if left to chance).
      const may = { closestB: r.chance(0.25), hardest: r.chance(0.25), steepest: r.chance(0.25) };
      for (let attempt = 0; attempt < 2000; attempt++) {
        const theta = round(r.uniform(-1.2, 1.2), 2);
        const items = Array.from({ length: 8 }, (_, k) => ({
          id: k + 1,
          a: round(r.logNormal(1, 0.55), 2),
          b: round(r.normal(theta * 0.5, 1.2), 2),
        }));
        const asked = r.sample([1, 2, 3, 4, 5, 6, 7, 8], 2).sort((x, y) => x - y);
        const d: NextItemData = { model, theta, items, asked };
        const p = picks(d);
        const allowed = (Object.keys(may) as (keyof typeof may)[]).every((k) => may[k] || p[k] !== p.right);
        if (allowed && clear(d)) return d;
      }
      throw new Error(`next-item-to-ask: no clear variant for seed ${seed}`);
    },
    render({ data }) {
      return {
        values: { model: data.model, theta: data.theta.toFixed(2), asked: data.asked.join(' and ') },
        tables: [
          {
            id: 'bank',
            caption: 'The item bank (2PL parameters, generated for your variant)',
            columns: ['item', 'a (discrimination)', 'b (difficulty)', 'already asked'],
            rows: data.items.map((i) => [i.id, i.a.toFixed(2), i.b.toFixed(2), data.asked.includes(i.id) ? 'yes' : '']),
          },
        ],
      };
    },
    async check({ data }, answers) {
      const p = picks(data);
      const x = informationOf(data);
      const id = (n: number) => `item-${n}`;
      return gradeParts(answers, {
        next: (answer) => {
          const why: Record<string, string> = {};
          const right = data.items.find((i) => i.id === p.right)!;
          const closest = data.items.find((i) => i.id === p.closestB)!;
          // Why the closest item loses, from the numbers: too flat next to the winner, or so steep that even
          // its short distance from the estimate has flattened its curve.
          why[id(p.closestB)] =
            closest.a <= right.a
              ? 'That item’s difficulty is closest to the estimate, but its discrimination is low next to another’s: information is a² P (1 − P), and a counts squared.'
              : 'That item’s difficulty is closest to the estimate and it is steep, but a steep item’s information falls off fast: at this distance from its difficulty P (1 − P) is already small. Compute a² P (1 − P) for every item.';
          why[id(p.hardest)] ??=
            'That is the hardest item left. Hard items inform about models whose ability is near their difficulty; at this estimate another item tells more.';
          why[id(p.steepest)] ??= 'That item is the steepest, but its difficulty lies far from the estimate, where a steep item says almost nothing.';
          delete why[id(p.right)]; // the right item may be the closest, the hardest or the steepest
          for (const a of data.asked) why[id(a)] = 'That item has already been given: an adaptive test never asks the same item twice.';
          return checkChoice(answer, next, id(p.right), {
            why,
            wrong: 'Compute a² P (1 − P) at the current estimate for every item not yet asked, and take the largest.',
            correct: 'Correct: the most information at the current estimate among the items not yet asked.',
          });
        },
        information: (answer) => {
          // The number is the information of the item picked: credit only with the right pick, and feedback
          // about the learner's own item when the pick is another.
          const chosen = typeof answers.next === 'string' ? Number(answers.next.replace(/^item-/, '')) : Number.NaN;
          const pickedOther = data.items.some((i) => i.id === chosen) && chosen !== p.right;
          const mine = pickedOther ? informationOf(data, chosen) : x;
          const result = checkNumber(answer, info, mine.right, {
            unitSlips: false,
            misconceptions: [
              { value: mine.noA, feedback: 'That is P (1 − P) without the discrimination: the 2PL’s information is a² P (1 − P).' },
              { value: mine.aOnce, feedback: 'That has the discrimination once; in the information it counts squared: a² P (1 − P).' },
              { value: mine.p, feedback: 'That is the probability of a right answer, not the information.' },
              {
                value: mine.peak,
                feedback: 'That is a²/4, the item’s information at its own difficulty (where P = ½). At θ̂ P is not ½: compute P there first.',
              },
            ],
            wrong: 'Compute P at the current estimate for the item you picked, then a² P (1 − P).',
            correct: 'Correct: the information a² P (1 − P) at the current estimate.',
          });
          if (!pickedOther || result.status === 'format-error') return result;
          return scored(
            0,
            result.score === 1
              ? 'That is the information of the item you picked, computed right; but the next item is the one with the most information, and that is another.'
              : `${result.feedback} (This part is the information of the item you picked; it scores only with the right pick.)`,
          );
        },
      });
    },
  };
});
