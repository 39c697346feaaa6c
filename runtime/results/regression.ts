/**
 * A regression call from the 95% interval of a time ratio, new over old (the interval `workbook compare`
 * gives: median(B)/median(A) per iteration), against a threshold: the smallest change that matters. The
 * band of no concern is [1/(1+t), 1+t], symmetric on the ratio's log scale, so "5% slower" and "5% faster"
 * are the same size of change. Pure.
 *  - regression: the whole interval lies above 1 + t (slower by more than the threshold, beyond the noise);
 *  - improvement: the whole interval lies below 1/(1 + t);
 *  - no-difference: the whole interval lies inside the band (any change is smaller than the threshold,
 *    even when it is significant);
 *  - no-evidence: the interval crosses an edge of the band: these runs cannot say which.
 */
export type RegressionVerdict = 'regression' | 'improvement' | 'no-difference' | 'no-evidence';

export function callRegression(ci: readonly [number, number], threshold: number): RegressionVerdict {
  if (!(threshold > 0 && threshold < 1)) throw new RangeError(`threshold ${threshold} is not a fraction between 0 and 1 (0.05 means 5%)`);
  const [lo, hi] = ci;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo > 0 && lo <= hi))
    throw new RangeError(`the interval [${lo}, ${hi}] is not an interval of a ratio of times (positive, low end first)`);
  const up = 1 + threshold;
  const down = 1 / up;
  if (lo > up) return 'regression';
  if (hi < down) return 'improvement';
  if (lo >= down && hi <= up) return 'no-difference';
  return 'no-evidence';
}

/** The call in words, for the cell and the exercise's feedback. */
export function describeRegression(verdict: RegressionVerdict, threshold: number): string {
  const pct = `${Number((threshold * 100).toPrecision(3))}%`;
  switch (verdict) {
    case 'regression':
      return `REGRESSION: the whole 95% interval of new/old lies above 1 + ${pct}; the new run is slower by more than the threshold.`;
    case 'improvement':
      return `IMPROVEMENT: the whole 95% interval of new/old lies below 1/(1 + ${pct}); the new run is faster by more than the threshold.`;
    case 'no-difference':
      return `NO DIFFERENCE beyond ${pct}: the whole interval lies within the threshold on both sides; any change is smaller than what matters.`;
    case 'no-evidence':
      return `NOT ENOUGH EVIDENCE: the interval crosses the ${pct} threshold; these runs cannot say whether the change matters. Take more samples or repeat the runs.`;
  }
}
