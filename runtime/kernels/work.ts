import type { KernelTask, Task } from '../spec/task.ts';

export type KernelOperation = KernelTask['operation'];
export const KERNEL_OPERATIONS: readonly KernelOperation[] = ['copy', 'vector-add', 'reduce-sum', 'matmul'];
export const MATMUL_VARIANTS = ['naive', 'tiled'] as const;

/** Largest vector (elements) a kernel task may ask for: 2^28 float32 = 1 GiB, WebGPU's usual buffer cap. */
export const MAX_VECTOR_ELEMENTS = 2 ** 28;
/** Largest matrix side: three 8192 x 8192 float32 matrices are 768 MiB, already more than a laptop GPU likes. */
export const MAX_MATRIX_SIDE = 8192;

/** Work done by one iteration of a kernel, for derived metrics (GFLOP/s, GB/s, items/s). */
export interface KernelWork {
  /** Floating-point operations per iteration (absent for copy, which does no arithmetic). */
  flops?: number;
  /** Bytes that must cross memory at least once per iteration (reads + writes, no cache reuse counted). */
  bytes: number;
  /** Items per iteration; what an item is: see `itemLabel`. */
  items: number;
}

/**
 * Why `task` is not a kernel task this engine can run, in words that name the field, or null when
 * it is fine. Shared by the runners' `unsupported()` and `prepare()`, so both say the same thing.
 */
export function kernelTaskProblem(task: Task): string | null {
  if (task.kind !== 'kernel') {
    return `task.kind is '${task.kind}': this runner computes kernels (copy, vector-add, reduce-sum, matmul); ONNX models need an onnx target.`;
  }
  if (!KERNEL_OPERATIONS.includes(task.operation)) {
    return `task.operation '${String(task.operation)}' is not a kernel; expected one of ${KERNEL_OPERATIONS.join(', ')}.`;
  }
  if (task.dtype !== 'float32') return `task.dtype '${String(task.dtype)}' is not supported; the kernels compute float32.`;
  if (!Number.isSafeInteger(task.size) || task.size < 1) {
    return `task.size must be a positive whole number (${task.operation === 'matmul' ? 'the matrix side n' : 'elements'}), got ${task.size}.`;
  }
  if (!Number.isFinite(task.seed)) return `task.seed must be a finite number, got ${task.seed}.`;
  if (task.operation === 'matmul') {
    if (task.variant !== undefined && !MATMUL_VARIANTS.includes(task.variant)) {
      return `task.variant '${String(task.variant)}' is not a matmul variant; expected naive or tiled.`;
    }
    if (task.size > MAX_MATRIX_SIDE) {
      return `task.size ${task.size} is too large for matmul: at most ${MAX_MATRIX_SIDE} (three n x n float32 matrices must fit in memory).`;
    }
  } else {
    if (task.variant !== undefined) {
      return `task.variant '${task.variant}' only applies to matmul; leave it out for ${task.operation}.`;
    }
    if (task.size > MAX_VECTOR_ELEMENTS) {
      return `task.size ${task.size} is too large: at most ${MAX_VECTOR_ELEMENTS} elements (1 GiB of float32 per vector).`;
    }
  }
  return null;
}

/** Throws `kernelTaskProblem` as an error that names `where` (e.g. 'js runner'); returns the task typed. */
export function assertKernelTask(task: Task, where: string): KernelTask {
  const problem = kernelTaskProblem(task);
  if (problem) throw new Error(`${where}: ${problem}`);
  return task as KernelTask;
}

/** Throws unless `iterations` (of a Workload's run) is a positive whole number: a harness bug, said plainly. */
export function checkIterations(iterations: number, where: string): void {
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new RangeError(`${where}: run(iterations) needs a positive whole number of iterations, got ${iterations}`);
  }
}

/**
 * Work per iteration. Bytes are the minimum traffic (every input read once, every output written
 * once), so GB/s derived from them is a lower bound on what the memory really moved.
 * - copy: 8n bytes (read 4n, write 4n), no flops.
 * - vector-add: n flops, 12n bytes (two reads, one write).
 * - reduce-sum: n flops (n - 1 additions, rounded up), 4n bytes (the partial sums are negligible).
 * - matmul: 2n^3 flops (a multiply and an add per term), 3n^2 * 4 bytes (A, B read, C written once).
 */
export function kernelWork(task: KernelTask): KernelWork {
  const n = task.size;
  switch (task.operation) {
    case 'copy':
      return { bytes: 8 * n, items: n };
    case 'vector-add':
      return { flops: n, bytes: 12 * n, items: n };
    case 'reduce-sum':
      return { flops: n, bytes: 4 * n, items: n };
    case 'matmul':
      return { flops: 2 * n ** 3, bytes: 3 * n * n * 4, items: n * n };
  }
}

/** What one item of `kernelWork().items` is, for the unit of items/s. */
export function itemLabel(operation: KernelOperation): string {
  return operation === 'matmul' ? 'output elements' : 'elements';
}

/** Number of float32 values in each input of the task (matmul: two n x n matrices). */
export function inputLengths(task: KernelTask): number[] {
  const n = task.size;
  switch (task.operation) {
    case 'copy':
    case 'reduce-sum':
      return [n];
    case 'vector-add':
      return [n, n];
    case 'matmul':
      return [n * n, n * n];
  }
}

/** Number of float32 values the task writes (reduce-sum: one). */
export function outputLength(task: KernelTask): number {
  if (task.operation === 'reduce-sum') return 1;
  return task.operation === 'matmul' ? task.size * task.size : task.size;
}
