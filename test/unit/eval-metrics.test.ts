import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accuracyInterval, bootstrapWeighted } from '../../runtime/eval/bootstrap.ts';
import { classificationReport, expectedCalibrationError, rocAucOvr, softmaxRows, type Scored } from '../../runtime/eval/classification.ts';
import { evaluateClassifier } from '../../runtime/eval/evaluate.ts';

/** Inputs and scikit-learn 1.2.1's outputs, written by test/fixtures/sklearn/make-reference.py (re-run it to regenerate). */
interface Case {
  name: string;
  classes: number;
  labels: number[];
  probabilities: number[];
  sklearn: {
    accuracy: number;
    confusion: number[][];
    precision: number[];
    recall: number[];
    f1: number[];
    macro: Record<'precision' | 'recall' | 'f1', number>;
    micro: Record<'precision' | 'recall' | 'f1', number>;
    weighted: Record<'precision' | 'recall' | 'f1', number>;
    ece15: number;
    rocAucOvrMacro: number;
    rocAucPerClass: number[];
  };
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/sklearn/classification-reference.json', import.meta.url), 'utf8')) as {
  sklearn: string;
  cases: Case[];
};

describe('classification metrics against scikit-learn', () => {
  expect(fixture.sklearn).toBe('1.2.1');
  for (const c of fixture.cases) {
    const s: Scored = { classes: c.classes, labels: c.labels, probabilities: c.probabilities };
    it(`${c.name}: accuracy, confusion matrix, per-class and macro/micro/weighted precision, recall, F1`, () => {
      const r = classificationReport(s);
      expect(r.accuracy).toBeCloseTo(c.sklearn.accuracy, 12);
      expect(r.confusion).toEqual(c.sklearn.confusion);
      r.perClass.forEach((p, k) => {
        expect(p.precision).toBeCloseTo(c.sklearn.precision[k]!, 12);
        expect(p.recall).toBeCloseTo(c.sklearn.recall[k]!, 12);
        expect(p.f1).toBeCloseTo(c.sklearn.f1[k]!, 12);
      });
      for (const avg of ['macro', 'micro', 'weighted'] as const)
        for (const m of ['precision', 'recall', 'f1'] as const) expect(r[avg][m], `${avg} ${m}`).toBeCloseTo(c.sklearn[avg][m], 12);
    });
    it(`${c.name}: ROC-AUC one-vs-rest (per class and macro) and ECE (numpy, 15 bins)`, () => {
      const auc = rocAucOvr(s);
      expect(auc.macro!).toBeCloseTo(c.sklearn.rocAucOvrMacro, 12);
      auc.perClass.forEach((v, k) => expect(v!).toBeCloseTo(c.sklearn.rocAucPerClass[k]!, 12));
      expect(expectedCalibrationError(s).ece).toBeCloseTo(c.sklearn.ece15, 12);
    });
  }

  it('states a never-predicted class (precision 0/0 -> 0, zero_division=0) instead of NaN', () => {
    const c = fixture.cases.find((x) => x.name === 'never-predicted')!;
    const r = classificationReport({ classes: c.classes, labels: c.labels, probabilities: c.probabilities });
    expect(r.perClass[3]!.precision).toBe(0);
    expect(r.undefinedCases).toEqual(['class 3 is never predicted: its precision is 0/0, reported as 0 (zero_division=0)']);
  });
});

