import { lookupUnit } from '../exercises/units.ts';
import { RATE_AGGREGATIONS, defineMetricKind, rate } from './definition.ts';

/** Items (queries, images) per second. The unit names the item: items/s, images/s, as written. */
export const throughput = defineMetricKind({
  name: 'throughput',
  direction: 'higher',
  unit: {
    test: (u) => lookupUnit(u)?.name === u && lookupUnit(u)!.quantity.startsWith('a rate of '),
    words: 'items per second, like items/s or images/s',
    brief: 'items/s or images/s',
  },
  aggregations: RATE_AGGREGATIONS,
  value: (aggregation, run) => rate(run.work.items, aggregation, run.stats),
  notMeasured: 'its value is not a number',
});
