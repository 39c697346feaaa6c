import { defineMetricKind, exactUnit, taskWords } from './definition.ts';

/** The share of held-out items classified right, as a fraction; only a classifier with a test split has one. */
export const accuracy = defineMetricKind({
  name: 'accuracy',
  direction: 'higher',
  unit: exactUnit('fraction', 'fraction (0.9 is 90%)'),
  aggregations: ['value'],
  quality: true,
  problem: (task) =>
    (task.kind === 'inference' && task.model === 'mnist-mlp') || task.kind === 'evaluation'
      ? null
      : `${taskWords(task)} has no labelled test data, so nothing is right or wrong and accuracy has no value; accuracy needs a classifier with a test split (model mnist-mlp)`,
  value: (_aggregation, run) => run.quality?.accuracy ?? Number.NaN,
  notMeasured: 'accuracy was not measured (this task has no labelled test split to score)',
});
