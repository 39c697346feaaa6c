import { describe, expect, it } from 'vitest';
import {
  FLOAT32_UNIT_ROUNDOFF,
  compare,
  copyWgsl,
  grid1d,
  kernelInputs,
  kernelTaskProblem,
  kernelWork,
  matmulNaiveWgsl,
  matmulTiledWgsl,
  reducePassLengths,
  reduceSumWgsl,
  referenceCopy,
  referenceFor,
  referenceMatmul,
  referenceReduceSum,
  referenceVectorAdd,
  toleranceFactor,
  vectorAddWgsl,
  REDUCE_VALUES_PER_INVOCATION,
} from '../../runtime/kernels/index.ts';
import { MATMUL_TILED, matmulTiledGrid } from '../../runtime/kernels/wgsl.ts';
import type { KernelTask, Task } from '../../runtime/spec/task.ts';

const task = (operation: KernelTask['operation'], size: number, extra: Partial<KernelTask> = {}): KernelTask => ({
  kind: 'kernel',
  operation,
  size,
  dtype: 'float32',
  seed: 7,
  ...extra,
});

describe('CPU references on hand-checked cases', () => {
  it('copy returns the input', () => {
    expect([...referenceCopy([1.5, -2, 0]).values]).toEqual([1.5, -2, 0]);
  });

  it('vector-add rounds each sum to float32, as a float32 device must', () => {
    // 1 + 2^-24 is not a float32: it rounds to 1 (ties to even), while float64 keeps it.
    const r = referenceVectorAdd([1, 2, -0.5], [2 ** -24, 3, 0.25]);
    expect([...r.values]).toEqual([1, 5, -0.25]);
    expect([...r.magnitude]).toEqual([1 + 2 ** -24, 5, 0.75]);
  });

  it('reduce-sum adds in float64 and reports sum |a| as the magnitude', () => {
    const r = referenceReduceSum([1, -2, 3.5, 2 ** -30]);
    expect(r.values[0]).toBe(2.5 + 2 ** -30);
    expect(r.magnitude[0]).toBe(6.5 + 2 ** -30);
  });

  it('matmul multiplies a 2 x 2 and a 3 x 3 example', () => {
    // [1 2; 3 4] x [5 6; 7 8] = [19 22; 43 50]
    expect([...referenceMatmul([1, 2, 3, 4], [5, 6, 7, 8], 2).values]).toEqual([19, 22, 43, 50]);
    // A x I = A
    const a = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const identity = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    expect([...referenceMatmul(a, identity, 3).values]).toEqual(a);
    // magnitude of C[0][1] = |row 0 of A| * |column 1 of I| = sqrt(1 + 4 + 9) * 1
    expect(referenceMatmul(a, identity, 3).magnitude[1]).toBeCloseTo(Math.sqrt(14), 12);
  });

  it('refuses matrices of the wrong size instead of reading past them', () => {
    expect(() => referenceMatmul([1, 2, 3], [1, 2, 3, 4], 2)).toThrow(/n\*n = 4/);
    expect(() => referenceVectorAdd([1], [1, 2])).toThrow(/a has 1 values but b has 2/);
  });
});

describe('kernel inputs', () => {
  it('are reproducible from the seed, uniform in [-1, 1), and differ between operands', () => {
    const [a, b] = kernelInputs(task('vector-add', 1000));
    const [a2] = kernelInputs(task('vector-add', 1000));
    expect(a).toEqual(a2);
    expect(a).not.toEqual(b);
    expect(Math.min(...a!)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...a!)).toBeLessThan(1);
    expect(kernelInputs(task('matmul', 5)).map((x) => x.length)).toEqual([25, 25]);
  });
});

