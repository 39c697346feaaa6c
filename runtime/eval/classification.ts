/**
 * Classification metrics of a scored test set, after scikit-learn's definitions (checked against its
 * numbers in test/unit/eval-metrics.test.ts). Every function takes optional per-item weights (how many
 * times each item counts): the bootstrap resamples by weights, so no array is copied per resample.
 *
 * Undefined cases are never NaN. A class that is never predicted has precision 0/0; one that never
 * occurs has recall 0/0: both are reported as 0, scikit-learn's `zero_division=0` convention, and the
 * report lists each such case in words. ROC-AUC of a class that has no positive or no negative item is
 * undefined (scikit-learn raises an error); it is left out of the macro mean, and the report says so.
 */

/** Items with their true labels and one row of class probabilities each (n x classes, rows summing to 1). */
export interface Scored {
  classes: number;
  labels: ArrayLike<number>;
  probabilities: ArrayLike<number>;
}

/** The predicted class of each item: the argmax of its row (the first of tied maxima, as numpy's argmax). */
export function predictions(s: Scored): Uint8Array {
  const n = s.labels.length;
  const k = s.classes;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (s.probabilities[i * k + j]! > s.probabilities[i * k + best]!) best = j;
    out[i] = best;
  }
  return out;
}

/** Checks sizes, labels and probabilities, naming the first thing that is wrong. */
export function checkScored(s: Scored, where: string): void {
  const n = s.labels.length;
  if (!Number.isInteger(s.classes) || s.classes < 2) throw new Error(`${where}: needs at least 2 classes, got ${s.classes}`);
  if (n < 1) throw new Error(`${where}: no items to evaluate`);
  if (s.probabilities.length !== n * s.classes)
    throw new Error(`${where}: ${n} items x ${s.classes} classes need ${n * s.classes} probabilities, got ${s.probabilities.length}`);
  for (let i = 0; i < n; i++) {
    const y = s.labels[i]!;
    if (!Number.isInteger(y) || y < 0 || y >= s.classes) throw new Error(`${where}: item ${i} has label ${y}; labels are 0..${s.classes - 1}`);
    let sum = 0;
    for (let j = 0; j < s.classes; j++) {
      const p = s.probabilities[i * s.classes + j]!;
      if (!(p >= 0 && p <= 1)) throw new Error(`${where}: item ${i}, class ${j}: probability ${p} is not in 0..1`);
      sum += p;
    }
    if (Math.abs(sum - 1) > 1e-3) throw new Error(`${where}: item ${i}: probabilities sum to ${sum}, not 1 (apply a softmax to logits first)`);
  }
}

/** cm[true][predicted], weighted counts. */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes: number, weights?: ArrayLike<number>): number[][] {
  const cm = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) cm[labels[i]!]![predicted[i]!]! += weights ? weights[i]! : 1;
  return cm;
}

export interface PerClass {
  precision: number;
  recall: number;
  f1: number;
  /** How many items truly are this class. */
  support: number;
}

export interface Averages {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassificationReport {
  items: number;
  accuracy: number;
  confusion: number[][];
  perClass: PerClass[];
  /** Unweighted mean over classes (every class counts the same, rare or not). */
  macro: Averages;
  /** From the pooled counts; for single-label classes each of the three equals accuracy. */
  micro: Averages;
  /** Mean over classes weighted by support. */
  weighted: Averages;
  /** Each 0/0 met, in words, with the value it was given (0, scikit-learn's zero_division=0). */
  undefinedCases: string[];
}

/** Precision, recall and F1 per class and averaged, from a confusion matrix. */
export function reportFromConfusion(cm: number[][], names?: readonly string[]): ClassificationReport {
  const k = cm.length;
  const name = (c: number) => names?.[c] ?? String(c);
  const undefinedCases: string[] = [];
  const perClass: PerClass[] = [];
  let total = 0;
  let diagonal = 0;
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < k; j++) total += cm[c]![j]!;
    diagonal += cm[c]![c]!;
  }
  for (let c = 0; c < k; c++) {
    const tp = cm[c]![c]!;
    let predicted = 0;
    let support = 0;
    for (let j = 0; j < k; j++) {
      predicted += cm[j]![c]!;
      support += cm[c]![j]!;
    }
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    if (predicted === 0) undefinedCases.push(`class ${name(c)} is never predicted: its precision is 0/0, reported as 0 (zero_division=0)`);
    if (support === 0) undefinedCases.push(`class ${name(c)} has no item: its recall is 0/0, reported as 0 (zero_division=0)`);
    // F1 = 2PR / (P + R); 0 when both are 0 (scikit-learn's zero_division=0 for F1 too).
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass.push({ precision, recall, f1, support });
  }
  const mean = (f: (p: PerClass) => number) => perClass.reduce((s, p) => s + f(p), 0) / k;
  const wmean = (f: (p: PerClass) => number) => (total > 0 ? perClass.reduce((s, p) => s + f(p) * p.support, 0) / total : 0);
  const accuracy = total > 0 ? diagonal / total : 0;
  return {
    items: total,
    accuracy,
    confusion: cm,
    perClass,
    macro: { precision: mean((p) => p.precision), recall: mean((p) => p.recall), f1: mean((p) => p.f1) },
    micro: { precision: accuracy, recall: accuracy, f1: accuracy },
    weighted: { precision: wmean((p) => p.precision), recall: wmean((p) => p.recall), f1: wmean((p) => p.f1) },
    undefinedCases,
  };
}

