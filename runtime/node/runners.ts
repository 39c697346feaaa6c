import { lazyRunner } from '../runners/lazy.ts';
import type { Runner } from '../runners/types.ts';
import { jsTarget } from '../targets/js.ts';
import { nodeOnnxTarget } from '../targets/node-onnx.ts';
import { nodeWebGpuTarget } from '../targets/node-webgpu.ts';

/**
 * The runners the command line (and later the agent) offers: native backends, loaded on first use.
 * WORKBOOK_ONNX_EP picks onnxruntime-node's execution provider (default cpu; cuda once installed).
 */
export function nodeRunners(env: Record<string, string | undefined> = process.env): Runner[] {
  const executionProvider = env.WORKBOOK_ONNX_EP || 'cpu';
  return [
    lazyRunner(jsTarget.id, async () => (await import('../runners/js.ts')).jsRunner),
    lazyRunner(nodeWebGpuTarget.id, async () => (await import('./webgpu.ts')).nodeWebGpuRunner),
    lazyRunner(nodeOnnxTarget.id, async () => (await import('./onnx-node.ts')).createNodeOnnxRunner({ executionProvider })),
  ];
}
