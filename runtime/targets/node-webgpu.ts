import { defineTarget } from './types.ts';

/** WGSL kernels through dawn.node (the npm package webgpu), on the machine's Vulkan driver. */
export const nodeWebGpuTarget = defineTarget({
  id: 'node-webgpu',
  hosts: ['node'],
  kinds: ['kernel'],
  webgpu: true,
  needsIsolation: false,
  asyncIssue: true,
  identifiedBy: ['adapter', 'host'],
  label: 'Native WebGPU',
  description: 'WGSL kernels on the WebGPU of the machine the command line runs on (dawn.node)',
});
