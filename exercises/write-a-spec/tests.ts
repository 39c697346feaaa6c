import { defineExerciseTests } from '../../runtime/exercises/check.ts';
import { hardwareItemsFor } from '../../runtime/exercises/rubric.ts';
import { minSamplesForPercentile } from '../../runtime/measure/percentile-rule.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { createVariant } from '../../runtime/exercises/check.ts';
import type { WriteASpecData } from './exercise.ts';

/** A spec that meets every rubric item of the scenario, with faults put in on request. */
export function specFor(
  s: WriteASpecData,
  faults: { percentileSamples?: number; noWarmup?: boolean; noSeed?: boolean; noQuality?: boolean; noAdapter?: boolean; unit?: string } = {},
): string {
  const samples = faults.percentileSamples ?? minSamplesForPercentile(s.percentile);
  const record = hardwareItemsFor([s.target]).filter((r) => !(faults.noAdapter && (r === 'adapter' || r === 'backend')));
  const task =
    s.kind === 'kernel'
      ? `{ kind: kernel, operation: ${s.operation}, ${s.variant ? `variant: ${s.variant}, ` : ''}size: "\${n}", dtype: float32 }`
      : `{ kind: inference, model: mnist-mlp, batch: "\${batch}", dtype: float32 }`;
  const parameters =
    s.kind === 'kernel'
      ? `parameters:\n  n: { type: integer, default: ${s.size}, min: 1, max: ${s.size * 4}, description: Problem size }\n`
      : `parameters:\n  batch: { type: integer, default: ${s.batch}, min: 1, max: 64, description: Digits per query }\n`;
  const shape = s.kind === 'kernel' ? (s.operation === 'matmul' ? '["${n}", "${n}"]' : '["${n}"]') : '';
  const dataset =
    s.kind === 'kernel'
      ? `  - name: inputs\n    generated: { generator: uniform${faults.noSeed ? '' : ', seed: 7'}, shape: ${shape} }`
      : `  - name: digits\n    shipped: { package: mnist, split: test, count: 1000${faults.noSeed ? '' : ', seed: 7'} }`;
  const rate =
    s.rate === 'gbps'
      ? '  - { name: bandwidth, kind: gbps, unit: GB/s, direction: higher, aggregation: [median], definition: Bytes moved divided by the latency. }'
      : s.rate === 'gflops'
        ? '  - { name: arithmetic, kind: gflops, unit: GFLOP/s, direction: higher, aggregation: [median], definition: 2 n^3 operations divided by the latency. }'
        : '  - { name: throughput, kind: throughput, unit: images/s, direction: higher, aggregation: [median], definition: Digits per second. }';
  const accuracy =
    s.kind === 'inference' && !faults.noQuality
      ? '  - { name: accuracy, kind: accuracy, unit: fraction, direction: higher, aggregation: [value], definition: Share of digits classified correctly. }\n'
      : '';
  const quality = s.kind === 'inference' && !faults.noQuality ? `  quality: { metric: accuracy, min: ${s.quality} }\n` : '';
  return `version: 2
id: my-benchmark
title: My benchmark
description: The scenario, measured honestly.
${parameters}task: ${task}
infrastructure:
  targets: [${s.target}]
  record: [${record.join(', ')}]
datasets:
${dataset}
metrics:
  - { name: latency, kind: latency, unit: ${faults.unit ?? 'ms'}, direction: lower, aggregation: [median, p${s.percentile}], definition: Wall time of one run to completion. }
${rate}
${accuracy}constraints:
  scenario: single-stream
  warmup: ${faults.noWarmup ? 0 : 5}
  min-samples: ${samples}
  min-duration-ms: 1000
  max-duration-ms: 60000
  target-ci: 0.01
${quality}`;
}

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export default defineExerciseTests<WriteASpecData>({
  solve: (v) => ({ spec: specFor(v.data) }),
  cases: [
    {
      name: 'the empty starter earns little and says what is missing',
      answers: (v, exercise) => ({ spec: exercise.render(v).parts.spec!.starter! }),
      expect: { spec: { status: ['wrong', 'partial'], score: [0, 0.2], feedback: 'does not validate yet' } },
    },
    {
      name: 'YAML that does not parse is a format error with its line',
      answers: () => ({ spec: 'version: 2\ntask: { kind: kernel\n' }),
      expect: { spec: { status: 'format-error', feedback: /line \d+, column \d+/ } },
    },
    {
      name: 'too few samples for the percentile: does not validate, and the percentile item says why',
      answers: (v) => ({ spec: specFor(v.data, { percentileSamples: 20 }) }),
      expect: { spec: { status: 'partial', feedback: ['does not validate yet', 'needs at least 10 samples slower than it'] } },
    },
    {
      name: 'no warm-up: valid, but the rubric asks for it',
      answers: (v) => ({ spec: specFor(v.data, { noWarmup: true }) }),
      expect: { spec: { status: 'partial', feedback: 'constraints.warmup is 0' } },
    },
    {
      name: 'generated data without a seed fails provenance',
      answers: (v) => ({ spec: specFor(v.data, { noSeed: true }) }),
      expect: { spec: { status: 'partial', feedback: /seed/ } },
    },
    {
      name: 'a model scenario without a quality target loses the quality item',
      seeds: SEEDS,
      answers: (v) => (v.data.kind === 'inference' ? { spec: specFor(v.data, { noQuality: true }) } : undefined),
      expect: { spec: { status: 'partial', feedback: 'a faster model that classifies worse is not better' } },
    },
    {
      name: 'the hardware not recorded fails the hardware item',
      answers: (v) => ({ spec: specFor(v.data, { noAdapter: true }) }),
      expect: { spec: { status: 'partial', feedback: 'a reader needs to know' } },
    },
    {
      name: 'a version 1 results section (results.keep) does not validate, and says where the environment is chosen now',
      answers: (v) => ({ spec: `${specFor(v.data)}results:\n  keep: [samples, warmup, statistics, environment]\n` }),
      expect: { spec: { status: 'partial', score: [0, 1 - 1e-9], feedback: ['spec version 2 has no results section', 'use infrastructure.record'] } },
    },
    {
      name: 'a latency in seconds fails validation and the units item',
      answers: (v) => ({ spec: specFor(v.data, { unit: 's' }) }),
      expect: { spec: { status: 'partial', feedback: 'is of kind latency, which is not measured in s' } },
    },
    {
      name: 'the training split as the test data costs the evaluation-data item',
      seeds: SEEDS,
      answers: (v) => (v.data.kind === 'inference' ? { spec: specFor(v.data).replace('split: test', 'split: train') } : undefined),
      expect: { spec: { status: 'partial', score: [0, 1 - 1e-9], feedback: 'uses the train split' } },
    },
    {
      name: 'random data for the MNIST model costs the evaluation-data item',
      seeds: SEEDS,
      answers: (v) =>
        v.data.kind === 'inference'
          ? { spec: specFor(v.data).replace(/shipped: \{[^}]*\}/, 'generated: { generator: uniform, seed: 7, shape: [784] }') }
          : undefined,
      expect: { spec: { status: 'partial', score: [0, 1 - 1e-9], feedback: 'accuracy on random inputs says nothing' } },
    },
    {
      name: 'min-duration-ms 0 with max-duration-ms 1 costs the run-rules item',
      answers: (v) => ({
        spec: specFor(v.data).replace('min-duration-ms: 1000', 'min-duration-ms: 0').replace('max-duration-ms: 60000', 'max-duration-ms: 1'),
      }),
      expect: { spec: { status: 'partial', score: [0, 1 - 1e-9], feedback: 'min-duration-ms is 0' } },
    },
    {
      name: 'accuracy measured on one digit costs the accuracy-items item, with the interval that says why',
      seeds: SEEDS,
      answers: (v) => (v.data.kind === 'inference' ? { spec: specFor(v.data).replace('count: 1000', 'count: 1') } : undefined),
      expect: { spec: { status: 'partial', score: [0, 1 - 1e-9], feedback: ['has 1 item', '95% interval', 'At least 500 items'] } },
    },
    {
      name: 'accuracy measured on 499 digits still costs it',
      seeds: SEEDS,
      answers: (v) => (v.data.kind === 'inference' ? { spec: specFor(v.data).replace('count: 1000', 'count: 499') } : undefined),
      expect: { spec: { status: 'partial', score: [0, 1 - 1e-9], feedback: 'has 499 items' } },
    },
    {
      name: 'all the test digits (no count) is enough',
      seeds: SEEDS,
      answers: (v) => (v.data.kind === 'inference' ? { spec: specFor(v.data).replace('count: 1000, ', '') } : undefined),
      expect: { spec: { status: 'correct' } },
    },
    {
      name: 'a latency without its median costs the median item',
      answers: (v) => ({ spec: specFor(v.data).replace(`aggregation: [median, p${v.data.percentile}]`, `aggregation: [p${v.data.percentile}]`) }),
      expect: { spec: { status: 'partial', score: [0, 1 - 1e-9], feedback: 'the typical latency too' } },
    },
    {
      name: 'an accuracy target of 1.0 costs the quality item',
      seeds: SEEDS,
      answers: (v) =>
        v.data.kind === 'inference'
          ? { spec: specFor(v.data).replace(/quality: \{ metric: accuracy, min: [\d.]+ \}/, 'quality: { metric: accuracy, min: 1.0 }') }
          : undefined,
      expect: { spec: { status: 'partial', score: [0, 1 - 1e-9], feedback: 'never misclassifies' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'the starter unchanged', answers: (v, exercise) => ({ spec: exercise.render(v).parts.spec!.starter! }) },
    {
      name: "a constant: the lesson's vector-add spec, for every scenario that is not vector-add",
      answers: (v) => (v.data.kind === 'kernel' && v.data.operation === 'vector-add' ? undefined : { spec: VECTOR_ADD }),
    },
    { name: 'the solution of another seed (another scenario)', answers: (v, exercise) => ({ spec: specFor(otherScenario(v, exercise)) }) },
  ],
});

/** A valid, honest spec that is not about the scenario (a constant answer). */
const VECTOR_ADD = specFor({ kind: 'kernel', operation: 'vector-add', size: 1048576, target: 'browser-webgpu', percentile: 90, rate: 'gbps' });

/** The scenario of another seed that differs in what is measured and where. */
function otherScenario(
  v: Variant<WriteASpecData>,
  exercise: Parameters<NonNullable<Parameters<typeof defineExerciseTests<WriteASpecData>>[0]['degenerate'][number]['answers']>>[1],
): WriteASpecData {
  const s = v.data;
  for (let k = 1; ; k++) {
    const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32).data;
    const sameTask = o.kind === s.kind && (o.kind === 'kernel' && s.kind === 'kernel' ? o.operation === s.operation : true);
    if (!sameTask && o.target !== s.target && o.percentile !== s.percentile) return o;
  }
}
