/**
 * The messages between the load generator (in the cell's worker) and the system under test in its own worker
 * (runtime/browser/load-ort-worker.ts, load-ort-serve.ts). The SUT worker owns an onnxruntime-web session and
 * answers queries one at a time, in arrival order (a single server); the generator's thread only posts.
 */

/** How the SUT worker opens its model. */
export interface SutStart {
  type: 'start';
  /** The ONNX model, the same bytes the page's runner uses. */
  model: Uint8Array;
  /** onnxruntime-web's wasm threads (1 for browser-wasm). */
  threads: number;
  /** Values per sample in the model's input (784 for MNIST). */
  sampleWidth: number;
  /** Values per sample in the output (10 logits); responses are each row's argmax when `classify`. */
  outputWidth: number;
  classify: boolean;
  /**
   * A task without per-sample data (generated MLPs, matmul): every sample is this fixed input, a query of k
   * samples runs ceil(k / batch) times on it, as the runner's workload does. Absent: samples come from `load`.
   */
  fixed?: { input: Float32Array; dims: number[]; batch: number };
  /** Untimed runs of one sample before answering `started` (the session's cold run is not the first query's). */
  warmupRuns: number;
}

export type ToSut =
  | SutStart
  /** Each sample's input, `sampleWidth` values in sample order (LoadGen's LoadSamplesToRam, untimed). */
  | { type: 'load'; samples: number[]; inputs: Float32Array }
  | { type: 'unload'; samples: number[] }
  | { type: 'query'; key: number; samples: number[] };

export type FromSut =
  | { type: 'started'; version: string; threads: number; backend: string }
  /** A query done: one response per sample (the argmax class), and the session's own time on it. */
  | { type: 'done'; key: number; responses: number[] | null; computeMs: number }
  | { type: 'failed'; key: number; message: string }
  /** The worker cannot serve at all (ORT did not start, the model did not open). */
  | { type: 'fatal'; message: string };

/** A port either end talks through: a Worker, the worker's own scope, or a MessagePort in tests. */
export interface SutPort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}
