/// <reference types="@webgpu/types" />
import { loadSpec, resolveSpec } from '../spec/index.ts';
import { createWebGpuRunner, type WebGpuRunner } from '../runners/webgpu.ts';
import { browserWebGpuTarget } from '../targets/browser-webgpu.ts';
import { probeBrowser } from './webgpu-probe.ts';

/**
 * WebGPU in the page. Whether it is there, and why not, is decided by the same probe the page shows
 * at the top of a lesson (runtime/browser/webgpu-probe.ts), so the cell and the probe never disagree.
 * One runner per worker: it keeps one device and its compiled pipelines for every run there.
 */
let lastReason =
  'The browser has WebGPU but gave no adapter: the GPU may be blocklisted or WebGPU switched off (headless Chromium needs --enable-unsafe-webgpu). The WASM cells still work.';

async function getBrowserGpu(): Promise<GPU | undefined> {
  const probe = await probeBrowser(globalThis);
  if (!probe.webgpu.available) {
    lastReason = probe.webgpu.reason;
    return undefined;
  }
  return globalThis.navigator.gpu;
}

export const browserWebGpuRunner: WebGpuRunner = createWebGpuRunner(browserWebGpuTarget.id, getBrowserGpu, () => lastReason, {
  environment: () => ({
    host: 'browser',
    userAgent: globalThis.navigator?.userAgent ?? 'unknown',
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  }),
});

/**
 * Gets a cell's WebGPU run ready before the click: the device, and the pipeline its spec compiles
 * with these parameter values (the cell's current ones). Resolves with why not (the run will say the
 * same), or null; never throws. Nothing is timed or dispatched here: the run records what was ready.
 */
export async function prestartBrowserWebGpu(specText: string, overrides: Record<string, string | number | boolean> = {}): Promise<string | null> {
  try {
    const { spec, diagnostics } = loadSpec(specText);
    if (!spec) return diagnostics.map((d) => `line ${d.line}:${d.column}: ${d.message}`).join('\n') || 'the spec could not be read';
    return await browserWebGpuRunner.prestart(resolveSpec(spec, overrides).task);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
