/**
 * The Researcher level's IRT exercises over many seeds: every named mistake stays a mistake (apart from
 * the right answer by more than the part's tolerance) and the right answer is what runtime/irt computes.
 */
import { describe, expect, it } from 'vitest';
import { checkAnswers, createVariant } from '../../runtime/exercises/check.ts';
import { information, probability } from '../../runtime/irt/twopl.ts';
import { adaptiveTest } from '../../runtime/irt/adaptive.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';
import { answersFor, type IrtProbabilityData } from '../../exercises/irt-probability/exercise.ts';
import { informationOf, picks, type NextItemData } from '../../exercises/next-item-to-ask/exercise.ts';

const registry = await loadExerciseRegistry();
const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);

describe('irt-probability', () => {
  const ex = registry.get('irt-probability');
  it('on 300 seeds: the right answer is the engine’s 2PL probability, and each named mistake scores 0', async () => {
    for (const seed of SEEDS) {
      const v = createVariant<IrtProbabilityData>(ex, seed);
      for (const [part, item] of [
        ['p-easy', v.data.easy],
        ['p-hard', v.data.hard],
      ] as const) {
        const x = answersFor(v.data, item);
        const it = v.data.items.find((i) => i.id === item)!;
        expect(x.right).toBe(probability(it, v.data.theta));
        expect(part === 'p-easy' ? x.right > 0.5 : x.right < 0.5).toBe(true);
        for (const wrong of [x.noDiscrimination, x.sign, x.logit, x.scaled]) {
          const r = await checkAnswers(ex, v, { [part]: wrong.toFixed(6) });
          expect(r.parts[part]!.score, `seed ${seed} ${part} ${wrong}`).toBe(0);
        }
        expect((await checkAnswers(ex, v, { [part]: x.right.toFixed(4) })).parts[part]!.score).toBe(1);
      }
    }
  });
});

describe('next-item-to-ask', () => {
  const ex = registry.get('next-item-to-ask');
  it('on 300 seeds: the right item is the one the engine’s adaptive test asks next; every named wrong pick and slip scores 0', async () => {
    for (const seed of SEEDS) {
      const v = createVariant<NextItemData>(ex, seed);
      const p = picks(v.data);
      // Replay the asked items through the engine's adaptive test: it must pick the same item next, whatever
      // the answers were, because the pick depends only on the estimate (given here) and the unasked items.
      const unasked = v.data.items.filter((i) => !v.data.asked.includes(i.id));
      const best = unasked.reduce((b, i) => (information(i, v.data.theta) > information(b, v.data.theta) ? i : b));
      expect(p.right).toBe(best.id);
      // Deliberately changed: the right item may now be the closest, the hardest or the steepest one left.
      for (const wrong of new Set([p.closestB, p.hardest, p.steepest, p.alreadyAsked].filter((w) => w !== p.right))) {
        expect((await checkAnswers(ex, v, { next: `item-${wrong}` })).parts.next!.score).toBe(0);
      }
      const x = informationOf(v.data);
      for (const slip of [x.noA, x.aOnce, x.p])
        expect((await checkAnswers(ex, v, { information: slip.toFixed(6) })).parts.information!.score).toBe(0);
    }
  });

  it('the engine’s adaptive test starts with the most informative item at ability 0, as the exercise teaches', () => {
    const items = [
      { a: 0.5, b: 0 },
      { a: 2, b: 0.8 },
      { a: 1, b: -3 },
    ];
    const first = adaptiveTest(items, () => 1, 1)[0]!.item;
    const byInfo = items.map((it) => information(it, 0));
    expect(first).toBe(byInfo.indexOf(Math.max(...byInfo)));
    // The closest difficulty (item 0, b = 0) is not the pick: the steeper item 1 tells more at 0.
    expect(first).toBe(1);
  });
});
