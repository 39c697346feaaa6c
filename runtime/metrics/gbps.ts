import { RATE_AGGREGATIONS, defineMetricKind, exactUnit, rate } from './definition.ts';

/** Bytes moved per second (GB/s, 10^9 bytes), from the runner's byte count. */
export const gbps = defineMetricKind({
  name: 'gbps',
  direction: 'higher',
  unit: exactUnit('GB/s'),
  aggregations: RATE_AGGREGATIONS,
  value: (aggregation, run) => rate(run.work.bytes, aggregation, run.stats) / 1e9,
  notMeasured: 'this task has no byte count',
});
