import { bootstrapWeighted, DEFAULT_RESAMPLES, type Interval } from './bootstrap.ts';
import {
  checkScored,
  classificationReport,
  confusionMatrix,
  expectedCalibrationError,
  predictions,
  reportFromConfusion,
  rocAucOvr,
  scoreOrders,
  type CalibrationBin,
  type Scored,
} from './classification.ts';

/**
 * One evaluation of a classifier on a labelled split: every metric with a seeded bootstrap 95%
 * interval over items, the confusion matrix, the calibration bins, and each undefined case in words.
 * Metric names are the quality metric kinds' names (runtime/metrics/quality.ts): accuracy,
 * precision-macro, recall-macro, f1-macro, f1-micro, f1-weighted, roc-auc (one-vs-rest, macro), ece;
 * per class `f1:<class>`, `precision:<class>`, `recall:<class>`, `roc-auc:<class>`.
 */
export interface ClassifierEvaluation {
  items: number;
  classes: string[];
  confusion: number[][];
  metrics: Record<string, Interval>;
  calibration: CalibrationBin[];
  undefinedCases: string[];
  bootstrap: { seed: number; resamples: number };
}

export const ECE_BINS = 15;

export function evaluateClassifier(s: Scored, options: { seed: number; resamples?: number; names?: readonly string[] }): ClassifierEvaluation {
  checkScored(s, 'evaluateClassifier');
  const names = options.names ?? Array.from({ length: s.classes }, (_, c) => String(c));
  if (names.length !== s.classes) throw new Error(`evaluateClassifier: ${names.length} class names for ${s.classes} classes`);
  const predicted = predictions(s);
  const orders = scoreOrders(s);
  const statistic = (w: Uint32Array | null): Record<string, number> => {
    const r = reportFromConfusion(confusionMatrix(s.labels, predicted, s.classes, w ?? undefined));
    const auc = rocAucOvr(s, names, w ?? undefined, orders);
    const out: Record<string, number> = {
      accuracy: r.accuracy,
      'precision-macro': r.macro.precision,
      'recall-macro': r.macro.recall,
      'f1-macro': r.macro.f1,
      'f1-micro': r.micro.f1,
      'f1-weighted': r.weighted.f1,
      // A resample that loses a class has no macro AUC comparable to the full set's: NaN, counted, left out.
      'roc-auc': auc.perClass.some((v) => v === null) ? Number.NaN : auc.macro!,
      ece: expectedCalibrationError(s, ECE_BINS, w ?? undefined).ece,
    };
    r.perClass.forEach((p, c) => {
      out[`precision:${names[c]}`] = p.precision;
      out[`recall:${names[c]}`] = p.recall;
      out[`f1:${names[c]}`] = p.f1;
      out[`roc-auc:${names[c]}`] = auc.perClass[c] ?? Number.NaN;
    });
    return out;
  };
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const full = classificationReport(s, names);
  const auc = rocAucOvr(s, names, undefined, orders);
  const metrics = bootstrapWeighted(s.labels.length, statistic, { seed: options.seed, resamples });
  const undefinedCases = [...full.undefinedCases, ...auc.undefinedCases];
  // The macro AUC over fewer classes than the set has is still reported, with the classes it left out stated.
  if (auc.macro !== null && auc.perClass.some((v) => v === null) && !metrics['roc-auc']) {
    undefinedCases.push(
      `roc-auc (macro) is over the ${auc.perClass.filter((v) => v !== null).length} classes where it is defined, without an interval`,
    );
  }
  for (const [k, v] of Object.entries(metrics))
    if (v.undefinedResamples)
      undefinedCases.push(
        `${k}: undefined on ${v.undefinedResamples} of ${resamples} resamples (a class missing from them), left out of its interval`,
      );
  return {
    items: s.labels.length,
    classes: [...names],
    confusion: full.confusion,
    metrics,
    calibration: expectedCalibrationError(s, ECE_BINS).bins,
    undefinedCases,
    bootstrap: { seed: options.seed, resamples },
  };
}