describe('compare and the tolerance rules', () => {
  it('accepts an exact copy and rejects a one-ulp change', () => {
    const ref = referenceCopy([0.5, 0.25]);
    expect(compare(Float32Array.of(0.5, 0.25), ref, 'copy', 2).ok).toBe(true);
    const off = compare(Float32Array.of(0.5, 0.25 + 2 ** -25), ref, 'copy', 2);
    expect(off.ok).toBe(false);
    expect(off.detail).toMatch(/out\[1\]/);
  });

  it('accepts a float32 matmul and names the wrong element of a broken one', () => {
    const n = 33;
    const t = task('matmul', n);
    const [a, b] = kernelInputs(t);
    const ref = referenceFor(t, [a!, b!]);
    const c = new Float32Array(ref.values); // float32 rounding of the exact product: well within 2n u
    expect(compare(c, ref, 'matmul', n).ok).toBe(true);
    c[5 * n + 7]! += 0.01;
    const bad = compare(c, ref, 'matmul', n);
    expect(bad.ok).toBe(false);
    expect(bad.detail).toMatch(/C\[5\]\[7\]/);
    expect(bad.maxAbsError).toBeGreaterThan(0.009);
  });

  it('a float32 accumulation of a long dot product stays inside the matmul tolerance', () => {
    const n = 512;
    const t = task('matmul', n);
    const [a, b] = kernelInputs(t);
    const ref = referenceMatmul(a!, b!, n);
    // Row 0 only, accumulated in float32 the way a kernel does (Math.fround after each step).
    const c = new Float32Array(ref.values);
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let k = 0; k < n; k++) acc = Math.fround(acc + Math.fround(a![k]! * b![k * n + j]!));
      c[j] = acc;
    }
    expect(compare(c, ref, 'matmul', n).ok).toBe(true);
  });

  it('fails NaN and wrong lengths with a reason', () => {
    const ref = referenceReduceSum([1, 2]);
    const nan = compare(Float32Array.of(Number.NaN), ref, 'reduce-sum', 2);
    expect(nan.ok).toBe(false);
    expect(nan.maxAbsError).toBe(Infinity);
    const short = compare(new Float32Array(0), ref, 'reduce-sum', 2);
    expect(short.ok).toBe(false);
    expect(short.detail).toMatch(/0 values but reduce-sum of size 2 should give 1/);
  });

  it('reduce tolerance is relative to sum |a| and catches a missing workgroup of values', () => {
    const n = 1000003;
    const t = task('reduce-sum', n);
    const [a] = kernelInputs(t);
    const ref = referenceFor(t, [a!]);
    const good = compare(Float32Array.of(ref.values[0]!), ref, 'reduce-sum', n);
    expect(good.ok).toBe(true);
    let missing = 0;
    for (let i = 0; i < 4096; i++) missing += a![i]!;
    expect(compare(Float32Array.of(ref.values[0]! - missing), ref, 'reduce-sum', n).ok).toBe(false);
    expect(toleranceFactor('reduce-sum', n)).toBe(42);
  });

  it('scales the matmul tolerance with n', () => {
    expect(toleranceFactor('matmul', 100)).toBe(200);
    expect(toleranceFactor('copy', 100)).toBe(0);
    expect(FLOAT32_UNIT_ROUNDOFF).toBe(2 ** -24);
  });
});

/**
 * The rounding depth of the WGSL reduce kernel: for each value, how many non-trivial additions
 * (both sides hold real data; adding the zero padding is exact) lie between it and the result.
 * A model of reduceSumWgsl's tree, pass by pass: registers (pairs j, j + width), then workgroup
 * memory (pairs lid, lid + stride).
 */
