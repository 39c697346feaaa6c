// What a cell starts before its first Run, once it has come into view and the page is idle: the
// cell's own code (controller, results view, terminal), and the worker with the engine and the
// chosen target's backend (onnxruntime-web's wasm compiled and started; for WebGPU the device and the
// pipeline the cell's current parameters compile). Loaded by <bench-cell>.
import type { Target } from '../../runtime/spec/task.ts';
import { engineClient } from './client.ts';

/** Starts loading; resolves with why the backend was not started ahead (the run will say it too), or null. */
export async function prestartCell(target: Target, specText: string, params: Record<string, string> = {}): Promise<string | null> {
  const code = Promise.all([
    import('./wiring.ts'),
    import('./results/mount.tsx'),
    import('./terminal-pane.ts'),
    import('@xterm/xterm'), // terminal-pane loads these itself, on mount
    import('@xterm/addon-fit'),
  ]);
  const backend = engineClient().prestart(target, specText, undefined, params);
  await code;
  return backend;
}
