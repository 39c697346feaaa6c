import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom, type VariantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: five pairs of models under one corruption (generated, seeded). Every variant has pairs
 * with a more robust first model, a more robust second model and no shown difference, none more than
 * twice (so no constant answer reaches half). In one or two conclusive pairs the less robust model keeps the
 * higher accuracy under corruption (the absolute-accuracy trap), in the others the lower; in the inconclusive
 * pairs the point estimates still differ (the ignored-interval trap), by gaps as large as conclusive ones.
 */
export type Verdict = 'first' | 'second' | 'cannot-tell';

export interface Model {
  name: string;
  clean: number;
  corrupted: number;
}
export interface Pair {
  first: Model;
  second: Model;
  /** 95% interval of drop(second) - drop(first). */
  ci: [number, number];
  verdict: Verdict;
}
export interface MrmData {
  corruption: string;
  pairs: Pair[];
}

const CORRUPTIONS = ['Gaussian noise', 'shifts', 'rotations'];
export const PAIRS = 5;
const VERDICTS: Verdict[] = ['first', 'second', 'cannot-tell'];
const NAMES = [
  'Alder',
  'Ash',
  'Aspen',
  'Beech',
  'Birch',
  'Cedar',
  'Elm',
  'Fir',
  'Hazel',
  'Holly',
  'Juniper',
  'Larch',
  'Linden',
  'Maple',
  'Oak',
  'Pine',
  'Rowan',
  'Spruce',
  'Willow',
  'Yew',
];

export const dropOf = (m: Model) => m.clean - m.corrupted;

/**
 * A pair whose answer is `verdict`. The decision rests on the ratio of the point difference of the drops to
 * the interval's half-width (how the two models' errors go together on the same digits), so the point gap
 * and the width are each drawn from overlapping ranges whatever the verdict: neither alone tells. `trap`
 * (conclusive pairs only): the more robust model keeps the lower accuracy under corruption, having started
 * lower; otherwise it keeps the higher one, and starts higher or a little lower. Clean gaps overlap too.
 */
function drawPair(r: VariantRandom, names: [string, string], verdict: Verdict, trap: boolean): Pair {
  const c = Math.exp(r.uniform(Math.log(0.009), Math.log(0.06)));
  // |difference| / half-width: above 1 the interval excludes 0.
  const ratio = verdict === 'cannot-tell' ? r.uniform(0.55, 0.88) : r.uniform(1.14, 1.8);
  const gap = c * Math.sqrt(ratio);
  const small = r.uniform(0.04, 0.15);
  const sturdyClean = r.uniform(0.8, 0.9);
  const fragileClean =
    verdict === 'cannot-tell'
      ? sturdyClean + (r.chance(0.5) ? 1 : -1) * r.uniform(0.004, 0.08)
      : trap
        ? sturdyClean + gap + r.uniform(0.004, 0.04)
        : sturdyClean + r.uniform(-0.05, gap - 0.004);
  const sturdy = { clean: round(sturdyClean, 3), corrupted: round(sturdyClean - small, 3) };
  const fragile = { clean: round(fragileClean, 3), corrupted: round(fragileClean - small - gap, 3) };
  // Where the data cannot tell, which one has the smaller point drop is drawn, so position is no tell.
  const sturdyFirst = verdict === 'first' || (verdict === 'cannot-tell' && r.chance(0.5));
  const [a, b] = sturdyFirst ? [sturdy, fragile] : [fragile, sturdy];
  const first = { name: names[0], ...a };
  const second = { name: names[1], ...b };
  const diff = dropOf(second) - dropOf(first);
  const half = Math.abs(diff) / ratio;
  return { first, second, ci: [round(diff - half, 3), round(diff + half, 3)], verdict };
}

export function verdictOfInterval(ci: [number, number]): Verdict {
  return ci[0] > 0 ? 'first' : ci[1] < 0 ? 'second' : 'cannot-tell';
}

const pairText = (p: Pair) => `${p.first.name} (first) and ${p.second.name} (second)`;