function reduceDepth(n: number, wg = 256, vpi = REDUCE_VALUES_PER_INVOCATION): number {
  type Node = { filled: boolean; depth: number };
  const add = (x: Node, y: Node): Node => (x.filled && y.filled ? { filled: true, depth: Math.max(x.depth, y.depth) + 1 } : x.filled ? x : y);
  let values: Node[] = Array.from({ length: n }, () => ({ filled: true, depth: 0 }));
  const empty: Node = { filled: false, depth: 0 };
  do {
    const groups = Math.ceil(values.length / (vpi * wg));
    const next: Node[] = [];
    for (let g = 0; g < groups; g++) {
      const partial: Node[] = [];
      for (let lid = 0; lid < wg; lid++) {
        const v = Array.from({ length: vpi }, (_, j) => values[g * vpi * wg + lid + j * wg] ?? empty);
        for (let width = vpi >> 1; width > 0; width >>= 1) for (let j = 0; j < width; j++) v[j] = add(v[j]!, v[j + width]!);
        partial.push(v[0]!);
      }
      for (let stride = wg >> 1; stride > 0; stride >>= 1) for (let l = 0; l < stride; l++) partial[l] = add(partial[l]!, partial[l + stride]!);
      next.push(partial[0]!);
    }
    values = next;
  } while (values.length > 1);
  return values[0]!.depth;
}

describe('WGSL sources', () => {
  it('splits a reduction into passes until one value is left', () => {
    expect(reducePassLengths(1000003)).toEqual([245, 1]);
    expect(reducePassLengths(1)).toEqual([1]);
    expect(reducePassLengths(4096)).toEqual([1]);
    expect(reducePassLengths(4097)).toEqual([2, 1]);
    expect(reducePassLengths(2 ** 28)).toEqual([65536, 16, 1]);
  });

  it('the reduce kernel is a tree as shallow as pairwise summation needs, within the tolerance', () => {
    expect(reduceDepth(1)).toBe(0);
    expect(reduceDepth(2)).toBe(1);
    expect(reduceDepth(4096)).toBe(12); // one pass: exactly log2 n
    for (const n of [3, 17, 255, 257, 1000, 4097, 5000, 65537, 1000003]) {
      expect(reduceDepth(n), `n = ${n}`).toBeLessThanOrEqual(toleranceFactor('reduce-sum', n));
    }
  });

  it('lays a large 1-D dispatch out on two dimensions under the per-dimension cap', () => {
    expect(grid1d(100)).toEqual([100, 1]);
    const [x, y] = grid1d(1_000_000);
    expect(x).toBeLessThanOrEqual(65535);
    expect(x * y).toBeGreaterThanOrEqual(1_000_000);
    expect(() => grid1d(0)).toThrow(/positive whole number/);
  });

  it('bakes the workgroup shape into the source and refuses shapes that cannot work', () => {
    expect(copyWgsl(128)).toContain('const WG = 128u;');
    expect(vectorAddWgsl()).toContain('c[i] = a[i] + b[i];');
    expect(reduceSumWgsl(64)).toContain('const WG = 64u;');
    expect(matmulNaiveWgsl(8)).toContain('const T = 8u;');
    expect(matmulTiledWgsl()).toContain('var<workgroup> tileA');
    expect(matmulNaiveWgsl()).not.toContain('var<workgroup>');
    expect(() => reduceSumWgsl(100)).toThrow(/power of two/);
    expect(() => matmulNaiveWgsl(64)).toThrow(/tile side/);
  });
});

