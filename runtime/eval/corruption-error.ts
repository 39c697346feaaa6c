/**
 * Corruption error and relative corruption error, after Hendrycks & Dietterich, "Benchmarking Neural
 * Network Robustness to Common Corruptions and Perturbations" (ICLR 2019, arXiv 1903.12261). With E the
 * top-1 error (1 - accuracy) at severity s of one corruption, summed over the severities (never the clean
 * point):
 *   CE          = sum_s E_model(s) / sum_s E_baseline(s)
 *   relative CE = sum_s (E_model(s) - E_model(clean)) / sum_s (E_baseline(s) - E_baseline(clean))
 * The paper's baseline is AlexNet; the workbook's is whichever model the learner names (a convention).
 * CE mixes clean accuracy with robustness; relative CE counts only what the corruption costs. Pure.
 */
export interface CurveLike {
  strength: number;
  /** Accuracy at this strength, 0..1. */
  value: number;
}

export interface CorruptionSummary {
  /** Error on the clean items (strength 0). */
  cleanError: number;
  /** One row per severity above 0, in order of strength. */
  severities: { strength: number; accuracy: number; error: number; increase: number }[];
  /** sum of the errors over the severities: CE's numerator (or denominator, for the baseline). */
  errorSum: number;
  /** sum of (error - clean error) over the severities: relative CE's numerator. */
  increaseSum: number;
}

/** A curve's errors per severity and their sums; the curve needs its clean point (strength 0) and one severity. */
export function corruptionSummary(points: readonly CurveLike[], label = 'curve'): CorruptionSummary {
  points.forEach((p, i) => {
    if (!(p.value >= 0 && p.value <= 1))
      throw new RangeError(`${label}: point ${i} (strength ${p.strength}) has accuracy ${p.value}, not a fraction from 0 to 1`);
  });
  const clean = points.find((p) => p.strength === 0);
  if (!clean) throw new RangeError(`${label}: no clean point (strength 0); the errors under corruption are measured against it`);
  const severe = points.filter((p) => p.strength > 0).sort((a, b) => a.strength - b.strength);
  if (severe.length === 0) throw new RangeError(`${label}: no severity above 0; a corruption error sums the errors under corruption`);
  const cleanError = 1 - clean.value;
  const severities = severe.map((p) => ({ strength: p.strength, accuracy: p.value, error: 1 - p.value, increase: 1 - p.value - cleanError }));
  return {
    cleanError,
    severities,
    errorSum: severities.reduce((s, r) => s + r.error, 0),
    increaseSum: severities.reduce((s, r) => s + r.increase, 0),
  };
}

function sameSeverities(model: readonly CurveLike[], baseline: readonly CurveLike[]): void {
  const key = (ps: readonly CurveLike[]) =>
    ps
      .map((p) => p.strength)
      .sort((a, b) => a - b)
      .join(', ');
  if (key(model) !== key(baseline))
    throw new RangeError(`the model's strengths (${key(model)}) and the baseline's (${key(baseline)}) differ; both curves need the same severities`);
}

/** CE: the model's summed error over the baseline's (Hendrycks & Dietterich's CE, one corruption). */
export function corruptionError(model: readonly CurveLike[], baseline: readonly CurveLike[]): number {
  sameSeverities(model, baseline);
  const b = corruptionSummary(baseline, 'baseline').errorSum;
  if (b <= 0) throw new RangeError('baseline: its error is 0 at every severity, so no ratio can be formed');
  return corruptionSummary(model, 'model').errorSum / b;
}

/** Relative CE: the model's summed error increase over the baseline's (what the corruption costs each). */
export function relativeCorruptionError(model: readonly CurveLike[], baseline: readonly CurveLike[]): number {
  sameSeverities(model, baseline);
  const b = corruptionSummary(baseline, 'baseline').increaseSum;
  if (b <= 0)
    throw new RangeError(
      `baseline: its error under corruption is not above its clean error (summed increase ${b.toFixed(4)}), so relative CE has no meaningful denominator; pick a baseline the corruption hurts`,
    );
  return corruptionSummary(model, 'model').increaseSum / b;
}
