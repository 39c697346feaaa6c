/// <reference types="@webgpu/types" />
import type * as Ort from 'onnxruntime-web';
import {
  MANIFEST_FILE,
  MNIST_MODEL_FILE,
  MNIST_TEST_FILE,
  ORT_BUILDS,
  checkAsset,
  decodeDigits,
  parseManifest,
  sha256Hex,
  type ModelManifest,
} from '../models/assets.ts';
import { buildMatMul, readMlp } from '../models/onnx-builder.ts';
import { parseModelCard, type ModelCard } from '../models/zoo/card.ts';
import { zooEntry } from '../models/zoo/entries.ts';
import { quantizeInt8 } from '../models/zoo/quantize.ts';
import type { ZooModelSource } from '../eval/task-run.ts';
import type { Digits } from '../models/mnist.ts';
import type { EvaluationTask } from '../spec/task.ts';
import {
  assertOnnxTask,
  companionModels,
  onnxPreparedTask,
  onnxTaskProblem,
  planEvaluation,
  planOnnxModel,
  type MnistSource,
  type OnnxPlan,
  type OnnxSession,
} from '../runners/onnx.ts';
import type { Runner } from '../runners/types.ts';
import type { browserOnnxWebGpuTarget } from '../targets/browser-onnx-webgpu.ts';
import type { browserWasmThreadsTarget } from '../targets/browser-wasm-threads.ts';
import type { browserWasmTarget } from '../targets/browser-wasm.ts';
import { TARGET_TABLE, targetInfo } from '../targets/index.ts';
import { adapterIdentity } from '../gpu/index.ts';

/**
 * ONNX Runtime in the page (onnxruntime-web 1.30), loaded when a cell first runs or is about to
 * (prestartOnnxWeb, when a cell comes into view). Each target loads the smallest build that serves it:
 * - browser-wasm: `import('onnxruntime-web/wasm')` (CPU only; 14.2 MB wasm), wasm EP, 1 thread.
 * - browser-wasm-threads: the same build with ort.env.wasm.numThreads = min(navigator.hardwareConcurrency, 4),
 *   set explicitly; needs cross-origin isolation (SharedArrayBuffer), else it is unsupported, not silently 1 thread.
 * - browser-onnx-webgpu: `import('onnxruntime-web/jspi')` (the WebGPU EP build on JSPI; 16.8 MB wasm), needs
 *   a WebGPU adapter and WebAssembly.Suspending. The asyncify build that works without JSPI is 26.8 MB, over
 *   static hosts' 25 MiB per file, so the workbook does not ship it (runtime/models/assets.ts, ORT_BUILDS).
 * Each build finds its one wasm file beside itself (the bundler emits it and rewrites the URL) and
 * compiles it while it downloads (WebAssembly.instantiateStreaming). Outputs
 * stay at ORT's default location ('cpu'), so session.run resolves only after the GPU finished and the
 * output was read back: every timed iteration runs to completion.
 * mlp and matmul models are built in the page from the seed; mnist-mlp and its held-out digits are
 * fetched from `${assetsBase}/` and checked against the manifest's SHA-256 before use.
 */

export type OnnxWebTarget = (typeof browserWasmTarget | typeof browserWasmThreadsTarget | typeof browserOnnxWebGpuTarget)['id'];

/** The page's inference targets, from the table: the ones this runner serves. */
const ONNX_WEB_TARGETS = TARGET_TABLE.filter((t) => t.hosts.includes('browser') && t.kinds.includes('inference')).map((t) => t.id);

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
/** How each build's runtime (wasm instance, and the GPU device for webgpu) was started, for the environment record. */
const runtimeStarts = new Map<BuildKind, RuntimeStart>();
type BuildKind = keyof typeof ORT_BUILDS;
interface RuntimeStart {
  by: 'prestart' | 'run';
  /** Import, wasm download and compile, instance and EP start, in ms. */
  ms: number;
}
const mnistByBase = new Map<string, Promise<MnistSource>>();

