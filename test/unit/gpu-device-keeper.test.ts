import { describe, expect, it } from 'vitest';
import { DeviceKeeper } from '../../runtime/gpu/index.ts';
import { fakeGpu, type FakeGpu } from './fixtures/fake-gpu.ts';

const opener = (fake: FakeGpu) => async () => {
  const adapter = (await fake.gpu.requestAdapter())!;
  return { adapter, device: await adapter.requestDevice() };
};
/** Lets the device's `lost` handlers run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('DeviceKeeper: one device across runs, a new one after a loss', () => {
  it('creates the device once and hands the same one (with its pipelines) to every later caller', async () => {
    const fake = fakeGpu();
    const keeper = new DeviceKeeper(opener(fake));
    expect(keeper.ready).toBeUndefined();
    const first = await keeper.acquire('prestart');
    const second = await keeper.acquire('run');
    expect(first.createdNow).toBe(true);
    expect(second.createdNow).toBe(false);
    expect(second.kept).toBe(first.kept);
    expect(second.kept.createdBy).toBe('prestart');
    expect(second.kept.pipelines.device).toBe(first.kept.device);
    expect(fake.devices).toHaveLength(1);
    expect(fake.adapters).toBe(1);
    expect(keeper.ready).toBe(first.kept);
  });

  it('shares one creation between callers that ask at once', async () => {
    const fake = fakeGpu();
    const keeper = new DeviceKeeper(opener(fake));
    const [a, b] = await Promise.all([keeper.acquire('prestart'), keeper.acquire('run')]);
    expect(a.kept).toBe(b.kept);
    expect(fake.devices).toHaveLength(1);
  });

  it('replaces a lost device with a new one from a new adapter, and says why the old one went', async () => {
    const fake = fakeGpu();
    const keeper = new DeviceKeeper(opener(fake));
    const first = await keeper.acquire('run');
    await first.kept.pipelines.get({ label: 'k.wgsl', code: 'k' }, 'run');
    fake.devices[0]!.lose('unknown' as GPUDeviceLostReason, 'GPU process crashed ');
    await settle();
    expect(keeper.ready).toBeUndefined();
    expect(first.kept.lost).toBe('unknown: GPU process crashed');
    const next = await keeper.acquire('run');
    expect(next.createdNow).toBe(true);
    expect(next.kept.device).not.toBe(first.kept.device);
    expect(next.kept.replacedLost).toBe('unknown: GPU process crashed');
    // The pipelines of the lost device are gone with it: the new device compiles its own.
    expect(next.kept.pipelines.size).toBe(0);
    expect(fake.adapters).toBe(2); // an adapter gives one device: a new device needs a new adapter
    // Only the first device after a loss carries the note.
    expect((await keeper.acquire('run')).kept.replacedLost).toBe('unknown: GPU process crashed');
    expect(fake.devices).toHaveLength(2);
  });

  it('treats a device destroyed behind its back as lost too', async () => {
    const fake = fakeGpu();
    const keeper = new DeviceKeeper(opener(fake));
    const first = await keeper.acquire('run');
    first.kept.device.destroy();
    await settle();
    const next = await keeper.acquire('prestart');
    expect(next.kept).not.toBe(first.kept);
    expect(next.kept.replacedLost).toBe('destroyed');
  });

  it('keeps no failed creation: the error reaches the caller and the next call tries again', async () => {
    let fail = true;
    const fake = fakeGpu();
    const open = opener(fake);
    const keeper = new DeviceKeeper(async () => {
      if (fail) throw new Error('no adapter here');
      return open();
    });
    await expect(keeper.acquire('prestart')).rejects.toThrow('no adapter here');
    fail = false;
    const next = await keeper.acquire('run');
    expect(next.createdNow).toBe(true);
    expect(next.kept.createdBy).toBe('run');
  });

  it('records the creation time by the clock it was given', async () => {
    let now = 0;
    const keeper = new DeviceKeeper(opener(fakeGpu()), () => (now += 250));
    expect((await keeper.acquire('prestart')).kept.createMs).toBe(250);
  });
});
