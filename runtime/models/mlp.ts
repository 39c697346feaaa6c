import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { normalFloat32, uniformFloat32 } from '../data/random.ts';
import { buildMlp, checkMlp, type MlpParameters } from './onnx-builder.ts';

/** A model as bytes for ONNX Runtime, with the plain-JS computation it must agree with. */
export interface ReferenceModel {
  /** The ONNX model (see onnx-builder.ts for its input and output). */
  bytes: Uint8Array;
  /** The same computation in plain JavaScript (float64 sums of float32 values); `input` holds `batch` rows. */
  forward(input: Float32Array, batch: number): Float32Array;
}

export interface MlpModel extends ReferenceModel {
  parameters: MlpParameters;
}

/**
 * A generated MLP with seeded weights: hidden layers He-scaled (normal, sd sqrt(2 / fan_in), as
 * suits ReLU), the output layer Xavier-scaled (normal, sd sqrt(2 / (fan_in + fan_out))), biases
 * uniform in [-0.1, 0.1). Each tensor draws from its own sub-seed (`subSeed(seed, 'W0')`, ...), so
 * changing one layer's width leaves the others' numbers alone.
 */
export function mlpModel(layers: number[], seed: number): MlpModel {
  checkSeed(seed, 'mlpModel');
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  for (let i = 0; i < layers.length - 1; i++) {
    const fanIn = layers[i]!;
    const fanOut = layers[i + 1]!;
    if (!Number.isInteger(fanIn) || fanIn < 1 || !Number.isInteger(fanOut) || fanOut < 1) break; // checkMlp says why
    const last = i === layers.length - 2;
    const sd = last ? Math.sqrt(2 / (fanIn + fanOut)) : Math.sqrt(2 / fanIn);
    weights.push(normalFloat32(fanIn * fanOut, subSeed(seed, `W${i}`), 0, sd));
    biases.push(uniformFloat32(fanOut, subSeed(seed, `b${i}`), -0.1, 0.1));
  }
  const parameters = { layers, weights, biases };
  checkMlp(parameters, 'mlpModel');
  return { parameters, bytes: buildMlp(layers, weights, biases), forward: (input, batch) => forwardMlp(parameters, input, batch) };
}

/** The MLP's forward pass in plain JS (MatMul, Add, ReLU but on the last layer), rounded to float32. */
export function forwardMlp(p: MlpParameters, input: Float32Array, batch: number): Float32Array {
  return Float32Array.from(mlpPass(p, input, batch, false).values);
}

/** An expected output and, per value, the size of what was summed to make it (rounding error scales with it). */
export interface Reference {
  /** Expected values in float64. */
  values: Float64Array;
  /** Per value: sum of |terms| that produced it, through every layer (see referenceMlp). */
  magnitude: Float64Array;
}

/**
 * The MLP's output in float64, with its magnitude: the same network run on |input|, |W| and |b|
 * (ReLU passes what the real pass passes). A float32 evaluation of layer widths K_1..K_L differs
 * from `values` by at most about (sum of (K_l + 1)) * 2^-24 * magnitude, whatever the summation order.
 */
export function referenceMlp(p: MlpParameters, input: Float32Array, batch: number): Reference {
  const r = mlpPass(p, input, batch, true);
  return { values: r.values, magnitude: r.magnitude! };
}

function mlpPass(p: MlpParameters, input: Float32Array, batch: number, withMagnitude: boolean): { values: Float64Array; magnitude?: Float64Array } {
  const { layers, weights, biases } = p;
  checkBatch(input, batch, layers[0]!, 'forwardMlp');
  let x: ArrayLike<number> = input;
  let m: Float64Array | undefined = withMagnitude ? Float64Array.from(input, Math.abs) : undefined;
  for (let l = 0; l < weights.length; l++) {
    const nIn = layers[l]!;
    const nOut = layers[l + 1]!;
    const w = weights[l]!;
    const b = biases[l]!;
    const relu = l < weights.length - 1;
    const y = new Float64Array(batch * nOut);
    const my = m ? new Float64Array(batch * nOut) : undefined;
    for (let r = 0; r < batch; r++) {
      const o = r * nOut;
      for (let j = 0; j < nOut; j++) y[o + j] = b[j]!;
      if (my) for (let j = 0; j < nOut; j++) my[o + j] = Math.abs(b[j]!);
      for (let i = 0; i < nIn; i++) {
        const xi = x[r * nIn + i]!;
        const row = i * nOut;
        if (xi !== 0) for (let j = 0; j < nOut; j++) y[o + j]! += xi * w[row + j]!;
        if (my) {
          const mi = m![r * nIn + i]!;
          if (mi !== 0) for (let j = 0; j < nOut; j++) my[o + j]! += mi * Math.abs(w[row + j]!);
        }
      }
      // ReLU. The magnitude is kept where the value is clipped: a value near 0 may land on either
      // side of the ReLU in float32, and the bound must cover both.
      if (relu) for (let j = 0; j < nOut; j++) if (y[o + j]! < 0) y[o + j] = 0;
    }
    x = y;
    m = my;
  }
  return { values: x as Float64Array, magnitude: m };
}

/**
 * Rows of C = A x B (each of `batch` n x n matrices A times one n x n B, row-major), in float64 with
 * magnitudes sum_k |A[i][k] B[k][j]|. `rows` index the flattened [batch * n, n] output.
 */
export function referenceMatMulRows(n: number, a: Float32Array, b: Float32Array, rows: readonly number[]): Reference {
  if (b.length !== n * n) throw new Error(`referenceMatMulRows: B must hold n*n = ${n * n} values, got ${b.length}`);
  if (a.length % (n * n) !== 0) throw new Error(`referenceMatMulRows: A must hold a whole number of n*n = ${n * n} matrices, got ${a.length} values`);
  const values = new Float64Array(rows.length * n);
  const magnitude = new Float64Array(rows.length * n);
  rows.forEach((r, k) => {
    if (!Number.isInteger(r) || r < 0 || r >= a.length / n) throw new Error(`referenceMatMulRows: row ${r} is outside the ${a.length / n} rows of C`);
    const o = k * n;
    for (let t = 0; t < n; t++) {
      const art = a[r * n + t]!;
      if (art === 0) continue;
      const row = t * n;
      for (let j = 0; j < n; j++) {
        const term = art * b[row + j]!;
        values[o + j]! += term;
        magnitude[o + j]! += Math.abs(term);
      }
    }
  });
  return { values, magnitude };
}

/**
 * A seed for one named stream derived from the task's seed (first 32 bits of sha256("seed:label")),
 * so the weights, the biases and the inputs never share a random sequence.
 */
export function subSeed(seed: number, label: string): number {
  const h = sha256(utf8ToBytes(`${seed}:${label}`));
  return ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
}

function checkSeed(seed: number, where: string): void {
  if (!Number.isFinite(seed)) throw new Error(`${where}: seed must be a finite number, got ${seed}`);
}

function checkBatch(input: Float32Array, batch: number, width: number, where: string): void {
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`${where}: batch must be a whole number >= 1, got ${batch}`);
  if (input.length !== batch * width) {
    throw new Error(`${where}: input must hold batch x ${width} = ${batch * width} values, got ${input.length}`);
  }
}
