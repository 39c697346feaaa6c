/**
 * LoadGen's early stopping (mlcommons/inference loadgen/early_stopping.cc and results.cc), so a short run can
 * still make a claim about a tail percentile, at 99 % confidence.
 *
 * With t of n queries over a latency, is the true p-th percentile under it? If each query were over it with
 * probability 1 - p, the chance of seeing at most t over in h + t queries is the binomial CDF
 * P(X <= t), X ~ Binomial(h + t, 1 - p) (LoadGen writes it BetaRegularized[p, h, 1 + t]); the run holds the
 * percentile when that chance is below 1 - c. LoadGen evaluates it through a hypergeometric series; here it is
 * the same sum, term by term in log space (exact for the counts a run has, no special functions needed).
 * Tolerance d is 0, as in LoadGen.
 */

export const EARLY_STOPPING_CONFIDENCE = 0.99;

/** log P(X <= t) for X ~ Binomial(n, q). */
export function logBinomialCdf(t: number, n: number, q: number): number {
  if (t >= n) return 0;
  if (q <= 0) return 0;
  if (q >= 1) return -Infinity;
  const ratio = Math.log(q) - Math.log1p(-q);
  let term = n * Math.log1p(-q); // x = 0
  let max = term;
  const terms = [term];
  for (let x = 0; x < t; x++) {
    term += Math.log((n - x) / (x + 1)) + ratio;
    terms.push(term);
    if (term > max) max = term;
  }
  let sum = 0;
  for (const v of terms) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

/**
 * LoadGen's MinPassingQueriesFinder: the fewest queries h under the latency such that, with `t` over it,
 * P(at most t over in h + t | each over with probability 1 - p) < 1 - c. `p` as a fraction (0.99).
 */
export function minPassingQueries(t: number, p: number, c = EARLY_STOPPING_CONFIDENCE): number {
  if (!(Number.isInteger(t) && t >= 0)) throw new RangeError(`minPassingQueries: t must be a whole number >= 0, got ${t}`);
  if (!(p > 0 && p < 1)) throw new RangeError(`minPassingQueries: p must be between 0 and 1, got ${p}`);
  const limit = Math.log(1 - c);
  const passes = (h: number) => logBinomialCdf(t, h + t, 1 - p) < limit;
  let lo = 1;
  let hi = Math.max(1, Math.ceil((t * p) / (1 - p)));
  while (!passes(hi)) {
    lo = hi + 1;
    hi *= 2;
  }
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (passes(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export type EarlyStoppingEstimate = { ok: true; estimate: number; discarded: number; minQueries: number } | { ok: false; minQueries: number };

/**
 * LoadGen's single-stream and multi-stream estimate: the latency the p-th percentile is, with confidence c,
 * no higher than. With n queries, t is the largest count of queries over a latency that n still allows
 * (n >= h(t) + t); the estimate is the t-th highest latency, so t - 1 of the highest are "discarded". Needs at
 * least h(1) + 1 queries (64 at p90, 662 at p99: MLPerf's MultiStream min_query_count). `latencies` in any order.
 */
export function earlyStoppingEstimate(latencies: readonly number[], p: number, c = EARLY_STOPPING_CONFIDENCE): EarlyStoppingEstimate {
  const n = latencies.length;
  const minQueries = minPassingQueries(1, p, c) + 1;
  if (n < minQueries) return { ok: false, minQueries };
  // n >= h(t) + t is monotone in t: the largest such t by bisection (LoadGen steps t up one by one).
  let lo = 1;
  let hi = n;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (n >= minPassingQueries(mid, p, c) + mid) lo = mid;
    else hi = mid - 1;
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return { ok: true, estimate: sorted[n - lo]!, discarded: lo - 1, minQueries };
}

/**
 * LoadGen's server check: with `over` of `n` queries over the bound, the run shows the p-th percentile within
 * it only if n >= h(over) + over; otherwise it says how many more queries (all within the bound) would.
 */
export function earlyStoppingServer(n: number, over: number, p: number, c = EARLY_STOPPING_CONFIDENCE): { ok: boolean; needed: number } {
  const needed = minPassingQueries(over, p, c) + over;
  return { ok: n >= needed, needed };
}
