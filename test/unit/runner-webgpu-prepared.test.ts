/**
 * The WebGPU runner's kept device and pipelines, with a fake GPU (test/unit/fixtures/fake-gpu.ts):
 * what a prestart makes ready, what a run's setup still does, and what the record says about each.
 * The kernels themselves run on dawn.node in runner-webgpu-node.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createWebGpuRunner, describeStep, type PreparedRecord } from '../../runtime/runners/webgpu.ts';
import type { KernelTask } from '../../runtime/spec/task.ts';
import { fakeGpu } from './fixtures/fake-gpu.ts';

const matmul = (size: number, variant: 'naive' | 'tiled' = 'tiled'): KernelTask => ({
  kind: 'kernel',
  operation: 'matmul',
  size,
  dtype: 'float32',
  seed: 1,
  variant,
});
const settle = () => new Promise((r) => setTimeout(r, 0));

function setup(limits: Parameters<typeof fakeGpu>[0] = {}) {
  const fake = fakeGpu(limits);
  const runner = createWebGpuRunner(
    'browser-webgpu',
    async () => fake.gpu,
    (what) => `missing ${what}`,
  );
  const prepared = async (task: KernelTask) => {
    const p = await runner.prepare(task);
    const record = (await p.environment()).prepared as PreparedRecord;
    return { p, record };
  };
  return { fake, runner, prepared };
}

describe('WebGPU runner: what is prepared ahead, and what the record says', () => {
  it('after a prestart, the run creates no device and compiles nothing, and its record says both were ready before it', async () => {
    const { fake, runner, prepared } = setup();
    expect(await runner.prestart(matmul(64))).toBeNull();
    expect(fake.devices).toHaveLength(1);
    expect(fake.devices[0]!.pipelines).toHaveLength(1);
    expect(fake.devices[0]!.buffers.created).toBe(0); // a prestart uploads and dispatches nothing
    // Another n with the same kernel (vec4 tiled): the very pipeline compiled ahead.
    const { p, record } = await prepared(matmul(128));
    expect(fake.devices).toHaveLength(1);
    expect(fake.devices[0]!.pipelines).toHaveLength(1);
    expect(record.device).toMatchObject({ by: 'prestart', inThisSetup: false });
    expect(record.pipelines).toEqual([expect.objectContaining({ label: 'matmul-tiled.wgsl', by: 'prestart', inThisSetup: false })]);
    expect(record.note).toMatch(/^Device created before this run, when the cell came into view \(\d+ ms; not in this run's setup time\)\. /);
    expect(record.note).toMatch(/Pipeline matmul-tiled\.wgsl compiled before this run, when the cell came into view/);
    expect(record.note).toMatch(/Nothing is dispatched ahead/);
    await p.dispose();
  });

  it('without a prestart, the run creates the device and compiles in its own setup, and says so', async () => {
    const { fake, prepared } = setup();
    const { p, record } = await prepared(matmul(64));
    expect(record.device).toMatchObject({ by: 'run', inThisSetup: true });
    expect(record.pipelines[0]).toMatchObject({ by: 'run', inThisSetup: true });
    expect(record.note).toMatch(/^Device created in this run's setup \(\d+ ms, part of its setup time\)/);
    expect(fake.devices[0]!.pipelines).toHaveLength(1);
    await p.dispose();
  });

  it('a second run of the same kernel reuses the device and compiles nothing; another kernel compiles its own', async () => {
    const { fake, prepared } = setup();
    await (await prepared(matmul(64))).p.dispose();
    const second = await prepared(matmul(64));
    expect(fake.devices).toHaveLength(1);
    expect(fake.devices[0]!.pipelines).toHaveLength(1);
    expect(second.record.device).toMatchObject({ by: 'run', inThisSetup: false });
    expect(second.record.pipelines[0]).toMatchObject({ by: 'run', inThisSetup: false });
    expect(second.record.note).toMatch(/Pipeline matmul-tiled\.wgsl compiled by an earlier run on this page or process \(\d+ ms then\) and reused/);
    await second.p.dispose();
    // n not a multiple of 4: scalar loads, another program; the naive kernel, another again.
    await (await prepared(matmul(130))).p.dispose();
    const naive = await prepared(matmul(64, 'naive'));
    expect(naive.record.pipelines[0]).toMatchObject({ label: 'matmul-naive.wgsl', by: 'run', inThisSetup: true });
    expect(fake.devices[0]!.pipelines).toHaveLength(3);
    await naive.p.dispose();
  });

  it("dispose frees the task's buffers and its error listener but keeps the device", async () => {
    const { fake, prepared } = setup();
    const { p } = await prepared(matmul(64));
    const d = fake.devices[0]!;
    expect(d.listeners).toBe(1);
    await p.dispose();
    expect(d.buffers.destroyed).toBe(d.buffers.created);
    expect(d.listeners).toBe(0);
    expect(d.destroyed).toBe(false);
  });

  it('a lost device fails the run that held it; the next run gets a new device and its record says the old one was lost', async () => {
    const { fake, prepared } = setup();
    const { p } = await prepared(matmul(64));
    fake.devices[0]!.lose('unknown' as GPUDeviceLostReason, 'watchdog');
    await settle();
    await expect(p.workload.run(1)).rejects.toThrow(/the WebGPU device was lost \(unknown: watchdog\)\..*The next run gets a new device/);
    await p.dispose();
    const next = await prepared(matmul(64));
    expect(fake.devices).toHaveLength(2);
    expect(next.record.device).toMatchObject({ by: 'run', inThisSetup: true, replacedLost: 'unknown: watchdog' });
    expect(next.record.pipelines[0]).toMatchObject({ inThisSetup: true }); // pipelines die with their device
    expect(next.record.note).toMatch(/It replaced a device that was lost \(unknown: watchdog\)\./);
    await next.p.dispose();
  });

  it('a prestart never throws: it says why nothing was prepared', async () => {
    const none = createWebGpuRunner(
      'browser-webgpu',
      async () => undefined,
      (what) => `missing ${what}`,
    );
    expect(await none.prestart(matmul(64))).toBe('browser-webgpu runner: missing gpu');
    const { runner, fake } = setup({ maxStorageBufferBindingSize: 128 * 2 ** 20 });
    expect(await runner.prestart({ ...matmul(64), size: 0 })).toMatch(/task.size/);
    expect(await runner.prestart(matmul(8192))).toMatch(/needs a 256 MiB buffer, but this WebGPU adapter allows at most 128 MiB/);
    fake.brokenMarker = 'fn';
    expect(await runner.prestart(matmul(64))).toMatch(/matmul-tiled\.wgsl:1:1: bad token/);
  });

  it("describes each step by who did it and whether it counts in this run's setup", () => {
    expect(describeStep('created', { by: 'prestart', ms: 812.4, inThisSetup: false })).toBe(
      "created before this run, when the cell came into view (812 ms; not in this run's setup time)",
    );
    expect(describeStep('compiled', { by: 'run', ms: 40, inThisSetup: true })).toBe("compiled in this run's setup (40 ms, part of its setup time)");
    // A prestart that the run had to wait for is still done by the prestart, but it is not in this run's setup.
    expect(describeStep('compiled', { by: 'run', ms: 40, inThisSetup: false })).toBe(
      'compiled by an earlier run on this page or process (40 ms then) and reused',
    );
  });
});
