import { describe, expect, it } from 'vitest';
import { runSpec } from '../../runtime/engine/run-spec.ts';
import { kernelWork } from '../../runtime/kernels/work.ts';
import { mlpModel } from '../../runtime/models/mlp.ts';
import { planOnnxModel } from '../../runtime/runners/onnx.ts';
import { jsRunner } from '../../runtime/runners/js.ts';
import { KERNEL_OPERATIONS, METRIC_KINDS, MODELS, loadSpec, type MetricKind } from '../../runtime/spec/index.ts';
import { METRIC_KIND_TABLE } from '../../runtime/metrics/index.ts';
import { AGGREGATIONS_BY_KIND, DIRECTION_BY_KIND, metricProblem } from '../../runtime/spec/semantics.ts';
import type { InferenceTask, KernelTask } from '../../runtime/spec/task.ts';

// Every metric kind against every task: validate refuses exactly the pairs the run cannot give a
// number for (NaN, written as null, would make the run's own record unreadable by compare and the wall).

/** A unit each kind accepts: its one spelling, else (throughput) items/s. From the table, so a new kind needs no entry here. */
const UNITS = Object.fromEntries(METRIC_KINDS.map((k) => [k, METRIC_KIND_TABLE[k].unit.canonical ?? 'items/s'])) as Record<MetricKind, string>;

/** A kernel spec of `operation` with one metric of `kind` (and latency, which single-stream needs). */
function kernelSpec(operation: string, kind: MetricKind, extra = ''): string {
  const variant = operation === 'matmul' ? '  variant: naive\n' : '';
  const size = operation === 'matmul' ? 8 : 64;
  const shape = operation === 'matmul' ? `[${size}, ${size}]` : `[${size}]`;
  const metric =
    kind === 'latency'
      ? ''
      : `  - { name: m, kind: ${kind}, unit: ${UNITS[kind]}, direction: ${DIRECTION_BY_KIND[kind]}, aggregation: [${AGGREGATIONS_BY_KIND[kind][0]}], definition: D }\n`;
  return `version: 2
id: t
title: T
description: D
${extra}task:
  kind: kernel
  operation: ${operation}
${variant}  size: ${size}
  dtype: float32
infrastructure:
  targets: [js]
  record: [backend, host]
datasets:
  - name: d
    generated: { generator: uniform, seed: 1, shape: ${shape} }
metrics:
  - { name: latency, kind: latency, unit: ms, direction: lower, aggregation: [median], definition: D }
${metric}constraints:
  scenario: single-stream
  warmup: 0
  min-samples: 10
  min-duration-ms: 0
  max-duration-ms: 200
  target-ci: 0.5
`;
}

const kernelTask = (operation: KernelTask['operation']): KernelTask => ({
  kind: 'kernel',
  operation,
  ...(operation === 'matmul' ? { variant: 'naive' as const } : {}),
  size: 8,
  dtype: 'float32',
  seed: 1,
});
const inferenceTask = (model: InferenceTask['model']): InferenceTask => ({
  kind: 'inference',
  model,
  ...(model === 'mlp' ? { layers: [4, 3] } : model === 'matmul' ? { size: 4 } : {}),
  batch: 1,
  dtype: 'float32',
  seed: 1,
});
/** A stand-in for the trained digit model and its held-out digits: the same shapes, so the plan is the real one. */
const fakeMnist = () => ({
  model: mlpModel([784, 10], 3).bytes,
  test: { count: 2, images: new Uint8Array(2 * 784), labels: Uint8Array.of(1, 2) },
  provenance: {},
});

describe('which metric a task can produce', () => {
  it.each(KERNEL_OPERATIONS)('kernel %s: gflops is refused exactly when the kernel counts no flops; accuracy always', (operation) => {
    const work = kernelWork(kernelTask(operation));
    const task = { kind: 'kernel' as const, operation, size: 8, dtype: 'float32' as const };
    expect(metricProblem('gflops', task) === null, 'gflops').toBe(work.flops !== undefined);
    expect(metricProblem('gbps', task) === null, 'gbps').toBe(work.bytes !== undefined);
    expect(metricProblem('accuracy', task)).toMatch(/no labelled test data/);
    for (const kind of ['latency', 'throughput', 'first-run', 'setup'] as const) expect(metricProblem(kind, task), kind).toBeNull();
  });

  it.each(MODELS)('model %s: accuracy is allowed exactly when the run has labelled test data (quality())', (model) => {
    const plan = planOnnxModel(inferenceTask(model), model === 'mnist-mlp' ? fakeMnist() : undefined);
    const task = { kind: 'inference' as const, model, batch: 1, dtype: 'float32' as const };
    expect(metricProblem('accuracy', task) === null).toBe(plan.test !== undefined);
    expect(metricProblem('gflops', task) === null).toBe(plan.work.flops !== undefined);
    expect(metricProblem('gbps', task) === null).toBe(plan.work.bytes !== undefined);
  });

  it('validate refuses accuracy on a kernel and gflops on copy, at the metric kind, with the reason', () => {
    const acc = kernelSpec('vector-add', 'accuracy');
    expect(loadSpec(acc).diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual([
      `${acc.split('\n').findIndex((l) => l.includes('kind: accuracy')) + 1}:22: metrics[1].kind: the vector-add kernel has no labelled test data, so nothing is right or wrong and accuracy has no value; accuracy needs a classifier with a test split (model mnist-mlp)`,
    ]);
    const copy = kernelSpec('copy', 'gflops');
    expect(loadSpec(copy).diagnostics.map((d) => d.message)).toEqual([
      'metrics[1].kind: the copy kernel does no arithmetic, so there are no floating-point operations to count and GFLOP/s has no value; measure its bandwidth (kind gbps)',
    ]);
  });

  it('a parameter that can pick such a task is refused too, naming the value', () => {
    const text = kernelSpec(
      '${op}',
      'gflops',
      'parameters:\n  op: { type: choice, values: [vector-add, copy], default: vector-add, description: Op }\n',
    );
    expect(loadSpec(text).diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/^metrics\[1\]\.kind: the copy kernel does no arithmetic.*\(when op is "copy", one of its values\)$/),
    ]);
  });

  // Every pair validate accepts gives a finite number in a real run: no NaN reaches a record.
  const accepted = KERNEL_OPERATIONS.flatMap((op) => METRIC_KINDS.map((kind) => [op, kind] as const)).filter(
    ([op, kind]) => loadSpec(kernelSpec(op, kind)).spec,
  );
  // Refused: every quality kind (accuracy and the evaluation's) on every kernel, and gflops on copy.
  const qualityKinds = METRIC_KINDS.filter((k) => METRIC_KIND_TABLE[k].quality).length;
  it('accepts the rest', () =>
    expect(accepted.length).toBe(KERNEL_OPERATIONS.length * METRIC_KINDS.length - KERNEL_OPERATIONS.length * qualityKinds - 1));
  it.each(accepted)('kernel %s with a %s metric runs to a finite value on js', async (op, kind) => {
    const spec = loadSpec(kernelSpec(op, kind)).spec!;
    const record = await runSpec({ spec, runners: [jsRunner], host: {}, clock: () => performance.now() });
    for (const m of record.metrics) for (const [a, v] of Object.entries(m.values)) expect(Number.isFinite(v), `${m.name} ${a} = ${v}`).toBe(true);
  });
});
