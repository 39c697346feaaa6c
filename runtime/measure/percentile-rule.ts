/**
 * How many samples a percentile needs before it means anything: at least 10 samples beyond it,
 * i.e. ceil(10 / (1 - p/100)). p50 needs 20, p90 100, p95 200, p99 1000. Shared by the spec
 * validator (a spec that asks for p99 with 20 samples is rejected) and the validity check of a run.
 */
export function minSamplesForPercentile(p: number): number {
  if (!(p > 0 && p < 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
  return Math.ceil(10 / (1 - p / 100) - 1e-9);
}
