/// <reference types="@webgpu/types" />
import type * as Ort from 'onnxruntime-web';
import {
  MANIFEST_FILE,
  MNIST_MODEL_FILE,
  MNIST_TEST_FILE,
  ORT_DIR,
  checkAsset,
  decodeDigits,
  parseManifest,
  type ModelManifest,
} from '../models/assets.ts';
import { assertOnnxTask, onnxPreparedTask, onnxTaskProblem, planOnnxModel, type MnistSource, type OnnxSession } from './onnx.ts';
import type { Runner } from './types.ts';

/**
 * ONNX Runtime in the page (onnxruntime-web 1.30), loaded only when a cell first runs.
 * - browser-wasm: `import('onnxruntime-web')`, wasm EP, 1 thread.
 * - browser-wasm-threads: the same build with ort.env.wasm.numThreads = min(navigator.hardwareConcurrency, 4),
 *   set explicitly; needs cross-origin isolation (SharedArrayBuffer), else it is unsupported, not silently 1 thread.
 * - browser-onnx-webgpu: `import('onnxruntime-web/webgpu')` (the WebGPU EP build), needs a WebGPU adapter.
 * Both builds load their .mjs/.wasm from `${assetsBase}/ort/` (written by writeModelAssets). Outputs
 * stay at ORT's default location ('cpu'), so session.run resolves only after the GPU finished and the
 * output was read back: every timed iteration runs to completion.
 * mlp and matmul models are built in the page from the seed; mnist-mlp and its held-out digits are
 * fetched from `${assetsBase}/` and checked against the manifest's SHA-256 before use.
 */

export type OnnxWebTarget = 'browser-wasm' | 'browser-wasm-threads' | 'browser-onnx-webgpu';

export interface OnnxWebOptions {
  /** URL of the folder writeModelAssets wrote, e.g. '/models' (no trailing slash needed). */
  assetsBase: string;
}

/** Largest thread count we ask for: ORT's own default stops at 4, and more rarely helps small models. */
const MAX_THREADS = 4;

type OrtModule = typeof Ort;

/**
 * The wasm build's thread pool is made once per page, on its first session (ort.env.wasm.numThreads
 * is read then and never again), so browser-wasm and browser-wasm-threads share this state.
 */
let wasmBuild: Promise<OrtModule> | undefined;
let wasmThreads: number | undefined;
let webgpuBuild: Promise<OrtModule> | undefined;
const mnistByBase = new Map<string, Promise<MnistSource>>();

