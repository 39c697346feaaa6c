/// <reference types="@webgpu/types" />
import { compileComputePipeline, WgslError } from '../gpu/index.ts';
import type { TextDiagnostic } from './types.ts';
import { MAP_MODE_READ, STAGE_COMPUTE, USAGE_COPY_DST, USAGE_COPY_SRC, USAGE_MAP_READ, USAGE_STORAGE, USAGE_UNIFORM } from '../kernels/gpu-flags.ts';

/**
 * Running a learner's WGSL kernel for a check: compile it (a compile error comes back with its line),
 * bind the exercise's buffers, dispatch once, read the output back, and compare it with a CPU
 * reference, reporting the first bad index with expected and actual values. Host-agnostic: it sees
 * only the WebGPU API (navigator.gpu in the page, dawn.node in Node).
 *
 * The output buffer is longer than the data (`outputLength` > n) and filled with a sentinel, so a
 * kernel that writes past the end of its data, or leaves part of it unwritten, is caught. (WebGPU
 * clamps or drops accesses past the end of a *buffer*; past the end of the *data* it cannot know.)
 */

export interface KernelRun {
  /** The file name errors are reported under: `kernel.wgsl`. */
  label: string;
  /** Storage buffers bound read-only at @binding(0), (1), ... in this order. */
  inputs: Float32Array[];
  /** Length of the output buffer, bound after the inputs; longer than the data, to catch writes past its end. */
  outputLength: number;
  /** The value the output is filled with before the run. */
  fill: number;
  /** The uniform buffer's bytes, bound after the output. */
  uniform: ArrayBuffer;
  /** Workgroups dispatched along x. */
  workgroups: number;
  /** How the bindings are described to the learner when they do not match: "@binding(0) x, ..., @binding(3) params". */
  bindingsDescription: string;
  /** Give up waiting for the GPU after this long (default 10 s). */
  timeoutMs?: number;
}

export type KernelOutcome =
  | { ok: true; output: Float32Array }
  | { ok: false; stage: 'compile' | 'bind' | 'run'; message: string; diagnostics?: TextDiagnostic[] };

/** Why the check cannot run here (no WebGPU, no adapter), or undefined. */
export async function gpuProblem(gpu: GPU | undefined): Promise<string | undefined> {
  if (!gpu) return 'WebGPU is not available here, so the kernel cannot be run.';
  const adapter = await gpu.requestAdapter().catch(() => null);
  return adapter ? undefined : 'WebGPU gave no adapter here, so the kernel cannot be run.';
}

/** Compiles and runs `code` once on `run`'s buffers. Never throws for anything the kernel does. */
export async function runWgslKernel(gpu: GPU, code: string, run: KernelRun): Promise<KernelOutcome> {
  const adapter = await gpu.requestAdapter();
  if (!adapter) return { ok: false, stage: 'run', message: 'WebGPU gave no adapter here, so the kernel cannot be run.' };
  const device = await adapter.requestDevice({ label: `check ${run.label}` });
  const buffers: GPUBuffer[] = [];
  try {
    // An explicit layout (not 'auto'): a binding the kernel does not use is still bound, and a
    // declaration of the wrong kind is reported as such.
    const layout = device.createBindGroupLayout({
      label: 'check bindings',
      entries: [
        ...run.inputs.map((_, binding) => ({ binding, visibility: STAGE_COMPUTE, buffer: { type: 'read-only-storage' as const } })),
        { binding: run.inputs.length, visibility: STAGE_COMPUTE, buffer: { type: 'storage' as const } },
        { binding: run.inputs.length + 1, visibility: STAGE_COMPUTE, buffer: { type: 'uniform' as const } },
      ],
    });
    let pipeline: GPUComputePipeline;
    try {
      pipeline = await compileComputePipeline(device, run.label, code, 'main', device.createPipelineLayout({ bindGroupLayouts: [layout] }));
    } catch (e) {
      if (!(e instanceof WgslError)) throw e;
      // Errors at a line are the shader's own (it did not compile); without one, it compiled but does
      // not fit the bindings (or has no `main`).
      const diagnostics = wgslDiagnostics(run.label, e.message);
      if (diagnostics.length) return { ok: false, stage: 'compile', message: e.message, diagnostics };
      return {
        ok: false,
        stage: 'bind',
        message: `The kernel does not fit the buffers the check binds (${run.bindingsDescription}) or has no entry point \`main\`; keep the declarations of the starter code. WebGPU said: ${firstLine(e.message)}`,
      };
    }
    const buffer = (size: number, usage: number) => {
      const b = device.createBuffer({ size: Math.max(16, Math.ceil(size / 4) * 4), usage });
      buffers.push(b);
      return b;
    };
    const inputBuffers = run.inputs.map((data) => {
      const b = buffer(data.byteLength, USAGE_STORAGE | USAGE_COPY_DST);
      device.queue.writeBuffer(b, 0, data as Float32Array<ArrayBuffer>);
      return b;
    });
    const outBytes = run.outputLength * 4;
    const output = buffer(outBytes, USAGE_STORAGE | USAGE_COPY_SRC | USAGE_COPY_DST);
    device.queue.writeBuffer(output, 0, new Float32Array(run.outputLength).fill(run.fill));
    const uniform = buffer(run.uniform.byteLength, USAGE_UNIFORM | USAGE_COPY_DST);
    device.queue.writeBuffer(uniform, 0, run.uniform);
    const staging = buffer(outBytes, USAGE_MAP_READ | USAGE_COPY_DST);

    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [...inputBuffers, output, uniform].map((b, binding) => ({ binding, resource: { buffer: b } })),
    });

    device.pushErrorScope('validation');
    const encoder = device.createCommandEncoder({ label: 'check' });
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(run.workgroups);
    pass.end();
    encoder.copyBufferToBuffer(output, 0, staging, 0, outBytes);
    device.queue.submit([encoder.finish()]);
    const runError = await device.popErrorScope();
    if (runError) return { ok: false, stage: 'run', message: `WebGPU rejected the dispatch: ${firstLine(runError.message)}` };
    const timeoutMs = run.timeoutMs ?? 10_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const done = await Promise.race([staging.mapAsync(MAP_MODE_READ).then(() => 'mapped' as const), timedOut]).finally(() => clearTimeout(timer));
    if (done === 'timeout')
      return { ok: false, stage: 'run', message: `The kernel did not finish within ${timeoutMs / 1000} s: does a loop in it never end?` };
    const out = new Float32Array(staging.getMappedRange().slice(0, outBytes));
    staging.unmap();
    return { ok: true, output: out };
  } finally {
    for (const b of buffers) b.destroy();
    device.destroy();
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? text;
}

