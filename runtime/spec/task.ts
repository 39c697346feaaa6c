/**
 * A task after its spec's parameters are resolved: what a runner computes. This is the contract
 * between the spec (runtime/spec), the runners (runtime/runners) and the kernels and models.
 */
import type { ZooId } from '../models/zoo/ids.ts';

export type Dtype = 'float32';

/**
 * How generated inputs are drawn (datasets[].generated of the spec): uniform in [low, high) or
 * normal(mean, sd). Left out, inputs are uniform in [-1, 1): the numbers every seed gave before the
 * spec's generator reached the runners, so older records of the same seed keep their inputs.
 */
export type InputDistribution = { generator: 'uniform'; low: number; high: number } | { generator: 'normal'; mean: number; sd: number };

/** A WGSL / JavaScript kernel on generated data. */
export interface KernelTask {
  kind: 'kernel';
  /** copy: b = a; vector-add: c = a + b; reduce-sum: s = sum(a); matmul: C = A x B (n x n). */
  operation: 'copy' | 'vector-add' | 'reduce-sum' | 'matmul';
  /** Implementation choice where there are several (matmul: naive or tiled). */
  variant?: 'naive' | 'tiled';
  /** Elements per vector (copy, vector-add, reduce-sum) or matrix side n (matmul). */
  size: number;
  dtype: Dtype;
  /** Seed of the generated inputs (datasets[].generated.seed). */
  seed: number;
  /** The distribution of the generated inputs; uniform [-1, 1) when left out. */
  inputs?: InputDistribution;
}

/** An ONNX model run on a batch of inputs. */
export interface InferenceTask {
  kind: 'inference';
  /**
   * mlp: a generated multi-layer perceptron (random weights from the seed);
   * mnist-mlp: the digit classifier the project trains on MNIST (has an accuracy);
   * matmul: one MatMul node, C = A x B with n x n inputs (to set ONNX Runtime against our kernels).
   */
  model: 'mlp' | 'mnist-mlp' | 'matmul';
  /** Layer widths of the generated MLP, input first (mlp only), e.g. [256, 512, 512, 10]. */
  layers?: number[];
  /** Matrix side n (matmul only). */
  size?: number;
  batch: number;
  dtype: Dtype;
  seed: number;
  /** The distribution of generated inputs (mlp, matmul); uniform [-1, 1) when left out. mnist-mlp reads digits. */
  inputs?: InputDistribution;
  /** mnist-mlp: how many held-out digits accuracy is measured on (datasets[].shipped.count), drawn by the seed; all of them when left out. */
  testDigits?: number;
}

/** How an evaluation disturbs its items before the model sees them (robustness); strength in the kind's unit. */
export interface Perturbation {
  /** gaussian-noise: sigma in pixel units (0..1); shift: pixels (0..14); rotation: degrees (0..180); occlusion: side of the square patch as a fraction of the image (0..1). */
  kind: 'gaussian-noise' | 'shift' | 'rotation' | 'occlusion';
  strength: number;
}

/** A subgroup of items: by label, by ink (mean pixel value 0..1), or both. */
export interface Slice {
  name: string;
  labels?: number[];
  /** [low, high): mean ink of the digit, 0 (blank) .. 1 (all ink). */
  ink?: [number, number];
}

/** A zoo model scored on a labelled split (runtime/eval): quality with intervals, and the speed of the same run. */
export interface EvaluationTask {
  kind: 'evaluation';
  /** A model of the zoo (runtime/models/zoo/entries.ts). */
  model: ZooId;
  /** Which split: test (held out), fresh (never trained on by any zoo model), train. */
  split: 'train' | 'test' | 'fresh';
  /** Items per timed query. */
  batch: number;
  dtype: Dtype;
  /** Seed of the drawn items, the perturbation and the bootstrap. */
  seed: number;
  /** How many items of the split are scored, drawn by the seed; all of them when left out. */
  count?: number;
  perturbation?: Perturbation;
  /** A robustness curve in the same run: accuracy (with its interval) at each strength of one perturbation. */
  robustness?: { kind: Perturbation['kind']; strengths: number[] };
  slices?: Slice[];
  /**
   * Item response theory in the same run: every respondent (a zoo model; the task's model among them)
   * answers the scored items, a 2PL is fitted to the responses, and an adaptive test gives up to
   * maxItems items, against randomOrders seeded random orders (runtime/eval/irt-report.ts).
   */
  irt?: { respondents: ZooId[]; maxItems: number; randomOrders: number };
  /**
   * Memorisation in the same run: the task's model against its twin, on the scored (static) items and
   * on `rotations` sets of `count` items drawn by seed from the fresh split (runtime/eval/memorisation.ts).
   */
  memorisation?: { twin: ZooId; rotations: number; count: number };
  /** Never: an evaluation's items come from a split, not a generator (kept so code reading task.inputs on any task compiles). */
  inputs?: undefined;
}

export type Task = KernelTask | InferenceTask | EvaluationTask;

/** Where a spec can run: the ids of the table of targets (runtime/targets/, one file per target). */
export { TARGETS, type Target } from '../targets/index.ts';