/** A runner for one of the page's ONNX targets. */
export function createOnnxWebRunner(target: OnnxWebTarget, options: OnnxWebOptions): Runner {
  if (!['browser-wasm', 'browser-wasm-threads', 'browser-onnx-webgpu'].includes(target)) {
    throw new Error(`createOnnxWebRunner: target '${String(target)}' is not an onnxruntime-web target; expected browser-wasm, browser-wasm-threads or browser-onnx-webgpu`);
  }
  if (typeof options?.assetsBase !== 'string') throw new Error('createOnnxWebRunner: options.assetsBase must be the URL of the model assets folder, e.g. "/models"');
  const base = options.assetsBase.replace(/\/+$/, '');

  return {
    target,
    async unsupported(task) {
      return onnxTaskProblem(task) ?? (await hostProblem(target));
    },
    async prepare(task, prepareOptions = {}) {
      const inference = assertOnnxTask(task, target);
      const log = prepareOptions.log ?? (() => {});
      const problem = await hostProblem(target);
      if (problem) throw new Error(`${target}: ${problem}`);
      const signal = prepareOptions.signal;
      const ort = await loadOrt(target, base);
      signal?.throwIfAborted();
      const mnist = inference.model === 'mnist-mlp' ? await mnistSource(base, log) : undefined;
      signal?.throwIfAborted();
      const plan = planOnnxModel(inference, mnist);
      const ep = target === 'browser-onnx-webgpu' ? 'webgpu' : 'wasm';
      let session: Ort.InferenceSession;
      try {
        session = await ort.InferenceSession.create(plan.bytes, { executionProviders: [ep], graphOptimizationLevel: 'all' });
      } catch (e) {
        throw new Error(`${target}: ONNX Runtime could not create a session for ${plan.name} on the ${ep} execution provider: ${(e as Error).message}`);
      }
      if (target !== 'browser-onnx-webgpu') {
        // ORT falls back to 1 thread (with a console warning) where it cannot start workers: say so instead.
        wasmThreads = ort.env.wasm.numThreads ?? 1;
        if (target === 'browser-wasm-threads' && wasmThreads < 2) {
          await session.release();
          throw new Error(`${target}: onnxruntime-web started with ${wasmThreads} thread although ${threadsWanted()} were asked for; this browser cannot run wasm threads here`);
        }
      }
      log(`${target}: session for ${plan.name} (${plan.bytes.length} bytes) on ${ep}`);
      const wrapped: OnnxSession<Ort.Tensor> = {
        feed: (input, dims) => new ort.Tensor('float32', input, dims),
        async run(feed) {
          const outputs = await session.run({ [session.inputNames[0]!]: feed });
          const out = outputs[session.outputNames[0]!];
          if (!out) throw new Error(`${target}: ${plan.name} gave no output`);
          const data = out.location === 'cpu' || out.location === 'cpu-pinned' ? out.data : await out.getData(true);
          if (!(data instanceof Float32Array)) throw new Error(`${target}: ${plan.name} gave no float32 output`);
          return data;
        },
        release: () => session.release(),
      };
      return onnxPreparedTask(plan, wrapped, async () => ({
        backend: target === 'browser-onnx-webgpu' ? 'onnxruntime-web/webgpu' : 'onnxruntime-web',
        onnxruntimeVersion: ort.env.versions.web ?? ort.env.versions.common,
        executionProvider: ep,
        threads: ort.env.wasm.numThreads ?? 1,
        crossOriginIsolated: globalThis.crossOriginIsolated === true,
        wasmPaths: `${base}/${ORT_DIR}/`,
        outputLocation: 'cpu (each run waits for the output to be read back)',
        ...(ep === 'webgpu' ? { adapter: await adapterSummary() } : {}),
        ...(mnist ? { mnist: mnist.provenance } : {}),
      }));
    },
  };
}

/** Why this page cannot run `target` at all (whatever the task), or null. */
async function hostProblem(target: OnnxWebTarget): Promise<string | null> {
  if (typeof navigator === 'undefined') return `${target} runs in a browser page; use node-onnx from the command line.`;
  if (target === 'browser-wasm-threads') {
    if (globalThis.crossOriginIsolated !== true) {
      return 'wasm threads need a cross-origin isolated page (COOP: same-origin and COEP: require-corp headers, so SharedArrayBuffer exists); this page is not isolated. Serve the workbook with `npm start`, or use browser-wasm (1 thread).';
    }
    if (threadsWanted() < 2) return 'this device reports a single logical core (navigator.hardwareConcurrency), so there are no threads to add; use browser-wasm.';
    if (wasmThreads !== undefined && wasmThreads < 2) {
      return 'onnxruntime-web already started in this page with 1 thread (a browser-wasm cell ran first), and its thread pool cannot change; reload the page and run this cell first.';
    }
  }
  if (target === 'browser-wasm' && wasmThreads !== undefined && wasmThreads > 1) {
    return `onnxruntime-web already started in this page with ${wasmThreads} threads (a browser-wasm-threads cell ran first), and its thread pool cannot change; reload the page to measure 1 thread.`;
  }
  if (target === 'browser-onnx-webgpu') {
    if (!globalThis.isSecureContext) return 'WebGPU needs a secure context: open the workbook over https or on localhost.';
    if (!navigator.gpu) return 'this browser does not offer WebGPU (navigator.gpu is missing); the wasm targets still work.';
    let adapter: GPUAdapter | null = null;
    try {
      adapter = await navigator.gpu.requestAdapter();
    } catch (e) {
      return `asking for a WebGPU adapter failed: ${(e as Error).message}`;
    }
    if (!adapter) return 'the browser has WebGPU but gave no adapter (GPU blocklisted or WebGPU switched off; headless Chromium needs --enable-unsafe-webgpu); the wasm targets still work.';
  }
  return null;
}

