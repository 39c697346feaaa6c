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
import {
  MAP_MODE_READ,
  USAGE_COPY_DST,
  USAGE_COPY_SRC,
  USAGE_MAP_READ,
  USAGE_QUERY_RESOLVE,
  USAGE_STORAGE,
  USAGE_UNIFORM,
} from '../kernels/gpu-flags.ts';
import { adapterIdentity, COMPUTE_LIMITS, DeviceKeeper, WgslError, type KeptDevice, type PipelineRequest, type PreparedBy } from '../gpu/index.ts';

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
  "timestamp-query writes at the start and end of the batch's compute pass; deviceMs is the whole batch. " +
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

/** The compute limits a kernel's shape depends on. */
type KernelLimits = Pick<
  GPUSupportedLimits,
  'maxComputeInvocationsPerWorkgroup' | 'maxComputeWorkgroupSizeX' | 'maxComputeWorkgroupSizeY' | 'maxComputeWorkgroupsPerDimension'
>;

/** What a kernel task compiles and how it is shaped on a device with these limits. */
export interface KernelPlan {
  /** The one compute program the task dispatches. */
  program: PipelineRequest;
  workgroupSize: number;
  tile: number;
  maxPerDimension: number;
  variant?: 'naive' | 'tiled';
  vec4: boolean;
}

/**
 * The program a kernel task runs on a device with `limits`. Prestart and prepare both ask this, so
 * the pipeline compiled ahead is exactly the one the run looks up.
 */
export function kernelPlan(task: KernelTask, limits: KernelLimits): KernelPlan {
  const maxInvocations = Math.min(limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX);
  // Largest power of two the device allows, at most 256 (the WebGPU default every adapter has).
  const workgroupSize = Math.min(DEFAULT_WORKGROUP_SIZE, 2 ** Math.floor(Math.log2(maxInvocations)));
  const tile = Math.min(DEFAULT_TILE, Math.floor(Math.sqrt(Math.min(maxInvocations, limits.maxComputeWorkgroupSizeY))));
  const maxPerDimension = limits.maxComputeWorkgroupsPerDimension;
  const variant = task.operation === 'matmul' ? (task.variant ?? 'naive') : undefined;
  // vec4 loads and stores need every row to start on a vec4, i.e. n a multiple of 4.
  const vec4 = variant === 'tiled' && task.size % 4 === 0;
  let program: PipelineRequest;
  switch (task.operation) {
    case 'copy':
      program = { label: 'copy.wgsl', code: copyWgsl(workgroupSize) };
      break;
    case 'vector-add':
      program = { label: 'vector-add.wgsl', code: vectorAddWgsl(workgroupSize) };
      break;
    case 'reduce-sum':
      program = { label: 'reduce-sum.wgsl', code: reduceSumWgsl(workgroupSize) };
      break;
    case 'matmul':
      program = { label: `matmul-${variant}.wgsl`, code: variant === 'tiled' ? matmulTiledWgsl({ vec4 }) : matmulNaiveWgsl(tile) };
      break;
  }
  return { program, workgroupSize, tile, maxPerDimension, ...(variant ? { variant } : {}), vec4 };
}

/** A WebGPU runner that can also get a task's device and pipelines ready before any run asks. */
export interface WebGpuRunner extends Runner {
  /**
   * Creates (or finds) the kept device and compiles the pipeline `task` will use, so a later run's
   * setup does neither; nothing is dispatched, so the run's first call stays the cold first dispatch.
   * Resolves with why nothing was prepared (the run will say the same), or null; never throws.
   */
  prestart(task: Task): Promise<string | null>;
}

