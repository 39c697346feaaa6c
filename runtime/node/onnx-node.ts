import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';
import { sha256Hex } from '../models/assets.ts';
import { trainedMnist } from './mnist-data.ts';
import { readMnistAssets } from './model-assets.ts';
import type { ZooModelSource } from '../eval/task-run.ts';
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
import { loadZooSource } from './zoo-source.ts';
import type { Runner } from '../runners/types.ts';
import { nodeOnnxTarget } from '../targets/node-onnx.ts';

/**
 * ONNX Runtime in Node (onnxruntime-node 1.30), target 'node-onnx', on the CPU execution provider.
 * The binding lists cpu and webgpu (bundled) and cuda and tensorrt (not bundled): CUDA needs its
 * add-on, which this project does not install (`ONNXRUNTIME_NODE_INSTALL_CUDA=skip`). A user with
 * an NVIDIA GPU opts in by installing it (`npm rebuild onnxruntime-node` with
 * `ONNXRUNTIME_NODE_INSTALL=cuda12`, CUDA 12 and cuDNN 9 present) and passing
 * `createNodeOnnxRunner({ executionProvider: 'cuda' })`.
 */

export interface NodeOnnxOptions {
  /** Execution provider: 'cpu' (default); 'cuda' or 'webgpu' where the binding has them. */
  executionProvider?: string;
  /** ORT intra-op threads; default: os.availableParallelism(), set explicitly so the record says it. */
  intraOpThreads?: number;
  /**
   * Folder written by writeModelAssets (e.g. 'public/models'): mnist-mlp comes from there, checked
   * against its manifest. Without it, the classifier is trained in this process (deterministic, a few seconds).
   */
  assetsDir?: string;
}

/** The node-onnx runner with its defaults (CPU EP, all cores, MNIST trained in process). */
export const nodeOnnxRunner: Runner = createNodeOnnxRunner();

/** A node-onnx runner with other options (EP, threads, where mnist-mlp comes from). */
export function createNodeOnnxRunner(options: NodeOnnxOptions = {}): Runner {
  const ep = options.executionProvider ?? 'cpu';
  const threads = options.intraOpThreads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`createNodeOnnxRunner: intraOpThreads must be a whole number >= 1, got ${threads}`);
  let mnist: Promise<MnistSource> | undefined;
  const getMnist = (log: (line: string) => void) => {
    mnist ??= loadMnist(options.assetsDir, log).catch((e: unknown) => {
      mnist = undefined;
      throw e;
    });
    return mnist;
  };

  return {
    target: nodeOnnxTarget.id,
    async unsupported(task) {
      const problem = onnxTaskProblem(task);
      if (problem) return problem;
      const backends = ort.listSupportedBackends();
      const backend = backends.find((b) => b.name === ep);
      if (!backend) return `onnxruntime-node has no '${ep}' execution provider; it offers ${backends.map((b) => b.name).join(', ')}.`;
      return null;
    },
    async prepare(task, prepareOptions = {}) {
      const log = prepareOptions.log ?? (() => {});
      prepareOptions.signal?.throwIfAborted();
      let plan: OnnxPlan;
      let source: MnistSource | undefined;
      let zoo: Record<string, unknown> | undefined;
      // At 'extended' or 'all', ONNX Runtime fuses an int8 model's DequantizeLinear + MatMul into integer kernels
      // that also quantise the activations (logits off by up to 0.12 from the graph's own arithmetic, so the
      // output check fails): an int8 model is timed at 'basic', as the page's runtime computes it, and the
      // record says so. The speed of ORT's integer kernels is another experiment, not this model's.
      let level: 'all' | 'basic' = 'all';
      if (task.kind === 'evaluation') {
        const problem = onnxTaskProblem(task);
        if (problem) throw new Error(`node-onnx: ${problem}`);
        const model = await loadZooSource(task.model, options.assetsDir, log);
        const companions: Record<string, ZooModelSource> = {};
        for (const id of companionModels(task)) companions[id] = await loadZooSource(id, options.assetsDir, log);
        plan = planEvaluation(task, model, companions);
        if (model.card.architecture.weights === 'int8') level = 'basic';
        zoo = { model: model.card.id, sha256: model.card.sha256, cacheKey: model.card.cacheKey, from: options.assetsDir ?? 'built in this process' };
      } else {
        const inference = assertOnnxTask(task, 'node-onnx');
        source = inference.model === 'mnist-mlp' ? await getMnist(log) : undefined;
        prepareOptions.signal?.throwIfAborted();
        plan = planOnnxModel(inference, source);
      }
      const sessionOptions: ort.InferenceSession.SessionOptions = {
        executionProviders: [ep],
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: level,
      };
      const open = async (bytes: Uint8Array, name: string, options = sessionOptions): Promise<OnnxSession<ort.Tensor>> => {
        let session: ort.InferenceSession;
        try {
          session = await ort.InferenceSession.create(bytes, options);
        } catch (e) {
          throw new Error(`node-onnx: ONNX Runtime could not create a session for ${name} on the ${ep} execution provider: ${(e as Error).message}`);
        }
        return {
          feed: (input, dims) => new ort.Tensor('float32', input, dims),
          async run(feed) {
            const outputs = await session.run({ [session.inputNames[0]!]: feed });
            const out = outputs[session.outputNames[0]!];
            if (!out || !(out.data instanceof Float32Array)) throw new Error(`node-onnx: ${name} gave no float32 output`);
            return out.data;
          },
          release: () => session.release(),
        };
      };
      const wrapped = await open(plan.bytes, plan.name);
      log(`node-onnx: session for ${plan.name} (${plan.bytes.length} bytes) on ${ep}, ${threads} intra-op threads`);
      return onnxPreparedTask(
        plan,
        wrapped,
        async () => ({
          backend: 'onnxruntime-node',
          onnxruntimeVersion: ort.env.versions.node ?? ort.env.versions.common,
          executionProvider: ep,
          availableExecutionProviders: ort.listSupportedBackends().map((b) => `${b.name}${b.bundled ? '' : ' (add-on, not bundled)'}`),
          intraOpThreads: threads,
          interOpThreads: 1,
          graphOptimizationLevel: level,
          ...(plan.companions && Object.keys(plan.companions).length ? { companionGraphOptimizationLevel: 'basic' } : {}),
          ...(source ? { mnist: source.provenance } : {}),
          ...(zoo ? { zoo } : {}),
        }),
        // Companions answer items, they are not timed: 'basic' keeps the graph's own arithmetic, where 'extended'
        // fuses an int8 model's DequantizeLinear + MatMul into integer kernels that also quantise the activations.
        (bytes) => open(bytes, 'a companion zoo model', { ...sessionOptions, graphOptimizationLevel: 'basic' }),
      );
    },
  };
}

async function loadMnist(assetsDir: string | undefined, log: (line: string) => void): Promise<MnistSource> {
  if (assetsDir) {
    const { manifest, model, test } = await readMnistAssets(assetsDir);
    return {
      model,
      test,
      provenance: {
        from: assetsDir,
        modelSha256: manifest.files['mnist-mlp.onnx']?.sha256,
        testAccuracyReference: manifest.mnist.testAccuracy,
        training: manifest.mnist.training,
      },
    };
  }
  log('node-onnx: training the MNIST classifier (deterministic, a few seconds; once per process)');
  const t = trainedMnist();
  return {
    model: t.bytes,
    test: t.test,
    provenance: { from: 'trained in this process', modelSha256: sha256Hex(t.bytes), testAccuracyReference: t.testAccuracy, training: t.training },
  };
}
