import { describe, expect, it } from 'vitest';
import { callRegression, describeRegression } from '../../runtime/results/regression.ts';

describe('callRegression: a regression is called from the interval of the ratio, not its point', () => {
  it('regression only when the whole interval is above 1 + t', () => {
    expect(callRegression([1.06, 1.2], 0.05)).toBe('regression');
    // Significantly slower (the interval excludes 1) but it may be less than 5%: not a regression call.
    expect(callRegression([1.02, 1.09], 0.05)).toBe('no-evidence');
    expect(callRegression([1.05, 1.2], 0.05)).toBe('no-evidence'); // touching the edge is not beyond it
  });
  it('improvement only below 1/(1 + t), the same size of change on the log scale', () => {
    expect(callRegression([0.8, 0.95], 0.05)).toBe('improvement');
    expect(callRegression([0.8, 0.953], 0.05)).toBe('no-evidence'); // 0.953 > 1/1.05 = 0.95238
  });
  it('no difference when the whole interval is inside the band, even if it excludes 1', () => {
    expect(callRegression([1.01, 1.04], 0.05)).toBe('no-difference');
    expect(callRegression([0.97, 1.03], 0.05)).toBe('no-difference');
  });
  it('not enough evidence when a wide interval spans the band', () => {
    expect(callRegression([0.9, 1.1], 0.05)).toBe('no-evidence');
  });
  it('refuses a threshold in percent and an interval that is not one, saying why', () => {
    expect(() => callRegression([1, 1.1], 5)).toThrow(/threshold 5 is not a fraction between 0 and 1 \(0.05 means 5%\)/);
    expect(() => callRegression([1.1, 1], 0.05)).toThrow(/not an interval of a ratio/);
    expect(() => callRegression([Number.NaN, 1], 0.05)).toThrow(/not an interval of a ratio/);
  });
  it('says each call in words with the threshold', () => {
    expect(describeRegression('no-evidence', 0.05)).toMatch(/^NOT ENOUGH EVIDENCE: the interval crosses the 5% threshold/);
    expect(describeRegression('regression', 0.1)).toMatch(/above 1 \+ 10%/);
  });
});