export function createWebGpuRunner(
  target: WebGpuTarget,
  getGpu: () => Promise<GPU | undefined>,
  describeMissing: (missing: MissingWebGpu) => string,
  options: WebGpuRunnerOptions = {},
): WebGpuRunner {
  const where = `${target} runner`;
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

  // One device for every run of this runner (a page's worker, a CLI process): on a software adapter
  // creating one takes seconds, and the pipelines compiled on it are kept with it.
  const keeper = new DeviceKeeper(async () => {
    const adapter = await findAdapter();
    if (typeof adapter === 'string') throw new Error(`${where}: ${adapter}`);
    const timestamps = adapter.features.has('timestamp-query');
    try {
      const device = await adapter.requestDevice({
        label: `${target} benchmarks`,
        requiredFeatures: timestamps ? ['timestamp-query'] : [],
        // The defaults cap a storage buffer at 128 MiB; large vectors need what the adapter really has.
        requiredLimits: {
          maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
          maxBufferSize: adapter.limits.maxBufferSize,
        },
      });
      return { adapter, device };
    } catch (e) {
      throw new Error(`${where}: the adapter refused a device: ${errorText(e)}`, { cause: e });
    }
  });

  return {
    target,
    async unsupported(task: Task) {
      const problem = kernelTaskProblem(task);
      if (problem) return problem;
      const adapter = keeper.ready?.adapter ?? (await findAdapter());
      if (typeof adapter === 'string') return adapter;
      return limitProblem(task as KernelTask, adapter.limits);
    },
    async prepare(task, prepareOptions) {
      const t = assertKernelTask(task, where);
      const { kept, createdNow } = await keeper.acquire('run');
      const tooBig = limitProblem(t, kept.adapter.limits);
      if (tooBig) throw new Error(`${where}: ${tooBig}`);
      prepareOptions?.signal?.throwIfAborted();
      return prepareOnDevice(t, kept, createdNow, target, prepareOptions ?? {}, options);
    },
    async prestart(task: Task) {
      try {
        const problem = kernelTaskProblem(task);
        if (problem) return problem;
        const t = task as KernelTask;
        const { kept } = await keeper.acquire('prestart');
        const tooBig = limitProblem(t, kept.adapter.limits);
        if (tooBig) return tooBig;
        await kept.pipelines.get(kernelPlan(t, kept.device.limits).program, 'prestart');
        return null;
      } catch (e) {
        return errorText(e);
      }
    },
  };
}

/** One piece of setup (the device, a pipeline) and when it was done relative to this run. */
export interface PreparedStep {
  /** Who did it: a prestart (the cell came into view) or a run (this one or an earlier one in this worker). */
  by: PreparedBy;
  ms: number;
  /** Done inside this run's setup (part of setupMs), rather than ahead of it. */
  inThisSetup: boolean;
}

/** What the record says about the device and pipelines: done ahead of this run, or in its own setup. */
export interface PreparedRecord {
  device: PreparedStep & { replacedLost?: string };
  pipelines: (PreparedStep & { label: string })[];
  note: string;
}

/** One step in words, e.g. "created before this run, when the cell came into view (812 ms; not in this run's setup time)". */
export function describeStep(done: string, step: PreparedStep): string {
  const ms = `${step.ms.toFixed(0)} ms`;
  if (step.inThisSetup) return `${done} in this run's setup (${ms}, part of its setup time)`;
  if (step.by === 'prestart') return `${done} before this run, when the cell came into view (${ms}; not in this run's setup time)`;
  return `${done} by an earlier run on this page or process (${ms} then) and reused`;
}

function preparedRecord(device: PreparedRecord['device'], pipelines: PreparedRecord['pipelines']): PreparedRecord {
  const sentences = [`Device ${describeStep('created', device)}.`];
  if (device.replacedLost) sentences.push(`It replaced a device that was lost (${device.replacedLost}).`);
  for (const p of pipelines) sentences.push(`Pipeline ${p.label} ${describeStep('compiled', p)}.`);
  sentences.push('Nothing is dispatched ahead: the first run is the first dispatch of this run.');
  return { device, pipelines, note: sentences.join(' ') };
}

