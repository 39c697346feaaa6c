import { defineTarget } from './types.ts';

/** onnxruntime-web's wasm build with a thread pool: needs SharedArrayBuffer, so an isolated page. */
export const browserWasmThreadsTarget = defineTarget({
  id: 'browser-wasm-threads',
  hosts: ['browser'],
  kinds: ['inference', 'evaluation'],
  webgpu: false,
  needsIsolation: true,
  asyncIssue: 'own-worker',
  identifiedBy: ['user-agent', 'threads', 'backend'],
  label: 'WASM threads',
  description: 'ONNX Runtime in WebAssembly with several threads',
  wasmThreads: 'threads',
  native: 'node-onnx',
});
