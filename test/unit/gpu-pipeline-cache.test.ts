import { describe, expect, it } from 'vitest';
import { PipelineCache, pipelineKey, WgslError } from '../../runtime/gpu/index.ts';
import { fakeGpu } from './fixtures/fake-gpu.ts';

async function device() {
  const fake = fakeGpu();
  const adapter = (await fake.gpu.requestAdapter())!;
  await adapter.requestDevice();
  return { fake, d: fake.devices[0]! };
}

const ADD = { label: 'add.wgsl', code: '@compute @workgroup_size(64) fn main() {}' };

describe('PipelineCache: one compile per source, entry point and constants', () => {
  it('gives the same pipeline object for the same source, compiling once', async () => {
    const { d } = await device();
    const cache = new PipelineCache(d.device);
    const first = await cache.get(ADD, 'prestart');
    const second = await cache.get({ ...ADD, label: 'another label, same program' }, 'run');
    expect(second.entry.pipeline).toBe(first.entry.pipeline);
    expect(first.compiledNow).toBe(true);
    expect(second.compiledNow).toBe(false);
    // Who compiled it stays the prestart: the run did not.
    expect(second.entry.compiledBy).toBe('prestart');
    expect(d.pipelines).toHaveLength(1);
    expect(d.shaderModules).toBe(1);
  });

  it('compiles again for other constants, another entry point or other source', async () => {
    const { d } = await device();
    const cache = new PipelineCache(d.device);
    const a = await cache.get({ ...ADD, constants: { TILE: 16 } }, 'run');
    const b = await cache.get({ ...ADD, constants: { TILE: 8 } }, 'run');
    const c = await cache.get({ ...ADD, constants: { TILE: 16 }, entryPoint: 'other' }, 'run');
    const e = await cache.get({ ...ADD, code: `${ADD.code}\n` }, 'run');
    const pipelines = new Set([a, b, c, e].map((x) => x.entry.pipeline));
    expect(pipelines.size).toBe(4);
    expect(d.pipelines).toHaveLength(4);
    expect(d.pipelines[0]!.compute.constants).toEqual({ TILE: 16 });
    expect(d.pipelines[2]!.compute.entryPoint).toBe('other');
    // The order constants are given in does not matter; their values do.
    const again = await cache.get({ ...ADD, constants: { B: 2, A: 1 } }, 'run');
    expect((await cache.get({ ...ADD, constants: { A: 1, B: 2 } }, 'run')).entry.pipeline).toBe(again.entry.pipeline);
    expect(cache.size).toBe(5);
  });

  it('shares one compile between two callers that ask at once', async () => {
    const { d } = await device();
    const cache = new PipelineCache(d.device);
    const [x, y] = await Promise.all([cache.get(ADD, 'prestart'), cache.get(ADD, 'run')]);
    expect(x.entry.pipeline).toBe(y.entry.pipeline);
    expect([x.compiledNow, y.compiledNow]).toEqual([true, false]);
    expect(d.pipelines).toHaveLength(1);
  });

  it('keeps no failed compile: the same WGSL error comes again, and a fixed source compiles', async () => {
    const { fake, d } = await device();
    fake.brokenMarker = 'BROKEN';
    const cache = new PipelineCache(d.device);
    const broken = { label: 'k.wgsl', code: 'BROKEN' };
    await expect(cache.get(broken, 'run')).rejects.toThrow(WgslError);
    await expect(cache.get(broken, 'run')).rejects.toThrow(/k\.wgsl:1:1: bad token/);
    expect(cache.size).toBe(0);
    expect(d.shaderModules).toBe(2);
    fake.brokenMarker = undefined;
    expect((await cache.get(broken, 'run')).compiledNow).toBe(true);
  });

  it('refuses a constant that is not a finite number, naming it (NaN and Infinity would share a key)', () => {
    expect(() => pipelineKey({ ...ADD, constants: { TILE: NaN } })).toThrow(/add\.wgsl: pipeline constant 'TILE' must be a finite number, got NaN/);
    expect(() => pipelineKey({ ...ADD, constants: { TILE: Infinity } })).toThrow(/got Infinity/);
    expect(pipelineKey({ ...ADD, constants: { TILE: 1 } })).not.toBe(pipelineKey({ ...ADD, constants: { TILE: 2 } }));
  });

  it('records how long the compile took by the clock it was given', async () => {
    const { d } = await device();
    let now = 100;
    const cache = new PipelineCache(d.device, () => (now += 7));
    expect((await cache.get(ADD, 'run')).entry.compileMs).toBe(7);
  });
});
