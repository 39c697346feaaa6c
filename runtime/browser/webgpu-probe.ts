/// <reference types="@webgpu/types" />
import { estimateTimerResolution } from '../measure/timer-resolution.ts';

/** What the browser offers for benchmarking: WebGPU adapter (or why there is none), isolation, timer. */
export interface BrowserProbe {
  webgpu:
    | { available: true; adapter: AdapterSummary }
    | { available: false; reason: string };
  crossOriginIsolated: boolean;
  secureContext: boolean;
  /** Smallest observed step of performance.now(), in milliseconds. */
  timerResolutionMs: number;
  userAgent: string;
}

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A software or CPU adapter (SwiftShader, WARP, llvmpipe): timings describe the CPU, not a GPU. */
  isFallbackAdapter: boolean;
  features: string[];
  limits: Record<string, number>;
}

const LIMITS_SHOWN = [
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupStorageSize',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
] as const;

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
      reason: 'This browser does not offer WebGPU (navigator.gpu is missing). Chrome and Edge 113+, Safari 26+ and recent Firefox have it; some need it switched on. The WASM cells still work.',
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
      reason: 'The browser has WebGPU but gave no adapter: the GPU may be blocklisted or WebGPU switched off (headless Chromium needs --enable-unsafe-webgpu). The WASM cells still work.',
    };
  }
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const legacyFallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const limits: Record<string, number> = {};
  for (const name of LIMITS_SHOWN) limits[name] = Number(adapter.limits[name]);
  return {
    available: true,
    adapter: {
      vendor: info.vendor || 'unknown',
      architecture: info.architecture || 'unknown',
      device: info.device || '',
      description: info.description || '',
      isFallbackAdapter: Boolean(info.isFallbackAdapter ?? legacyFallback ?? /swiftshader|llvmpipe|warp/i.test(`${info.architecture} ${info.description}`)),
      features: [...adapter.features].sort(),
      limits,
    },
  };
}
