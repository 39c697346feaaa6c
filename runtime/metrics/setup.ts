import { defineMetricKind, exactUnit } from './definition.ts';

/** Everything before the first run: compiling shaders, uploading data, creating a session. */
export const setup = defineMetricKind({
  name: 'setup',
  direction: 'lower',
  unit: exactUnit('ms'),
  aggregations: ['value'],
  value: (_aggregation, run) => run.setupMs,
  notMeasured: 'its value is not a number',
});