export default defineExerciseLogic<MrmData>(({ parts }) => {
  const spec = (id: string) => parts.find((p) => p.id === id)!.answer as ChoiceAnswerSpec;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const names = r.sample(NAMES, 2 * PAIRS);
      const once = r.pick<Verdict>(VERDICTS);
      const order = r.shuffle<Verdict>(VERDICTS.flatMap((v) => (v === once ? [v] : [v, v])));
      // Of the conclusive pairs, at most two are traps and at most two not, so neither "higher under
      // corruption" nor "lower under corruption" reaches half.
      const conclusive = order.filter((v) => v !== 'cannot-tell').length;
      const traps = conclusive === 4 ? 2 : r.pick([1, 2]);
      const trapAt = r.shuffle(Array.from({ length: conclusive }, (_, k) => k < traps));
      let k = 0;
      const pairs = order.map((v, i) => drawPair(r, [names[2 * i]!, names[2 * i + 1]!], v, v !== 'cannot-tell' && trapAt[k++]!));
      return { corruption: r.pick(CORRUPTIONS), pairs };
    },
    render({ data: d }) {
      const f = (x: number) => x.toFixed(3);
      return {
        values: { corruption: d.corruption, ...Object.fromEntries(d.pairs.map((p, i) => [`pair-${i + 1}`, pairText(p)])) },
        tables: [
          {
            id: 'pairs',
            caption: `Accuracy clean and under ${d.corruption} on 500 test digits, with the 95% interval of the difference of the drops (generated for your variant)`,
            columns: ['pair', 'model', 'clean accuracy', 'accuracy under corruption', 'drop', '95% interval of second drop minus first drop'],
            rows: d.pairs.flatMap((p, i) => [
              [`${i + 1}`, `${p.first.name} (first)`, f(p.first.clean), f(p.first.corrupted), f(dropOf(p.first)), `${f(p.ci[0])} to ${f(p.ci[1])}`],
              [`${i + 1}`, `${p.second.name} (second)`, f(p.second.clean), f(p.second.corrupted), f(dropOf(p.second)), ''],
            ]),
          },
        ],
      };
    },
    async check({ data: d }, answers) {
      const one = (i: number) => (answer: unknown) => {
        const p = d.pairs[i]!;
        const higherUnder: Verdict = p.first.corrupted > p.second.corrupted ? 'first' : 'second';
        const smallerDrop: Verdict = dropOf(p.first) < dropOf(p.second) ? 'first' : 'second';
        const why: Partial<Record<string, string>> = {};
        if (p.verdict === 'cannot-tell') {
          why[smallerDrop] =
            'That compares the drops as point estimates. Where does 0 lie in the interval of their difference? Noise of 500 digits can give a difference this size.';
          why[higherUnder === smallerDrop ? (smallerDrop === 'first' ? 'second' : 'first') : higherUnder] =
            'That model keeps the higher accuracy under corruption, or the higher drop: neither settles it. Read the interval of the difference of the drops.';
        } else {
          const fragile: Verdict = p.verdict === 'first' ? 'second' : 'first';
          why[fragile] =
            higherUnder === fragile
              ? 'That compares the accuracies under corruption. The model that scores higher there may simply have started higher: robustness is what the corruption costs, the drop.'
              : 'That model loses more to the corruption than the other. Robustness is the drop: which way does the interval of the difference of the drops point?';
          why['cannot-tell'] = 'Where does 0 lie in the interval of the difference of the drops? An interval that excludes 0 shows a difference.';
        }
        return checkChoice(answer as never, spec(`pair-${i + 1}`), p.verdict, {
          why,
          correct:
            p.verdict === 'cannot-tell'
              ? 'Correct: the interval of the difference contains 0, so these 500 digits do not show which model loses less.'
              : 'Correct: the interval of the difference of the drops excludes 0, and this model loses less to the corruption.',
        });
      };
      return gradeParts(answers, Object.fromEntries(d.pairs.map((_, i) => [`pair-${i + 1}`, one(i)])));
    },
  };
});
