/// <reference types="@webgpu/types" />
import { describe, expect, it } from 'vitest';
import { askAdapter, exerciseWithoutGpuText, missingWebGpuText, NO_ADAPTER_NOTE, runnableWithoutGpu } from '../../src/cell/fallback-gpu.ts';
import { PAGE_WEBGPU_TARGETS } from '../../src/cell/targets.ts';

// What a page finds before the first Run (src/cell/fallback-gpu.ts): an adapter, a CPU one, or none and why.
const gpuGiving = (adapter: unknown): GPU => ({ requestAdapter: async () => adapter }) as unknown as GPU;

describe('askAdapter', () => {
  it('finds an adapter, and says when it is a CPU fallback', async () => {
    expect(await askAdapter({ isSecureContext: true, navigator: { gpu: gpuGiving({ info: { isFallbackAdapter: true } }) } })).toEqual({
      kind: 'adapter',
      fallback: true,
    });
    expect(await askAdapter({ isSecureContext: true, navigator: { gpu: gpuGiving({ info: {} }) } })).toEqual({ kind: 'adapter', fallback: false });
    // The one rule (runtime/gpu/fallback.ts): a software rasteriser's name counts, whatever the flag says.
    expect(
      await askAdapter({ isSecureContext: true, navigator: { gpu: gpuGiving({ info: { vendor: 'google', architecture: 'swiftshader' } }) } }),
    ).toEqual({
      kind: 'adapter',
      fallback: true,
    });
    expect(
      await askAdapter({ isSecureContext: true, navigator: { gpu: gpuGiving({ info: { vendor: 'nvidia', architecture: 'ampere' } }) } }),
    ).toEqual({
      kind: 'adapter',
      fallback: false,
    });
  });

  it('has none when requestAdapter gives null (Chromium without flags on a machine with no usable GPU)', async () => {
    expect(await askAdapter({ isSecureContext: true, navigator: { gpu: gpuGiving(null) } })).toEqual({ kind: 'none', why: 'no-adapter' });
  });

  it('has none, and why, without navigator.gpu, on an insecure page, or when asking throws', async () => {
    expect(await askAdapter({ isSecureContext: true, navigator: {} })).toEqual({ kind: 'none', why: 'no-api' });
    expect(await askAdapter({ isSecureContext: false, navigator: { gpu: gpuGiving({}) } })).toEqual({ kind: 'none', why: 'insecure' });
    const throwing = { requestAdapter: async () => Promise.reject(new Error('GPU process crashed')) } as unknown as GPU;
    expect(await askAdapter({ isSecureContext: true, navigator: { gpu: throwing } })).toEqual({
      kind: 'none',
      why: 'error',
      detail: 'GPU process crashed',
    });
  });
});

describe('the fallback', () => {
  it('keeps every target that needs no WebGPU, in the cell’s order, and drops the WebGPU ones', () => {
    expect(PAGE_WEBGPU_TARGETS).toContain('browser-webgpu');
    expect(runnableWithoutGpu(['browser-webgpu', 'js', 'browser-wasm'])).toEqual(['js', 'browser-wasm']);
    expect(runnableWithoutGpu(['browser-webgpu'])).toEqual([]);
  });

  it('explains in a learner’s words, without browser flags, what is missing and what still works', () => {
    for (const why of ['insecure', 'no-api', 'no-adapter', 'error'] as const) {
      const text = missingWebGpuText({ kind: 'none', why });
      expect(text).toMatch(/^WebGPU is not available here\./);
      expect(text).toContain('plain JavaScript');
      expect(text).toContain('warm-up');
      expect(text).not.toMatch(/--enable|flag|did not finish/);
      expect(exerciseWithoutGpuText({ kind: 'none', why })).toContain('without using an attempt');
    }
    expect(missingWebGpuText({ kind: 'none', why: 'no-adapter' })).toContain('no graphics processor');
    expect(NO_ADAPTER_NOTE).toContain('no WebGPU adapter');
  });
});
