/// <reference types="@webgpu/types" />
import { compare, kernelInputs, referenceFor } from '../kernels/reference.ts';
import { assertKernelTask, checkIterations, inputLengths, kernelTaskProblem, kernelWork, outputLength } from '../kernels/work.ts';
import {
  DEFAULT_TILE,
  DEFAULT_WORKGROUP_SIZE,
  MATMUL_TILED,
  REDUCE_VALUES_PER_INVOCATION,
  copyWgsl,
  grid1d,
  matmulNaiveWgsl,
  matmulTiledGrid,
  matmulTiledWgsl,
  reducePassLengths,
  reduceSumWgsl,
  vectorAddWgsl,
} from '../kernels/wgsl.ts';
import type { KernelTask, Task } from '../spec/task.ts';
import type { CancelSignal } from '../measure/types.ts';
import type { PreparedTask, Runner } from './types.ts';
import { MAP_MODE_READ, USAGE_COPY_DST, USAGE_COPY_SRC, USAGE_MAP_READ, USAGE_QUERY_RESOLVE, USAGE_STORAGE, USAGE_UNIFORM } from '../kernels/gpu-flags.ts';
import { adapterIdentity, COMPUTE_LIMITS, compileComputePipeline, WgslError } from '../gpu/index.ts';

/**
 * The WebGPU runner, host-agnostic: it sees only the WebGPU API. The browser passes
 * `navigator.gpu`, Node passes dawn.node's GPU object (runtime/browser/webgpu.ts,
 * runtime/node/webgpu.ts).
 */
export type WebGpuTarget = 'browser-webgpu' | 'node-webgpu';
/** What was missing: the WebGPU API itself, or an adapter behind it. */
export type MissingWebGpu = 'gpu' | 'adapter';

export interface WebGpuRunnerOptions {
  /** What the host adds to the environment record (user agent, dawn.node version, Vulkan driver...). */
  environment?: () => Record<string, unknown>;
}


/**
 * How the device's timestamps are used, for the environment record. The runner reports the device
 * time of a whole batch (first dispatch to last), so a coarse timestamp step divides over many
 * iterations; run() is still timed by the wall clock to completion, whatever the timestamps say.
 */
export const TIMESTAMP_NOTE =
  'timestamp-query writes at the start and end of the batch\'s compute pass; deviceMs is the whole batch. ' +
  'Chrome rounds these timestamps to 100 µs unless WebGPU developer features are on (chrome://flags; ' +
  'headless Chromium with --enable-unsafe-webgpu gave unrounded values here), dawn.node gives them unrounded: ' +
  'batches are long, so the rounding is a small share of deviceMs. The readback adds no round trip after ' +
  'completion: mapAsync of the 16-byte result is requested with the submit and resolves with the batch, ' +
  'together with onSubmittedWorkDone, which is what run() waits for.';

