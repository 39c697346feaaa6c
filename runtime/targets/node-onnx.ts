import { defineTarget } from './types.ts';

/** onnxruntime-node, on the execution provider the machine has (CPU by default). */
export const nodeOnnxTarget = defineTarget({
  id: 'node-onnx',
  hosts: ['node'],
  kinds: ['inference', 'evaluation'],
  webgpu: false,
  needsIsolation: false,
  asyncIssue: true,
  identifiedBy: ['host', 'backend'],
  label: 'Native ONNX Runtime',
  description: 'ONNX Runtime (onnxruntime-node) on the machine the command line runs on',
});
