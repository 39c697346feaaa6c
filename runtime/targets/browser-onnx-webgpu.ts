import { defineTarget } from './types.ts';

/** onnxruntime-web's WebGPU execution provider. */
export const browserOnnxWebGpuTarget = defineTarget({
  id: 'browser-onnx-webgpu',
  hosts: ['browser'],
  kinds: ['inference', 'evaluation'],
  webgpu: true,
  needsIsolation: false,
  asyncIssue: true,
  identifiedBy: ['adapter', 'user-agent', 'backend'],
  label: 'ONNX WebGPU',
  description: "ONNX Runtime's WebGPU execution provider",
  native: 'node-onnx',
});
