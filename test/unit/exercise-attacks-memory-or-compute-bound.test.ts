/** memory-or-compute-bound: the answer set follows the variant, and named mistakes are never accepted. */
import { describe, expect, it } from 'vitest';
import {
  attainableMistakes,
  attainableOf,
  memoryBoundOf,
  IDS,
  POOL,
  RIDGE_MAX,
  RIDGE_MIN,
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

describe('memory-or-compute-bound: machines that exist', () => {
  it('on 500 seeds every ridge lies between 2 and 100 FLOP/byte, so every elementwise kernel is memory-bound', () => {
    // Was: 97/500 ridges below 1, seed 32 at 0.113 with AXPY compute-bound.
    for (const s of seeds(1, 500)) {
      const d = variant(s).data;
      expect(ridgeOf(d), `seed ${s}`).toBeGreaterThanOrEqual(RIDGE_MIN);
      expect(ridgeOf(d), `seed ${s}`).toBeLessThanOrEqual(RIDGE_MAX);
      for (const [i, k] of d.kernels.entries()) if (POOL[k]!.intensity < 1) expect(memoryBoundOf(d), `seed ${s}`).toContain(IDS[i]);
    }
  });
  it('the feedback on a wrongly ticked matrix product is true: that product sits at or right of the ridge', async () => {
    for (const s of seeds(1, 300)) {
      const d = variant(s).data;
      for (const [i, id] of IDS.entries()) {
        if (memoryBoundOf(d).includes(id) || !POOL[d.kernels[i]!]!.name.startsWith('matmul') || memoryBoundOf(d).length === 5) continue;
        const r = await check(s, { 'memory-bound': [...memoryBoundOf(d), id] });
        expect(r.parts['memory-bound']!.feedback, `seed ${s}`).toContain('right of this machine');
        expect(POOL[d.kernels[i]!]!.intensity, `seed ${s}`).toBeGreaterThanOrEqual(ridgeOf(d));
      }
    }
  });
  it('rules on the intensities alone, without the ridge, keep the whole exercise under 0.25 on average', async () => {
    const intensities = (d: BoundData) => d.kernels.map((k) => POOL[k]!.intensity);
    const rules: Record<string, (d: BoundData) => string[]> = {
      'the three lowest': (d) => {
        const sorted = [...intensities(d)].sort((a, b) => a - b);
        return IDS.filter((_, i) => intensities(d)[i]! <= sorted[2]!);
      },
      'below 10': (d) => IDS.filter((_, i) => intensities(d)[i]! < 10),
      'below 1': (d) => IDS.filter((_, i) => intensities(d)[i]! < 1),
    };
    for (const [name, f] of Object.entries(rules)) {
      let total = 0;
      for (const s of SEEDS) total += (await check(s, { 'memory-bound': f(variant(s).data) })).score;
      console.log(`memory-or-compute-bound: ${name} averages ${(total / SEEDS.length).toFixed(3)}`);
      expect(total / SEEDS.length, name).toBeLessThan(0.25);
    }
  });
});
