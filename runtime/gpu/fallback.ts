/**
 * The one rule for "this WebGPU adapter is a CPU fallback" (software: its timings describe the
 * processor, not a graphics card). The probe, the runners, the terminal and the results wall all ask it.
 */

/**
 * Software rasterisers that implement WebGPU (through Vulkan or D3D12) on the CPU, by the names they
 * report: Chromium's SwiftShader, Mesa's llvmpipe, lavapipe (Mesa's Vulkan on llvmpipe) and softpipe,
 * and Microsoft's WARP (its adapter reads "Microsoft Basic Render Driver"). Whole words only, so a name
 * that merely contains one ("warped") is not taken for it.
 */
export const SOFTWARE_ADAPTER_NAMES = /\b(?:swiftshader|llvmpipe|lavapipe|softpipe|warp)\b|\bbasic render driver\b/i;

/** What the rule reads: the adapter's own flag and the names it gives (GPUAdapterInfo or a recorded copy of it). */
export interface FallbackEvidence {
  /** GPUAdapterInfo.isFallbackAdapter (or the older GPUAdapter.isFallbackAdapter); undefined where the implementation has neither. */
  isFallbackAdapter?: boolean | undefined;
  vendor?: string | undefined;
  architecture?: string | undefined;
  device?: string | undefined;
  description?: string | undefined;
}

/**
 * True when the implementation says the adapter is a fallback one, or when the adapter names a known
 * software rasteriser, whatever its flag says: SwiftShader runs on the CPU even where an
 * implementation (or an old record) leaves the flag false or out. Otherwise false: a hardware
 * adapter, or one nothing marks as software.
 */
export function isCpuFallbackAdapter(adapter: FallbackEvidence): boolean {
  if (adapter.isFallbackAdapter === true) return true;
  const names = [adapter.vendor, adapter.architecture, adapter.device, adapter.description].filter((s) => typeof s === 'string').join(' ');
  return SOFTWARE_ADAPTER_NAMES.test(names);
}
