/**
 * A/A comparisons, serial correlation and multiple-comparison corrections (runtime/results): the false-win
 * rate of the engine's comparison is near its nominal 5% only when samples are independent and the runs do
 * not drift; with correlated samples it is far higher, and the tests say so with the right numbers.
 */
import { randomNormal } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../runtime/data/random.ts';
import { runAaPairs, summariseAa, wilsonInterval, aaPair } from '../../runtime/results/aa.ts';
import { effectiveSampleSize, lag1Autocorrelation } from '../../runtime/results/autocorrelation.ts';
import { compareResults } from '../../runtime/results/compare.ts';
import { benjaminiHochberg, bonferroni, holm } from '../../runtime/results/multiple-comparisons.ts';
import { makeRecord } from './fixtures/record.ts';

/** n samples around 10 ms: independent (rho 0) or AR(1) with lag-1 correlation rho. */
function samples(n: number, rho: number, random: () => number): number[] {
  const normal = randomNormal.source(random)(0, 1);
  const out: number[] = [];
  let e = normal();
  for (let i = 0; i < n; i++) {
    e = rho * e + Math.sqrt(1 - rho * rho) * normal();
    out.push(10 * Math.exp(0.05 * e));
  }
  return out;
}

async function falseWinRate(rho: number, pairs: number, seed: number) {
  const random = seededRandom(seed);
  return runAaPairs(async () => makeRecord(samples(40, rho, random)), pairs, { compare: (a, b) => compareResults(a, b, { resamples: 1000 }) });
}

