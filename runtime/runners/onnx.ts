import { shuffler } from 'd3-array';
import { generateFloat32, seededRandom } from '../data/random.ts';
import { mlpModel, referenceMatMulRows, referenceMlp, subSeed, type Reference } from '../models/mlp.ts';
import { MNIST_CLASSES, MNIST_PIXELS, MNIST_TRAINING, accuracyOf, digitsToInput, selectDigits, type Digits } from '../models/mnist.ts';
import { buildMatMul, describeModel, readMlp, type MlpParameters, type ModelInfo } from '../models/onnx-builder.ts';
import { evaluationItems, robustnessQuality, scoreEvaluation, type ZooModelSource } from '../eval/task-run.ts';
import { dynamicQuality, type LogitsOfModel } from '../eval/dynamic-run.ts';
import type { EvaluationTask, InferenceTask, Task } from '../spec/task.ts';
import type { PreparedTask } from './types.ts';

/**
 * What the ONNX runners share, whatever hosts ONNX Runtime (onnxruntime-node, onnxruntime-web):
 * which tasks they take, the model and the fixed input of a task, the CPU reference and its
 * tolerance, accuracy on held-out digits, and the PreparedTask around a session. Pure.
 */

/** Largest number of float32 parameters in a model (128 MiB): the model is built in memory, then copied into the runtime. */
export const MAX_MODEL_PARAMETERS = 2 ** 25;
/** Largest input batch in float32 values (256 MiB). */
export const MAX_INPUT_VALUES = 2 ** 26;
/** Largest matrix side of the matmul model: B is stored inside the ONNX file (4096: 64 MiB). */
export const MAX_MATMUL_SIDE = 4096;
/** verify() recomputes at most about this many multiply-adds in JS (~0.1-1 s); bigger outputs are checked on a spread of rows. */
const REFERENCE_BUDGET = 2e8;
/** Rows per session.run when measuring accuracy. */
const QUALITY_CHUNK = 500;
const U = 2 ** -24;
const FLOAT32_MIN_NORMAL = 2 ** -126;

/** A session as the shared code needs it; each host wraps its own InferenceSession in this. */
export interface OnnxSession<Feed> {
  /** Wraps an input once (an ort.Tensor), so the timed loop does not rebuild it. */
  feed(input: Float32Array, dims: readonly number[]): Feed;
  /** Runs the model and resolves with the output read back into JS (for GPU EPs: after the device finished). */
  run(feed: Feed): Promise<Float32Array>;
  release(): Promise<void>;
}

/** The trained MNIST model and its held-out digits, however the host got them (trained, read from disk, fetched). */
export interface MnistSource {
  model: Uint8Array;
  test: Digits;
  /** Where the model came from, for the environment record (e.g. { modelSha256, testAccuracyReference }). */
  provenance: Record<string, unknown>;
}

/** A task's model, its fixed input, and how to check and count the work. */
export interface OnnxPlan {
  task: InferenceTask | EvaluationTask;
  /** For the record: 'mlp 784-256-10', 'matmul 512', 'mnist-mlp 784-64-10'. */
  name: string;
  bytes: Uint8Array;
  info: ModelInfo;
  input: Float32Array;
  inputDims: number[];
  /** The output is [rows, width] flattened (matmul: [batch * n, n]). */
  outputRows: number;
  outputWidth: number;
  /** The reference of some output rows, with the tolerance factor (in units of 2^-24 x magnitude) and its rule in words. */
  reference(rows: readonly number[]): Reference;
  toleranceFactor: number;
  toleranceRule: string;
  /** JS multiply-adds per output row of the reference (to keep verify() within its budget). */
  referenceCostPerRow: number;
  work: PreparedTask['work'];
  /** Held-out digits (mnist-mlp), for accuracy. */
  test?: Digits;
  /**
   * An evaluation's scoring: given the model's logits on every item (run in chunks by the host) and, where
   * the task has companions (IRT respondents, a memorisation twin), theirs, the record's quality, notes
   * and the rules it broke.
   */
  evaluate?: (
    logitsOf: (input: Float32Array, rows: number) => Promise<Float32Array>,
    companionLogits?: LogitsOfModel,
  ) => Promise<{ quality: Record<string, number>; notes: string[]; reasons: string[] }>;
  /** The other zoo models the evaluation runs (companionModels), as the host loaded them. */
  companions?: Record<string, ZooModelSource>;
}

