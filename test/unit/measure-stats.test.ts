import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalFloat32 } from '../../runtime/data/random.ts';
import { modifiedZScores, percentile, percentileDefinition, relativeIqr, summarize } from '../../runtime/measure/stats.ts';

/*
 * Reference values from numpy 2.4.6 (default percentile method 'linear'):
 *
 *   import numpy as np
 *   x = np.array(a, dtype=float); med = np.median(x); mad = np.median(np.abs(x - med))
 *   q1, q3 = np.percentile(x, [25, 75])
 *   dict(mean=x.mean(), stdev=x.std(ddof=1), median=med, q1=q1, q3=q3, iqr=q3 - q1,
 *        p90=np.percentile(x, 90), p95=np.percentile(x, 95), p99=np.percentile(x, 99),
 *        mad=mad, relativeIqr=(q3 - q1) / med,
 *        outliers=np.nonzero(np.abs(0.6745 * (x - med) / mad) > 3.5)[0])
 */
const REFERENCE = {
  odd: {
    data: [3, 1, 4, 1, 5, 9, 2, 6, 5],
    n: 9,
    min: 1,
    max: 9,
    mean: 4,
    stdev: 2.598076211353316,
    median: 4,
    q1: 2,
    q3: 5,
    iqr: 3,
    p90: 6.6000000000000005,
    p95: 7.799999999999999,
    p99: 8.76,
    mad: 2,
    relativeIqr: 0.75,
    outliers: [],
  },
  even: {
    data: [2.5, 3.1, 2.9, 3.0, 2.7, 3.3, 2.8, 3.2],
    n: 8,
    min: 2.5,
    max: 3.3,
    mean: 2.9375,
    stdev: 0.2669269563007828,
    median: 2.95,
    q1: 2.775,
    q3: 3.125,
    iqr: 0.3500000000000001,
    p90: 3.23,
    p95: 3.2649999999999997,
    p99: 3.2929999999999997,
    mad: 0.20000000000000018,
    relativeIqr: 0.11864406779661019,
    outliers: [],
  },
  skewed: {
    data: [1.0, 1.1, 1.05, 1.2, 1.15, 1.1, 1.3, 5.0, 1.12, 1.08, 9.5],
    n: 11,
    min: 1,
    max: 9.5,
    mean: 2.2363636363636363,
    stdev: 2.6764015869344897,
    median: 1.12,
    q1: 1.09,
    q3: 1.25,
    iqr: 0.15999999999999992,
    p90: 5,
    p95: 7.25,
    p99: 9.05,
    mad: 0.07000000000000006,
    relativeIqr: 0.14285714285714277,
    outliers: [7, 10],
  },
  two: {
    data: [1, 2],
    n: 2,
    min: 1,
    max: 2,
    mean: 1.5,
    stdev: Math.SQRT1_2,
    median: 1.5,
    q1: 1.25,
    q3: 1.75,
    iqr: 0.5,
    p90: 1.9,
    p95: 1.95,
    p99: 1.99,
    mad: 0.5,
    relativeIqr: 0.3333333333333333,
    outliers: [],
  },
  // MAD is 0: the fallback score (x - med) / (1.253314 MeanAD), MeanAD 0.2, is 3.99 for the 5 (flagged) and 0 for the 4s.
  ties: {
    data: [4, 4, 4, 4, 5],
    n: 5,
    min: 4,
    max: 5,
    mean: 4.2,
    stdev: 0.4472135954999579,
    median: 4,
    q1: 4,
    q3: 4,
    iqr: 0,
    p90: 4.6,
    p95: 4.8,
    p99: 4.96,
    mad: 0,
    relativeIqr: 0,
    outliers: [4],
  },
} as const;

const NUMERIC = ['min', 'max', 'mean', 'stdev', 'median', 'q1', 'q3', 'iqr', 'p90', 'p95', 'p99', 'mad', 'relativeIqr'] as const;

describe('summarize: agrees with numpy', () => {
  for (const [name, ref] of Object.entries(REFERENCE)) {
    it(`${name} (n = ${ref.n})`, () => {
      const s = summarize([...ref.data]);
      expect(s.n).toBe(ref.n);
      for (const key of NUMERIC) expect(s[key], key).toBeCloseTo(ref[key], 12);
      expect(s.p50).toBe(s.median);
      expect(s.outliers).toEqual(ref.outliers);
    });
  }

  it('a single sample: every location is that sample, stdev undefined (NaN, like std(ddof=1))', () => {
    const s = summarize([7]);
    expect([s.min, s.max, s.median, s.q1, s.q3, s.p99, s.iqr, s.mad]).toEqual([7, 7, 7, 7, 7, 7, 0, 0]);
    expect(s.stdev).toBeNaN();
    expect(s.ci95Median).toEqual([7, 7]);
  });

  it('states its percentile definition', () => {
    expect(percentileDefinition).toMatch(/linear/);
    expect(percentileDefinition).toMatch(/type 7/);
    expect(summarize([1, 2]).percentileDefinition).toBe(percentileDefinition);
    expect(percentile([1, 2, 3, 4], 90)).toBeCloseTo(3.7, 12); // np.percentile([1, 2, 3, 4], 90) == 3.7
  });
});

