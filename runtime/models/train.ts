import { shuffler } from 'd3-array';
import { normalFloat32, seededRandom } from '../data/random.ts';
import { subSeed } from './mlp.ts';
import type { MlpParameters } from './onnx-builder.ts';

/**
 * Mini-batch SGD for a ReLU MLP classifier (softmax cross-entropy), shared by the MNIST classifier and
 * the zoo (digits and iris). Pure and deterministic: float64 arithmetic in a fixed order, seeded
 * initial weights and sample order; the weights are rounded to float32 once at the end of each epoch
 * that is reported. Inputs are sparse rows (index, value): most MNIST pixels are 0, so skipping them
 * makes the first layer ~5x cheaper; a dense data set lists every index.
 */
export type SparseRows = [Uint16Array, Float64Array][];

/** The settings fitMlp reads (MnistTraining has them all). */
export interface FitOptions {
  seed: number;
  layers: number[];
  epochs: number;
  batchSize: number;
  /** Step size of the first epoch; it falls linearly to a tenth of that by the last. */
  learningRate: number;
  momentum: number;
  /** L2 penalty on the weights (not the biases). */
  weightDecay: number;
}

/** Trains; `onEpoch` gets a float32 copy of the parameters after each epoch. */
export function fitMlp(
  rows: SparseRows,
  labels: ArrayLike<number>,
  options: FitOptions,
  onEpoch?: (epoch: number, parameters: MlpParameters) => void,
): { parameters: MlpParameters; epochLoss: number[] } {
  const { layers } = options;
  if (rows.length !== labels.length) throw new Error(`fitMlp: ${rows.length} rows but ${labels.length} labels`);
  if (rows.length === 0) throw new Error('fitMlp: nothing to train on (0 rows)');
  const L = layers.length - 1;
  const classes = layers[L]!;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (!Number.isInteger(y) || y < 0 || y >= classes) throw new Error(`fitMlp: label ${i} is ${y}; the model has ${classes} classes`);
  }

  // Parameters in float64 while training; W[l] is row-major [layers[l], layers[l+1]].
  const W = layers
    .slice(0, -1)
    .map((nIn, l) => Float64Array.from(normalFloat32(nIn * layers[l + 1]!, subSeed(options.seed, `W${l}`), 0, Math.sqrt(2 / nIn))));
  const B = layers.slice(1).map((n) => new Float64Array(n));
  const vW = W.map((w) => new Float64Array(w.length));
  const vB = B.map((b) => new Float64Array(b.length));
  const gW = W.map((w) => new Float64Array(w.length));
  const gB = B.map((b) => new Float64Array(b.length));
  const act = layers.map((n) => new Float64Array(n)); // act[0] unused: the input is read sparsely
  const delta = layers.slice(1).map((n) => new Float64Array(n));

  const epochLoss: number[] = [];
  const shuffle = shuffler(seededRandom(subSeed(options.seed, 'order')));
  const order = Array.from({ length: rows.length }, (_, i) => i);
  const snapshot = (): MlpParameters => ({
    layers: [...layers],
    weights: W.map((w) => Float32Array.from(w)),
    biases: B.map((b) => Float32Array.from(b)),
  });

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const lr = options.learningRate * (1 - (0.9 * epoch) / Math.max(1, options.epochs - 1));
    shuffle(order);
    let lossSum = 0;
    for (let start = 0; start < rows.length; start += options.batchSize) {
      const end = Math.min(rows.length, start + options.batchSize);
      for (const g of gW) g.fill(0);
      for (const g of gB) g.fill(0);
      for (let s = start; s < end; s++) {
        const idx = order[s]!;
        const [nzIndex, nzValue] = rows[idx]!;
        // Forward.
        for (let l = 0; l < L; l++) {
          const nOut = layers[l + 1]!;
          const out = act[l + 1]!;
          const w = W[l]!;
          out.set(B[l]!);
          if (l === 0) {
            for (let k = 0; k < nzIndex.length; k++) {
              const xi = nzValue[k]!;
              const row = nzIndex[k]! * nOut;
              for (let j = 0; j < nOut; j++) out[j]! += xi * w[row + j]!;
            }
          } else {
            const x = act[l]!;
            for (let i = 0; i < layers[l]!; i++) {
              const xi = x[i]!;
              if (xi === 0) continue;
              const row = i * nOut;
              for (let j = 0; j < nOut; j++) out[j]! += xi * w[row + j]!;
            }
          }
          if (l < L - 1) for (let j = 0; j < nOut; j++) if (out[j]! < 0) out[j] = 0;
        }
        // Softmax cross-entropy: delta = softmax(z) - onehot(label).
        const z = act[L]!;
        const dz = delta[L - 1]!;
        let max = -Infinity;
        for (let j = 0; j < z.length; j++) max = Math.max(max, z[j]!);
        let sum = 0;
        for (let j = 0; j < z.length; j++) {
          dz[j] = Math.exp(z[j]! - max);
          sum += dz[j]!;
        }
        for (let j = 0; j < z.length; j++) dz[j]! /= sum;
        const label = labels[idx]!;
        lossSum -= Math.log(Math.max(dz[label]!, 1e-300));
        dz[label]! -= 1;
        // Backward: gradients of W[l], B[l]; delta of the layer below through ReLU.
        for (let l = L - 1; l >= 0; l--) {
          const nOut = layers[l + 1]!;
          const d = delta[l]!;
          const g = gW[l]!;
          const gb = gB[l]!;
          for (let j = 0; j < nOut; j++) gb[j]! += d[j]!;
          if (l === 0) {
            for (let k = 0; k < nzIndex.length; k++) {
              const xi = nzValue[k]!;
              const row = nzIndex[k]! * nOut;
              for (let j = 0; j < nOut; j++) g[row + j]! += xi * d[j]!;
            }
          } else {
            const x = act[l]!;
            const w = W[l]!;
            const below = delta[l - 1]!;
            for (let i = 0; i < layers[l]!; i++) {
              const xi = x[i]!;
              const row = i * nOut;
              let back = 0;
              for (let j = 0; j < nOut; j++) {
                g[row + j]! += xi * d[j]!;
                back += w[row + j]! * d[j]!;
              }
              below[i] = xi > 0 ? back : 0;
            }
          }
        }
      }
      // Momentum step on the batch mean gradient (+ weight decay on W).
      const scale = 1 / (end - start);
      for (let l = 0; l < L; l++) {
        step(W[l]!, vW[l]!, gW[l]!, scale, lr, options.momentum, options.weightDecay);
        step(B[l]!, vB[l]!, gB[l]!, scale, lr, options.momentum, 0);
      }
    }
    epochLoss.push(lossSum / rows.length);
    onEpoch?.(epoch, snapshot());
  }
  return { parameters: snapshot(), epochLoss };
}

function step(p: Float64Array, v: Float64Array, g: Float64Array, scale: number, lr: number, momentum: number, decay: number): void {
  for (let i = 0; i < p.length; i++) {
    v[i] = momentum * v[i]! + g[i]! * scale + decay * p[i]!;
    p[i]! -= lr * v[i]!;
  }
}

/** Dense rows (every feature listed) for fitMlp, e.g. iris's four measurements. */
export function denseRows(values: ArrayLike<number>, width: number): SparseRows {
  const n = values.length / width;
  if (!Number.isInteger(n)) throw new Error(`denseRows: ${values.length} values are not whole rows of ${width}`);
  const index = Uint16Array.from({ length: width }, (_, i) => i);
  return Array.from({ length: n }, (_, r) => [index, Float64Array.from({ length: width }, (_, i) => values[r * width + i]!)]);
}
