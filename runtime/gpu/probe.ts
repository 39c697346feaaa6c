import type { AdapterSummary } from './adapter.ts';

/**
 * What the browser offers for benchmarking: WebGPU adapter (or why there is none), isolation, timer.
 * Filled by runtime/browser/webgpu-probe.ts; a plain type here so the core (the terminal) can print
 * it without importing browser code.
 */
export interface BrowserProbe {
  webgpu: { available: true; adapter: AdapterSummary } | { available: false; reason: string };
  crossOriginIsolated: boolean;
  secureContext: boolean;
  /** Smallest observed step of performance.now(), in milliseconds. */
  timerResolutionMs: number;
  userAgent: string;
}