/** Why the adapter cannot hold the task's buffers, or null. */
export function limitProblem(task: KernelTask, limits: Pick<GPUSupportedLimits, 'maxStorageBufferBindingSize' | 'maxBufferSize'>): string | null {
  const bytes = Math.max(...inputLengths(task), outputLength(task)) * 4;
  const cap = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  if (bytes <= cap) return null;
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(b < 2 ** 20 ? 3 : 0)} MiB`;
  return `${task.operation} of size ${task.size} needs a ${mib(bytes)} buffer, but this WebGPU adapter allows at most ${mib(cap)} per storage buffer (maxStorageBufferBindingSize / maxBufferSize): choose a smaller size.`;
}

/** One dispatch of an iteration: a pipeline, its bindings and the grid. */
interface Dispatch {
  pipeline: GPUComputePipeline;
  bindGroup: GPUBindGroup;
  grid: [number, number];
}

export function createWebGpuRunner(
  target: WebGpuTarget,
  getGpu: () => Promise<GPU | undefined>,
  describeMissing: (missing: MissingWebGpu) => string,
  options: WebGpuRunnerOptions = {},
): Runner {
  /** The adapter, or why there is none in a learner's words. */
  async function findAdapter(): Promise<GPUAdapter | string> {
    let gpu: GPU | undefined;
    try {
      gpu = await getGpu();
    } catch (e) {
      return `${describeMissing('gpu')} (${errorText(e)})`;
    }
    if (!gpu) return describeMissing('gpu');
    let adapter: GPUAdapter | null;
    try {
      adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    } catch (e) {
      return `Asking for a WebGPU adapter failed: ${errorText(e)}`;
    }
    return adapter ?? describeMissing('adapter');
  }

  return {
    target,
    async unsupported(task: Task) {
      const problem = kernelTaskProblem(task);
      if (problem) return problem;
      const adapter = await findAdapter();
      if (typeof adapter === 'string') return adapter;
      return limitProblem(task as KernelTask, adapter.limits);
    },
    async prepare(task, prepareOptions) {
      const where = `${target} runner`;
      const t = assertKernelTask(task, where);
      const adapter = await findAdapter();
      if (typeof adapter === 'string') throw new Error(`${where}: ${adapter}`);
      const tooBig = limitProblem(t, adapter.limits);
      if (tooBig) throw new Error(`${where}: ${tooBig}`);
      prepareOptions?.signal?.throwIfAborted();
      return prepareOnAdapter(t, adapter, target, prepareOptions ?? {}, options);
    },
  };
}

async function prepareOnAdapter(
  task: KernelTask,
  adapter: GPUAdapter,
  target: WebGpuTarget,
  prepareOptions: { signal?: CancelSignal; log?: (line: string) => void },
  runnerOptions: WebGpuRunnerOptions,
): Promise<PreparedTask> {
  const where = `${target} runner`;
  const log = prepareOptions.log ?? (() => {});
  const timestamps = adapter.features.has('timestamp-query');
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      label: `${task.operation} benchmark`,
      requiredFeatures: timestamps ? ['timestamp-query'] : [],
      // The defaults cap a storage buffer at 128 MiB; large vectors need what the adapter really has.
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    });
  } catch (e) {
    throw new Error(`${where}: the adapter refused a device: ${errorText(e)}`, { cause: e });
  }

  // A lost device or an error outside a scope must fail the next run loudly, never time garbage.
  let broken: string | undefined;
  let disposed = false;
  void device.lost.then((info) => {
    if (disposed || info.reason === 'destroyed') return;
    broken ??= `the WebGPU device was lost (${info.reason}): ${info.message.trim()}. A dispatch that runs too long can trip the system's GPU watchdog; try a smaller size or fewer iterations per sample.`;
    log(`webgpu: ${broken}`);
  });
  device.addEventListener('uncapturederror', (event) => {
    const message = (event as GPUUncapturedErrorEvent).error.message.trim();
    broken ??= `WebGPU reported an error: ${message}`;
    log(`webgpu: ${message}`);
  });
  const throwIfBroken = () => {
    if (disposed) throw new Error(`${where}: this prepared task was disposed`);
    if (broken) throw new Error(`${where}: ${broken}`);
  };

  const buffers: GPUBuffer[] = [];
  const buffer = (label: string, size: number, usage: number) => {
    const b = device.createBuffer({ label, size, usage });
    buffers.push(b);
    return b;
  };
  const params = (label: string, n: number) => {
    const b = buffer(label, 16, USAGE_UNIFORM | USAGE_COPY_DST);
    device.queue.writeBuffer(b, 0, Uint32Array.of(n, 0, 0, 0));
    return b;
  };

  try {
    const limits = device.limits;
    const maxInvocations = Math.min(limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX);
    // Largest power of two the device allows, at most 256 (the WebGPU default every adapter has).
    const workgroupSize = Math.min(DEFAULT_WORKGROUP_SIZE, 2 ** Math.floor(Math.log2(maxInvocations)));
    const tile = Math.min(DEFAULT_TILE, Math.floor(Math.sqrt(Math.min(maxInvocations, limits.maxComputeWorkgroupSizeY))));
    const maxPerDimension = limits.maxComputeWorkgroupsPerDimension;

    const inputs = kernelInputs(task);
    const inputBuffers = inputs.map((data, k) => {
      const b = buffer(`input ${k}`, data.byteLength, USAGE_STORAGE | USAGE_COPY_DST);
      device.queue.writeBuffer(b, 0, data);
      return b;
    });
    const bind = (pipeline: GPUComputePipeline, resources: GPUBuffer[]) =>
      device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: resources.map((b, binding) => ({ binding, resource: { buffer: b } })),
      });
    const outUsage = USAGE_STORAGE | USAGE_COPY_SRC | USAGE_COPY_DST;
    const n = task.size;
    const variant = task.operation === 'matmul' ? (task.variant ?? 'naive') : undefined;
    let kernel: string;
    let dispatches: Dispatch[];
    let result: GPUBuffer;
    let scratch: GPUBuffer[] = []; // every buffer the kernel writes; verify() clears them first
    let shape = [workgroupSize]; // the workgroup's shape, for the environment record

    const [a, b] = inputBuffers as [GPUBuffer, GPUBuffer | undefined];
    switch (task.operation) {
      case 'copy':
      case 'vector-add': {
        const add = task.operation === 'vector-add';
        const pipeline = await compileComputePipeline(device, `${task.operation}.wgsl`, add ? vectorAddWgsl(workgroupSize) : copyWgsl(workgroupSize));
        result = buffer('output', n * 4, outUsage);
        const resources = add ? [a, b!, result, params('params', n)] : [a, result, params('params', n)];
        dispatches = [{ pipeline, bindGroup: bind(pipeline, resources), grid: grid1d(Math.ceil(n / workgroupSize), maxPerDimension) }];
        kernel = `${task.operation}, workgroup ${workgroupSize}, one value per invocation`;
        break;
      }
      case 'reduce-sum': {
        const pipeline = await compileComputePipeline(device, 'reduce-sum.wgsl', reduceSumWgsl(workgroupSize));
        const lengths = reducePassLengths(n, workgroupSize);
        // Two ping-pong buffers for the partial sums: pass k reads what pass k - 1 wrote.
        scratch = [buffer('partial sums A', lengths[0]! * 4, outUsage), buffer('partial sums B', (lengths[1] ?? 1) * 4, outUsage)];
        dispatches = lengths.map((length, k) => {
          const from = k === 0 ? a : scratch[(k - 1) % 2]!;
          const to = scratch[k % 2]!;
          const inLength = k === 0 ? n : lengths[k - 1]!;
          return { pipeline, bindGroup: bind(pipeline, [from, to, params(`params pass ${k}`, inLength)]), grid: grid1d(length, maxPerDimension) };
        });
        result = scratch[(lengths.length - 1) % 2]!;
        kernel = `reduce-sum, tree in registers (${REDUCE_VALUES_PER_INVOCATION} values per invocation) and workgroup memory (workgroup ${workgroupSize}), ${lengths.length} pass(es): ${[n, ...lengths].join(' -> ')}`;
        break;
      }
      case 'matmul': {
        const tiled = variant === 'tiled';
        // vec4 loads and stores need every row to start on a vec4, i.e. n a multiple of 4.
        const vec4 = tiled && n % 4 === 0;
        const code = tiled ? matmulTiledWgsl({ vec4 }) : matmulNaiveWgsl(tile);
        const pipeline = await compileComputePipeline(device, `matmul-${variant}.wgsl`, code);
        result = buffer('C', n * n * 4, outUsage);
        const side = Math.ceil(n / tile);
        const grid = tiled ? matmulTiledGrid(n) : ([side, side] as [number, number]);
        dispatches = [{ pipeline, bindGroup: bind(pipeline, [a, b!, result, params('params', n)]), grid }];
        const { block, rows, vec4Columns, kStep, workgroup } = MATMUL_TILED;
        shape = tiled ? [workgroup, workgroup] : [tile, tile];
        kernel = tiled
          ? `matmul tiled, ${block} x ${block} block of C per workgroup of ${workgroup} x ${workgroup}, ${rows} x ${4 * vec4Columns} per invocation in registers, K step ${kStep} in workgroup memory, ${vec4 ? 'vec4 loads and stores' : 'scalar loads and stores (n is not a multiple of 4)'}`
          : `matmul naive, one invocation per element of C, workgroup ${tile} x ${tile}`;
        if (task.variant === undefined) kernel += ' (variant not given: naive)';
        break;
      }
    }
    if (scratch.length === 0) scratch = [result];

    const querySet = timestamps ? device.createQuerySet({ label: 'batch timestamps', type: 'timestamp', count: 2 }) : undefined;
    const resolveBuffer = timestamps ? buffer('timestamps', 16, USAGE_QUERY_RESOLVE | USAGE_COPY_SRC) : undefined;
    const readBuffer = timestamps ? buffer('timestamps read', 16, USAGE_MAP_READ | USAGE_COPY_DST) : undefined;

    /** Encodes `iterations` x the task's dispatches in one compute pass; dispatches are ordered and see each other's writes. */
    const encodeBatch = (encoder: GPUCommandEncoder, iterations: number, timed: boolean) => {
      const pass = encoder.beginComputePass(
        timed && querySet ? { timestampWrites: { querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 } } : {},
      );
      let current: GPUComputePipeline | undefined;
      for (let i = 0; i < iterations; i++) {
        for (const d of dispatches) {
          if (d.pipeline !== current) pass.setPipeline((current = d.pipeline));
          pass.setBindGroup(0, d.bindGroup);
          pass.dispatchWorkgroups(d.grid[0], d.grid[1]);
        }
      }
      pass.end();
    };

    // Uploads finish here, inside setup, so the first timed run does not pay for them.
    await device.queue.onSubmittedWorkDone();
    throwIfBroken(); // e.g. out of memory while creating the buffers
    prepareOptions.signal?.throwIfAborted();
    log(`webgpu: ${kernel}; ${dispatches.length} dispatch(es) per iteration; timestamp-query ${timestamps ? 'used' : 'not available'}`);

    let running = false;
    let ran = false; // a batch ran: `result` holds its output (buffers start zeroed, so nothing stale passes)
    const adapterInfo = adapterIdentity(adapter);
    const prepared: PreparedTask = {
      workload: {
        async run(iterations) {
          checkIterations(iterations, where);
          throwIfBroken();
          if (running) throw new Error(`${where}: run() was called while the previous run was still in flight`);
          running = true;
          try {
            const encoder = device.createCommandEncoder({ label: 'batch' });
            encodeBatch(encoder, iterations, true);
            if (querySet && resolveBuffer && readBuffer) {
              encoder.resolveQuerySet(querySet, 0, 2, resolveBuffer, 0);
              encoder.copyBufferToBuffer(resolveBuffer, 0, readBuffer, 0, 16);
            }
            device.queue.submit([encoder.finish()]);
            ran = true;
            // Requested now, the map completes with the batch itself: reading the timestamps back
            // costs no extra round trip after completion, so the wall time stays "to completion".
            const mapped = readBuffer?.mapAsync(MAP_MODE_READ);
            await device.queue.onSubmittedWorkDone();
            let deviceMs: number | undefined;
            if (mapped && readBuffer) {
              await mapped;
              const [begin, end] = new BigUint64Array(readBuffer.getMappedRange(0, 16));
              readBuffer.unmap();
              // Some implementations return zeros or a reversed pair when they could not time the pass.
              if (begin !== undefined && end !== undefined && begin > 0n && end > begin) deviceMs = Number(end - begin) / 1e6;
            }
            throwIfBroken();
            return deviceMs === undefined ? undefined : { deviceMs };
          } catch (e) {
            throwIfBroken(); // a lost device rejects mapAsync: say why, not just "aborted"
            throw e;
          } finally {
            running = false;
          }
        },
      },
      work: kernelWork(task),
      async verify() {
        throwIfBroken();
        const bytes = outputLength(task) * 4;
        const staging = device.createBuffer({ label: 'verify read', size: bytes, usage: USAGE_MAP_READ | USAGE_COPY_DST });
        try {
          const encoder = device.createCommandEncoder({ label: 'verify' });
          // The engine calls verify() right after the cold first run: that run's output is what is checked.
          // Before any run, one runs here, from zeros so a kernel that writes nothing cannot pass.
          if (!ran) {
            for (const s of scratch) encoder.clearBuffer(s);
            encodeBatch(encoder, 1, false);
          }
          encoder.copyBufferToBuffer(result, 0, staging, 0, bytes);
          device.queue.submit([encoder.finish()]);
          await staging.mapAsync(MAP_MODE_READ);
          const out = new Float32Array(staging.getMappedRange().slice(0));
          staging.unmap();
          if (broken) return { ok: false, maxAbsError: Infinity, detail: broken };
          return compare(out, referenceFor(task, inputs), task.operation, task.size);
        } finally {
          staging.destroy();
        }
      },
      async environment() {
        const features = [...adapter.features].sort();
        const limitsShown: Record<string, number> = {};
        for (const name of COMPUTE_LIMITS) limitsShown[name] = Number(device.limits[name]);
        return {
          backend: 'webgpu',
          target,
          adapter: adapterInfo,
          ...(adapterInfo.isFallbackAdapter
            ? { fallbackNote: 'A fallback (software) adapter: the kernels run on the CPU, so these timings describe the CPU, not a GPU.' }
            : {}),
          features,
          limits: limitsShown,
          timestampQuery: timestamps
            ? { used: true, note: TIMESTAMP_NOTE }
            : { used: false, note: 'This adapter has no timestamp-query: only wall time to completion (onSubmittedWorkDone) is measured.' },
          kernel,
          workgroupSize: shape,
          dispatchesPerIteration: dispatches.length,
          ...(runnerOptions.environment?.() ?? {}),
        };
      },
      async dispose() {
        if (disposed) return;
        disposed = true;
        for (const b of buffers) b.destroy();
        querySet?.destroy();
        device.destroy();
      },
    };
    return prepared;
  } catch (e) {
    disposed = true;
    for (const b of buffers) b.destroy();
    device.destroy();
    if (e instanceof WgslError || (e instanceof Error && (e.name === 'AbortError' || e.message.startsWith(where)))) throw e;
    throw new Error(`${where}: preparing ${task.operation} failed: ${errorText(e)}`, { cause: e });
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