/** The zoo models an evaluation runs beside its own: the IRT respondents and the memorisation twin. */
export function companionModels(task: Task): string[] {
  if (task.kind !== 'evaluation') return [];
  const ids = new Set<string>([...(task.irt?.respondents ?? []), ...(task.memorisation ? [task.memorisation.twin] : [])]);
  ids.delete(task.model);
  return [...ids];
}

/**
 * Why an ONNX runner cannot take `task`, in words that name the field, or null when it can.
 * Shared by every ONNX runner's unsupported() and prepare(), so they say the same thing.
 */
export function onnxTaskProblem(task: Task): string | null {
  if (task.kind === 'evaluation') {
    if (task.dtype !== 'float32') return `task.dtype '${String(task.dtype)}' is not supported; the models take float32 inputs.`;
    if (!Number.isSafeInteger(task.batch) || task.batch < 1) return `task.batch must be a whole number >= 1, got ${task.batch}.`;
    return null;
  }
  if (task.kind !== 'inference') {
    return `task.kind is '${task.kind}': ONNX runners run models (mlp, mnist-mlp, matmul); kernels need the js or webgpu targets.`;
  }
  if (task.dtype !== 'float32') return `task.dtype '${String(task.dtype)}' is not supported; the models are float32.`;
  if (!Number.isSafeInteger(task.batch) || task.batch < 1) return `task.batch must be a whole number >= 1, got ${task.batch}.`;
  if (!Number.isFinite(task.seed)) return `task.seed must be a finite number, got ${task.seed}.`;
  switch (task.model) {
    case 'mlp': {
      const layers = task.layers;
      if (!layers) return 'task.layers is missing: the mlp model needs its layer widths, input first, e.g. [256, 512, 512, 10].';
      if (task.size !== undefined) return 'task.size only applies to the matmul model; the mlp takes task.layers.';
      if (layers.length < 2) return `task.layers needs at least 2 widths (input and output), got [${layers.join(', ')}].`;
      const bad = layers.findIndex((w) => !Number.isSafeInteger(w) || w < 1);
      if (bad >= 0) return `task.layers[${bad}] must be a whole number >= 1, got ${layers[bad]}.`;
      const parameters = layers.slice(1).reduce((sum, w, i) => sum + (layers[i]! + 1) * w, 0);
      if (parameters > MAX_MODEL_PARAMETERS)
        return `task.layers [${layers.join(', ')}] make ${parameters} parameters; at most ${MAX_MODEL_PARAMETERS} (128 MiB of float32).`;
      if (task.batch * Math.max(...layers) > MAX_INPUT_VALUES)
        return `task.batch ${task.batch} x the widest layer (${Math.max(...layers)}) is over ${MAX_INPUT_VALUES} values (256 MiB of float32).`;
      return null;
    }
    case 'matmul': {
      const n = task.size;
      if (n === undefined) return 'task.size is missing: the matmul model needs the matrix side n.';
      if (task.layers !== undefined) return 'task.layers only applies to the mlp model; the matmul takes task.size.';
      if (!Number.isSafeInteger(n) || n < 1) return `task.size must be a whole number >= 1 (the matrix side n), got ${n}.`;
      if (n > MAX_MATMUL_SIDE) return `task.size ${n} is too large for the ONNX matmul: at most ${MAX_MATMUL_SIDE} (B is stored inside the model).`;
      if (task.batch * n * n > MAX_INPUT_VALUES)
        return `task.batch ${task.batch} x ${n} x ${n} is over ${MAX_INPUT_VALUES} values (256 MiB of float32).`;
      return null;
    }
    case 'mnist-mlp':
      if (task.layers !== undefined || task.size !== undefined)
        return `task.layers and task.size do not apply to mnist-mlp: its shape is fixed by training (${MNIST_TRAINING.layers.join('-')}).`;
      if (task.batch * MNIST_PIXELS > MAX_INPUT_VALUES)
        return `task.batch ${task.batch} is too large: at most ${Math.floor(MAX_INPUT_VALUES / MNIST_PIXELS)} digits.`;
      return null;
    default:
      return `task.model '${String((task as { model: unknown }).model)}' is not an ONNX model here; expected mlp, mnist-mlp or matmul.`;
  }
}