describe('summarize: bootstrap interval of the median', () => {
  it('for two values spans both (a quarter of the resamples are all the low value, a quarter all the high one)', () => {
    expect(summarize([1, 2]).ci95Median).toEqual([1, 2]);
  });

  it('is narrower for more samples of the same distribution', () => {
    const width = (n: number) => {
      const [lo, hi] = summarize(Array.from(normalFloat32(n, 3, 10, 1))).ci95Median;
      return hi - lo;
    };
    expect(width(1000)).toBeLessThan(width(20));
  });

  it('matches the exact bootstrap distribution of the median of 1..101: [41, 61]', () => {
    // P(median of a resample <= j) = P(Binomial(101, j/101) >= 51); its 2.5th and 97.5th percentiles are 41 and 61
    // (python: sum(comb(n, i) p**i (1-p)**(n-i) for i in range(51, 102))). 2000 resamples land within one rank.
    const [lo, hi] = summarize(Array.from({ length: 101 }, (_, i) => i + 1)).ci95Median;
    expect(Math.abs(lo - 41)).toBeLessThanOrEqual(1);
    expect(Math.abs(hi - 61)).toBeLessThanOrEqual(1);
  });

  it('a different seed generally gives a different interval', () => {
    const data = Array.from(normalFloat32(40, 11, 5, 1));
    const intervals = new Set(Array.from({ length: 10 }, (_, seed) => summarize(data, { seed }).ci95Median.join(',')));
    expect(intervals.size).toBeGreaterThan(1);
  });

  it('records how it was drawn', () => {
    expect(summarize([1, 2, 3], { seed: 9, resamples: 50 }).bootstrap).toEqual({ seed: 9, resamples: 50 });
  });
});

describe('summarize: outliers', () => {
  it('flags a planted outlier and nothing else', () => {
    const data = Array.from(normalFloat32(50, 7, 10, 0.1));
    data[17] = 20;
    expect(summarize(data).outliers).toEqual([17]);
  });

  it('uses the 3.5 threshold: a score of 3.24 is kept, 3.71 is flagged (numpy: median 10, MAD 1)', () => {
    expect(summarize([8, 9, 9, 10, 10, 10, 10, 11, 11, 12, 14.8, 15.5]).outliers).toEqual([11]);
  });

  it('flags nothing in a set of equal values', () => {
    expect(summarize([3, 3, 3, 3]).outliers).toEqual([]);
  });

  it('a coarse timer (MAD 0: 55 samples tie at one tick, 45 at the next) flags no ordinary sample', () => {
    // MeanAD = 45 x 0.1 / 100 = 0.045; the score of 1.1 is 0.1 / (1.253314 x 0.045) = 1.77 < 3.5.
    const data = [...Array<number>(55).fill(1), ...Array<number>(45).fill(1.1)];
    const s = summarize(data);
    expect(s.mad).toBe(0);
    expect(s.outliers).toEqual([]);
    expect(modifiedZScores(data, 1, 0)[99]).toBeCloseTo(0.1 / (1.253314 * 0.045), 9);
  });

  it('with MAD 0, still flags a real outlier among tied samples', () => {
    const data = [...Array<number>(55).fill(1), ...Array<number>(44).fill(1.1), 5];
    expect(summarize(data).outliers).toEqual([99]);
  });

  it('with MAD > 0, is (x - median) / (1.4826 MAD), the score of Iglewicz and Hoaglin', () => {
    expect(modifiedZScores([8, 10, 12, 14], 11, 2)).toEqual([-3, -1, 1, 3].map((d) => d / (1.4826 * 2)));
  });
});

