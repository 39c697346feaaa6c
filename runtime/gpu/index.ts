/**
 * The WebGPU helpers the runners and the exercises share: compile a compute pipeline with readable
 * WGSL errors, describe an adapter, and the one rule for a CPU fallback adapter. Core code: it sees
 * only the WebGPU API (@webgpu/types), never the DOM or Node.
 */
export { adapterIdentity, COMPUTE_LIMITS, describeAdapter, type AdapterIdentity, type AdapterSummary, type LimitName } from './adapter.ts';
export { isCpuFallbackAdapter, SOFTWARE_ADAPTER_NAMES, type FallbackEvidence } from './fallback.ts';
export { compileComputePipeline, formatWgslErrors, WgslError } from './pipeline.ts';
export type { BrowserProbe } from './probe.ts';