/** Throws onnxTaskProblem as an error naming `where`; returns the task typed. */
export function assertOnnxTask(task: Task, where: string): InferenceTask {
  const problem = onnxTaskProblem(task);
  if (problem) throw new Error(`${where}: ${problem}`);
  return task as InferenceTask;
}

/**
 * The model and the fixed input of a task.
 * - mlp: the generated MLP (mlpModel(layers, seed)); input from the spec's generator (task.inputs,
 *   uniform in [-1, 1) when it names none) with seed subSeed(seed, 'input').
 * - matmul: B from seed + 1 and A = `batch` matrices from seed, both from the spec's generator: the
 *   same numbers as the kernel matmul of that seed and generator (batch 1 computes exactly its C = A x B).
 * - mnist-mlp: the trained model from `mnist`; input = `batch` held-out digits picked by a seeded
 *   shuffle of the test set (repeating it when the batch is larger), as pixel / 255; accuracy on the
 *   first task.testDigits of that order (all held-out digits when left out).
 */
export function planOnnxModel(task: InferenceTask, mnist?: MnistSource): OnnxPlan {
  assertOnnxTask(task, 'planOnnxModel');
  const batch = task.batch;
  if (task.model === 'mlp') {
    const layers = task.layers!;
    const model = mlpModel(layers, task.seed);
    return mlpPlan(
      task,
      `mlp ${layers.join('-')}`,
      model.bytes,
      model.parameters,
      generateFloat32(batch * layers[0]!, subSeed(task.seed, 'input'), task.inputs),
    );
  }
  if (task.model === 'matmul') {
    const n = task.size!;
    const b = generateFloat32(n * n, task.seed + 1, task.inputs);
    const a = generateFloat32(batch * n * n, task.seed, task.inputs);
    const bytes = buildMatMul(n, b);
    return {
      task,
      name: `matmul ${n}`,
      bytes,
      info: describeModel(bytes),
      input: a,
      inputDims: [batch, n, n],
      outputRows: batch * n,
      outputWidth: n,
      reference: (rows) => referenceMatMulRows(n, a, b, rows),
      toleranceFactor: 2 * n,
      toleranceRule: `|error| <= 2n u * sum_k |A[i][k] B[k][j]| + 2^-126, n = ${n}, u = 2^-24`,
      referenceCostPerRow: n * n,
      work: { flops: 2 * batch * n ** 3, bytes: 4 * (2 * batch * n * n + n * n), items: batch * n * n },
    };
  }
  if (!mnist) throw new Error('planOnnxModel: mnist-mlp needs the trained model and its test digits; the host did not provide them');
  const parameters = readMlp(mnist.model);
  if (parameters.layers[0] !== MNIST_PIXELS || parameters.layers.at(-1) !== MNIST_CLASSES) {
    throw new Error(`planOnnxModel: the MNIST model is ${parameters.layers.join('-')}; it must take 784 pixels and give 10 logits`);
  }
  const order = shuffler(seededRandom(subSeed(task.seed, 'digits')))(Array.from({ length: mnist.test.count }, (_, i) => i));
  const picked = selectDigits(
    mnist.test,
    Array.from({ length: batch }, (_, k) => order[k % order.length]!),
  );
  const plan = mlpPlan(task, `mnist-mlp ${parameters.layers.join('-')}`, mnist.model, parameters, digitsToInput(picked));
  // Accuracy on the spec's count of held-out digits (datasets[].shipped.count), the first of the seeded order.
  const count = task.testDigits;
  if (count !== undefined && !(Number.isSafeInteger(count) && count >= 1 && count <= mnist.test.count)) {
    throw new Error(`planOnnxModel: accuracy on ${count} held-out digits was asked for; there are ${mnist.test.count} (datasets[].shipped.count)`);
  }
  return { ...plan, test: count === undefined ? mnist.test : selectDigits(mnist.test, order.slice(0, count)) };
}