describe('summarize: bad input', () => {
  it('rejects an empty set with a clear message', () => {
    expect(() => summarize([])).toThrow(/no samples/);
  });
  it('names a sample that is not a finite number', () => {
    expect(() => summarize([1, 2, NaN])).toThrow(/sample 2 is NaN/);
    expect(() => summarize([Infinity])).toThrow(/sample 0 is Infinity/);
  });
  it('rejects bad options', () => {
    expect(() => summarize([1], { resamples: 0 })).toThrow(/resamples must be an integer >= 1/);
    expect(() => summarize([1], { seed: NaN })).toThrow(/seed must be a finite number/);
    expect(() => percentile([1], 101)).toThrow(/between 0 and 100/);
  });
});

describe('summarize: properties', () => {
  // Magnitudes of timings, not of subnormal numbers (whose squares underflow to 0 in any variance formula).
  const value = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => x === 0 || Math.abs(x) >= 1e-6);
  const samples = fc.array(value, { minLength: 1, maxLength: 40 });
  const options = { resamples: 200 };
  /** A fixed fast-check seed: the same cases on every run (tests must be deterministic). */
  const runs = { seed: 20261123, numRuns: Number(process.env.PROPERTY_RUNS ?? 100) };
  /** Interpolation in d3 (a + (b - a) t) can miss by an ulp; allow that much, relative to the data's scale. */
  const slack = (xs: number[]) => 1e-9 * Math.max(1e-300, ...xs.map(Math.abs));

  it('min <= q1 <= median <= q3 <= max, and the interval contains the median', () => {
    fc.assert(
      fc.property(samples, (xs) => {
        const s = summarize(xs, options);
        const e = slack(xs);
        const chain = [s.min, s.q1, s.median, s.q3, s.max];
        for (let i = 1; i < chain.length; i++) expect(chain[i]!).toBeGreaterThanOrEqual(chain[i - 1]! - e);
        expect(s.ci95Median[0]).toBeLessThanOrEqual(s.median + e);
        expect(s.ci95Median[1]).toBeGreaterThanOrEqual(s.median - e);
      }),
      runs,
    );
  });

  it('percentiles are monotone in p', () => {
    fc.assert(
      fc.property(samples, fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 8 }), (xs, ps) => {
        const values = [...ps].sort((a, b) => a - b).map((p) => percentile(xs, p));
        for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]! - slack(xs));
      }),
      runs,
    );
  });

  it('does not depend on the order of the samples (outliers follow their values)', () => {
    fc.assert(
      fc.property(samples, fc.nat(), (xs, seed) => {
        const shuffled = xs
          .map((x, i) => ({ x, key: (i * 7919 + seed) % 104729 }))
          .sort((a, b) => a.key - b.key)
          .map((e) => e.x);
        const { outliers: a, ...restA } = summarize(xs, options);
        const { outliers: b, ...restB } = summarize(shuffled, options);
        expect(restB).toEqual(restA);
        const values = (xs: number[], idx: number[]) => idx.map((i) => xs[i]!).sort((p, q) => p - q);
        expect(values(shuffled, b)).toEqual(values(xs, a));
      }),
      runs,
    );
  });

  it('scaling the samples by c > 0 scales every location and spread statistic by c', () => {
    const keys = ['min', 'max', 'mean', 'stdev', 'median', 'q1', 'q3', 'iqr', 'p90', 'p95', 'p99', 'mad'] as const;
    fc.assert(
      fc.property(samples, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (xs, c) => {
        const s = summarize(xs, options);
        const t = summarize(
          xs.map((x) => x * c),
          options,
        );
        const e = 1e-300 + 1e-9 * c * Math.max(...xs.map(Math.abs));
        for (const key of keys) {
          if (Number.isNaN(s[key])) expect(t[key]).toBeNaN();
          else expect(Math.abs(t[key] - c * s[key]), key).toBeLessThanOrEqual(e);
        }
        expect(Math.abs(t.ci95Median[0] - c * s.ci95Median[0])).toBeLessThanOrEqual(e);
        expect(Math.abs(t.ci95Median[1] - c * s.ci95Median[1])).toBeLessThanOrEqual(e);
      }),
      runs,
    );
  });

  it('the same seed gives the same interval', () => {
    fc.assert(
      fc.property(samples, fc.integer({ min: 0, max: 1e6 }), (xs, seed) => {
        expect(summarize(xs, { seed, resamples: 100 }).ci95Median).toEqual(summarize(xs, { seed, resamples: 100 }).ci95Median);
      }),
      runs,
    );
  });
});

describe('relativeIqr', () => {
  it('is IQR / |median|, 0 when there is no spread', () => {
    expect(relativeIqr([...REFERENCE.even.data])).toBeCloseTo(REFERENCE.even.relativeIqr, 12);
    expect(relativeIqr([5, 5, 5])).toBe(0);
    expect(relativeIqr([-1, 0, 1])).toBe(Infinity);
  });
});
