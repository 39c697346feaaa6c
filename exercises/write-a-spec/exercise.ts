import { defineExercise, gradeParts } from '../../runtime/exercises/check.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import {
  checkSpecRubric,
  declaresWarmup,
  get,
  list,
  metrics,
  percentileWithEnoughSamples,
  qualityTarget,
  recordsHardware,
  resolved,
  seededData,
  unitsOnEveryMetric,
  validates,
  type RubricItem,
} from '../../runtime/exercises/rubric.ts';
import type { SpecAnswerSpec } from '../../runtime/exercises/types.ts';
import type { Target } from '../../runtime/spec/task.ts';

/**
 * Spec design: write a benchmark spec, from an empty skeleton, for a scenario of the variant: a kernel
 * on WebGPU or a model on an ONNX backend, with the percentile, the second metric and (for a model)
 * the quality target the scenario asks for. Checked by the engine's validator and a rubric.
 */

type KernelScenario = {
  kind: 'kernel';
  operation: 'vector-add' | 'copy' | 'reduce-sum' | 'matmul';
  variant?: 'naive' | 'tiled';
  size: number;
  target: Target;
  percentile: 90 | 95 | 99;
  /** The second metric: bandwidth for memory-bound kernels, GFLOP/s for matmul. */
  rate: 'gbps' | 'gflops';
};
type ModelScenario = {
  kind: 'inference';
  model: 'mnist-mlp';
  batch: number;
  target: Target;
  percentile: 90 | 95 | 99;
  rate: 'throughput';
  /** The accuracy the result must reach to count. */
  quality: number;
};
export type WriteASpecData = KernelScenario | ModelScenario;

const OPERATION_WORDS: Record<KernelScenario['operation'], string> = {
  'vector-add': 'adds two float32 vectors (c = a + b)',
  copy: 'copies one float32 vector into another (b = a)',
  'reduce-sum': 'sums a float32 vector into one number',
  matmul: 'multiplies two n x n float32 matrices (C = A x B)',
};
const RATE_WORDS = { gbps: 'the memory bandwidth in GB/s', gflops: 'the arithmetic rate in GFLOP/s', throughput: 'the throughput in images per second' } as const;

const spec: SpecAnswerSpec = { type: 'spec' };

function scenarioText(s: WriteASpecData): string {
  if (s.kind === 'kernel') {
    const what = s.operation === 'matmul' ? `the **${s.variant}** kernel, n = ${s.size}` : `${s.size} elements`;
    return `A kernel that ${OPERATION_WORDS[s.operation]}: **${s.operation}**, ${what}, float32, on **${s.target}**. Report the **p${s.percentile}** latency (and the median), and ${RATE_WORDS[s.rate]}.`;
  }
  return `The MNIST digit classifier the workbook ships (model **mnist-mlp**), **${s.batch}** digit${s.batch === 1 ? '' : 's'} per query, on **${s.target}**, using the MNIST **test** split. Report the **p${s.percentile}** latency (and the median) and ${RATE_WORDS[s.rate]}. A result counts only if at least **${Math.round(s.quality * 100)}%** of the digits are classified correctly.`;
}

function starter(s: WriteASpecData): string {
  return `# Scenario: ${scenarioText(s).replace(/\*\*/g, '')}
# Fill in the sections below. \`workbook validate\` (and the editor) check each line as you type.
version: 1
id: my-benchmark
title: A title for the cell
description: What is measured and why, in two or three sentences.
task:
infrastructure:
datasets:
metrics:
constraints:
results:
`;
}

/** The task as the scenario wants it, reading `${param}` as its default. */
function taskMatches(s: WriteASpecData): RubricItem {
  return {
    id: 'task',
    label: 'Measures the task of the scenario',
    points: 2,
    feedback: 'The task section must describe exactly the work of the scenario.',
    passes: (sub) => {
      const task = get(sub.data, 'task');
      const field = (name: string) => resolved(sub.data, get(task, name));
      if (field('kind') !== s.kind) return `The scenario is ${s.kind === 'kernel' ? 'a kernel' : 'a model (inference)'}: task.kind must say so.`;
      if (s.kind === 'kernel') {
        if (field('operation') !== s.operation) return 'task.operation does not name the computation of the scenario.';
        if (s.variant && field('variant') !== s.variant) return 'The scenario names which matmul kernel to run: task.variant.';
        if (field('size') !== s.size) return 'task.size does not match the size in the scenario (a parameter counts by its default).';
      } else {
        if (field('model') !== s.model) return 'task.model does not name the model of the scenario.';
        if (field('batch') !== s.batch) return 'task.batch does not match the digits per query of the scenario (a parameter counts by its default).';
      }
      return true;
    },
  };
}

function targetListed(s: WriteASpecData): RubricItem {
  return {
    id: 'target',
    label: 'Runs on the target of the scenario',
    points: 1,
    feedback: `The scenario says where it runs: infrastructure.targets must include it.`,
    passes: (sub) => list(sub.data, 'infrastructure', 'targets').includes(s.target),
  };
}

function rateMetric(s: WriteASpecData): RubricItem {
  return {
    id: 'rate',
    label: 'Reports the second metric of the scenario',
    points: 1,
    feedback: `The scenario also asks for ${RATE_WORDS[s.rate]}: declare a metric of that kind.`,
    passes: (sub) => metrics(sub.data).some((m) => m.kind === s.rate),
  };
}

