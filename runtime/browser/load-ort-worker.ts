import { shuffler } from 'd3-array';
import { seededRandom } from '../data/random.ts';
import { DEFAULT_PERFORMANCE_SAMPLES } from '../load/settings.ts';
import type { LoadSystem, Query, Responder } from '../load/types.ts';
import { MANIFEST_FILE, MNIST_MODEL_FILE, MNIST_TEST_FILE, checkAsset, decodeDigits, parseManifest } from '../models/assets.ts';
import { subSeed } from '../models/mlp.ts';
import { MNIST_CLASSES, MNIST_PIXELS, digitsToInput, selectDigits, type Digits } from '../models/mnist.ts';
import { planOnnxModel } from '../runners/onnx.ts';
import type { Task } from '../spec/task.ts';
import { targetInfo, type Target } from '../targets/index.ts';
import type { FromSut, SutPort, SutStart } from './load-ort-protocol.ts';

/**
 * onnxruntime-web as a system under test in its own worker, for the page's WASM targets (issue 10). Their
 * session.run computes on the thread that calls it; in the cell's worker that is the thread the load generator
 * issues from, so the server scenario's arrivals would wait for each query (an open loop turned closed). Here the
 * generator stays in the cell's worker and only posts; a dedicated worker owns the session and answers queries
 * one at a time (runtime/browser/load-ort-serve.ts). Completion is when the answer reaches the generator.
 */

/** The SUT worker as the generator's side sees it (a Worker; a MessagePort plus hooks in tests). */
export interface SutWorker extends SutPort {
  onerror: ((event: { message?: string }) => void) | null;
  onmessageerror?: ((event: unknown) => void) | null;
  terminate(): void;
}

export interface OrtWorkerSystemOptions {
  /** The SUT's name in the record. */
  name: string;
  start: SutStart;
  qslName: string;
  totalSampleCount: number;
  performanceSampleCount: number;
  /** Each sample's model input, in sample order (absent: a fixed-input task, nothing to load). */
  inputsOf?: (samples: readonly number[]) => Float32Array;
  /** The true class of each sample, for scoring an accuracy log (absent: no accuracy from this SUT). */
  labels?: Uint8Array;
}

/**
 * Starts the SUT worker with the model (resolves once its session is open and warmed up, rejects with the
 * worker's own reason when it cannot start) and returns the LoadSystem the engine drives. A query the worker
 * fails, and every query in flight when the worker dies, fails naming its id and samples; queries issued after
 * a death fail at once. A worker that hangs is left to the engine's deadline, which names what never completed.
 */
export function ortWorkerSystem(worker: SutWorker, options: OrtWorkerSystemOptions): Promise<LoadSystem> {
  const pending = new Map<number, { query: Query; respond: Responder }>();
  let nextKey = 0;
  let dead: string | undefined;
  let started: { resolve: (v: string) => void; reject: (e: Error) => void } | undefined;
  const describeQuery = (q: Query) => `query ${q.id} (sample${q.samples.length > 1 ? 's' : ''} ${q.samples.join(', ')})`;

  const die = (why: string) => {
    if (dead !== undefined) return;
    dead = why;
    started?.reject(new Error(`the SUT worker did not start: ${why}`));
    for (const [key, { query, respond }] of pending) {
      pending.delete(key);
      respond.fail(new Error(`the SUT worker stopped (${why}) with ${describeQuery(query)} in flight`));
    }
    worker.terminate();
  };
  worker.onerror = (event) =>
    die(event?.message ? `an error in the worker: ${event.message}` : 'an error in the worker (its script failed to load or threw)');
  worker.onmessageerror = () => die('a message from the worker could not be read');
  worker.onmessage = (event: MessageEvent) => {
    const m = event.data as FromSut;
    if (m.type === 'started') return started?.resolve(`${m.backend} ${m.version}, ${m.threads} thread${m.threads > 1 ? 's' : ''}`);
    if (m.type === 'fatal') return die(m.message);
    const job = pending.get(m.key);
    if (!job) return;
    pending.delete(m.key);
    if (m.type === 'done') job.respond.complete(m.responses ?? undefined);
    else job.respond.fail(new Error(`${describeQuery(job.query)} failed in the SUT worker: ${m.message}`));
  };

  const ready = new Promise<string>((resolve, reject) => (started = { resolve, reject }));
  worker.postMessage(options.start);
  return ready.then((runtime) => {
    started = undefined;
    const labels = options.labels;
    return {
      ...(options.inputsOf ? {} : { fixedInput: true }),
      sut: {
        name: `${options.name} in its own worker (${runtime}, one query at a time)`,
        asyncIssue: true,
        issueQuery(query, respond) {
          if (dead !== undefined) return respond.fail(new Error(`the SUT worker stopped (${dead}) before ${describeQuery(query)}`));
          const key = nextKey++;
          pending.set(key, { query, respond });
          worker.postMessage({ type: 'query', key, samples: [...query.samples] });
        },
      },
      qsl: {
        name: options.qslName,
        totalSampleCount: options.totalSampleCount,
        performanceSampleCount: Math.min(options.totalSampleCount, options.performanceSampleCount),
        load(samples) {
          if (!options.inputsOf) return;
          const inputs = options.inputsOf(samples);
          worker.postMessage({ type: 'load', samples: [...samples], inputs }, [inputs.buffer]);
        },
        unload(samples) {
          if (options.inputsOf) worker.postMessage({ type: 'unload', samples: [...samples] });
        },
      },
      ...(labels
        ? {
            accuracyOf(log: readonly { sample: number; response: unknown }[]) {
              if (log.length === 0) return Number.NaN;
              return log.filter((e) => e.response === labels[e.sample]).length / log.length;
            },
          }
        : {}),
      async close() {
        die('closed at the end of the run');
      },
    };
  });
}

