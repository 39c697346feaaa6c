import { generateFloat32 } from '../data/random.ts';
import type { KernelTask } from '../spec/task.ts';
import { inputLengths, type KernelOperation } from './work.ts';

/** Unit roundoff of float32 (2^-24): the largest relative error of one correctly rounded operation. */
export const FLOAT32_UNIT_ROUNDOFF = 2 ** -24;
/** Smallest normal float32: an absolute floor, so a device that flushes subnormals to zero still passes. */
const FLOAT32_MIN_NORMAL = 2 ** -126;

/**
 * The inputs of a kernel task, drawn from the spec's generator (task.inputs; uniform in [-1, 1) when
 * it names none). Input k is drawn from seed + k, so the two operands of vector-add and matmul are
 * independent and every runner sees the same numbers.
 */
export function kernelInputs(task: KernelTask): Float32Array<ArrayBuffer>[] {
  return inputLengths(task).map((length, k) => generateFloat32(length, task.seed + k, task.inputs));
}

/** What a correct output is, and how large the terms were that produced each value. */
export interface Reference {
  /** The exact (float64) or float32-rounded expected output. */
  values: Float64Array;
  /**
   * Per output value, the size of what was added up to make it (copy: |a|; add: |a| + |b|;
   * reduce: sum |a_i|; matmul: |row of A| * |column of B|). Rounding error scales with it.
   */
  magnitude: Float64Array;
}

/** b = a. */
export function referenceCopy(a: ArrayLike<number>): Reference {
  const values = Float64Array.from(a);
  return { values, magnitude: values.map(Math.abs) };
}

/** c = a + b with float32 semantics: each sum rounded to float32, exactly what a float32 device must produce. */
export function referenceVectorAdd(a: ArrayLike<number>, b: ArrayLike<number>): Reference {
  if (a.length !== b.length) throw new RangeError(`referenceVectorAdd: a has ${a.length} values but b has ${b.length}`);
  const values = new Float64Array(a.length);
  const magnitude = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    values[i] = Math.fround(x + y);
    magnitude[i] = Math.abs(x) + Math.abs(y);
  }
  return { values, magnitude };
}

/** s = sum(a), accumulated in float64: far more accurate than any float32 summation it checks. */
export function referenceReduceSum(a: ArrayLike<number>): Reference {
  let sum = 0;
  let abs = 0;
  for (let i = 0; i < a.length; i++) {
    sum += a[i]!;
    abs += Math.abs(a[i]!);
  }
  return { values: Float64Array.of(sum), magnitude: Float64Array.of(abs) };
}

/**
 * C = A x B for row-major n x n matrices, in float64. The magnitude of C[i][j] is
 * |row i of A| * |column j of B| (Euclidean norms): by Cauchy-Schwarz at least sum_k |A[i][k] B[k][j]|,
 * the quantity the rounding error of a dot product is proportional to, and O(n^2) to compute.
 */
export function referenceMatmul(a: ArrayLike<number>, b: ArrayLike<number>, n: number): Reference {
  if (a.length !== n * n || b.length !== n * n) {
    throw new RangeError(`referenceMatmul: A and B must hold n*n = ${n * n} values, got ${a.length} and ${b.length}`);
  }
  const values = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[row + k]!;
      const bk = k * n;
      for (let j = 0; j < n; j++) values[row + j]! += aik * b[bk + j]!;
    }
  }
  const rowNorm = new Float64Array(n);
  const colNorm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      rowNorm[i]! += a[i * n + k]! ** 2;
      colNorm[k]! += b[i * n + k]! ** 2; // b[i][k] belongs to column k
    }
  }
  const magnitude = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) magnitude[i * n + j] = Math.sqrt(rowNorm[i]! * colNorm[j]!);
  }
  return { values, magnitude };
}

/** The reference output of a task on its inputs (from `kernelInputs`). */
export function referenceFor(task: KernelTask, inputs: readonly Float32Array[]): Reference {
  const [a, b] = inputs;
  if (!a) throw new RangeError(`referenceFor: ${task.operation} needs its inputs, got none`);
  switch (task.operation) {
    case 'copy':
      return referenceCopy(a);
    case 'reduce-sum':
      return referenceReduceSum(a);
    case 'vector-add':
      if (!b) throw new RangeError('referenceFor: vector-add needs two inputs, got one');
      return referenceVectorAdd(a, b);
    case 'matmul':
      if (!b) throw new RangeError('referenceFor: matmul needs two inputs, got one');
      return referenceMatmul(a, b, task.size);
  }
}

