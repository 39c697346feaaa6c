import { compare, kernelInputs, referenceFor } from '../kernels/reference.ts';
import { assertKernelTask, checkIterations, kernelTaskProblem, kernelWork, outputLength } from '../kernels/work.ts';
import type { KernelTask } from '../spec/task.ts';
import { jsTarget } from '../targets/js.ts';
import type { PreparedTask, Runner } from './types.ts';

/** Side of the square blocks of the JS "tiled" matmul: 64 x 64 float32 = 16 KiB, an L1 cache's worth. */
export const JS_MATMUL_BLOCK = 64;

/**
 * The kernels in plain JavaScript on Float32Arrays, single-threaded: the baseline every other
 * target is compared with. No DOM and no Node: it runs wherever JavaScript does.
 */
export const jsRunner: Runner = {
  target: jsTarget.id,
  async unsupported(task) {
    return kernelTaskProblem(task);
  },
  async prepare(task, options) {
    const t = assertKernelTask(task, 'js runner');
    options?.signal?.throwIfAborted();
    const inputs = kernelInputs(t);
    // NaN until a run writes it: a kernel that writes nothing fails verification instead of passing on zeros.
    const out = new Float32Array(outputLength(t)).fill(Number.NaN);
    const step = jsKernel(t, inputs, out);
    let ran = false;
    options?.log?.(`js: ${describeJsKernel(t)}, ${inputs.length} input(s) of ${inputs[0]?.length} float32 values`);
    const prepared: PreparedTask = {
      workload: {
        async run(iterations) {
          checkIterations(iterations, 'js runner');
          ran = true;
          for (let i = 0; i < iterations; i++) step();
        },
      },
      work: kernelWork(t),
      // The output of the latest run (the engine calls this right after the cold first run); before any run, one runs here.
      async verify() {
        if (!ran) step();
        return compare(out, referenceFor(t, inputs), t.operation, t.size);
      },
      async environment() {
        return jsEnvironment(t);
      },
      async dispose() {},
    };
    return prepared;
  },
};

/** One iteration of the task's kernel, reading `inputs` and writing `out` (reduce-sum: out[0]). */
export function jsKernel(task: KernelTask, inputs: readonly Float32Array[], out: Float32Array): () => void {
  const [a, b] = inputs;
  if (!a || ((task.operation === 'vector-add' || task.operation === 'matmul') && !b)) {
    throw new RangeError(`jsKernel: ${task.operation} got ${inputs.length} input(s)`);
  }
  const n = task.size;
  switch (task.operation) {
    case 'copy':
      // Float32Array.set is a memcpy: the fastest copy JavaScript has, as copy is for a GPU.
      return () => out.set(a);
    case 'vector-add':
      return () => {
        for (let i = 0; i < n; i++) out[i] = a[i]! + b![i]!;
      };
    case 'reduce-sum':
      return () => {
        // A JS number is a float64: the sum is more accurate than float32 and rounded once at the end.
        let s = 0;
        for (let i = 0; i < n; i++) s += a[i]!;
        out[0] = s;
      };
    case 'matmul':
      return task.variant === 'tiled' ? () => matmulBlocked(a, b!, out, n, JS_MATMUL_BLOCK) : () => matmulIkj(a, b!, out, n);
  }
}

/**
 * C = A x B, loops in i-k-j order. The innermost loop runs along a row of B and a row of C, both
 * contiguous in memory, so every cache line is used fully and the engine can keep A[i][k] in a
 * register. The textbook i-j-k order walks down a column of B instead: a stride of n floats per step,
 * a cache miss per multiply once B is larger than the cache, several times slower for the same flops.
 */
export function matmulIkj(a: Float32Array, b: Float32Array, c: Float32Array, n: number): void {
  c.fill(0);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[row + k]!;
      const bk = k * n;
      for (let j = 0; j < n; j++) c[row + j]! += aik * b[bk + j]!;
    }
  }
}

/**
 * C = A x B, i-k-j within `block` x `block` blocks of k and j: the block of B in use stays in the
 * cache while every row of A passes over it. The CPU counterpart of the GPU's tiled kernel; it pays
 * off once B no longer fits in the cache (n of several hundred and more).
 */
export function matmulBlocked(a: Float32Array, b: Float32Array, c: Float32Array, n: number, block: number): void {
  c.fill(0);
  for (let kk = 0; kk < n; kk += block) {
    const kEnd = Math.min(kk + block, n);
    for (let jj = 0; jj < n; jj += block) {
      const jEnd = Math.min(jj + block, n);
      for (let i = 0; i < n; i++) {
        const row = i * n;
        for (let k = kk; k < kEnd; k++) {
          const aik = a[row + k]!;
          const bk = k * n;
          for (let j = jj; j < jEnd; j++) c[row + j]! += aik * b[bk + j]!;
        }
      }
    }
  }
}

function describeJsKernel(task: KernelTask): string {
  switch (task.operation) {
    case 'copy':
      return 'copy with Float32Array.set';
    case 'vector-add':
      return 'vector-add, one loop';
    case 'reduce-sum':
      return 'reduce-sum, one loop with a float64 accumulator';
    case 'matmul':
      return task.variant === 'tiled' ? `matmul, i-k-j in ${JS_MATMUL_BLOCK} x ${JS_MATMUL_BLOCK} blocks` : 'matmul, i-k-j loop order';
  }
}

/** The JS engine this runs on, read through globalThis so the core imports neither DOM nor Node. */
function jsEnvironment(task: KernelTask): Record<string, unknown> {
  const g = globalThis as {
    navigator?: { userAgent?: string; hardwareConcurrency?: number };
    process?: { version?: string; versions?: { v8?: string } };
  };
  const node = g.process?.version;
  const engine = node ? `Node.js ${node}${g.process?.versions?.v8 ? ` (V8 ${g.process.versions.v8})` : ''}` : (g.navigator?.userAgent ?? 'unknown');
  return {
    backend: 'javascript',
    engine,
    userAgent: g.navigator?.userAgent ?? null,
    threads: 1,
    hardwareConcurrency: g.navigator?.hardwareConcurrency ?? null,
    kernel: describeJsKernel(task),
  };
}