function threadsWanted(): number {
  return Math.min(Math.max(1, navigator.hardwareConcurrency || 1), MAX_THREADS);
}

/** Loads the target's onnxruntime-web build once per page and points it at our copy of its runtime files. */
function loadOrt(target: OnnxWebTarget, base: string): Promise<OrtModule> {
  const configure = (ort: OrtModule, threads: number): OrtModule => {
    ort.env.wasm.wasmPaths = `${base}/${ORT_DIR}/`;
    ort.env.wasm.numThreads = threads;
    if (target !== 'browser-onnx-webgpu') wasmThreads = threads;
    ort.env.wasm.proxy = false; // run on this thread, so the page's clock times the work itself
    return ort;
  };
  if (target === 'browser-onnx-webgpu') {
    webgpuBuild ??= import('onnxruntime-web/webgpu').then((m) => configure(m as OrtModule, 1));
    return webgpuBuild.catch((e: unknown) => {
      webgpuBuild = undefined;
      throw new Error(`${target}: onnxruntime-web/webgpu could not be loaded: ${(e as Error).message}`);
    });
  }
  // The first wasm cell decides the thread count of the page's only wasm thread pool.
  wasmBuild ??= import('onnxruntime-web').then((m) => configure(m as OrtModule, target === 'browser-wasm-threads' ? threadsWanted() : 1));
  return wasmBuild.catch((e: unknown) => {
    wasmBuild = undefined;
    throw new Error(`${target}: onnxruntime-web could not be loaded: ${(e as Error).message}`);
  });
}

/** The trained model and held-out digits, fetched once per assets folder and checked against the manifest. */
function mnistSource(base: string, log: (line: string) => void): Promise<MnistSource> {
  let source = mnistByBase.get(base);
  if (!source) {
    source = fetchMnist(base, log);
    source.catch(() => mnistByBase.delete(base));
    mnistByBase.set(base, source);
  }
  return source;
}

async function fetchMnist(base: string, log: (line: string) => void): Promise<MnistSource> {
  const manifestUrl = `${base}/${MANIFEST_FILE}`;
  const manifest: ModelManifest = parseManifest(new TextDecoder().decode(await fetchBytes(manifestUrl)), manifestUrl);
  log(`mnist-mlp: fetching the model and ${manifest.mnist.testDigits} held-out digits from ${base}/`);
  const [model, testBytes] = await Promise.all([fetchBytes(`${base}/${MNIST_MODEL_FILE}`), fetchBytes(`${base}/${MNIST_TEST_FILE}`)]);
  checkAsset(manifest, MNIST_MODEL_FILE, model, `${base}/${MNIST_MODEL_FILE}`);
  checkAsset(manifest, MNIST_TEST_FILE, testBytes, `${base}/${MNIST_TEST_FILE}`);
  return {
    model,
    test: decodeDigits(testBytes, `${base}/${MNIST_TEST_FILE}`),
    provenance: {
      from: base,
      modelSha256: manifest.files[MNIST_MODEL_FILE]?.sha256,
      testAccuracyReference: manifest.mnist.testAccuracy,
      training: manifest.mnist.training,
    },
  };
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`${url}: could not be fetched (${(e as Error).message})`);
  }
  if (!response.ok) throw new Error(`${url}: the server answered ${response.status} ${response.statusText}; were the model assets built (writeModelAssets)?`);
  return new Uint8Array(await response.arrayBuffer());
}

async function adapterSummary(): Promise<Record<string, unknown>> {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) return { available: false };
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const legacyFallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter: Boolean(info.isFallbackAdapter ?? legacyFallback),
    note: 'the adapter this page is given by requestAdapter(); onnxruntime-web asks for its own the same way',
  };
}
