import { Worker } from 'node:worker_threads';
import {
  DEFAULT_SANDBOX_MEMORY_MB,
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
 * The JavaScript sandbox in Node, for the unit tests and the grader: a worker thread with a heap limit,
 * running the learner's code in a fresh node:vm context (no require, no process, no timers, no eval),
 * terminated when the time limit is reached. The contract is in runtime/exercises/sandbox.ts.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const vm = require('node:vm');
// A promise the learner's code forgot to handle must not kill the sandbox before it reports.
process.on('unhandledRejection', () => {});
const context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } });
const compile = (source, filename) => new vm.Script(source, { filename }).runInContext(context);
const post = (message) => parentPort.postMessage(message);
let runner;
try {
  runner = compile(workerData.runner, 'sandbox-runner.js');
} catch (e) {
  post({ type: 'fatal', message: String((e && e.message) || e) });
}
if (runner) {
  runner({ code: workerData.code, suite: workerData.suite }, compile, post).catch((e) => post({ type: 'fatal', message: String((e && e.message) || e) }));
}
`;

/** Runs `code` against `suite` in a worker thread; never throws for anything the learner's code does. */
export function runJsInSandbox(code: string, suite: JsTestSuite, options: SandboxOptions = {}): Promise<SandboxReport> {
  validateSuite(suite);
  const timeoutMs = timeoutOf(options);
  const memoryMb = options.memoryMb ?? DEFAULT_SANDBOX_MEMORY_MB;
  const builder = new ReportBuilder(suite);
  return new Promise<SandboxReport>((resolve) => {
    let settled = false;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { runner: SANDBOX_RUNNER, code, suite },
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(16, memoryMb), stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    const finish = (report: SandboxReport) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(report);
    };
    const timer = setTimeout(() => finish(builder.stop('timeout', timeoutMessage(timeoutMs))), timeoutMs);
    worker.on('message', (message: RunnerMessage) => {
      const report = builder.accept(message);
      if (report) finish(report);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const why =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `Your code used more memory than the limit of ${memoryMb} MB: a list that grows without end`
          : `The sandbox failed: ${error.message}`;
      finish(builder.stop('crashed', why));
    });
    worker.on('exit', () => {
      finish(builder.stop('crashed', 'The sandbox stopped before the tests finished: your code waited for a promise that never resolves'));
    });
  });
}
