import { lazyRunner } from '../runners/lazy.ts';
import type { Runner } from '../runners/types.ts';

/** The runners the command line (and later the agent) offers: native backends, loaded on first use. */
export function nodeRunners(): Runner[] {
  return [
    lazyRunner('js', async () => (await import('../runners/js.ts')).jsRunner),
    lazyRunner('node-webgpu', async () => (await import('./webgpu.ts')).nodeWebGpuRunner),
    lazyRunner('node-onnx', async () => (await import('../runners/onnx-node.ts')).nodeOnnxRunner),
  ];
}
