import { describe, expect, it } from 'vitest';
import { createNodeOnnxRunner, nodeOnnxRunner } from '../../runtime/node/onnx-node.ts';
import { compareOutput, onnxPreparedTask, onnxTaskProblem, planOnnxModel, rowsToCheck, type OnnxSession } from '../../runtime/runners/onnx.ts';
import { trainedMnist } from '../../runtime/node/mnist-data.ts';
import type { InferenceTask, Task } from '../../runtime/spec/task.ts';

const mlp: InferenceTask = { kind: 'inference', model: 'mlp', layers: [64, 32, 10], batch: 4, dtype: 'float32', seed: 1 };
const matmul: InferenceTask = { kind: 'inference', model: 'matmul', size: 48, batch: 2, dtype: 'float32', seed: 1 };
const mnist: InferenceTask = { kind: 'inference', model: 'mnist-mlp', batch: 32, dtype: 'float32', seed: 1 };

describe('node-onnx runner', () => {
  it('runs, verifies and describes the generated MLP', async () => {
    expect(await nodeOnnxRunner.unsupported(mlp)).toBeNull();
    const p = await nodeOnnxRunner.prepare(mlp);
    try {
      const v = await p.verify();
      expect(v.ok, v.detail).toBe(true);
      expect(v.maxAbsError).toBeLessThan(1e-4);
      expect(v.detail).toMatch(/all 4 output rows within tolerance/);
      await p.workload.run(3);
      expect(p.work).toEqual({ flops: 2 * 4 * (64 * 32 + 32 * 10), bytes: 4 * (4 * 64 + 4 * 10 + 65 * 32 + 33 * 10), items: 4 });
      expect(p.quality).toBeUndefined();
      const env = await p.environment();
      expect(env).toMatchObject({
        backend: 'onnxruntime-node',
        onnxruntimeVersion: '1.30.0',
        executionProvider: 'cpu',
        opset: 17,
        irVersion: 8,
        model: 'mlp 64-32-10',
      });
      expect(env.intraOpThreads).toBeGreaterThanOrEqual(1);
      expect(env.availableExecutionProviders).toContain('cpu');
    } finally {
      await p.dispose();
    }
  });

  it("runs the matmul model on the kernels' inputs and checks it against the float64 product", async () => {
    const p = await nodeOnnxRunner.prepare(matmul);
    try {
      const v = await p.verify();
      expect(v.ok, v.detail).toBe(true);
      expect(v.detail).toMatch(/all 96 output rows/);
      expect(p.work).toEqual({ flops: 2 * 2 * 48 ** 3, bytes: 4 * (2 * 2 * 48 * 48 + 48 * 48), items: 2 * 48 * 48 });
      await p.workload.run(2);
      expect(await p.environment()).toMatchObject({ model: 'matmul 48', inputShape: [2, 48, 48], operators: ['MatMul'] });
    } finally {
      await p.dispose();
    }
  });

  it('classifies held-out MNIST digits as accurately as the JS reference', async () => {
    const p = await nodeOnnxRunner.prepare(mnist);
    try {
      const v = await p.verify();
      expect(v.ok, v.detail).toBe(true);
      await p.workload.run(2);
      const q = await p.quality!();
      expect(q.accuracy).toBeGreaterThanOrEqual(0.9);
      // float32 in ORT vs float64 sums in JS may flip a digit on the boundary, hardly more.
      expect(Math.abs(q.accuracy! - trainedMnist().testAccuracy)).toBeLessThanOrEqual(0.002);
      const env = await p.environment();
      expect(env).toMatchObject({ model: 'mnist-mlp 784-64-10', inputShape: [32, 784], mnist: { from: 'trained in this process' } });
    } finally {
      await p.dispose();
    }
  }, 60_000);

  it('refuses to run after dispose()', async () => {
    const p = await nodeOnnxRunner.prepare(mlp);
    await p.dispose();
    await expect(p.workload.run(1)).rejects.toThrow(/after dispose\(\)/);
  });

  it('says why it cannot take a task', async () => {
    const kernel: Task = { kind: 'kernel', operation: 'matmul', size: 8, dtype: 'float32', seed: 1 };
    expect(await nodeOnnxRunner.unsupported(kernel)).toMatch(/task.kind is 'kernel': ONNX runners run models/);
    expect(await nodeOnnxRunner.unsupported({ ...mlp, layers: undefined })).toMatch(/task.layers is missing/);
    expect(await nodeOnnxRunner.unsupported({ ...mlp, layers: [64, 0] })).toMatch(/task.layers\[1\] must be a whole number >= 1, got 0/);
    expect(await nodeOnnxRunner.unsupported({ ...matmul, size: 5000 })).toMatch(/at most 4096/);
    expect(await nodeOnnxRunner.unsupported({ ...mnist, layers: [784, 10] })).toMatch(/do not apply to mnist-mlp/);
    expect(await nodeOnnxRunner.unsupported({ ...mlp, batch: 0 })).toMatch(/task.batch must be a whole number >= 1, got 0/);
    await expect(nodeOnnxRunner.prepare(kernel)).rejects.toThrow(/node-onnx: task.kind is 'kernel'/);
    const tpu = createNodeOnnxRunner({ executionProvider: 'tpu' });
    expect(await tpu.unsupported(mlp)).toMatch(/no 'tpu' execution provider; it offers cpu, /);
  });

  it('reads mnist-mlp from an assets folder only when it is there, saying what to do otherwise', async () => {
    const runner = createNodeOnnxRunner({ assetsDir: '/nonexistent/models' });
    await expect(runner.prepare(mnist)).rejects.toThrow(/manifest.json: cannot read it .*run writeModelAssets first/);
  });
});

