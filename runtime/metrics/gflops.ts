import { RATE_AGGREGATIONS, defineMetricKind, exactUnit, rate, taskWords } from './definition.ts';

/** Floating-point operations per second, from the runner's flop count (runtime/kernels/work.ts, runtime/runners/onnx.ts). */
export const gflops = defineMetricKind({
  name: 'gflops',
  direction: 'higher',
  unit: exactUnit('GFLOP/s'),
  aggregations: RATE_AGGREGATIONS,
  problem: (task) =>
    task.kind === 'kernel' && task.operation === 'copy'
      ? `${taskWords(task)} does no arithmetic, so there are no floating-point operations to count and GFLOP/s has no value; measure its bandwidth (kind gbps)`
      : null,
  value: (aggregation, run) => rate(run.work.flops, aggregation, run.stats) / 1e9,
  notMeasured: 'this task has no flop count',
});
