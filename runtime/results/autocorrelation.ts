/**
 * Serial correlation of a run's samples, in the order they were taken. The bootstrap behind the median's
 * interval and `workbook compare` resamples samples as if each were independent; when one slow sample
 * tends to follow another (a frequency change, a background task), the samples carry less information
 * than their count says, and the intervals come out too narrow.
 */

/** Lag-1 autocorrelation: the correlation of each sample with the next one (0 for independent samples). */
export function lag1Autocorrelation(xs: readonly number[]): number {
  const n = xs.length;
  if (n < 3) throw new RangeError(`lag1Autocorrelation: needs at least 3 samples, got ${n}`);
  let mean = 0;
  for (const x of xs) mean += x;
  mean /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    den += (xs[i]! - mean) ** 2;
    if (i + 1 < n) num += (xs[i]! - mean) * (xs[i + 1]! - mean);
  }
  return den > 0 ? num / den : 0;
}

/**
 * The effective sample size of n samples with lag-1 autocorrelation rho under an AR(1) model,
 * n (1 - rho) / (1 + rho): how many independent samples would give the mean the same variance. Capped at n
 * (a negative rho is not credited) and at least 1.
 */
export function effectiveSampleSize(xs: readonly number[]): number {
  const rho = Math.max(0, lag1Autocorrelation(xs));
  return Math.max(1, Math.min(xs.length, (xs.length * (1 - rho)) / (1 + rho)));
}
