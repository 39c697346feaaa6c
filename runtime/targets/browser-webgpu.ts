import { defineTarget } from './types.ts';

/** WGSL kernels on the page's WebGPU adapter. */
export const browserWebGpuTarget = defineTarget({
  id: 'browser-webgpu',
  hosts: ['browser'],
  kinds: ['kernel'],
  webgpu: true,
  needsIsolation: false,
  asyncIssue: true,
  identifiedBy: ['adapter', 'user-agent'],
  label: 'WebGPU',
  description: 'WGSL kernels on the GPU the browser gives this page',
  native: 'node-webgpu',
});