describe('the tiled matmul kernel', () => {
  const bytesOfWorkgroupMemory = () => {
    const { block, kStep } = MATMUL_TILED;
    return (block * kStep + kStep * block) * 4; // tileA and tileB, float32
  };

  it('has a shape that adds up and fits the limits every WebGPU adapter guarantees', () => {
    const { workgroup, rows, vec4Columns, block } = MATMUL_TILED;
    expect(workgroup * rows).toBe(block);
    expect(workgroup * 4 * vec4Columns).toBe(block);
    expect(workgroup * workgroup).toBeLessThanOrEqual(256); // maxComputeInvocationsPerWorkgroup default
    expect(bytesOfWorkgroupMemory()).toBeLessThanOrEqual(16384); // maxComputeWorkgroupStorageSize default
    // Each invocation stages whole loads: the tile loops have no ragged last round.
    expect(((block * MATMUL_TILED.kStep) / 4) % (workgroup * workgroup)).toBe(0);
  });

  it('bakes the shape into the source: 8 x 8 invocations, 64 x 64 blocks, K step 16', () => {
    const code = matmulTiledWgsl();
    expect(code).toContain('const W = 8u;');
    expect(code).toContain('const BLOCK = 64u;');
    expect(code).toContain('const K = 16u;');
    expect(code).toContain('@workgroup_size(W, W)');
    expect(code.match(/workgroupBarrier\(\)/g)).toHaveLength(2);
  });

  it('accumulates its 8 x 8 block with constant indices only, so acc stays in registers', () => {
    const code = matmulTiledWgsl({ vec4: true });
    const updates = code.match(/acc\[(\d+)\] \+= a(\d) \* b(\d);/g) ?? [];
    expect(updates).toHaveLength(MATMUL_TILED.rows * MATMUL_TILED.vec4Columns);
    // Every (row, column group) pair once: acc[2i + v] += ai * bv.
    const pairs = updates.map((u) =>
      u
        .match(/acc\[(\d+)\] \+= a(\d) \* b(\d)/)!
        .slice(1)
        .map(Number),
    );
    for (const [q, i, v] of pairs) expect(q).toBe(i! * MATMUL_TILED.vec4Columns + v!);
    expect(new Set(pairs.map(([q]) => q)).size).toBe(updates.length);
    expect(code).not.toMatch(/acc\[[a-z]/); // no loop variable as an index
    expect(code.match(/writeC\(/g)).toHaveLength(updates.length + 1); // 16 stores and the definition
  });

  it('binds vec4 arrays only when asked (n a multiple of 4), and guards each column otherwise', () => {
    const wide = matmulTiledWgsl({ vec4: true });
    expect(wide).toContain('var<storage, read> A: array<vec4f>;');
    expect(wide).toContain('var<storage, read_write> C: array<vec4f>;');
    const scalar = matmulTiledWgsl();
    expect(scalar).toContain('var<storage, read> A: array<f32>;');
    expect(scalar).toContain('if (c + 3u < n) { C[i + 3u] = value.w; }');
    expect(scalar).not.toContain('vec4f>;\n@group');
  });

  it('refuses options it does not know how to use', () => {
    expect(() => matmulTiledWgsl(16 as unknown as { vec4: boolean })).toThrow(/expected options such as \{ vec4: true \}/);
    expect(() => matmulTiledWgsl({ vec4: 'yes' as unknown as boolean })).toThrow(/options.vec4 must be true or false/);
  });

  it('covers n x n with one workgroup per 64 x 64 block, any n', () => {
    expect(matmulTiledGrid(1)).toEqual([1, 1]);
    expect(matmulTiledGrid(64)).toEqual([1, 1]);
    expect(matmulTiledGrid(65)).toEqual([2, 2]);
    expect(matmulTiledGrid(1000)).toEqual([16, 16]);
    expect(() => matmulTiledGrid(0)).toThrow(/positive whole number/);
  });
});

describe('kernel tasks and their work', () => {
  it('counts flops and the minimum bytes per iteration', () => {
    expect(kernelWork(task('matmul', 256))).toEqual({ flops: 2 * 256 ** 3, bytes: 3 * 256 * 256 * 4, items: 256 * 256 });
    expect(kernelWork(task('vector-add', 1000))).toEqual({ flops: 1000, bytes: 12000, items: 1000 });
    expect(kernelWork(task('copy', 1000))).toEqual({ bytes: 8000, items: 1000 });
    expect(kernelWork(task('reduce-sum', 1000))).toEqual({ flops: 1000, bytes: 4000, items: 1000 });
  });

  it('says which field is wrong', () => {
    expect(kernelTaskProblem(task('copy', 10))).toBeNull();
    expect(kernelTaskProblem(task('copy', 0))).toMatch(/task.size must be a positive whole number/);
    expect(kernelTaskProblem(task('copy', 1.5))).toMatch(/task.size/);
    expect(kernelTaskProblem(task('copy', 10, { variant: 'tiled' }))).toMatch(/only applies to matmul/);
    expect(kernelTaskProblem(task('matmul', 10, { variant: 'fast' as 'tiled' }))).toMatch(/not a matmul variant/);
    expect(kernelTaskProblem(task('matmul', 100000))).toMatch(/too large for matmul/);
    const inference: Task = { kind: 'inference', model: 'mlp', batch: 1, dtype: 'float32', seed: 1 };
    expect(kernelTaskProblem(inference)).toMatch(/task.kind is 'inference'/);
  });
});

describe('kernel inputs follow the spec generator (task.inputs)', () => {
  it('without a generator, a seed makes the same numbers it always made (records compare by seed)', () => {
    // Pinned values of uniform [-1, 1) from seeds 1 and 2 (operands a and b of seed 1).
    const [a, b] = kernelInputs(task('vector-add', 3, { seed: 1 }));
    expect(Array.from(a!)).toEqual([0.8559801578521729, 0.7971034646034241, -0.9284011125564575]);
    expect(Array.from(b!)).toEqual([-0.9283766746520996, 0.2707083523273468, -0.7069312930107117]);
    const explicit = kernelInputs(task('vector-add', 3, { seed: 1, inputs: { generator: 'uniform', low: -1, high: 1 } }));
    expect(explicit.map((x) => Array.from(x))).toEqual([Array.from(a!), Array.from(b!)]);
  });

  it('uniform [low, high) and normal (mean, sd) reach the numbers', () => {
    const [u] = kernelInputs(task('copy', 20000, { inputs: { generator: 'uniform', low: 0, high: 1 } }));
    expect(Math.min(...u!)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u!)).toBeLessThan(1);
    const [n] = kernelInputs(task('copy', 20000, { inputs: { generator: 'normal', mean: 3, sd: 0.5 } }));
    const mean = n!.reduce((s, x) => s + x, 0) / n!.length;
    const sd = Math.sqrt(n!.reduce((s, x) => s + (x - mean) ** 2, 0) / (n!.length - 1));
    expect(mean).toBeCloseTo(3, 1);
    expect(sd).toBeCloseTo(0.5, 1);
    expect(Math.min(...n!)).toBeLessThan(2); // not uniform in [-1, 1), not clipped
  });

  it.each([
    { generator: 'uniform', low: 0, high: 1 },
    { generator: 'normal', mean: 0, sd: 1 },
    { generator: 'normal', mean: 100, sd: 30 },
    { generator: 'uniform', low: -1000, high: 1000 },
  ] as const)('the CPU references still verify a float32 computation with inputs %o', (inputs) => {
    for (const t of [
      task('vector-add', 4099, { inputs }),
      task('reduce-sum', 100003, { inputs }),
      task('matmul', 33, { variant: 'naive', inputs }),
    ]) {
      const xs = kernelInputs(t);
      const ref = referenceFor(t, xs);
      // A float32 device computation: each sum rounded to float32 in its own order.
      let out: Float32Array;
      if (t.operation === 'vector-add') out = xs[0]!.map((x, i) => x + xs[1]![i]!);
      else if (t.operation === 'reduce-sum') out = Float32Array.of(pairwiseF32(xs[0]!));
      else out = matmulF32(xs[0]!, xs[1]!, t.size);
      expect(compare(out, ref, t.operation, t.size).ok, `${t.operation} ${JSON.stringify(inputs)}`).toBe(true);
    }
  });
});

function pairwiseF32(a: Float32Array): number {
  if (a.length === 1) return a[0]!;
  const half = Math.ceil(a.length / 2);
  return Math.fround(pairwiseF32(a.subarray(0, half)) + (a.length > half ? pairwiseF32(a.subarray(half)) : 0));
}

function matmulF32(a: Float32Array, b: Float32Array, n: number): Float32Array {
  const c = new Float32Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s = Math.fround(s + Math.fround(a[i * n + k]! * b[k * n + j]!));
      c[i * n + j] = s;
    }
  return c;
}
