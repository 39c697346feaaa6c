import { lazyRunner } from '../runners/lazy.ts';
import type { Runner } from '../runners/types.ts';

/**
 * The runners a page offers. Each backend's code (kernels, onnxruntime-web and its wasm) loads only
 * when a spec first asks for it. `assetsBase` is where the build put models and ORT's files.
 */
export function browserRunners(assetsBase: string): Runner[] {
  const onnx = (target: 'browser-wasm' | 'browser-wasm-threads' | 'browser-onnx-webgpu') =>
    lazyRunner(target, async () => (await import('../runners/onnx-web.ts')).createOnnxWebRunner(target, { assetsBase }));
  return [
    lazyRunner('browser-webgpu', async () => (await import('./webgpu.ts')).browserWebGpuRunner),
    onnx('browser-wasm'),
    onnx('browser-wasm-threads'),
    onnx('browser-onnx-webgpu'),
    lazyRunner('js', async () => (await import('../runners/js.ts')).jsRunner),
  ];
}
