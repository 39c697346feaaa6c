// The device check's first look (docs/device-check.md): which WebGPU adapters dawn.node finds on this
// machine's Vulkan drivers, and which energy counters the workbook's probe can read here.
// usage: node scripts/device-probe.ts
import { describeSources, findEnergySources } from '../runtime/node/energy/index.ts';
import { nvidiaGpus } from '../runtime/node/energy/nvidia.ts';
import { describeNodeMissing, getNodeGpu } from '../runtime/node/webgpu.ts';

console.log(`VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? ''} VK_DRIVER_FILES=${process.env.VK_DRIVER_FILES ?? ''}`);
const gpu = await getNodeGpu();
if (!gpu) console.log(`dawn.node: ${describeNodeMissing('gpu')}`);
else {
  const asks: [string, GPURequestAdapterOptions][] = [
    ['default', {}],
    ['high-performance', { powerPreference: 'high-performance' }],
    ['low-power', { powerPreference: 'low-power' }],
    ['fallback', { forceFallbackAdapter: true }],
  ];
  for (const [name, options] of asks) {
    const adapter = await Promise.race([gpu.requestAdapter(options), new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
    if (!adapter) {
      console.log(`adapter (${name}): none${name === 'default' ? ` (${describeNodeMissing('adapter')})` : ''}`);
      continue;
    }
    const i = adapter.info;
    const l = adapter.limits;
    console.log(
      `adapter (${name}): ${JSON.stringify({ vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description, fallback: i.isFallbackAdapter })}`,
    );
    if (name === 'default')
      console.log(
        `  limits: maxBufferSize ${l.maxBufferSize}, maxStorageBufferBindingSize ${l.maxStorageBufferBindingSize}, maxComputeWorkgroupStorageSize ${l.maxComputeWorkgroupStorageSize}, maxComputeInvocationsPerWorkgroup ${l.maxComputeInvocationsPerWorkgroup}; features: ${[...adapter.features].sort().join(', ')}`,
      );
  }
}
console.log(`nvidia-smi boards: ${JSON.stringify(await nvidiaGpus())}`);
const sources = await findEnergySources();
console.log(`energy probe: ${describeSources(sources)}`);
// dawn.node keeps its instance alive; nothing else is pending.
process.exit(0);
