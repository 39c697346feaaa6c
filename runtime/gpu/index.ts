/**
 * The WebGPU helpers the runners and the exercises share: compile a compute pipeline with readable
 * WGSL errors, keep a device and its compiled pipelines across runs, describe an adapter, and the one
 * rule for a CPU fallback adapter. Core code: it sees only the WebGPU API (@webgpu/types), never the DOM or Node.
 */
export { adapterIdentity, COMPUTE_LIMITS, describeAdapter, type AdapterIdentity, type AdapterSummary, type LimitName } from './adapter.ts';
export { DeviceKeeper, type KeptDevice, type OpenedDevice } from './device-keeper.ts';
export { isCpuFallbackAdapter, SOFTWARE_ADAPTER_NAMES, type FallbackEvidence } from './fallback.ts';
export { compileComputePipeline, formatWgslErrors, WgslError } from './pipeline.ts';
export { PipelineCache, pipelineKey, type CachedPipeline, type PipelineRequest, type PreparedBy } from './pipeline-cache.ts';
export type { BrowserProbe } from './probe.ts';