function rubricFor(s: WriteASpecData): RubricItem[] {
  const items = [
    validates(2),
    taskMatches(s),
    targetListed(s),
    declaresWarmup(1),
    percentileWithEnoughSamples(s.percentile),
    rateMetric(s),
    unitsOnEveryMetric(),
    seededData(),
    recordsHardware([s.target]),
  ];
  if (s.kind === 'inference') items.push(qualityTarget(s.quality));
  return items;
}

export default defineExercise<WriteASpecData>({
  id: 'write-a-spec',
  title: 'Write a benchmark spec for a scenario',
  level: 'foundations',
  kind: 'spec-design',
  points: 15,
  summary: 'Turn a one-paragraph scenario into a complete benchmark spec: task, target, data with a seed, metrics with units, run rules, and what to record.',
  minutes: 25,
  parts: [
    {
      id: 'spec',
      prompt:
        'Write the benchmark spec for the scenario above, in YAML. It must pass `workbook validate`, and a reviewer will also check that it measures honestly: warm-up, enough samples for the percentile, units, a seed, the hardware recorded, and a quality target where a model is involved. The specs in `lessons/specs/` are good models.',
      answer: spec,
    },
  ],
  hints: [
    'Start from a spec in `lessons/specs/` that is close to your scenario (vector-add.bench.yaml for a kernel, mnist-classifier.bench.yaml for the model) and change it section by section.',
    'A percentile needs samples beyond it: p90 needs at least 100 samples, p95 200, p99 1000. constraints.min-samples must be at least that.',
    'infrastructure.record says what the result must carry to tell machines apart: on WebGPU the adapter, in Node the host, in a browser the user agent, and always the timer resolution. results.keep must keep the environment.',
    'A model can be made faster by making it worse. Where the scenario has a model, add an accuracy metric and constraints.quality naming it, with the minimum as a fraction (0.9 for 90%).',
  ],
  solution: `
A complete answer for a kernel scenario (vector-add, 1048576 elements, browser-webgpu, p95):

\`\`\`yaml
version: 1
id: vector-add-p95
title: Vector addition on WebGPU, tail latency
description: Adds two float32 vectors of 2^20 elements on WebGPU and reports the median and p95 latency and the bandwidth.
task: { kind: kernel, operation: vector-add, size: 1048576, dtype: float32 }
infrastructure:
  targets: [browser-webgpu]
  record: [adapter, timer-resolution, user-agent, isolation]
datasets:
  - name: vectors
    generated: { generator: uniform, seed: 1, shape: [1048576] }
metrics:
  - { name: latency, kind: latency, unit: ms, direction: lower, aggregation: [median, p95], definition: Wall time of one addition to completion. }
  - { name: bandwidth, kind: gbps, unit: GB/s, direction: higher, aggregation: [median], definition: 12 bytes per element divided by the latency. }
constraints: { scenario: single-stream, warmup: 3, min-samples: 200, min-duration-ms: 1000, max-duration-ms: 20000, target-relative-iqr: 0.05 }
results: { keep: [samples, warmup, statistics, environment] }
\`\`\`

For the model scenario: \`task: { kind: inference, model: mnist-mlp, batch: B, dtype: float32 }\`, a shipped
dataset \`{ package: mnist, split: test, count: 1000, seed: 5 }\`, a metric of kind accuracy (unit fraction,
aggregation [value]) beside latency and throughput (unit images/s), \`quality: { metric: accuracy, min: 0.9 }\`,
and the ONNX target's record items (backend, threads on wasm-threads, adapter on onnx-webgpu, host in Node).
The p-th percentile needs \`min-samples\` of at least 10 / (1 - p/100): 100 for p90, 200 for p95, 1000 for p99.
`,
  generate(seed) {
    const r = variantRandom(seed);
    const percentile = r.pick([90, 95, 99] as const);
    if (r.chance(0.35)) {
      return {
        kind: 'inference',
        model: 'mnist-mlp',
        batch: r.pick([1, 4, 8, 16, 32]),
        target: r.pick<Target>(['browser-wasm', 'browser-wasm-threads', 'browser-onnx-webgpu', 'node-onnx']),
        percentile,
        rate: 'throughput',
        quality: r.pick([0.9, 0.92, 0.95]),
      };
    }
    const operation = r.pick(['vector-add', 'copy', 'reduce-sum', 'matmul'] as const);
    const matmul = operation === 'matmul';
    return {
      kind: 'kernel',
      operation,
      ...(matmul ? { variant: r.pick(['naive', 'tiled'] as const) } : {}),
      size: matmul ? r.pick([128, 256, 384, 512]) : 2 ** r.int(16, 22),
      target: r.pick<Target>(['browser-webgpu', 'node-webgpu']),
      percentile,
      rate: matmul ? 'gflops' : 'gbps',
    };
  },
  render(variant) {
    return {
      intro: `**Scenario.** ${scenarioText(variant.data)}`,
      parts: {
        spec: {
          starter: starter(variant.data),
          prompt: `The reviewer's checklist: ${rubricFor(variant.data)
            .map((i) => i.label.toLowerCase())
            .join('; ')}.`,
        },
      },
    };
  },
  async check(variant, answers) {
    return gradeParts(answers, {
      spec: (answer) => checkSpecRubric(String(answer), rubricFor(variant.data)),
    });
  },
});