/**
 * How much float32 rounding each operation is allowed: |out - ref| <= factor * u * magnitude
 * (u = 2^-24), plus the smallest normal float32. The factors are worst-case bounds (Higham,
 * "Accuracy and Stability of Numerical Algorithms", ch. 3 and 4), so a correct kernel never fails:
 * - copy: 0, a copy is exact.
 * - vector-add: 1, one rounding.
 * - reduce-sum: 2 (ceil(log2 n) + 1). A tree (pairwise) summation adds one rounding per level, and
 *   the error of a value is at most (its depth in the tree) x u x sum|a|; the 2 leaves room for
 *   trees cut into passes, a few levels deeper than log2 n (the WGSL kernel's depth stays within
 *   it for every n: test/unit/kernels-reference.test.ts checks). A single float32 accumulator over
 *   all n values has a bound of n - 1 and can fail for large n: that is the lesson, not a false alarm.
 * - matmul: 2n, a dot product of length n accumulated in float32 (with or without fused multiply-add).
 */
export function toleranceFactor(op: KernelOperation, size: number): number {
  switch (op) {
    case 'copy':
      return 0;
    case 'vector-add':
      return 1;
    case 'reduce-sum':
      return 2 * (Math.ceil(Math.log2(Math.max(size, 1))) + 1);
    case 'matmul':
      return 2 * size;
  }
}

/** The tolerance rule in words, for the detail of a verification. */
export function toleranceRule(op: KernelOperation, size: number): string {
  const f = toleranceFactor(op, size);
  const of = {
    copy: 'exact match',
    'vector-add': '|error| <= u * (|a| + |b|)',
    'reduce-sum': `|error| <= ${f} u * sum|a| (tree summation, 2 (ceil(log2 n) + 1))`,
    matmul: `|error| <= ${f} u * |row of A| * |column of B| (2n)`,
  } satisfies Record<KernelOperation, string>;
  return `${of[op]}, u = 2^-24`;
}

export interface Comparison {
  ok: boolean;
  /** Largest |out - ref| over all values (Infinity when a value is NaN or the lengths differ). */
  maxAbsError: number;
  detail: string;
}

/** Compares a kernel's output with the reference under the operation's tolerance rule. */
export function compare(out: ArrayLike<number>, ref: Reference, op: KernelOperation, size: number): Comparison {
  if (out.length !== ref.values.length) {
    return {
      ok: false,
      maxAbsError: Infinity,
      detail: `the output has ${out.length} values but ${op} of size ${size} should give ${ref.values.length}`,
    };
  }
  const factor = toleranceFactor(op, size) * FLOAT32_UNIT_ROUNDOFF;
  let maxAbsError = 0;
  let bad = 0;
  let worst = -1;
  let worstExcess = -Infinity;
  for (let i = 0; i < out.length; i++) {
    const got = out[i]!;
    const want = ref.values[i]!;
    const error = Math.abs(got - want);
    const tolerance = factor * ref.magnitude[i]! + FLOAT32_MIN_NORMAL;
    // NaN fails every comparison, so `!(error <= tolerance)` catches it too.
    if (!(error <= tolerance)) {
      bad++;
      const excess = Number.isNaN(error) ? Infinity : error / tolerance;
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = i;
      }
    }
    if (Number.isNaN(error) || error > maxAbsError) maxAbsError = Number.isNaN(error) ? Infinity : error;
  }
  const rule = toleranceRule(op, size);
  if (bad === 0)
    return { ok: true, maxAbsError, detail: `all ${out.length} values within tolerance (${rule}); max |error| ${maxAbsError.toExponential(2)}` };
  const got = out[worst]!;
  const want = ref.values[worst]!;
  const tolerance = factor * ref.magnitude[worst]! + FLOAT32_MIN_NORMAL;
  return {
    ok: false,
    maxAbsError,
    detail:
      `${bad} of ${out.length} values outside the tolerance (${rule}); worst: ${label(op, size, worst)} = ${got} ` +
      `but the reference is ${want} (|error| ${Math.abs(got - want).toExponential(2)} > ${tolerance.toExponential(2)})`,
  };
}

function label(op: KernelOperation, size: number, i: number): string {
  if (op === 'reduce-sum') return 'the sum';
  if (op === 'matmul') return `C[${Math.floor(i / size)}][${i % size}]`;
  return `out[${i}]`;
}
