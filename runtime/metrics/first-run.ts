import { defineMetricKind, exactUnit } from './definition.ts';

/** The cold first call (compile, JIT, upload), timed on its own and never part of the statistics. */
export const firstRun = defineMetricKind({
  name: 'first-run',
  brief: 'compile and upload',
  direction: 'lower',
  unit: exactUnit('ms'),
  aggregations: ['value'],
  value: (_aggregation, run) => run.firstRunMs,
  notMeasured: 'its value is not a number',
});