/** Largest wasm thread count, as the page's runner asks (runtime/browser/onnx-web.ts). */
const MAX_THREADS = 4;

/**
 * The page's load systems (RunSpecInput.loadSystem): inference tasks on the targets the table marks as served
 * by a SUT in its own worker (asyncIssue 'own-worker': the WASM ones). mnist-mlp gets each held-out digit as
 * its own sample, the spec's digits drawn as the runners draw them, and argmax responses (accuracy mode scores
 * them); generated models run their fixed input per sample, as the runner's workload does. Other tasks and
 * targets: undefined (the engine's SUT around the runner).
 */
export async function browserLoadSystem(
  task: Task,
  target: Target,
  options: { assetsBase: string; performanceSampleCount?: number },
): Promise<LoadSystem | undefined> {
  const info = targetInfo(target);
  if (info?.asyncIssue !== 'own-worker' || task.kind !== 'inference') return undefined;
  let threads = 1;
  if (info.wasmThreads === 'threads') {
    if (globalThis.crossOriginIsolated !== true)
      throw new Error(`${target}: wasm threads need a cross-origin isolated page; this one is not (use browser-wasm)`);
    threads = Math.min(Math.max(1, navigator.hardwareConcurrency || 1), MAX_THREADS);
  }
  const base = options.assetsBase.replace(/\/+$/, '');
  let system: Omit<OrtWorkerSystemOptions, 'start'> & { start: Omit<SutStart, 'threads'> };
  if (task.model === 'mnist-mlp') {
    const { model, test } = await mnistAssets(base);
    const count = task.testDigits;
    const order = shuffler(seededRandom(subSeed(task.seed, 'digits')))(Array.from({ length: test.count }, (_, i) => i));
    const digits = count === undefined ? test : selectDigits(test, order.slice(0, count));
    system = {
      name: `onnxruntime-web (mnist-mlp, wasm)`,
      start: { type: 'start', model, sampleWidth: MNIST_PIXELS, outputWidth: MNIST_CLASSES, classify: true, warmupRuns: 10 },
      qslName: `MNIST held-out digits (${digits.count})`,
      totalSampleCount: digits.count,
      performanceSampleCount: options.performanceSampleCount ?? digits.count,
      inputsOf: (samples) => inputsOf(digits, samples),
      labels: digits.labels,
    };
  } else {
    const plan = planOnnxModel(task);
    const batch = plan.inputDims[0]!;
    system = {
      name: `onnxruntime-web (${plan.name}, wasm, the task's fixed input for every sample)`,
      start: {
        type: 'start',
        model: plan.bytes,
        sampleWidth: plan.input.length / batch,
        outputWidth: plan.outputWidth,
        classify: false,
        fixed: { input: plan.input, dims: plan.inputDims, batch },
        warmupRuns: 10,
      },
      qslName: `${plan.name} inputs`,
      totalSampleCount: DEFAULT_PERFORMANCE_SAMPLES,
      performanceSampleCount: options.performanceSampleCount ?? DEFAULT_PERFORMANCE_SAMPLES,
    };
  }
  if (typeof Worker === 'undefined') return undefined; // a host with no workers: the engine's SUT (which refuses server)
  const worker = new Worker(new URL('./load-ort-worker-entry.ts', import.meta.url), { type: 'module', name: 'load-sut' });
  return ortWorkerSystem(worker as unknown as SutWorker, { ...system, start: { ...system.start, threads } });
}

function inputsOf(digits: Digits, samples: readonly number[]): Float32Array {
  const out = new Float32Array(samples.length * MNIST_PIXELS);
  samples.forEach((s, i) => out.set(digitsToInput(digits, s, 1), i * MNIST_PIXELS));
  return out;
}

/** The shipped model and held-out digits (public/models/), checked against the manifest as the runner checks them. */
async function mnistAssets(base: string): Promise<{ model: Uint8Array; test: Digits }> {
  const get = async (url: string) => {
    const response = await fetch(url).catch((e: unknown) => {
      throw new Error(`${url}: could not be fetched (${(e as Error).message})`);
    });
    if (!response.ok) throw new Error(`${url}: the server answered ${response.status} ${response.statusText}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const manifestUrl = `${base}/${MANIFEST_FILE}`;
  const manifest = parseManifest(new TextDecoder().decode(await get(manifestUrl)), manifestUrl);
  const [model, testBytes] = await Promise.all([get(`${base}/${MNIST_MODEL_FILE}`), get(`${base}/${MNIST_TEST_FILE}`)]);
  checkAsset(manifest, MNIST_MODEL_FILE, model, `${base}/${MNIST_MODEL_FILE}`);
  checkAsset(manifest, MNIST_TEST_FILE, testBytes, `${base}/${MNIST_TEST_FILE}`);
  return { model, test: decodeDigits(testBytes, `${base}/${MNIST_TEST_FILE}`) };
}