describe('verification of an ONNX output', () => {
  it('fails a session that gets the answer slightly wrong', async () => {
    const plan = planOnnxModel(mlp);
    const exact = plan.reference(rowsToCheck(plan));
    const good = Float32Array.from(exact.values);
    expect(compareOutput(plan, good, rowsToCheck(plan)).ok).toBe(true);
    const bad = good.slice();
    bad[13]! += 1e-3;
    const verdict = compareOutput(plan, bad, rowsToCheck(plan));
    expect(verdict.ok).toBe(false);
    expect(verdict.detail).toMatch(/1 values of all 4 output rows outside the tolerance.*worst: output\[1\]\[3\]/);
    expect(compareOutput(plan, good.subarray(1), rowsToCheck(plan)).detail).toMatch(
      /the output has 39 values; mlp 64-32-10 with batch 4 should give 40/,
    );
  });

  it('reports NaN as an infinite error', () => {
    const plan = planOnnxModel(mlp);
    const out = Float32Array.from(plan.reference(rowsToCheck(plan)).values);
    out[0] = Number.NaN;
    const verdict = compareOutput(plan, out, rowsToCheck(plan));
    expect(verdict).toMatchObject({ ok: false, maxAbsError: Infinity });
  });

  it('checks an even spread of rows when the whole output would cost too much to recompute', () => {
    const rows = rowsToCheck({ outputRows: 4096, referenceCostPerRow: 4096 * 4096 });
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.length).toBeLessThan(4096);
    expect(rows[0]).toBe(0);
    expect(rows.at(-1)).toBe(4095);
  });

  it('runs a prepared task on any session, and verify() catches a wrong one', async () => {
    const plan = planOnnxModel(mlp);
    let runs = 0;
    const wrong: OnnxSession<Float32Array> = {
      feed: (input) => input,
      run: async () => {
        runs++;
        return new Float32Array(plan.outputRows * plan.outputWidth); // all zeros
      },
      release: async () => {},
    };
    const p = onnxPreparedTask(plan, wrong, async () => ({}));
    await p.workload.run(5);
    expect(runs).toBe(5);
    expect((await p.verify()).ok).toBe(false);
    expect(runs).toBe(5); // it checked the output of the run just done, without running again
  });

  it('gives the same task the same input and model, and another seed other ones', () => {
    expect(planOnnxModel(mlp).input).toEqual(planOnnxModel(mlp).input);
    expect(planOnnxModel({ ...mlp, seed: 2 }).bytes).not.toEqual(planOnnxModel(mlp).bytes);
    expect(onnxTaskProblem(mlp)).toBeNull();
  });
});
