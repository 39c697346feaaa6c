import { lazyRunner } from '../runners/lazy.ts';
import type { Runner } from '../runners/types.ts';
import { browserOnnxWebGpuTarget } from '../targets/browser-onnx-webgpu.ts';
import { browserWasmThreadsTarget } from '../targets/browser-wasm-threads.ts';
import { browserWasmTarget } from '../targets/browser-wasm.ts';
import { browserWebGpuTarget } from '../targets/browser-webgpu.ts';
import { jsTarget } from '../targets/js.ts';
import type { OnnxWebTarget } from './onnx-web.ts';

/**
 * The runners a page offers. Each backend's code (kernels, onnxruntime-web and its wasm) loads only
 * when a spec first asks for it. `assetsBase` is where the build put models and ORT's files.
 */
export function browserRunners(assetsBase: string): Runner[] {
  const onnx = (target: OnnxWebTarget) => lazyRunner(target, async () => (await import('./onnx-web.ts')).createOnnxWebRunner(target, { assetsBase }));
  return [
    lazyRunner(browserWebGpuTarget.id, async () => (await import('./webgpu.ts')).browserWebGpuRunner),
    onnx(browserWasmTarget.id),
    onnx(browserWasmThreadsTarget.id),
    onnx(browserOnnxWebGpuTarget.id),
    lazyRunner(jsTarget.id, async () => (await import('../runners/js.ts')).jsRunner),
  ];
}
