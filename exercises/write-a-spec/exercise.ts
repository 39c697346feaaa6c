import { gradeParts } from '../../runtime/exercises/check.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import {
  checkSpecRubric,
  declaresWarmup,
  enoughItemsForAccuracy,
  get,
  list,
  metrics,
  percentileWithEnoughSamples,
  qualityTarget,
  realEvaluationData,
  recordsHardware,
  reportsMedian,
  runRulesLeaveTime,
  resolved,
  seededData,
  unitsOnEveryMetric,
  validates,
  type RubricItem,
} from '../../runtime/exercises/rubric.ts';
import { SPEC_VERSION } from '../../runtime/spec/schema.ts';
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
const RATE_WORDS = {
  gbps: 'the memory bandwidth in GB/s',
  gflops: 'the arithmetic rate in GFLOP/s',
  throughput: 'the throughput in images per second',
} as const;

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
version: ${SPEC_VERSION}
id: my-benchmark
title: A title for the cell
description: What is measured and why, in two or three sentences.
task:
infrastructure:
datasets:
metrics:
constraints:
`;
}

/** The computation of the scenario (kind, operation or model): a gate, since a spec of another task is no answer. */
function taskMatches(s: WriteASpecData): RubricItem {
  return {
    id: 'task',
    label: 'Measures the task of the scenario',
    points: 2,
    gate: true,
    feedback: 'The task section must describe the computation of the scenario.',
    passes: (sub) => {
      const field = (name: string) => resolved(sub.data, get(get(sub.data, 'task'), name));
      if (field('kind') !== s.kind) return `The scenario is ${s.kind === 'kernel' ? 'a kernel' : 'a model (inference)'}: task.kind must say so.`;
      if (s.kind === 'kernel' && field('operation') !== s.operation) return 'task.operation does not name the computation of the scenario.';
      if (s.kind === 'inference' && field('model') !== s.model) return 'task.model does not name the model of the scenario.';
      return true;
    },
  };
}

/** The sizes of the scenario, reading `${param}` as its default. */
function sizeMatches(s: WriteASpecData): RubricItem {
  return {
    id: 'size',
    label: 'Uses the sizes of the scenario',
    points: 2,
    feedback: 'The task must have the sizes of the scenario.',
    passes: (sub) => {
      const field = (name: string) => resolved(sub.data, get(get(sub.data, 'task'), name));
      if (s.kind === 'kernel') {
        if (s.variant && field('variant') !== s.variant) return 'The scenario names which matmul kernel to run: task.variant.';
        if (field('size') !== s.size) return 'task.size does not match the size in the scenario (a parameter counts by its default).';
      } else if (field('batch') !== s.batch)
        return 'task.batch does not match the digits per query of the scenario (a parameter counts by its default).';
      return true;
    },
  };
}

function targetListed(s: WriteASpecData): RubricItem {
  return {
    id: 'target',
    label: 'Runs on the target of the scenario',
    points: 2,
    feedback: `The scenario says where it runs: infrastructure.targets must include it.`,
    passes: (sub) => list(sub.data, 'infrastructure', 'targets').includes(s.target),
  };
}

function rateMetric(s: WriteASpecData): RubricItem {
  return {
    id: 'rate',
    label: 'Reports the second metric of the scenario',
    points: 2,
    feedback: `The scenario also asks for ${RATE_WORDS[s.rate]}: declare a metric of that kind.`,
    passes: (sub) => metrics(sub.data).some((m) => m.kind === s.rate),
  };
}

export function rubricFor(s: WriteASpecData): RubricItem[] {
  const items = [
    validates(2),
    taskMatches(s),
    sizeMatches(s),
    targetListed(s),
    declaresWarmup(1),
    percentileWithEnoughSamples(s.percentile),
    reportsMedian(),
    rateMetric(s),
    unitsOnEveryMetric(),
    seededData(),
    recordsHardware([s.target]),
    runRulesLeaveTime(),
  ];
  if (s.kind === 'inference') items.push(realEvaluationData('mnist', 'test'), enoughItemsForAccuracy(s.quality), qualityTarget(s.quality));
  return items;
}

export default defineExerciseLogic<WriteASpecData>(() => ({
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
      values: {
        scenario: scenarioText(variant.data),
        checklist: rubricFor(variant.data)
          .map((i) => i.label.toLowerCase())
          .join('; '),
      },
      parts: { spec: { starter: starter(variant.data) } },
    };
  },
  async check(variant, answers) {
    return gradeParts(answers, {
      spec: (answer) => checkSpecRubric(String(answer), rubricFor(variant.data)),
    });
  },
}));
