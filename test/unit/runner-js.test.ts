import { describe, expect, it } from 'vitest';
import { kernelInputs, referenceMatmul } from '../../runtime/kernels/index.ts';
import { jsKernel, jsRunner, matmulBlocked, matmulIkj } from '../../runtime/runners/js.ts';
import type { KernelTask, Task } from '../../runtime/spec/task.ts';

const task = (operation: KernelTask['operation'], size: number, variant?: KernelTask['variant']): KernelTask => ({
  kind: 'kernel',
  operation,
  size,
  dtype: 'float32',
  seed: 3,
  ...(variant ? { variant } : {}),
});

const cases: KernelTask[] = [
  task('copy', 1000),
  task('vector-add', 1001),
  task('reduce-sum', 1000003),
  task('matmul', 100, 'naive'),
  task('matmul', 100, 'tiled'),
  task('matmul', 1, 'tiled'),
];

describe('jsRunner', () => {
  for (const t of cases) {
    it(`verifies and runs ${t.operation}${t.variant ? ` (${t.variant})` : ''} of size ${t.size}`, async () => {
      expect(await jsRunner.unsupported(t)).toBeNull();
      const prepared = await jsRunner.prepare(t);
      const v = await prepared.verify();
      expect(v.ok, v.detail).toBe(true);
      expect(v.maxAbsError).toBeLessThan(1e-3);
      expect(await prepared.workload.run(3)).toBeUndefined(); // no device time: wall time is the measure
      expect(prepared.work.items).toBeGreaterThan(0);
      await prepared.dispose();
    });
  }

  it('records the engine without importing Node or the DOM', async () => {
    const prepared = await jsRunner.prepare(task('copy', 10));
    const env = await prepared.environment();
    expect(env.backend).toBe('javascript');
    expect(String(env.engine)).toContain(process.version);
    expect(env.threads).toBe(1);
  });

  it('refuses bad tasks and bad iteration counts with the reason', async () => {
    const inference: Task = { kind: 'inference', model: 'mlp', batch: 1, dtype: 'float32', seed: 1 };
    expect(await jsRunner.unsupported(inference)).toMatch(/computes kernels/);
    await expect(jsRunner.prepare(task('vector-add', -5))).rejects.toThrow(/js runner: task.size must be a positive whole number/);
    const prepared = await jsRunner.prepare(task('copy', 10));
    await expect(prepared.workload.run(0)).rejects.toThrow(/positive whole number of iterations, got 0/);
  });

  it('honours an aborted signal before doing any work', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(jsRunner.prepare(task('copy', 10), { signal: controller.signal })).rejects.toThrow();
  });
});

describe('JS matmul loops', () => {
  it('i-k-j and blocked give the same product as the reference, for n not a multiple of the block', () => {
    const n = 70;
    const [a, b] = kernelInputs(task('matmul', n));
    const ref = referenceMatmul(a!, b!, n).values;
    for (const mul of [matmulIkj, (x: Float32Array, y: Float32Array, c: Float32Array, m: number) => matmulBlocked(x, y, c, m, 16)]) {
      const c = new Float32Array(n * n).fill(99); // stale values must be overwritten
      mul(a!, b!, c, n);
      let worst = 0;
      for (let i = 0; i < n * n; i++) worst = Math.max(worst, Math.abs(c[i]! - ref[i]!));
      expect(worst).toBeLessThan(1e-4);
    }
  });

  it('a kernel that is wrong fails verification (the check can fail)', async () => {
    const t = task('vector-add', 50);
    const inputs = kernelInputs(t);
    const out = new Float32Array(50);
    jsKernel(t, inputs, out)();
    expect(out[0]).toBeCloseTo(inputs[0]![0]! + inputs[1]![0]!, 6);
    const { compare, referenceFor } = await import('../../runtime/kernels/index.ts');
    out[49] = out[49]! + 1e-3;
    expect(compare(out, referenceFor(t, inputs), 'vector-add', 50).ok).toBe(false);
  });
});
