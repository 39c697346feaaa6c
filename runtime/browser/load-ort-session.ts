import type * as Ort from 'onnxruntime-web';
import type { SutStart } from './load-ort-protocol.ts';
import type { SutSession } from './load-ort-serve.ts';

/**
 * The SUT worker's session: onnxruntime-web's WASM build, with the execution provider and graph optimisation
 * the page's browser-wasm targets use (runtime/browser/onnx-web.ts), and the threads the target asks for.
 */
export async function openOrtWasm(start: SutStart): Promise<SutSession> {
  // A literal specifier, so the bundler emits this build's one wasm file beside it, as for the page's runner.
  const ort = (await import('onnxruntime-web/wasm')) as unknown as typeof Ort;
  ort.env.wasm.numThreads = start.threads;
  ort.env.wasm.proxy = false; // run on this worker's thread: the point of the worker
  let session: Ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(start.model, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  } catch (e) {
    throw new Error(`onnxruntime-web could not open the model in the SUT worker: ${(e as Error).message}`);
  }
  const threads = ort.env.wasm.numThreads ?? 1;
  if (threads < start.threads)
    throw new Error(`onnxruntime-web started the SUT worker with ${threads} thread(s) although ${start.threads} were asked for`);
  const input = session.inputNames[0]!;
  const output = session.outputNames[0]!;
  return {
    version: ort.env.versions.web ?? ort.env.versions.common,
    threads,
    backend: 'onnxruntime-web/wasm',
    async run(data, dims) {
      const out = (await session.run({ [input]: new ort.Tensor('float32', data, dims) }))[output];
      if (!out || !(out.data instanceof Float32Array)) throw new Error('the model gave no float32 output');
      return out.data;
    },
  };
}
