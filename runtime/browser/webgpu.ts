/// <reference types="@webgpu/types" />
import type { Runner } from '../runners/types.ts';
import { createWebGpuRunner } from '../runners/webgpu.ts';
import { browserWebGpuTarget } from '../targets/browser-webgpu.ts';
import { probeBrowser } from './webgpu-probe.ts';

/**
 * WebGPU in the page. Whether it is there, and why not, is decided by the same probe the page shows
 * at the top of a lesson (runtime/browser/webgpu-probe.ts), so the cell and the probe never disagree.
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

export const browserWebGpuRunner: Runner = createWebGpuRunner(browserWebGpuTarget.id, getBrowserGpu, () => lastReason, {
  environment: () => ({
    host: 'browser',
    userAgent: globalThis.navigator?.userAgent ?? 'unknown',
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  }),
});
