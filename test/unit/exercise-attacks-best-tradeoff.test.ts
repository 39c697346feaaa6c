/** best-tradeoff against the tester's attacks: answers spread over the six letters, named mistakes never accepted. */
import { describe, expect, it } from 'vitest';
import {
  choiceOf,
  dropMistakes,
  dropOf,
  mostAccurate,
  speedupMistakes,
  speedupOf,
  type TradeoffData,
} from '../../exercises/best-tradeoff/exercise.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const { variant, check } = await loadExercise<TradeoffData>('best-tradeoff');
const SEEDS = seeds(1, 200);

describe('best-tradeoff: the data', () => {
  it('every letter is the answer on at least 8% of 200 seeds', () => {
    const counts: Record<string, number> = {};
    for (const s of SEEDS) counts[choiceOf(variant(s).data)] = (counts[choiceOf(variant(s).data)] ?? 0) + 1;
    for (const l of ['a', 'b', 'c', 'd', 'e', 'f']) expect(counts[l] ?? 0, l).toBeGreaterThan(0.08 * SEEDS.length);
  });
  it('the fastest model always misses the target, the answer always meets it, and is never the most accurate', () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      const fastest = d.models.reduce((a, b) => (b.latency < a.latency ? b : a));
      expect(fastest.accuracy, `seed ${s}`).toBeLessThan(d.target);
      expect(d.models.find((m) => m.letter === choiceOf(d))!.accuracy).toBeGreaterThanOrEqual(d.target);
      expect(choiceOf(d)).not.toBe(mostAccurate(d).letter);
    }
  });
  it('an int8 model is slower than its float32 twin on some seeds (the worked solution says so)', () => {
    const slower = SEEDS.filter((s) => {
      const ms = variant(s).data.models;
      return ms.some((q) => q.precision === 'int8' && q.latency > ms.find((f) => f.precision === 'float32' && f.width === q.width)!.latency);
    });
    expect(slower.length).toBeGreaterThan(10);
  });
});

describe('best-tradeoff: named mistakes are never accepted', () => {
  it('on 200 seeds, every named number mistake scores 0, and the solution to three figures scores 1', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      for (const m of speedupMistakes(d))
        expect((await check(s, { speedup: m.value.toPrecision(6) })).parts.speedup!.score, `seed ${s}: ${m.feedback}`).toBe(0);
      for (const m of dropMistakes(d))
        expect((await check(s, { drop: m.value.toPrecision(6) })).parts.drop!.score, `seed ${s}: ${m.feedback}`).toBe(0);
      expect((await check(s, { choice: choiceOf(d), speedup: speedupOf(d).toPrecision(3), drop: dropOf(d).toFixed(2) })).score, `seed ${s}`).toBe(1);
    }
  });
  it('on seeds 1-300 every named number mistake gets its own feedback (none within tolerance of another)', async () => {
    // Was: on seeds 190 and 264 the file-size ratio got the feedback of the fastest model's speed-up.
    for (const s of seeds(1, 300)) {
      const d = variant(s).data;
      for (const m of speedupMistakes(d))
        expect((await check(s, { speedup: m.value.toPrecision(6) })).parts.speedup!.feedback, `seed ${s}`).toBe(m.feedback);
      for (const m of dropMistakes(d)) expect((await check(s, { drop: m.value.toPrecision(6) })).parts.drop!.feedback, `seed ${s}`).toBe(m.feedback);
    }
  });
});