describe('A/A pairs', () => {
  it('independent samples from one distribution: false wins near the nominal 5% (200 pairs)', async () => {
    const s = await falseWinRate(0, 200, 7);
    expect(s.pairs).toBe(200);
    expect(s.conclusive).toBe(200);
    // Binomial(200, 0.05) lies in 2..19 with probability > 0.999.
    expect(s.falseWins).toBeGreaterThanOrEqual(2);
    expect(s.falseWins).toBeLessThanOrEqual(19);
    expect(s.rateCi95![0]).toBeLessThan(0.05);
    expect(s.rateCi95![1]).toBeGreaterThan(0.05);
  }, 30_000);

  it('autocorrelated samples (lag-1 correlation 0.9): the same comparison wins far more often than 5%', async () => {
    const s = await falseWinRate(0.9, 100, 8);
    expect(s.rate!).toBeGreaterThan(0.25);
  }, 30_000);

  it('a pair of different specs is not an A/A pair', () => {
    const a = makeRecord([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const b = makeRecord([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { parameters: { n: 512, variant: 'tiled' } });
    expect(() => aaPair(compareResults(a, b))).toThrow(/same spec with the same parameters and seed: parameter n differs/);
  });

  it('inconclusive pairs are counted apart and not as false wins', () => {
    const s = summariseAa([
      { ratio: 1.2, ci95: [1.1, 1.3], conclusive: true, falseWin: true, inconclusiveBecause: [] },
      { ratio: 1.0, ci95: [0.9, 1.1], conclusive: true, falseWin: false, inconclusiveBecause: [] },
      { ratio: 1.5, ci95: [1.5, 1.5], conclusive: false, falseWin: false, inconclusiveBecause: ['zero width'] },
    ]);
    expect(s).toMatchObject({ pairs: 3, conclusive: 2, falseWins: 1, rate: 0.5, alpha: 0.05 });
    expect(summariseAa([]).rate).toBeNull();
  });

  it('a non-positive number of pairs is refused', async () => {
    await expect(runAaPairs(async () => makeRecord([1, 2, 3]), 0)).rejects.toThrow('pairs must be a whole number of at least 1, got 0');
  });

  it('Wilson interval: 0 of 10 and 5 of 100 by hand', () => {
    const [lo, hi] = wilsonInterval(0, 10);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.2775, 4);
    const [l2, h2] = wilsonInterval(5, 100);
    expect(l2).toBeCloseTo(0.02154, 4);
    expect(h2).toBeCloseTo(0.11175, 4);
    expect(() => wilsonInterval(3, 2)).toThrow('0 <= k <= n');
  });
});

describe('serial correlation', () => {
  it('independent samples: lag-1 correlation near 0 and an effective size near n; AR(1) 0.8: about n / 9', () => {
    const random = seededRandom(3);
    const iid = samples(2000, 0, random);
    expect(Math.abs(lag1Autocorrelation(iid))).toBeLessThan(0.06);
    expect(effectiveSampleSize(iid)).toBeGreaterThan(1700);
    const ar = samples(2000, 0.8, random);
    expect(lag1Autocorrelation(ar)).toBeCloseTo(0.8, 1);
    expect(effectiveSampleSize(ar)).toBeGreaterThan(2000 / 9 - 60);
    expect(effectiveSampleSize(ar)).toBeLessThan(2000 / 9 + 60);
  });

  it('a steady upward drift is perfectly correlated; too few samples are refused', () => {
    expect(lag1Autocorrelation([1, 2, 3, 4, 5, 6, 7, 8])).toBeGreaterThan(0.6);
    expect(effectiveSampleSize([5, 5, 5, 5])).toBe(4);
    expect(() => lag1Autocorrelation([1, 2])).toThrow('at least 3 samples');
  });
});

describe('multiple comparisons', () => {
  const ps = [0.001, 0.013, 0.02, 0.04];
  it('Bonferroni compares every p with alpha / m', () => {
    expect(bonferroni(ps, 0.05)).toEqual([true, false, false, false]); // 0.05 / 4 = 0.0125
  });
  it('Holm steps down: alpha / 4, / 3, / 2, / 1 in order of p, and stops at the first failure', () => {
    expect(holm(ps, 0.05)).toEqual([true, true, true, true]);
    // 0.004 <= 0.0125; 0.02 > 0.05 / 3: stop, so 0.021 (below 0.05 / 2 on its own) is not rejected.
    expect(holm([0.021, 0.004, 0.02, 0.5], 0.05)).toEqual([false, true, false, false]);
  });
  it('Holm rejects at least what Bonferroni rejects (300 random sets)', () => {
    const random = seededRandom(11);
    for (let k = 0; k < 300; k++) {
      const set = Array.from({ length: 2 + (k % 9) }, () => random() ** 3);
      const b = bonferroni(set, 0.05);
      const h = holm(set, 0.05);
      b.forEach((x, i) => {
        if (x) expect(h[i]).toBe(true);
      });
    }
  });
  it('Benjamini-Hochberg steps up: the largest k with p(k) <= k alpha / m', () => {
    // sorted 0.01, 0.02, 0.035, 0.04 against 0.0125, 0.025, 0.0375, 0.05: k = 4 passes, so all four.
    expect(benjaminiHochberg([0.04, 0.01, 0.035, 0.02], 0.05)).toEqual([true, true, true, true]);
    expect(holm([0.04, 0.01, 0.035, 0.02], 0.05)).toEqual([false, true, false, false]);
  });
  it('bad input is named', () => {
    expect(() => holm([0.1, 1.2], 0.05)).toThrow('p-value 2 is 1.2');
    expect(() => bonferroni([0.1], 0)).toThrow('alpha must lie between 0 and 1');
  });
});

describe('runAaPairs options', () => {
  it('onPair sees each pair with its two records; stop ends the series after the pair in progress', async () => {
    const random = seededRandom(21);
    const seen: number[] = [];
    let pairs = 0;
    const s = await runAaPairs(async () => makeRecord(samples(20, 0, random)), 10, {
      compare: (a, b) => compareResults(a, b, { resamples: 200 }),
      onPair: (_, index, [a, b]) => {
        seen.push(index);
        expect(a.samples.perIteration).toHaveLength(20);
        expect(b).not.toBe(a);
        pairs++;
      },
      stop: () => pairs >= 3,
    });
    expect(seen).toEqual([0, 1, 2]);
    expect(s.pairs).toBe(3);
  });
});
