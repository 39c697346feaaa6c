/**
 * A planted leak with a known answer, on the zoo's real splits: the finder reports every exact copy, most
 * copies with a little noise, and no copy shifted by two pixels; before planting there is none.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { plantLeak } from '../../runtime/eval/leakage-plant.ts';
import { mnistSplits, type MnistSplits } from '../../runtime/models/zoo/data.ts';
import { loadZooData } from '../../runtime/node/zoo-data.ts';

let splits: MnistSplits;
beforeAll(() => {
  splits = mnistSplits(loadZooData().mnist.all);
}, 60_000);

describe('plantLeak', () => {
  it('fresh split plus planted test copies: exact copies all found, noisy ones mostly, shifted ones not', () => {
    const r = plantLeak(splits.fresh, splits.test, { exact: 30, noisy: 40, shifted: 30, seed: 5 });
    expect(r.before.exact).toBe(0);
    expect(r.before.near).toBe(0);
    expect(r.found.exact).toBe(30);
    // Near counts include the exact ones; sigma 0.02 copies are found about four times in five (leakage.ts).
    expect(r.found.near - r.found.exact).toBeGreaterThanOrEqual(25);
    expect(r.found.near - r.found.exact).toBeLessThanOrEqual(40);
    expect(r.found.near).toBeLessThan(30 + 40 + 1); // none of the shifted copies
    expect(r.found.testItems).toBe(splits.test.count);
    expect(r.found.trainItems).toBe(splits.fresh.count + 100);
  });

  it('the same seed plants the same copies; nothing planted, nothing found; too many copies are refused', () => {
    const a = plantLeak(splits.fresh, splits.test, { exact: 5, noisy: 5, shifted: 5, seed: 9 });
    const b = plantLeak(splits.fresh, splits.test, { exact: 5, noisy: 5, shifted: 5, seed: 9 });
    expect(a.found).toEqual(b.found);
    expect(plantLeak(splits.fresh, splits.test, { exact: 0, noisy: 0, shifted: 0, seed: 1 }).found.near).toBe(0);
    expect(() => plantLeak(splits.fresh, splits.test, { exact: 3000, noisy: 0, shifted: 0, seed: 1 })).toThrow('only 2000 digits');
    expect(() => plantLeak(splits.fresh, splits.test, { exact: -1, noisy: 0, shifted: 0, seed: 1 })).toThrow('exact must be a whole number');
  });
});
