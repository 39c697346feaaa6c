import { describe, expect, it } from 'vitest';
import { corruptionError, corruptionSummary, relativeCorruptionError } from '../../runtime/eval/corruption-error.ts';

// Hand-worked: model clean 0.95, severities 0.90 / 0.80; baseline clean 0.90, severities 0.70 / 0.60.
const model = [
  { strength: 0, value: 0.95 },
  { strength: 1, value: 0.9 },
  { strength: 2, value: 0.8 },
];
const baseline = [
  { strength: 0, value: 0.9 },
  { strength: 1, value: 0.7 },
  { strength: 2, value: 0.6 },
];

describe('corruption error (Hendrycks & Dietterich 2019)', () => {
  it('sums the errors and their increases over the severities, never the clean point', () => {
    const s = corruptionSummary(model);
    expect(s.cleanError).toBeCloseTo(0.05, 12);
    expect(s.severities.map((r) => r.strength)).toEqual([1, 2]);
    expect(s.errorSum).toBeCloseTo(0.1 + 0.2, 12);
    expect(s.increaseSum).toBeCloseTo(0.05 + 0.15, 12);
  });
  it('CE = 0.30 / 0.70 and relative CE = 0.20 / 0.50, by hand', () => {
    expect(corruptionError(model, baseline)).toBeCloseTo(0.3 / 0.7, 12);
    expect(relativeCorruptionError(model, baseline)).toBeCloseTo(0.2 / 0.5, 12);
  });
  it('a model better everywhere but hurt more has CE < 1 and relative CE > 1: the two measures disagree', () => {
    const sturdy = [
      { strength: 0, value: 0.8 },
      { strength: 1, value: 0.79 },
      { strength: 2, value: 0.78 },
    ];
    const fragile = [
      { strength: 0, value: 0.99 },
      { strength: 1, value: 0.9 },
      { strength: 2, value: 0.85 },
    ];
    expect(corruptionError(fragile, sturdy)).toBeLessThan(1);
    expect(relativeCorruptionError(fragile, sturdy)).toBeGreaterThan(1);
  });
  it('the order of the points does not matter', () => {
    expect(relativeCorruptionError([...model].reverse(), baseline)).toBeCloseTo(0.4, 12);
  });
  it('refuses a curve without its clean point, without a severity, or with an accuracy outside 0..1, saying why', () => {
    expect(() => corruptionSummary(model.slice(1), 'run 3')).toThrow(/run 3: no clean point \(strength 0\)/);
    expect(() => corruptionSummary(model.slice(0, 1))).toThrow(/no severity above 0/);
    expect(() => corruptionSummary([{ strength: 0, value: 95 }, ...model.slice(1)])).toThrow(/accuracy 95, not a fraction/);
  });
  it('refuses curves with different severities, and a baseline the corruption does not hurt', () => {
    expect(() => relativeCorruptionError(model, baseline.slice(0, 2))).toThrow(/strengths \(0, 1, 2\) and the baseline's \(0, 1\) differ/);
    const flat = baseline.map((p) => ({ ...p, value: 0.9 }));
    expect(() => relativeCorruptionError(model, flat)).toThrow(/no meaningful denominator/);
    expect(() =>
      corruptionError(
        model,
        flat.map((p) => ({ ...p, value: 1 })),
      ),
    ).toThrow(/error is 0 at every severity/);
  });
});