/**
 * An evaluation: the zoo model, its items (split, drawn by the seed, perturbed), the timed query = the
 * first `batch` items (repeated when there are fewer), verified against the JS forward pass of the same
 * parameters (int8: dequantised), and quality = every metric on every item (runtime/eval).
 */
export function planEvaluation(task: EvaluationTask, source: ZooModelSource, companions: Record<string, ZooModelSource> = {}): OnnxPlan {
  const missing = companionModels(task).filter((id) => !companions[id]);
  if (missing.length) throw new Error(`planEvaluation: the host did not load ${missing.join(', ')}, which the task's irt or memorisation runs`);
  const items = evaluationItems(task, source);
  const width = items.width;
  const input = new Float32Array(task.batch * width);
  for (let k = 0; k < task.batch; k++) {
    const i = k % items.count;
    input.set(items.input.subarray(i * width, (i + 1) * width), k * width);
  }
  const plan = mlpPlan(task, `${task.model} ${source.parameters.layers.join('-')}`, source.bytes, source.parameters, input);
  return {
    ...plan,
    companions,
    evaluate: async (logitsOf, companionLogits) => {
      const k = items.classes.length;
      const chunked = async (input: Float32Array, rows: number) => {
        const out = new Float32Array(rows * k);
        for (let start = 0; start < rows; start += QUALITY_CHUNK) {
          const n = Math.min(QUALITY_CHUNK, rows - start);
          out.set(await logitsOf(input.slice(start * width, (start + n) * width), n), start * k);
        }
        return out;
      };
      const logits = await chunked(items.input, items.count);
      const outcome = scoreEvaluation(task, items, logits);
      const curve = await robustnessQuality(task, items, chunked);
      let dynamic: Awaited<ReturnType<typeof dynamicQuality>> | undefined;
      if (task.irt || task.memorisation) {
        if (companionModels(task).length && !companionLogits)
          throw new Error(`${task.model}: this host cannot run the other zoo models the task's irt or memorisation needs`);
        const fresh = task.memorisation ? freshItems(source) : undefined;
        dynamic = await dynamicQuality({
          task,
          items,
          ...(fresh ? { fresh } : {}),
          logitsOf: (id, input, rows) =>
            id === task.model ? (input === items.input ? Promise.resolve(logits) : chunked(input, rows)) : companionLogits!(id, input, rows),
        });
      }
      return {
        quality: { ...outcome.quality, ...curve, ...dynamic?.quality },
        notes: [...outcome.evaluation.undefinedCases, ...(dynamic?.notes ?? [])],
        reasons: dynamic?.reasons ?? [],
      };
    },
  };
}

/** The fresh split of a digit model, as model input (memorisation's rotating sets are drawn from it). */
function freshItems(source: ZooModelSource): { input: Float32Array; labels: Uint8Array; count: number } {
  const fresh = source.split('fresh');
  if (!('images' in fresh)) throw new Error(`${source.card.id}: memorisation draws rotating sets of digits; this model reads tabular data`);
  return { input: digitsToInput(fresh), labels: fresh.labels, count: fresh.count };
}

/**
 * A companion's logits on `rows` items, from a session the host opens for its bytes (and releases after),
 * in chunks; the first rows are checked against the JS forward pass of its parameters under the same
 * tolerance as a run's own output, so a wrong answer never enters a response matrix.
 */
