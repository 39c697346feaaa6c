/** memory-or-compute-bound: the answer set follows the variant, and named mistakes are never accepted. */
import { describe, expect, it } from 'vitest';
import {
  attainableMistakes,
  attainableOf,
  memoryBoundOf,
  POOL,
  ridgeMistakes,
  ridgeOf,
  type BoundData,
} from '../../exercises/memory-or-compute-bound/exercise.ts';
import { attainableGflops } from '../../runtime/kernels/roofline.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const { variant, check } = await loadExercise<BoundData>('memory-or-compute-bound');
const SEEDS = seeds(1, 300);

describe('memory-or-compute-bound: the data', () => {
  it("the attainable performance is the engine's roofline formula at the asked kernel's intensity", () => {
    for (const s of seeds(1, 30)) {
      const d = variant(s).data;
      const intensity = POOL[d.kernels[d.asked]!]!.intensity;
      expect(attainableOf(d)).toBe(attainableGflops({ peakGflops: d.peak, bandwidthGBs: d.bandwidth }, intensity));
    }
  });
  it('no option is memory-bound on more than 70% of seeds, and the set has 1 to 5 kernels', () => {
    const counts: Record<string, number> = {};
    for (const s of SEEDS) {
      const right = memoryBoundOf(variant(s).data);
      expect(right.length).toBeGreaterThanOrEqual(1);
      expect(right.length).toBeLessThanOrEqual(5);
      for (const id of right) counts[id] = (counts[id] ?? 0) + 1;
    }
    for (const id of ['k1', 'k2', 'k3', 'k4', 'k5', 'k6']) expect(counts[id] ?? 0, id).toBeLessThan(0.7 * SEEDS.length);
  });
  it('the asked kernel is memory-bound on some seeds and compute-bound on others', () => {
    const memory = SEEDS.filter((s) => attainableOf(variant(s).data) < variant(s).data.peak).length;
    expect(memory).toBeGreaterThan(60);
    expect(memory).toBeLessThan(240);
  });
});

describe('memory-or-compute-bound: named mistakes are never accepted', () => {
  it('on 300 seeds every named mistake scores 0 and the solution to three figures scores 1', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      for (const m of ridgeMistakes(d)) expect((await check(s, { ridge: m.value.toPrecision(6) })).parts.ridge!.score, `seed ${s}`).toBe(0);
      for (const m of attainableMistakes(d))
        expect((await check(s, { attainable: m.value.toPrecision(6) })).parts.attainable!.score, `seed ${s}: ${m.feedback}`).toBe(0);
      expect(
        (await check(s, { ridge: ridgeOf(d).toPrecision(3), 'memory-bound': memoryBoundOf(d), attainable: attainableOf(d).toPrecision(3) })).score,
        `seed ${s}`,
      ).toBe(1);
    }
  });
});