/** The `label:line:col: message` lines of a WgslError as editor diagnostics. */
export function wgslDiagnostics(label: string, message: string): TextDiagnostic[] {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^${escaped}:(\\d+):(\\d+): (.*)$`, 'gm');
  return [...message.matchAll(re)].map((m) => ({ line: Number(m[1]), column: Number(m[2]), severity: 'error' as const, message: m[3]! }));
}

export interface OutputComparison {
  ok: boolean;
  /** What is wrong, first problem first, for the learner: indexes, expected and actual values. */
  problems: string[];
}

/**
 * Compares a kernel's output with the CPU reference: indexes below `n` must match `expected`
 * (|got - want| <= atol + rtol |want|), indexes from `n` on must still hold `fill`. `explain(i)` adds
 * what went into element i ("x[5] = 0.25, y[5] = -1"), so the learner can redo the arithmetic.
 */
export function compareOutput(
  got: Float32Array,
  expected: ArrayLike<number>,
  n: number,
  fill: number,
  options: { name?: string; rtol?: number; atol?: number; explain?: (i: number) => string } = {},
): OutputComparison {
  const name = options.name ?? 'out';
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-6;
  const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(6));
  const isFill = (x: number) => x === Math.fround(fill);
  let firstWrong = -1;
  let wrong = 0;
  let firstUnwritten = -1;
  let unwritten = 0;
  for (let i = 0; i < n; i++) {
    const g = got[i]!;
    const want = expected[i]!;
    if (Math.abs(g - want) <= atol + rtol * Math.abs(want)) continue;
    if (isFill(g)) {
      unwritten++;
      if (firstUnwritten < 0) firstUnwritten = i;
    } else {
      wrong++;
      if (firstWrong < 0) firstWrong = i;
    }
  }
  let firstPast = -1;
  let past = 0;
  for (let i = n; i < got.length; i++) {
    if (!isFill(got[i]!)) {
      past++;
      if (firstPast < 0) firstPast = i;
    }
  }
  const problems: string[] = [];
  const why = (i: number) => (options.explain ? ` (${options.explain(i)})` : '');
  if (firstWrong >= 0) {
    problems.push(
      `${name}[${firstWrong}] is ${fmt(got[firstWrong]!)} but should be ${fmt(expected[firstWrong]!)}${why(firstWrong)}; ${wrong} of the ${n} values are wrong.`,
    );
  }
  if (firstUnwritten >= 0) {
    problems.push(
      `${name}[${firstUnwritten}] was never written (it still holds ${fmt(fill)}, the value the buffer was filled with); ${unwritten} of the ${n} values were never written.`,
    );
  }
  if (firstPast >= 0) {
    problems.push(
      `${name}[${firstPast}] was written, but the data has only ${n} elements (${name}[0] to ${name}[${n - 1}]): ${past} write${past === 1 ? '' : 's'} landed past the end, in memory the kernel does not own.`,
    );
  }
  return { ok: problems.length === 0, problems };
}
