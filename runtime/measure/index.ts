// The measurement part of the engine: what runners, the CLI, the records and the site may use.
export type { CancelSignal, Clock, Measurement, MeasureOptions, Workload } from './types.ts';
export { estimateTimerResolution } from './timer-resolution.ts';
export { minSamplesForPercentile } from './percentile-rule.ts';
export { summarize, percentile, relativeIqr, percentileDefinition, OUTLIER_Z, type Statistics, type SummarizeOptions } from './stats.ts';
export { measure, measureOptionsSchema, DEFAULT_MEASURE_OPTIONS, MAX_ITERATIONS_PER_SAMPLE, PROGRESS_INTERVAL_MS } from './harness.ts';
export { evaluate, SLOW_FIRST_RUN_FACTOR, type Scenario, type Validity, type ValidityInput } from './validity.ts';
