import * as ort from 'onnxruntime-node';
import type { QuerySampleLibrary, Responder, SystemUnderTest, Query } from '../load/types.ts';
import { shuffler } from 'd3-array';
import { seededRandom } from '../data/random.ts';
import { subSeed } from '../models/mlp.ts';
import { MNIST_CLASSES, MNIST_PIXELS, argmaxRows, digitsToInput, selectDigits } from '../models/mnist.ts';
import type { InferenceTask, Target, Task } from '../spec/task.ts';
import { trainedMnist } from './mnist-data.ts';

/**
 * The digit classifier as a system under test on onnxruntime-node, with real per-sample data (LoadGen's
 * QSL + SUT pair for one model): the library's samples are the held-out MNIST digits; loading one turns it into
 * model input (untimed, as LoadSamplesToRam); a query runs the samples it names as one batch and answers with
 * each digit's predicted class, so an accuracy run logs one response per sample and its accuracy is computed
 * from that log. session.run works on ONNX Runtime's own threads and returns a promise: issue is asynchronous.
 * A query naming a sample that is not loaded fails, naming it (a performance run may only touch its loaded set).
 */
export interface NodeMnistLoad {
  sut: SystemUnderTest;
  qsl: QuerySampleLibrary;
  /** The true digit of each sample, for scoring an accuracy log. */
  labels: Uint8Array;
  /** The share of logged responses equal to their sample's label. */
  accuracyOf(log: readonly { sample: number; response: unknown }[]): number;
  close(): Promise<void>;
}

export async function nodeMnistLoad(
  options: { performanceSampleCount?: number; intraOpThreads?: number; maxInFlight?: number; task?: InferenceTask } = {},
): Promise<NodeMnistLoad> {
  const trained = trainedMnist();
  // The spec's digits (datasets[].shipped.count, drawn by its seed), picked as the node-onnx runner picks them
  // (runtime/runners/onnx.ts planOnnxModel), so the accuracy run scores the same split; all held-out digits without a task.
  const count = options.task?.testDigits;
  const order = () => shuffler(seededRandom(subSeed(options.task!.seed, 'digits')))(Array.from({ length: trained.test.count }, (_, i) => i));
  const test = count === undefined ? trained.test : selectDigits(trained.test, order().slice(0, count));
  const session = await ort.InferenceSession.create(trained.bytes, {
    executionProviders: ['cpu'],
    // One thread: a 784-64-10 MLP gains nothing from more, and ORT's spinning pool threads would compete with the
    // generator for the cores it needs to issue on time.
    intraOpNumThreads: options.intraOpThreads ?? 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });
  const inputName = session.inputNames[0]!;
  const outputName = session.outputNames[0]!;
  const loaded = new Map<number, Float32Array>();
  const maxInFlight = options.maxInFlight ?? 1;
  const queue: { query: Query; respond: Responder }[] = [];
  let running = 0;

  const runQuery = async ({ query, respond }: { query: Query; respond: Responder }) => {
    const batch = new Float32Array(query.samples.length * MNIST_PIXELS);
    for (const [i, sample] of query.samples.entries()) {
      const input = loaded.get(sample);
      if (!input) throw new Error(`sample ${sample} is not loaded (the query sample library holds ${loaded.size})`);
      batch.set(input, i * MNIST_PIXELS);
    }
    const out = await session.run({ [inputName]: new ort.Tensor('float32', batch, [query.samples.length, MNIST_PIXELS]) });
    respond.complete([...argmaxRows(out[outputName]!.data as Float32Array, MNIST_CLASSES)]);
  };
  const pump = () => {
    while (running < maxInFlight && queue.length > 0) {
      const job = queue.shift()!;
      running++;
      runQuery(job)
        .catch((e: unknown) => job.respond.fail(e))
        .finally(() => {
          running--;
          pump();
        });
    }
  };

  return {
    sut: {
      name: `onnxruntime-node ${ort.env.versions.common} (mnist-mlp, cpu, ${options.intraOpThreads ?? 1} intra-op thread(s), ${maxInFlight} in flight)`,
      asyncIssue: true,
      issueQuery(query, respond) {
        queue.push({ query, respond });
        pump();
      },
    },
    qsl: {
      name: `MNIST held-out digits (${test.count})`,
      totalSampleCount: test.count,
      performanceSampleCount: Math.min(test.count, options.performanceSampleCount ?? test.count),
      load(samples) {
        for (const s of samples) loaded.set(s, digitsToInput(test, s, 1));
      },
      unload(samples) {
        for (const s of samples) loaded.delete(s);
      },
    },
    labels: test.labels,
    accuracyOf(log) {
      if (log.length === 0) return Number.NaN;
      return log.filter((e) => e.response === test.labels[e.sample]).length / log.length;
    },
    close: () => session.release(),
  };
}

/**
 * The CLI's load systems (RunSpecInput.loadSystem): the MNIST classifier with per-sample digits on
 * onnxruntime-node's CPU provider; other tasks, targets and providers use the SUT around the runner's workload.
 */
export async function nodeLoadSystem(
  task: Task,
  target: Target,
  performanceSampleCount?: number,
  env: Record<string, string | undefined> = process.env,
) {
  const ep = env.WORKBOOK_ONNX_EP || 'cpu';
  if (target !== 'node-onnx' || ep !== 'cpu' || task.kind !== 'inference' || task.model !== 'mnist-mlp') return undefined;
  return nodeMnistLoad({ task, ...(performanceSampleCount !== undefined ? { performanceSampleCount } : {}) });
}
