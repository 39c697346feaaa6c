/// <reference types="@webgpu/types" />
import { describeAdapter, type BrowserProbe, type LimitName } from '../gpu/index.ts';
import { estimateTimerResolution } from '../measure/timer-resolution.ts';

// The probe's types live in the core (runtime/gpu/), so the terminal can print a probe without browser code.
export type { AdapterSummary, BrowserProbe } from '../gpu/index.ts';

const LIMITS_SHOWN = [
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupStorageSize',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
] as const satisfies readonly LimitName[];

export async function probeBrowser(g: typeof globalThis = globalThis): Promise<BrowserProbe> {
  return {
    webgpu: await probeWebGpu(g),
    crossOriginIsolated: g.crossOriginIsolated === true,
    secureContext: g.isSecureContext === true,
    timerResolutionMs: estimateTimerResolution(() => g.performance.now()),
    userAgent: g.navigator?.userAgent ?? 'unknown',
  };
}

async function probeWebGpu(g: typeof globalThis): Promise<BrowserProbe['webgpu']> {
  if (!g.isSecureContext) {
    return { available: false, reason: 'WebGPU needs a secure context: open the workbook over https or on localhost.' };
  }
  const gpu = g.navigator?.gpu;
  if (!gpu) {
    return {
      available: false,
      reason:
        'This browser does not offer WebGPU (navigator.gpu is missing). Chrome and Edge 113+, Safari 26+ and recent Firefox have it; some need it switched on. The WASM cells still work.',
    };
  }
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    return { available: false, reason: `Asking for a WebGPU adapter failed: ${(e as Error).message}` };
  }
  if (!adapter) {
    return {
      available: false,
      reason:
        'The browser has WebGPU but gave no adapter: the GPU may be blocklisted or WebGPU switched off (headless Chromium needs --enable-unsafe-webgpu). The WASM cells still work.',
    };
  }
  return { available: true, adapter: describeAdapter(adapter, LIMITS_SHOWN) };
}
