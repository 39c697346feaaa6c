// The benchmark worker: runs specs off the page's main thread with the same engine as
// `workbook run`, so the page stays responsive and Stop always answers. WebGPU (navigator.gpu) and
// onnxruntime-web work in a dedicated worker; cross-origin isolation is inherited from the page.
import { runSpecInBrowser } from '../../runtime/browser/run.ts';
import { probeBrowser } from '../../runtime/browser/webgpu-probe.ts';
import { compareResults } from '../../runtime/results/compare.ts';
import { parseResultRecord } from '../../runtime/results/record.ts';
import { loadSpec } from '../../runtime/spec/index.ts';
import type { OnnxWebTarget } from '../../runtime/browser/onnx-web.ts';
import { browserWebGpuTarget } from '../../runtime/targets/browser-webgpu.ts';
import { targetInfo, type Target } from '../../runtime/targets/index.ts';
import type { ParamValues, Reply, Request } from './protocol.ts';

// Typed by hand: the webworker lib cannot sit beside the DOM lib in one TypeScript program.
const scope = self as unknown as { postMessage(message: Reply): void; onmessage: ((event: MessageEvent<Request>) => void) | null };
const runs = new Map<number, AbortController>();
const post = (reply: Reply) => scope.postMessage(reply);

scope.onmessage = async (event: MessageEvent<Request>) => {
  const request = event.data;
  const { id } = request;
  if (request.type === 'stop') {
    runs.get(id)?.abort();
    return;
  }
  try {
    post({ type: 'done', id, value: await answer(request) });
  } catch (e) {
    post({ type: 'error', id, message: messageOf(e) });
  } finally {
    runs.delete(id);
  }
};

async function answer(request: Exclude<Request, { type: 'stop' }>): Promise<unknown> {
  switch (request.type) {
    case 'run': {
      const controller = new AbortController();
      runs.set(request.id, controller);
      return runSpecInBrowser(request.specText, {
        target: request.target,
        overrides: request.overrides,
        assetsBase: request.assetsBase,
        signal: controller.signal,
        log: (line) => post({ type: 'log', id: request.id, line }),
        onProgress: (p) => post({ type: 'progress', id: request.id, ...p }),
      });
    }
    case 'prestart':
      return prestart(request.target, request.specText, request.assetsBase, request.overrides ?? {});
    case 'probe':
      return probeBrowser(globalThis);
    case 'validate':
      return loadSpec(request.specText, request.file).diagnostics;
    case 'parse-result':
      return parseResultRecord(request.text, request.file);
    case 'compare':
      return compareResults(request.a, request.b);
  }
}

/**
 * Loads the backend a run on `target` will use, so the click pays only for the spec's own setup:
 * onnxruntime-web's build for that target with its wasm compiled and started (and the spec's shipped
 * model fetched and checked); for WebGPU kernels, the runner's kept device and the pipeline the cell's
 * current parameters compile (runtime/browser/webgpu.ts). Nothing here is timed or dispatched: runs
 * time their own setup, and their record says what was ready before it.
 */
async function prestart(target: Target, specText: string, assetsBase: string, overrides: ParamValues): Promise<string | null> {
  const info = targetInfo(target);
  // The page's inference targets are onnxruntime-web's (runtime/browser/onnx-web.ts).
  if (info?.hosts.includes('browser') && info.kinds.includes('inference')) {
    const model = (loadSpec(specText).spec?.task as { model?: unknown } | undefined)?.model;
    return (await import('../../runtime/browser/onnx-web.ts')).prestartOnnxWeb(target as OnnxWebTarget, {
      assetsBase,
      model: typeof model === 'string' ? model : undefined,
    });
  }
  if (target === browserWebGpuTarget.id) return (await import('../../runtime/browser/webgpu.ts')).prestartBrowserWebGpu(specText, overrides);
  return null;
}

/** The learner's message: the engine's own words; an abort says what it is; never a stack trace. */
function messageOf(e: unknown): string {
  if (e instanceof DOMException && e.name === 'AbortError') return 'stopped before the first sample: nothing was measured';
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}
