/**
 * iterations-per-sample against the tester's attacks: a choice part with the same answer on every variant
 * (`tail` was always batch means), and named batch mistakes that land on the answer for some call times.
 */
import { describe, expect, it } from 'vitest';
import { batchMistakes, batchOf, type IterationsData, tailOf } from '../../exercises/iterations-per-sample/exercise.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const { variant, check } = await loadExercise<IterationsData>('iterations-per-sample');
const SEEDS = seeds(1, 500);

describe('iterations-per-sample: the tail part follows the data', () => {
  it('each answer of the tail part is right on at least 20% of 500 seeds, and only when the batch says so', () => {
    const counts: Record<string, number> = {};
    for (const s of SEEDS) {
      const d = variant(s).data;
      counts[tailOf(d)] = (counts[tailOf(d)] ?? 0) + 1;
      expect(tailOf(d) === 'single', `seed ${s}`).toBe(d.callUs / 1000 >= 1000 * d.resolutionMs);
    }
    expect(counts.single).toBeGreaterThan(100);
    expect(counts['batch-means']).toBeGreaterThan(100);
  });
  it('"always batch means" is right on under 80% of seeds (it was 100%)', async () => {
    let right = 0;
    for (const s of SEEDS) right += (await check(s, { tail: 'batch-means' })).score > 0 ? 1 : 0;
    expect(right / SEEDS.length).toBeLessThan(0.8);
  });
});

describe('iterations-per-sample: named batch mistakes are never accepted', () => {
  it('on 500 seeds, every named mistake that is not the answer itself is wrong', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      for (const m of batchMistakes(d)) {
        if (m.value === batchOf(d)) continue; // ceil of one tick is 1 call, right when one call lasts 1000 ticks
        const r = await check(s, { batch: String(m.value) });
        expect(r.parts.batch!.score, `seed ${s}: ${m.feedback}`).toBe(0);
      }
    }
  });
});
