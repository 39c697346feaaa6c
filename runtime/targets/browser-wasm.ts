import { defineTarget } from './types.ts';

/** onnxruntime-web's wasm build with one thread. */
export const browserWasmTarget = defineTarget({
  id: 'browser-wasm',
  hosts: ['browser'],
  kinds: ['inference', 'evaluation'],
  webgpu: false,
  needsIsolation: false,
  asyncIssue: 'own-worker',
  identifiedBy: ['user-agent', 'backend'],
  label: 'WASM',
  description: 'ONNX Runtime in WebAssembly, one thread',
  wasmThreads: 'one thread',
  native: 'node-onnx',
});