export async function companionLogits<Feed>(
  plan: OnnxPlan,
  id: string,
  input: Float32Array,
  rows: number,
  open: (bytes: Uint8Array) => Promise<OnnxSession<Feed>>,
): Promise<Float32Array> {
  const source = plan.companions?.[id];
  if (!source) throw new Error(`${plan.name}: ${id} is not one of the models this evaluation loaded`);
  const p = source.parameters;
  const width = p.layers[0]!;
  const k = p.layers.at(-1)!;
  const session = await open(source.bytes);
  try {
    const out = new Float32Array(rows * k);
    for (let start = 0; start < rows; start += QUALITY_CHUNK) {
      const n = Math.min(QUALITY_CHUNK, rows - start);
      const chunk = input.slice(start * width, (start + n) * width);
      out.set(await session.run(session.feed(chunk, [n, width])), start * k);
    }
    const checked = Math.min(rows, 16);
    const check = mlpPlan(
      { ...(plan.task as EvaluationTask), batch: checked },
      `${id} ${p.layers.join('-')}`,
      source.bytes,
      p,
      input.slice(0, checked * width),
    );
    const verdict = compareOutput(
      check,
      out.slice(0, checked * k),
      Array.from({ length: checked }, (_, r) => r),
    );
    if (!verdict.ok) throw new Error(`${id}: its output does not match the CPU reference (${verdict.detail}); a wrong answer is not scored`);
    return out;
  } finally {
    await session.release();
  }
}

function mlpPlan(task: InferenceTask | EvaluationTask, name: string, bytes: Uint8Array, p: MlpParameters, input: Float32Array): OnnxPlan {
  const { layers } = p;
  const batch = task.batch;
  const nIn = layers[0]!;
  const macs = layers.slice(1).reduce((sum, w, i) => sum + layers[i]! * w, 0);
  const parameters = layers.slice(1).reduce((sum, w, i) => sum + (layers[i]! + 1) * w, 0);
  const factor = 2 * layers.slice(0, -1).reduce((sum, w) => sum + w + 1, 0);
  return {
    task,
    name,
    bytes,
    info: describeModel(bytes),
    input,
    inputDims: [batch, nIn],
    outputRows: batch,
    outputWidth: layers.at(-1)!,
    reference: (rows) => {
      const sub = new Float32Array(rows.length * nIn);
      rows.forEach((r, k) => sub.set(input.subarray(r * nIn, (r + 1) * nIn), k * nIn));
      return referenceMlp(p, sub, rows.length);
    },
    toleranceFactor: factor,
    toleranceRule: `|error| <= 2 (sum of (K_l + 1)) u * magnitude + 2^-126, magnitude = the network run on |x|, |W|, |b|; 2 (sum (K_l + 1)) = ${factor}, u = 2^-24`,
    referenceCostPerRow: 2 * macs, // values and magnitudes
    work: { flops: 2 * batch * macs, bytes: 4 * (batch * nIn + batch * layers.at(-1)! + parameters), items: batch },
  };
}

/** The output rows verify() recomputes: all of them if the budget allows, else an even spread with the first and the last. */
export function rowsToCheck(plan: Pick<OnnxPlan, 'outputRows' | 'referenceCostPerRow'>): number[] {
  const affordable = Math.max(2, Math.floor(REFERENCE_BUDGET / Math.max(1, plan.referenceCostPerRow)));
  const total = plan.outputRows;
  if (total <= affordable) return Array.from({ length: total }, (_, i) => i);
  const rows = new Set<number>();
  for (let k = 0; k < affordable; k++) rows.add(Math.round((k * (total - 1)) / (affordable - 1)));
  return [...rows].sort((a, b) => a - b);
}

