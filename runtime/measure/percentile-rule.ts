/**
 * How many samples a percentile needs before this workbook reports it: at least 10 samples beyond it,
 * i.e. ceil(10 / (1 - p/100)). p50 needs 20, p90 100, p95 200, p99 1000. Shared by the spec validator
 * (a spec that asks for p99 with 20 samples is rejected) and the validity check of a run.
 *
 * This is the workbook's own teaching convention (a percentile estimated from fewer than ~10 samples
 * beyond it is mostly the luck of those few), not MLPerf's rule. MLPerf LoadGen (mlcommons/inference)
 * asks for much more: loadgen/mlperf.conf sets SingleStream's target_latency_percentile = 90 with
 * min_duration = 600000 ms (ten minutes), MultiStream's p99 with min_query_count = 662, and Offline
 * min_query_count of thousands of samples per model (24576 for resnet50); earlier versions of that file
 * also set SingleStream min_query_count = 1024. LoadGen's early stopping (loadgen/early_stopping.cc)
 * then asks whether the run holds its percentile with 99 % confidence: with t queries over the target
 * latency, the run needs the smallest h with BetaRegularized(p - d, h, 1 + t) <= 1 - c (a binomial test);
 * with t = 0 at p90 and c = 0.99 that is ceil(log(0.01) / log(0.9)) = 44 queries, and it grows with t.
 */
export function minSamplesForPercentile(p: number): number {
  if (!(p > 0 && p < 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
  return Math.ceil(10 / (1 - p / 100) - 1e-9);
}