/** A runner for one of the page's ONNX targets. */
export function createOnnxWebRunner(target: OnnxWebTarget, options: OnnxWebOptions): Runner {
  if (!ONNX_WEB_TARGETS.includes(target)) {
    throw new Error(`createOnnxWebRunner: target '${String(target)}' is not an onnxruntime-web target; expected ${ONNX_WEB_TARGETS.join(', ')}`);
  }
  if (typeof options?.assetsBase !== 'string')
    throw new Error('createOnnxWebRunner: options.assetsBase must be the URL of the model assets folder, e.g. "/models"');
  const base = options.assetsBase.replace(/\/+$/, '');

  return {
    target,
    async unsupported(task) {
      return onnxTaskProblem(task) ?? (await hostProblem(target));
    },
    async prepare(task, prepareOptions = {}) {
      const log = prepareOptions.log ?? (() => {});
      const problem = await hostProblem(target);
      if (problem) throw new Error(`${target}: ${problem}`);
      const signal = prepareOptions.signal;
      const ort = await loadOrt(target);
      signal?.throwIfAborted();
      let mnist: MnistSource | undefined;
      let zoo: Record<string, unknown> | undefined;
      let plan: OnnxPlan;
      if (task.kind === 'evaluation') {
        const why = onnxTaskProblem(task);
        if (why) throw new Error(`${target}: ${why}`);
        const source = await zooSource(base, task, log);
        const companions: Record<string, ZooModelSource> = {};
        const others = companionModels(task);
        if (others.length) log(`zoo: fetching ${others.join(', ')} from ${base}/zoo/ (the task's irt or memorisation runs them too)`);
        for (const id of others) companions[id] = await zooCompanion(base, id, task);
        signal?.throwIfAborted();
        plan = planEvaluation(task, source, companions);
        zoo = { model: source.card.id, sha256: source.card.sha256, from: `${base}/zoo/` };
      } else {
        const inference = assertOnnxTask(task, target);
        mnist = inference.model === 'mnist-mlp' ? await mnistSource(base, log) : undefined;
        signal?.throwIfAborted();
        plan = planOnnxModel(inference, mnist);
      }
      const ep = target === 'browser-onnx-webgpu' ? 'webgpu' : 'wasm';
      await startRuntime(ort, target, 'run');
      signal?.throwIfAborted();
      let session: Ort.InferenceSession;
      try {
        session = await ort.InferenceSession.create(plan.bytes, { executionProviders: [ep], graphOptimizationLevel: 'all' });
      } catch (e) {
        throw new Error(
          `${target}: ONNX Runtime could not create a session for ${plan.name} on the ${ep} execution provider: ${(e as Error).message}`,
        );
      }
      if (target !== 'browser-onnx-webgpu') {
        // ORT falls back to 1 thread (with a console warning) where it cannot start workers: say so instead.
        wasmThreads = ort.env.wasm.numThreads ?? 1;
        if (target === 'browser-wasm-threads' && wasmThreads < 2) {
          await session.release();
          throw new Error(
            `${target}: onnxruntime-web started with ${wasmThreads} thread although ${threadsWanted()} were asked for; this browser cannot run wasm threads here`,
          );
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
      // Companions (IRT respondents, a memorisation twin) answer items and are not timed: 'basic' keeps the graph's
      // own arithmetic (no fusing of an int8 model's DequantizeLinear + MatMul into integer kernels).
      const openCompanion = async (bytes: Uint8Array): Promise<OnnxSession<Ort.Tensor>> => {
        let companion: Ort.InferenceSession;
        try {
          companion = await ort.InferenceSession.create(bytes, { executionProviders: [ep], graphOptimizationLevel: 'basic' });
        } catch (e) {
          throw new Error(`${target}: ONNX Runtime could not create a session for a companion zoo model on ${ep}: ${(e as Error).message}`);
        }
        return {
          feed: (input, dims) => new ort.Tensor('float32', input, dims),
          async run(feed) {
            const out = (await companion.run({ [companion.inputNames[0]!]: feed }))[companion.outputNames[0]!];
            const data = !out ? undefined : out.location === 'cpu' || out.location === 'cpu-pinned' ? out.data : await out.getData(true);
            if (!(data instanceof Float32Array)) throw new Error(`${target}: a companion zoo model gave no float32 output`);
            return data;
          },
          release: () => companion.release(),
        };
      };
      return onnxPreparedTask(
        plan,
        wrapped,
        async () => ({
          backend: ORT_BUILDS[buildOf(target)].entry,
          onnxruntimeVersion: ort.env.versions.web ?? ort.env.versions.common,
          executionProvider: ep,
          threads: ort.env.wasm.numThreads ?? 1,
          crossOriginIsolated: globalThis.crossOriginIsolated === true,
          wasmFile: ORT_BUILDS[buildOf(target)].wasmFile,
          runtimeStart: describeStart(runtimeStarts.get(buildOf(target))),
          outputLocation: 'cpu (each run waits for the output to be read back)',
          ...(plan.companions && Object.keys(plan.companions).length ? { companionGraphOptimizationLevel: 'basic' } : {}),
          ...(ep === 'webgpu' ? { adapter: await adapterSummary() } : {}),
          ...(mnist ? { mnist: mnist.provenance } : {}),
          ...(zoo ? { zoo } : {}),
        }),
        openCompanion,
      );
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
    if (threadsWanted() < 2)
      return 'this device reports a single logical core (navigator.hardwareConcurrency), so there are no threads to add; use browser-wasm.';
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
    if (!('Suspending' in WebAssembly)) {
      return "onnxruntime-web's WebGPU build that the workbook ships needs WebAssembly JSPI (WebAssembly.Suspending; Chrome and Edge 137 or later), which this browser lacks; the build that works without it is over static hosts' 25 MiB file limit. The wasm targets still work.";
    }
    let adapter: GPUAdapter | null = null;
    try {
      adapter = await navigator.gpu.requestAdapter();
    } catch (e) {
      return `asking for a WebGPU adapter failed: ${(e as Error).message}`;
    }
    if (!adapter)
      return 'the browser has WebGPU but gave no adapter (GPU blocklisted or WebGPU switched off; headless Chromium needs --enable-unsafe-webgpu); the wasm targets still work.';
  }
  return null;
}

function threadsWanted(): number {
  return Math.min(Math.max(1, navigator.hardwareConcurrency || 1), MAX_THREADS);
}

const buildOf = (target: OnnxWebTarget): BuildKind => (targetInfo(target)?.webgpu ? 'webgpu' : 'wasm');

/** Loads the target's onnxruntime-web build once per page (or worker) and sets its threads. */
function loadOrt(target: OnnxWebTarget): Promise<OrtModule> {
  const configure = (ort: OrtModule, threads: number): OrtModule => {
    ort.env.wasm.numThreads = threads;
    if (target !== 'browser-onnx-webgpu') wasmThreads = threads;
    ort.env.wasm.proxy = false; // run on this thread, so the page's clock times the work itself
    return ort;
  };
  // Literal specifiers, so the bundler splits each build into its own chunk and emits only its wasm.
  if (target === 'browser-onnx-webgpu') {
    webgpuBuild ??= import('onnxruntime-web/jspi').then((m) => configure(m as OrtModule, 1));
    return webgpuBuild.catch((e: unknown) => {
      webgpuBuild = undefined;
      throw new Error(`${target}: ${ORT_BUILDS.webgpu.entry} could not be loaded: ${(e as Error).message}`);
    });
  }
  // The first wasm cell decides the thread count of the page's only wasm thread pool.
  wasmBuild ??= import('onnxruntime-web/wasm').then((m) =>
    configure(m as OrtModule, targetInfo(target)?.wasmThreads === 'threads' ? threadsWanted() : 1),
  );
  return wasmBuild.catch((e: unknown) => {
    wasmBuild = undefined;
    throw new Error(`${target}: ${ORT_BUILDS.wasm.entry} could not be loaded: ${(e as Error).message}`);
  });
}

const starting = new Map<BuildKind, Promise<void>>();

/**
 * Starts the build's runtime once: ORT instantiates its wasm (and, for webgpu, takes its GPU device) on
 * its first session, so a 1x1 MatMul session is made and released. This is page setup, shared by every
 * later session; each spec's own session and first run are still the cold call its record reports.
 */
function startRuntime(ort: OrtModule, target: OnnxWebTarget, by: RuntimeStart['by'], began = performance.now()): Promise<void> {
  const kind = buildOf(target);
  let started = starting.get(kind);
  if (!started) {
    const ep = kind === 'webgpu' ? 'webgpu' : 'wasm';
    started = ort.InferenceSession.create(buildMatMul(1, Float32Array.of(1)), { executionProviders: [ep] }).then(
      async (session) => {
        await session.release();
        runtimeStarts.set(kind, { by, ms: performance.now() - began });
      },
      (e: unknown) => {
        starting.delete(kind);
        throw new Error(`${target}: onnxruntime-web could not start its ${ep} runtime: ${(e as Error).message}`);
      },
    );
    starting.set(kind, started);
  }
  return started;
}

/**
 * Loads and starts the build a target needs before any run asks (a cell came into view), so the
 * click pays only for the spec's own session. `model` 'mnist-mlp' also fetches the shipped model. Resolves with why it did not start (the run will say
 * the same), or null once started; never throws.
 */
export async function prestartOnnxWeb(target: OnnxWebTarget, options: { assetsBase: string; model?: string }): Promise<string | null> {
  const began = performance.now();
  try {
    const problem = await hostProblem(target);
    if (problem) return problem;
    const base = options.assetsBase.replace(/\/+$/, '');
    // The shipped model and digits are fetched and checked as a run would (and kept for it).
    const assets = options.model === 'mnist-mlp' ? mnistSource(base, () => {}) : undefined;
    await startRuntime(await loadOrt(target), target, 'prestart', began);
    await assets;
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

function describeStart(start: RuntimeStart | undefined): string {
  if (!start) return 'unknown';
  const ms = `${start.ms.toFixed(0)} ms`;
  return start.by === 'prestart'
    ? `before this run, when the cell came into view (${ms}; not in this run's setup time)`
    : `by this run (${ms}, part of its setup time)`;
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

/**
 * A zoo model for an evaluation in the page: its card, its ONNX file (checked against the card's SHA-256)
 * and the split, from the built assets: test = mnist-test.bin, fresh = zoo/mnist-fresh.bin, each checked
 * against the checksum the card gives for that split. The training split and the iris data are not
 * shipped to the page (node-onnx evaluates them).
 */
async function zooSource(base: string, task: EvaluationTask, log: (line: string) => void): Promise<ZooModelSource> {
  const entry = zooEntry(task.model);
  if (entry.kind === 'iris-mlp')
    throw new Error(`${task.model}: the iris data is not shipped to the page; evaluate it with node-onnx (workbook run)`);
  if (task.split === 'train')
    throw new Error(`${task.model}: the training digits are not shipped to the page; evaluate split test or fresh here, or train with node-onnx`);
  log(`zoo: fetching ${task.model} and its ${task.split} digits from ${base}/`);
  const { card, bytes, parameters } = await zooModel(base, task.model);
  // memorisation draws its rotating sets from the fresh split as well.
  const names = [...new Set<EvaluationTask['split']>([task.split, ...(task.memorisation ? (['fresh'] as const) : [])])];
  const splits = new Map<string, Digits>();
  for (const name of names) splits.set(name, await zooSplit(base, card, name));
  return {
    card,
    bytes,
    parameters,
    split: (name) => {
      const digits = splits.get(name);
      if (!digits) throw new Error(`${task.model}: only the ${names.join(' and ')} split${names.length > 1 ? 's were' : ' was'} fetched`);
      return digits;
    },
  };
}

/** A zoo model's card, its ONNX file (checked against the card's SHA-256) and the float parameters of its JS reference. */
async function zooModel(base: string, id: string): Promise<Omit<ZooModelSource, 'split'>> {
  const entry = zooEntry(id);
  const cardOf = async (which: string) => {
    const url = `${base}/zoo/${which}.card.json`;
    const card = parseModelCard(new TextDecoder().decode(await fetchBytes(url)), url);
    const bytes = await fetchBytes(`${base}/zoo/${card.file}`);
    const actual = sha256Hex(bytes);
    if (actual !== card.sha256)
      throw new Error(`${base}/zoo/${card.file}: SHA-256 ${actual} differs from its card's ${card.sha256}; rebuild the assets`);
    return { card, bytes };
  };
  const { card, bytes } = await cardOf(id);
  const parameters = entry.kind === 'mnist-int8' ? quantizeInt8(readMlp((await cardOf(entry.from)).bytes)).dequantized : readMlp(bytes);
  return { card, bytes, parameters };
}

/** A digit split the page ships (test = mnist-test.bin, fresh = zoo/mnist-fresh.bin), checked against the checksum the card gives it. */
async function zooSplit(base: string, card: ModelCard, name: EvaluationTask['split']): Promise<Digits> {
  if (name === 'train') throw new Error(`${card.id}: the training digits are not shipped to the page`);
  const file = name === 'test' ? `${base}/${MNIST_TEST_FILE}` : `${base}/zoo/mnist-fresh.bin`;
  const splitBytes = await fetchBytes(file);
  const want = card.data.splits[name]?.sha256;
  const got = sha256Hex(splitBytes);
  if (got !== want) throw new Error(`${file}: SHA-256 ${got} is not the ${name} split the model card names (${want}); rebuild the assets`);
  return decodeDigits(splitBytes, file);
}

/** Another zoo model an evaluation runs (an IRT respondent, a memorisation twin): it answers the task's items, so it has no split of its own. */
async function zooCompanion(base: string, id: string, task: EvaluationTask): Promise<ZooModelSource> {
  if (zooEntry(id).kind === 'iris-mlp') throw new Error(`${id}: the iris data is not shipped to the page; run this spec with node-onnx`);
  return {
    ...(await zooModel(base, id)),
    split: () => {
      throw new Error(`${id}: answers the items of ${task.model}'s ${task.split} split; it has none of its own here`);
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
  if (!response.ok)
    throw new Error(`${url}: the server answered ${response.status} ${response.statusText}; were the model assets built (writeModelAssets)?`);
  return new Uint8Array(await response.arrayBuffer());
}

async function adapterSummary(): Promise<Record<string, unknown>> {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) return { available: false };
  // The one rule for "a CPU fallback" (runtime/gpu/fallback.ts): the flag, or a software renderer's name.
  return {
    ...adapterIdentity(adapter),
    note: 'the adapter this page is given by requestAdapter(); onnxruntime-web asks for its own the same way',
  };
}
