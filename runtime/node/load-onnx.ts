import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';
import type { QuerySampleLibrary, Responder, SystemUnderTest, Query } from '../load/types.ts';
import { MNIST_CLASSES, MNIST_PIXELS, argmaxRows, digitsToInput } from '../models/mnist.ts';
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
  options: { performanceSampleCount?: number; intraOpThreads?: number; maxInFlight?: number } = {},
): Promise<NodeMnistLoad> {
  const trained = trainedMnist();
  const test = trained.test;
  const session = await ort.InferenceSession.create(trained.bytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: options.intraOpThreads ?? availableParallelism(),
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
      name: `onnxruntime-node ${ort.env.versions.common} (mnist-mlp, cpu, ${maxInFlight} in flight)`,
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
