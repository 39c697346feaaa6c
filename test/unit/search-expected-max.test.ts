import { describe, expect, it } from 'vitest';
import { expectedMaxCurve, expectedMaxWithoutReplacement, expectedMaxWithReplacement } from '../../runtime/search/expected-max.ts';
import { randomSearch, searchData, twoMoons } from '../../runtime/search/tuning.ts';

/** Every k-subset, for a brute-force check of the without-replacement formula. */
function subsets<T>(xs: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (xs.length < k) return [];
  const [h, ...t] = xs;
  return [...subsets(t, k - 1).map((s) => [h!, ...s]), ...subsets(t, k)];
}

describe('expected best of k trials (Dodge et al. 2019)', () => {
  const scores = [0.71, 0.9, 0.84, 0.84, 0.62, 0.88, 0.79];

  it('without replacement equals the mean of the max over every k-subset (brute force), ties included', () => {
    for (let k = 1; k <= scores.length; k++) {
      const all = subsets(scores, k);
      const brute = all.reduce((a, s) => a + Math.max(...s), 0) / all.length;
      expect(expectedMaxWithoutReplacement(scores, k)).toBeCloseTo(brute, 12);
    }
  });

  it('k = 1 is the mean, k = n the maximum; neither is the answer in between', () => {
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(expectedMaxWithoutReplacement(scores, 1)).toBeCloseTo(mean, 12);
    expect(expectedMaxWithoutReplacement(scores, scores.length)).toBe(0.9);
    const e3 = expectedMaxWithoutReplacement(scores, 3);
    expect(e3).toBeGreaterThan(mean + 0.01);
    expect(e3).toBeLessThan(0.9 - 0.01);
  });

  it('with replacement (from the empirical distribution) matches its closed form on a small case and stays below without', () => {
    // Two scores 0 and 1, k = 2 with replacement: the max is 1 unless both draws are 0 (probability 1/4).
    expect(expectedMaxWithReplacement([0, 1], 2)).toBeCloseTo(0.75, 12);
    expect(expectedMaxWithoutReplacement([0, 1], 2)).toBe(1);
    for (let k = 2; k <= scores.length; k++)
      expect(expectedMaxWithReplacement(scores, k)).toBeLessThanOrEqual(expectedMaxWithoutReplacement(scores, k) + 1e-12);
  });

  it('the curve rises with the budget; bad input is an error that says why', () => {
    const c = expectedMaxCurve(scores);
    for (let k = 1; k < c.length; k++) expect(c[k]!).toBeGreaterThanOrEqual(c[k - 1]!);
    expect(() => expectedMaxWithoutReplacement(scores, 8)).toThrow(/k = 8 is more than the 7 trials run/);
    expect(() => expectedMaxWithoutReplacement([], 1)).toThrow(/no trial scores/);
    expect(() => expectedMaxWithoutReplacement([0.5, Number.NaN], 1)).toThrow(/not a number/);
    expect(() => expectedMaxWithoutReplacement(scores, 0)).toThrow(/k must be a whole number/);
  });
});

describe('random search on a generated two-moons set', () => {
  it('two moons: half per class, seeded', () => {
    const m = twoMoons(10, 3);
    expect([...m.labels].filter((l) => l === 1).length).toBe(5);
    expect(twoMoons(10, 3)).toEqual(m);
    expect(twoMoons(10, 4).x).not.toEqual(m.x);
  });

  it('is deterministic, and a larger budget extends a smaller one with the same trials', () => {
    const data = searchData(7, 120);
    const five = randomSearch('one-layer', 5, 7, data);
    const eight = randomSearch('one-layer', 8, 7, data);
    expect(eight.slice(0, 5)).toEqual(five);
    for (const t of eight) expect(t.score >= 0 && t.score <= 1).toBe(true);
    // The trials differ: a search whose every trial scores the same would teach nothing about budgets.
    expect(new Set(eight.map((t) => t.score)).size).toBeGreaterThan(2);
    expect(() => randomSearch('two-layer', 0, 7, data)).toThrow(/trials must be a whole number/);
  });
});
