import type { Target } from '../../runtime/spec/task.ts';

/** How the cell names each target, and what it means, in the picker and the results. */
export const TARGET_LABELS: Partial<Record<Target, { name: string; what: string }>> = {
  'browser-webgpu': { name: 'WebGPU', what: 'WGSL kernels on the GPU the browser gives this page' },
  'browser-wasm': { name: 'WASM', what: 'ONNX Runtime in WebAssembly, one thread' },
  'browser-wasm-threads': { name: 'WASM threads', what: 'ONNX Runtime in WebAssembly with several threads' },
  'browser-onnx-webgpu': { name: 'ONNX WebGPU', what: "ONNX Runtime's WebGPU execution provider" },
  js: { name: 'JS', what: 'plain JavaScript on one CPU core' },
};

/** The targets a page can run: the browser ones and plain JavaScript. */
export const isPageTarget = (t: Target): boolean => t === 'js' || t.startsWith('browser-');
