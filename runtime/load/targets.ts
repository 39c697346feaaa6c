import type { Target } from '../spec/task.ts';

/**
 * Whether a target's runs leave the issuing thread free while a query computes (a thread pool, a GPU queue),
 * so the generator can issue on schedule: the server scenario needs it. A target that computes on the thread
 * that issues (plain JavaScript; onnxruntime-web's WASM in the cell's worker) holds the next arrival until the
 * current query ends: an open loop would silently become a closed one.
 */
export const ASYNC_ISSUE: Record<Target, boolean> = {
  js: false,
  'browser-wasm': false,
  'browser-wasm-threads': false,
  'browser-webgpu': true,
  'browser-onnx-webgpu': true,
  'node-webgpu': true,
  'node-onnx': true,
};

/** Why `target` cannot run `scenario` (null when it can). */
export function scenarioTargetProblem(scenario: string, target: Target): string | null {
  if (scenario !== 'server' || ASYNC_ISSUE[target]) return null;
  const can = (Object.keys(ASYNC_ISSUE) as Target[]).filter((t) => ASYNC_ISSUE[t]);
  return `${target} computes on the thread that issues queries (no asynchronous issue), so the server scenario's arrivals would wait for each query to end; run it on ${can.join(', ')}`;
}