export function classificationReport(s: Scored, names?: readonly string[], weights?: ArrayLike<number>): ClassificationReport {
  return reportFromConfusion(confusionMatrix(s.labels, predictions(s), s.classes, weights), names);
}

/**
 * ROC-AUC one-vs-rest: per class, the probability that a random item of the class scores higher than a
 * random item of another class (ties count a half: the Mann-Whitney statistic, which equals the area
 * under the ROC curve, as scikit-learn's roc_auc_score computes it). The macro mean is over the classes
 * where it is defined.
 */
export function rocAucOvr(
  s: Scored,
  names?: readonly string[],
  weights?: ArrayLike<number>,
  orders?: Uint32Array[],
): { perClass: (number | null)[]; macro: number | null; undefinedCases: string[] } {
  const k = s.classes;
  const n = s.labels.length;
  const perClass: (number | null)[] = [];
  const undefinedCases: string[] = [];
  const sorted = orders ?? scoreOrders(s);
  for (let c = 0; c < k; c++) {
    const order = sorted[c]!;
    let pos = 0;
    let neg = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i]! : 1;
      if (s.labels[i] === c) pos += w;
      else neg += w;
    }
    if (pos === 0 || neg === 0) {
      perClass.push(null);
      undefinedCases.push(
        `ROC-AUC of class ${names?.[c] ?? c} is undefined: it has ${pos === 0 ? 'no item' : 'every item'}, so there is nothing to rank it against; left out of the macro mean`,
      );
      continue;
    }
    // Walk the scores ascending in groups of ties: each positive beats the negatives below its group, and half the tied ones.
    let negBelow = 0;
    let sum = 0;
    for (let a = 0; a < n; ) {
      const score = s.probabilities[order[a]! * k + c]!;
      let b = a;
      let gPos = 0;
      let gNeg = 0;
      while (b < n && s.probabilities[order[b]! * k + c] === score) {
        const i = order[b]!;
        const w = weights ? weights[i]! : 1;
        if (s.labels[i] === c) gPos += w;
        else gNeg += w;
        b++;
      }
      sum += gPos * (negBelow + gNeg / 2);
      negBelow += gNeg;
      a = b;
    }
    perClass.push(sum / (pos * neg));
  }
  const defined = perClass.filter((v): v is number => v !== null);
  return { perClass, macro: defined.length > 0 ? defined.reduce((x, y) => x + y, 0) / defined.length : null, undefinedCases };
}

/** Per class, the items sorted by that class's probability ascending (made once, reused by every resample). */
export function scoreOrders(s: Scored): Uint32Array[] {
  const n = s.labels.length;
  return Array.from({ length: s.classes }, (_, c) =>
    Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => s.probabilities[a * s.classes + c]! - s.probabilities[b * s.classes + c]!),
  );
}

export interface CalibrationBin {
  /** Confidence range (lo, hi]; the first bin includes 0. */
  lo: number;
  hi: number;
  items: number;
  /** Share right among the bin's items, and their mean confidence; null for an empty bin. */
  accuracy: number | null;
  confidence: number | null;
}

/**
 * Expected calibration error (Guo et al., "On Calibration of Modern Neural Networks", 2017): items are
 * binned by confidence (their top probability) into `bins` equal-width bins, and ECE is the mean over
 * items of |accuracy - confidence| of their bin. 0 is perfectly calibrated. scikit-learn has no ECE;
 * the test's reference is a numpy implementation of this definition.
 */
export function expectedCalibrationError(s: Scored, bins = 15, weights?: ArrayLike<number>): { ece: number; bins: CalibrationBin[] } {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`expectedCalibrationError: bins must be a whole number >= 1, got ${bins}`);
  const k = s.classes;
  const count = new Float64Array(bins);
  const right = new Float64Array(bins);
  const conf = new Float64Array(bins);
  const predicted = predictions(s);
  let total = 0;
  for (let i = 0; i < s.labels.length; i++) {
    const w = weights ? weights[i]! : 1;
    if (w === 0) continue;
    const c = s.probabilities[i * k + predicted[i]!]!;
    const b = Math.min(bins - 1, Math.max(0, Math.ceil(c * bins) - 1));
    count[b]! += w;
    conf[b]! += w * c;
    if (predicted[i] === s.labels[i]) right[b]! += w;
    total += w;
  }
  let ece = 0;
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const items = count[b]!;
    out.push({ lo: b / bins, hi: (b + 1) / bins, items, accuracy: items ? right[b]! / items : null, confidence: items ? conf[b]! / items : null });
    if (items) ece += (items / total) * Math.abs(right[b]! / items - conf[b]! / items);
  }
  return { ece, bins: out };
}

/** Softmax of each row of logits (max subtracted first, so large logits do not overflow). */
export function softmaxRows(logits: ArrayLike<number>, width: number): Float64Array {
  const n = logits.length / width;
  const out = new Float64Array(logits.length);
  for (let r = 0; r < n; r++) {
    let max = -Infinity;
    for (let j = 0; j < width; j++) max = Math.max(max, logits[r * width + j]!);
    let sum = 0;
    for (let j = 0; j < width; j++) {
      out[r * width + j] = Math.exp(logits[r * width + j]! - max);
      sum += out[r * width + j]!;
    }
    for (let j = 0; j < width; j++) out[r * width + j]! /= sum;
  }
  return out;
}