describe('undefined cases are stated, never NaN', () => {
  // Three classes, class 2 never occurs in the labels (and is never predicted).
  const s: Scored = { classes: 3, labels: [0, 1, 0, 1], probabilities: [0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.4, 0.5, 0.1, 0.6, 0.3, 0.1] };
  it('a class with no item: recall 0/0 stated, ROC-AUC undefined for it and left out of the macro mean', () => {
    const r = classificationReport(s);
    expect(r.undefinedCases).toContain('class 2 has no item: its recall is 0/0, reported as 0 (zero_division=0)');
    const auc = rocAucOvr(s);
    expect(auc.perClass[2]).toBeNull();
    expect(auc.macro).toBeCloseTo(0.75, 12); // classes 0 and 1: each ranks 3 of its 4 (positive, negative) pairs right
    const e = evaluateClassifier(s, { seed: 1, resamples: 100 });
    expect(e.metrics['roc-auc']).toBeUndefined();
    expect(e.undefinedCases.join('\n')).toMatch(/ROC-AUC of class 2 is undefined: it has no item/);
    for (const v of Object.values(e.metrics)) for (const x of [v.value, ...v.ci95]) expect(Number.isFinite(x)).toBe(true);
  });
  it('refuses probabilities that are logits, labels out of range, and sizes that disagree, saying which item', () => {
    expect(() => evaluateClassifier({ classes: 2, labels: [0], probabilities: [2, -1] }, { seed: 1 })).toThrow(
      /item 0, class 0: probability 2 is not in 0..1/,
    );
    expect(() => evaluateClassifier({ classes: 2, labels: [2], probabilities: [0.5, 0.5] }, { seed: 1 })).toThrow(
      /item 0 has label 2; labels are 0..1/,
    );
    expect(() => evaluateClassifier({ classes: 2, labels: [0, 1], probabilities: [0.5, 0.5] }, { seed: 1 })).toThrow(/2 items x 2 classes need 4/);
    expect(() => evaluateClassifier({ classes: 2, labels: [0], probabilities: [0.5, 0.4] }, { seed: 1 })).toThrow(/sum to 0.9, not 1/);
  });
});

describe('bootstrap intervals over items', () => {
  const c = fixture.cases.find((x) => x.name === 'ten-classes')!;
  const s: Scored = { classes: c.classes, labels: c.labels, probabilities: c.probabilities };
  it('give every metric an interval around its value, the same for the same seed and another for another seed', () => {
    const a = evaluateClassifier(s, { seed: 7, resamples: 300 });
    const b = evaluateClassifier(s, { seed: 7, resamples: 300 });
    const other = evaluateClassifier(s, { seed: 8, resamples: 300 });
    expect(a.metrics).toEqual(b.metrics);
    expect(other.metrics.accuracy!.ci95).not.toEqual(a.metrics.accuracy!.ci95);
    for (const k of ['accuracy', 'precision-macro', 'recall-macro', 'f1-macro', 'f1-micro', 'roc-auc', 'ece', 'f1:3', 'roc-auc:9']) {
      const m = a.metrics[k]!;
      expect(m, k).toBeDefined();
      expect(m.ci95[0], k).toBeLessThanOrEqual(m.value);
      expect(m.ci95[1], k).toBeGreaterThanOrEqual(m.value);
    }
    expect(a.metrics.accuracy!.value).toBeCloseTo(c.sklearn.accuracy, 12);
    expect(a.metrics['f1-micro']!.value).toBe(a.metrics.accuracy!.value);
  });
  it('is as wide as the binomial says for accuracy (normal approximation, 300 items)', () => {
    const p = c.sklearn.accuracy;
    const half = 1.96 * Math.sqrt((p * (1 - p)) / 300);
    const i = evaluateClassifier(s, { seed: 3, resamples: 2000 }).metrics.accuracy!;
    expect((i.ci95[1] - i.ci95[0]) / 2).toBeGreaterThan(half * 0.8);
    expect((i.ci95[1] - i.ci95[0]) / 2).toBeLessThan(half * 1.2);
  });
  it('weighted resampling agrees with resampling by index for accuracy', () => {
    const correct = c.labels.map((y, i) =>
      Array.from({ length: 10 }, (_, k) => c.probabilities[i * 10 + k]!).indexOf(Math.max(...c.probabilities.slice(i * 10, i * 10 + 10))) === y
        ? 1
        : 0,
    );
    const byIndex = accuracyInterval(correct, { seed: 5, resamples: 500 });
    const byWeight = bootstrapWeighted(
      correct.length,
      (w) => ({
        a: w ? correct.reduce((s: number, x, i) => s + x * w[i]!, 0) / correct.length : correct.reduce((s: number, x) => s + x, 0) / correct.length,
      }),
      { seed: 5, resamples: 500 },
    ).a!;
    expect(byWeight.ci95).toEqual(byIndex.ci95); // the same draws from the same seed
  });
  it('softmaxRows turns logits into rows that sum to 1, even for large logits', () => {
    const p = softmaxRows([1000, 1001, 0, 0], 2);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 12);
    expect(p[2]).toBe(0.5);
  });
});
