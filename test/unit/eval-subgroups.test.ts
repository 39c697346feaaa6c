import { describe, expect, it } from 'vitest';
import { subgroupIntervals, subgroupReport } from '../../runtime/eval/subgroups.ts';
import { readEvaluation } from '../../runtime/eval/record-view.ts';

// 400 items: labels 0 (300 items, 90% right) and 1 (100 items, 60% right), seeded patterns, no randomness needed.
const labels = Uint8Array.from({ length: 400 }, (_, i) => (i < 300 ? 0 : 1));
const correct = Uint8Array.from({ length: 400 }, (_, i) => (i < 300 ? (i % 10 < 9 ? 1 : 0) : i % 10 < 6 ? 1 : 0));
const slices = [
  { name: 'zeros', labels: [0] },
  { name: 'ones', labels: [1] },
];

describe('subgroupIntervals: per-subgroup accuracy with bootstrap intervals', () => {
  const iv = subgroupIntervals(slices, labels, correct, undefined, { seed: 3, resamples: 400 });

  it('values are the point statistics of subgroupReport, each inside its own interval', () => {
    const r = subgroupReport(slices, labels, correct, undefined);
    expect(iv['slice:zeros:accuracy']!.value).toBeCloseTo(0.9, 12);
    expect(iv['slice:ones:accuracy']!.value).toBeCloseTo(0.6, 12);
    expect(iv['worst-group-accuracy']!.value).toBe(r.worst.accuracy);
    expect(iv['group-gap']!.value).toBeCloseTo(r.gap, 12);
    for (const m of Object.values(iv)) expect(m.ci95[0] <= m.value && m.value <= m.ci95[1]).toBe(true);
  });

  it('a smaller subgroup gets a wider interval than the whole set would give it (binomial width about 2 x 1.96 x sqrt(p(1-p)/n))', () => {
    const [lo, hi] = iv['slice:ones:accuracy']!.ci95;
    const expected = 2 * 1.96 * Math.sqrt((0.6 * 0.4) / 100);
    expect(hi - lo).toBeGreaterThan(expected * 0.7);
    expect(hi - lo).toBeLessThan(expected * 1.3);
    const [zlo, zhi] = iv['slice:zeros:accuracy']!.ci95;
    expect(hi - lo).toBeGreaterThan(zhi - zlo);
  });

  it('the same seed gives the same intervals; a perfect subgroup has [1, 1]; an empty one is an error naming it', () => {
    expect(subgroupIntervals(slices, labels, correct, undefined, { seed: 3, resamples: 400 })).toEqual(iv);
    const allRight = new Uint8Array(400).fill(1);
    expect(subgroupIntervals(slices, labels, allRight, undefined, { seed: 3, resamples: 100 })['slice:ones:accuracy']!.ci95).toEqual([1, 1]);
    expect(() => subgroupIntervals([{ name: 'twos', labels: [2] }], labels, correct, undefined, { seed: 1, resamples: 100 })).toThrow(
      /slice twos selects no item/,
    );
  });

  it('a subgroup some resamples miss is left out there (counted), not scored 0/0', () => {
    const tiny = Uint8Array.from({ length: 100 }, (_, i) => (i === 0 ? 1 : 0));
    const r = subgroupIntervals(
      [
        { name: 'one-item', labels: [1] },
        { name: 'rest', labels: [0] },
      ],
      tiny,
      new Uint8Array(100).fill(1),
      undefined,
      { seed: 2, resamples: 200 },
    );
    expect(r['slice:one-item:accuracy']!.undefinedResamples).toBeGreaterThan(40);
    expect(r['worst-group-accuracy']!.undefinedResamples).toBe(r['slice:one-item:accuracy']!.undefinedResamples);
  });

  it('the record view reads a slice interval back (slice:<name>:accuracy:ci95-low/high)', () => {
    const v = readEvaluation({
      items: 4,
      'confusion:0:0': 2,
      'slice:a:accuracy': 0.5,
      'slice:a:items': 2,
      'slice:a:accuracy:ci95-low': 0.1,
      'slice:a:accuracy:ci95-high': 0.9,
      'slice:b:accuracy': 1,
      'slice:b:items': 2,
    });
    expect(v.slices).toEqual([
      { name: 'a', accuracy: 0.5, items: 2, ci95: [0.1, 0.9] },
      { name: 'b', accuracy: 1, items: 2 },
    ]);
    expect(v.metrics).toEqual([]);
  });
});