async function prepareOnDevice(
  task: KernelTask,
  kept: KeptDevice,
  deviceCreatedNow: boolean,
  target: WebGpuTarget,
  prepareOptions: { signal?: CancelSignal; log?: (line: string) => void },
  runnerOptions: WebGpuRunnerOptions,
): Promise<PreparedTask> {
  const where = `${target} runner`;
  const log = prepareOptions.log ?? (() => {});
  const { adapter, device } = kept;
  const timestamps = device.features.has('timestamp-query');
  const deviceStep: PreparedRecord['device'] = {
    by: kept.createdBy,
    ms: kept.createMs,
    inThisSetup: deviceCreatedNow,
    ...(kept.replacedLost ? { replacedLost: kept.replacedLost } : {}),
  };
  log(
    `webgpu: device ${describeStep('created', deviceStep)}${kept.replacedLost ? `; it replaces a device that was lost (${kept.replacedLost})` : ''}`,
  );

  // A lost device or an error outside a scope must fail the next run loudly, never time garbage. The
  // keeper notes a loss on the kept device (a handler per task on the device's `lost` would keep every
  // finished task's buffers and inputs alive as long as the device).
  let errorSeen: string | undefined;
  let disposed = false;
  let lossLogged = false;
  const broken = (): string | undefined => {
    if (kept.lost === undefined) return errorSeen;
    const lost = `the WebGPU device was lost (${kept.lost}). A dispatch that runs too long can trip the system's GPU watchdog; try a smaller size or fewer iterations per sample. The next run gets a new device.`;
    if (!lossLogged) log(`webgpu: ${lost}`);
    lossLogged = true;
    return errorSeen ?? lost;
  };
  // The device outlives this task: its listener goes with the task (dispose), so errors are never blamed on a later run.
  const onUncapturedError = (event: Event) => {
    const message = (event as GPUUncapturedErrorEvent).error.message.trim();
    errorSeen ??= `WebGPU reported an error: ${message}`;
    log(`webgpu: ${message}`);
  };
  device.addEventListener('uncapturederror', onUncapturedError);
  const throwIfBroken = () => {
    if (disposed) throw new Error(`${where}: this prepared task was disposed`);
    const problem = broken();
    if (problem) throw new Error(`${where}: ${problem}`);
  };

  const buffers: GPUBuffer[] = [];
  let querySet: GPUQuerySet | undefined;
  /** Frees what this task made; the device and its pipelines stay for the next run. */
  const release = () => {
    disposed = true;
    device.removeEventListener('uncapturederror', onUncapturedError);
    for (const b of buffers) b.destroy();
    querySet?.destroy();
  };
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
    const plan = kernelPlan(task, device.limits);
    const { workgroupSize, tile, maxPerDimension, variant, vec4 } = plan;
    const compiled = await kept.pipelines.get(plan.program, 'run');
    const pipeline = compiled.entry.pipeline;
    const pipelineSteps: PreparedRecord['pipelines'] = [
      { label: compiled.entry.label, by: compiled.entry.compiledBy, ms: compiled.entry.compileMs, inThisSetup: compiled.compiledNow },
    ];
    for (const p of pipelineSteps) log(`webgpu: pipeline ${p.label} ${describeStep('compiled', p)}`);

    const inputs = kernelInputs(task);
    const inputBuffers = inputs.map((data, k) => {
      const b = buffer(`input ${k}`, data.byteLength, USAGE_STORAGE | USAGE_COPY_DST);
      device.queue.writeBuffer(b, 0, data);
      return b;
    });
    const bind = (resources: GPUBuffer[]) =>
      device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: resources.map((b, binding) => ({ binding, resource: { buffer: b } })),
      });
    const outUsage = USAGE_STORAGE | USAGE_COPY_SRC | USAGE_COPY_DST;
    const n = task.size;
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
        result = buffer('output', n * 4, outUsage);
        const resources = add ? [a, b!, result, params('params', n)] : [a, result, params('params', n)];
        dispatches = [{ pipeline, bindGroup: bind(resources), grid: grid1d(Math.ceil(n / workgroupSize), maxPerDimension) }];
        kernel = `${task.operation}, workgroup ${workgroupSize}, one value per invocation`;
        break;
      }
      case 'reduce-sum': {
        const lengths = reducePassLengths(n, workgroupSize);
        // Two ping-pong buffers for the partial sums: pass k reads what pass k - 1 wrote.
        scratch = [buffer('partial sums A', lengths[0]! * 4, outUsage), buffer('partial sums B', (lengths[1] ?? 1) * 4, outUsage)];
        dispatches = lengths.map((length, k) => {
          const from = k === 0 ? a : scratch[(k - 1) % 2]!;
          const to = scratch[k % 2]!;
          const inLength = k === 0 ? n : lengths[k - 1]!;
          return { pipeline, bindGroup: bind([from, to, params(`params pass ${k}`, inLength)]), grid: grid1d(length, maxPerDimension) };
        });
        result = scratch[(lengths.length - 1) % 2]!;
        kernel = `reduce-sum, tree in registers (${REDUCE_VALUES_PER_INVOCATION} values per invocation) and workgroup memory (workgroup ${workgroupSize}), ${lengths.length} pass(es): ${[n, ...lengths].join(' -> ')}`;
        break;
      }
      case 'matmul': {
        const tiled = variant === 'tiled';
        result = buffer('C', n * n * 4, outUsage);
        const side = Math.ceil(n / tile);
        const grid = tiled ? matmulTiledGrid(n) : ([side, side] as [number, number]);
        dispatches = [{ pipeline, bindGroup: bind([a, b!, result, params('params', n)]), grid }];
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

    querySet = timestamps ? device.createQuerySet({ label: 'batch timestamps', type: 'timestamp', count: 2 }) : undefined;
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
    const prepared = preparedRecord(deviceStep, pipelineSteps);
    const preparedTask: PreparedTask = {
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
          const problem = broken();
          if (problem) return { ok: false, maxAbsError: Infinity, detail: problem };
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
          prepared,
          ...(runnerOptions.environment?.() ?? {}),
        };
      },
      async dispose() {
        if (disposed) return;
        release();
      },
    };
    return preparedTask;
  } catch (e) {
    release();
    if (e instanceof WgslError || (e instanceof Error && (e.name === 'AbortError' || e.message.startsWith(where)))) throw e;
    throw new Error(`${where}: preparing ${task.operation} failed: ${errorText(e)}`, { cause: e });
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
