import {
  ReportBuilder,
  SANDBOX_RUNNER,
  timeoutMessage,
  timeoutOf,
  validateSuite,
  type JsTestSuite,
  type RunnerMessage,
  type SandboxOptions,
  type SandboxReport,
} from '../exercises/sandbox.ts';

/**
 * The JavaScript sandbox in the page: a Web Worker made from a Blob URL, so the learner's code runs off
 * the main thread (the page stays responsive) and is stopped with terminate() when the time limit is
 * reached. Browsers give no heap limit to a worker; `memoryMb` is ignored here. The learner's code is
 * evaluated with `//# sourceURL=your-code.js`, so runtime errors name its lines; a syntax error in the
 * browser carries the message without a line (the editor's own linter shows where).
 */
const WORKER_SOURCE = `(() => {
// Inside a function, so none of these names is a global the learner's code could reach.
const indirectEval = eval;
const postToHost = self.postMessage.bind(self);
const runner = indirectEval(${JSON.stringify(SANDBOX_RUNNER)});
self.addEventListener('unhandledrejection', (event) => event.preventDefault());
self.onmessage = (event) => {
  self.onmessage = null;
  const { nonce, ...input } = event.data;
  const compile = (source, filename) => indirectEval(source + '\\n//# sourceURL=' + filename);
  // Every message carries the host's nonce, which the learner's code cannot read: a postMessage of its
  // own (a made-up "all tests passed") is ignored by the host.
  const post = (message) => postToHost({ nonce, message });
  runner(input, compile, post).catch((e) => post({ type: 'fatal', message: String((e && e.message) || e) }));
};
})();
`;

/** A fresh secret per run: messages without it did not come from the runner. */
function freshNonce(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Math.random()}-${Date.now()}`;
}

/** Runs `code` against `suite` in a Web Worker; never throws for anything the learner's code does. */
export function runJsInSandbox(code: string, suite: JsTestSuite, options: SandboxOptions = {}): Promise<SandboxReport> {
  validateSuite(suite);
  const timeoutMs = timeoutOf(options);
  const builder = new ReportBuilder(suite);
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  return new Promise<SandboxReport>((resolve) => {
    let settled = false;
    let worker: Worker;
    try {
      worker = new Worker(url);
    } catch (e) {
      URL.revokeObjectURL(url);
      resolve(builder.stop('crashed', `The browser refused to start a worker for the sandbox: ${e instanceof Error ? e.message : String(e)}`));
      return;
    }
    const finish = (report: SandboxReport) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.terminate();
      URL.revokeObjectURL(url);
      resolve(report);
    };
    const timer = setTimeout(() => finish(builder.stop('timeout', timeoutMessage(timeoutMs))), timeoutMs);
    const nonce = freshNonce();
    worker.onmessage = (event: MessageEvent<{ nonce?: unknown; message?: RunnerMessage }>) => {
      if (!event.data || event.data.nonce !== nonce || !event.data.message) return;
      const report = builder.accept(event.data.message);
      if (report) finish(report);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      finish(builder.stop('crashed', `The sandbox failed: ${event.message || 'the worker stopped'}`));
    };
    worker.postMessage({ code, suite, nonce });
  });
}
