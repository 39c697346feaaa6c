/**
 * Corrections for many comparisons at once: with m tests at level alpha each, the chance that at least
 * one true null is rejected (the family-wise error rate) grows towards 1 - (1 - alpha)^m. Bonferroni and
 * Holm keep it at most alpha; Benjamini-Hochberg keeps the expected share of false discoveries at most
 * alpha instead (for independent tests). Each returns, per p-value in the order given, whether it is rejected.
 */

function checkInputs(ps: readonly number[], alpha: number, where: string) {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`${where}: alpha must lie between 0 and 1, got ${alpha}`);
  ps.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${where}: p-value ${i + 1} is ${p}; a p-value lies from 0 to 1`);
  });
}

/** Bonferroni: reject where p <= alpha / m. */
export function bonferroni(ps: readonly number[], alpha: number): boolean[] {
  checkInputs(ps, alpha, 'bonferroni');
  return ps.map((p) => p <= alpha / ps.length);
}

/**
 * Holm's step-down (Holm 1979): sort ascending; the k-th smallest (k from 1) is compared with
 * alpha / (m - k + 1); reject while it passes and stop at the first that does not (all larger ones stay).
 */
export function holm(ps: readonly number[], alpha: number): boolean[] {
  checkInputs(ps, alpha, 'holm');
  const m = ps.length;
  const order = ps.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p || x.i - y.i);
  const out = new Array<boolean>(m).fill(false);
  for (let k = 0; k < m; k++) {
    if (order[k]!.p > alpha / (m - k)) break;
    out[order[k]!.i] = true;
  }
  return out;
}

/**
 * Benjamini-Hochberg's step-up: the largest k with p_(k) <= k alpha / m; reject the k smallest.
 */
export function benjaminiHochberg(ps: readonly number[], alpha: number): boolean[] {
  checkInputs(ps, alpha, 'benjaminiHochberg');
  const m = ps.length;
  const order = ps.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p || x.i - y.i);
  let last = -1;
  for (let k = 0; k < m; k++) if (order[k]!.p <= ((k + 1) * alpha) / m) last = k;
  const out = new Array<boolean>(m).fill(false);
  for (let k = 0; k <= last; k++) out[order[k]!.i] = true;
  return out;
}