/** Compares an output with the reference on `rows`, under the plan's tolerance rule. */
export function compareOutput(plan: OnnxPlan, output: Float32Array, rows: readonly number[]): { ok: boolean; maxAbsError: number; detail: string } {
  const width = plan.outputWidth;
  if (output.length !== plan.outputRows * width) {
    return {
      ok: false,
      maxAbsError: Infinity,
      detail: `the output has ${output.length} values; ${plan.name} with batch ${plan.task.batch} should give ${plan.outputRows * width}`,
    };
  }
  const ref = plan.reference(rows);
  let maxAbsError = 0;
  let bad = 0;
  let worst: { row: number; col: number; got: number; want: number; tolerance: number } | undefined;
  let worstExcess = -Infinity;
  rows.forEach((row, k) => {
    for (let j = 0; j < width; j++) {
      const got = output[row * width + j]!;
      const want = ref.values[k * width + j]!;
      const tolerance = plan.toleranceFactor * U * ref.magnitude[k * width + j]! + FLOAT32_MIN_NORMAL;
      const error = Math.abs(got - want);
      if (Number.isNaN(error) || error > maxAbsError) maxAbsError = Number.isNaN(error) ? Infinity : error;
      if (!(error <= tolerance)) {
        bad++;
        const excess = Number.isNaN(error) ? Infinity : error / tolerance;
        if (excess > worstExcess) {
          worstExcess = excess;
          worst = { row, col: j, got, want, tolerance };
        }
      }
    }
  });
  const checked =
    rows.length === plan.outputRows ? `all ${plan.outputRows} output rows` : `${rows.length} of ${plan.outputRows} output rows (evenly spread)`;
  if (!worst)
    return { ok: true, maxAbsError, detail: `${checked} within tolerance (${plan.toleranceRule}); max |error| ${maxAbsError.toExponential(2)}` };
  return {
    ok: false,
    maxAbsError,
    detail:
      `${bad} values of ${checked} outside the tolerance (${plan.toleranceRule}); worst: output[${worst.row}][${worst.col}] = ${worst.got} ` +
      `but the reference is ${worst.want} (|error| ${Math.abs(worst.got - worst.want).toExponential(2)} > ${worst.tolerance.toExponential(2)})`,
  };
}

/**
 * The PreparedTask around a created session: run(iterations) calls session.run that many times on
 * the plan's fixed input, each resolving after its output is back in JS; verify() compares the latest
 * run's output (the cold first run's, when the engine calls it) with the reference, running once if none ran; quality() (mnist-mlp) is the accuracy on every held-out digit.
 */
export function onnxPreparedTask<Feed>(
  plan: OnnxPlan,
  session: OnnxSession<Feed>,
  environment: () => Promise<Record<string, unknown>>,
  /** Opens a session for another zoo model's bytes (an evaluation's companions); the same host, EP and options. */
  open?: (bytes: Uint8Array) => Promise<OnnxSession<Feed>>,
): PreparedTask {
  const feed = session.feed(plan.input, plan.inputDims);
  let last: Float32Array | undefined;
  let disposed = false;
  const live = (what: string) => {
    if (disposed) throw new Error(`${plan.name}: ${what} after dispose(); prepare the task again`);
  };
  const prepared: PreparedTask = {
    work: plan.work,
    workload: {
      async run(iterations) {
        live('run()');
        for (let i = 0; i < iterations; i++) last = await session.run(feed);
      },
    },
    async verify() {
      live('verify()');
      return compareOutput(plan, last ?? (await session.run(feed)), rowsToCheck(plan));
    },
    async environment() {
      return {
        model: plan.name,
        modelBytes: plan.bytes.length,
        modelParameters: plan.info.parameters,
        opset: plan.info.opset,
        irVersion: plan.info.irVersion,
        operators: [...new Set(plan.info.operators)],
        inputShape: plan.inputDims,
        // The other zoo models that answered the items (irt, memorisation): which files, by checksum.
        ...(plan.companions && Object.keys(plan.companions).length
          ? { companions: Object.values(plan.companions).map((c) => ({ model: c.card.id, sha256: c.card.sha256 })) }
          : {}),
        ...(await environment()),
      };
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await session.release();
    },
  };
  const evaluate = plan.evaluate;
  if (evaluate) {
    let notes: string[] = [];
    let reasons: string[] = [];
    prepared.quality = async () => {
      live('quality()');
      const out = await evaluate(
        (input, rows) => session.run(session.feed(input, [rows, plan.inputDims[1]!])),
        open ? (id, input, rows) => companionLogits(plan, id, input, rows, open) : undefined,
      );
      notes = out.notes;
      reasons = out.reasons;
      return out.quality;
    };
    prepared.qualityNotes = () => notes;
    prepared.qualityReasons = () => reasons;
  }
  const test = plan.test;
  if (test) {
    prepared.quality = async () => {
      live('quality()');
      const accuracy = await accuracyOf(test, (input, n) => session.run(session.feed(input, [n, MNIST_PIXELS])), QUALITY_CHUNK);
      return { accuracy };
    };
  }
  return prepared;
}
