import { defineMetricKind, exactUnit, timeOf } from './definition.ts';

/** Time per query (per iteration), lower is better; its percentiles are tail latencies of single queries. */
export const latency = defineMetricKind({
  name: 'latency',
  direction: 'lower',
  unit: exactUnit('ms'),
  aggregations: ['median', 'mean', 'min', 'p50', 'p90', 'p95', 'p99'],
  tailOfQueries: true,
  value: (aggregation, run) => timeOf(run.stats, aggregation),
  notMeasured: 'its value is not a number',
});
