/// <reference types="@webgpu/types" />
import { isCpuFallbackAdapter } from './fallback.ts';

/** Who the adapter is: the names it gives and whether it is a CPU fallback (runtime/gpu/fallback.ts). */
export interface AdapterIdentity {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A software or CPU adapter (SwiftShader, WARP, llvmpipe): timings describe the CPU, not a GPU. */
  isFallbackAdapter: boolean;
}

/** The identity with what the adapter offers: its features (sorted) and the limits asked for. */
export interface AdapterSummary extends AdapterIdentity {
  features: string[];
  limits: Record<string, number>;
}

/** A numeric limit's name (GPUSupportedLimits without its type brand). */
export type LimitName = Exclude<keyof GPUSupportedLimits, '__brand'>;

/** The adapter limits that matter for compute kernels, recorded with every result. */
export const COMPUTE_LIMITS = [
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxStorageBuffersPerShaderStage',
] as const satisfies readonly LimitName[];

/**
 * The adapter's names, "unknown" for a missing vendor or architecture and "" for a missing device or
 * description, and its fallback verdict. `info` is where current implementations keep the names and
 * the flag; older ones had `isFallbackAdapter` on the adapter itself.
 */
export function adapterIdentity(adapter: GPUAdapter): AdapterIdentity {
  const info = (adapter.info ?? {}) as Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean };
  const legacy = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const identity = {
    vendor: info.vendor || 'unknown',
    architecture: info.architecture || 'unknown',
    device: info.device || '',
    description: info.description || '',
  };
  return { ...identity, isFallbackAdapter: isCpuFallbackAdapter({ ...identity, isFallbackAdapter: info.isFallbackAdapter ?? legacy }) };
}

/** The identity, the adapter's features (sorted) and the named limits (all of COMPUTE_LIMITS unless told). */
export function describeAdapter(adapter: GPUAdapter, limitNames: readonly LimitName[] = COMPUTE_LIMITS): AdapterSummary {
  const limits: Record<string, number> = {};
  for (const name of limitNames) limits[name] = Number(adapter.limits[name]);
  return { ...adapterIdentity(adapter), features: [...adapter.features].sort(), limits };
}
