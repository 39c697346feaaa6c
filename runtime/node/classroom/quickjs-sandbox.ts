import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import releaseSync from '@jitl/quickjs-wasmfile-release-sync';
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
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
} from '../../exercises/sandbox.ts';

/**
 * The grader's JavaScript sandbox: QuickJS compiled to WebAssembly (quickjs-emscripten, the
 * release-sync variant). Why QuickJS and not the worker + node:vm sandbox the page's checks use in
 * Node: a vm context shares the V8 heap and process with the grader (a V8 bug or an escape through a
 * host object reaches the grader's files and secret), while QuickJS runs inside a WebAssembly
 * instance: its only way out is the two functions given to it here (compile, post), and its memory is
 * the instance's linear memory. The realm has no file, network, process, environment or timer API at
 * all (QuickJS's std/os modules are not loaded), so there is nothing to deny.
 *
 * The same runner as the other hosts (SANDBOX_RUNNER, frozen intrinsics), and limits per test:
 * - work: a budget of interpreter steps (QuickJS calls the interrupt handler every ~10,000 bytecode
 *   steps); counted, not timed, so the verdict is the same on every machine and under any load;
 * - time: a wall-clock limit per test as a backstop (the same timeoutMs the other hosts use);
 * - memory: each run gets its own WebAssembly instance whose linear memory cannot grow past
 *   memoryMb above the engine's own 16 MB (WebAssembly.Memory's maximum, enforced by V8), and a
 *   stack limit. QuickJS's own setMemoryLimit is not enough here: built without
 *   malloc_usable_size it counts 8 bytes per allocation, so many mid-sized arrays slip past it.
 * Determinism: Date.now() and `new Date()` read a clock that stands still and Math.random() is
 * seeded, so a run gives the same report every time.
 */

/**
 * Steps per test before the code is stopped. A step is one interrupt check (about 10,000 bytecode
 * steps) or 200 promise jobs. The worked solution of fix-timing-harness needs at most 3,965 on
 * seeds 1..24, so 16,000 leaves 4x headroom (about 2 s of a plain endless loop here, 10 s of awaits).
 */
export const DEFAULT_STEP_BUDGET = 16_000;
/** Promise jobs run between two counted steps (a job is a few bytecode steps: an await, a then). */
const JOBS_PER_STEP = 200;
const STACK_BYTES = 1024 * 1024;

/** The most interrupt checks one test of the last runs used (for calibrating the budget). */
export let maxStepsSeen = 0;

const PAGE = 64 * 1024;
/** The engine's own start-up memory (emscripten's INITIAL_MEMORY), below the learner's limit. */
const BASE_BYTES = 16 * 1024 * 1024;

let compiled: Promise<WebAssembly.Module> | undefined;
/** QuickJS's WebAssembly, compiled once per thread; instantiated per run. */
function quickJsWasm(): Promise<WebAssembly.Module> {
  compiled ??= readFile(createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm')).then((bytes) =>
    WebAssembly.compile(bytes),
  );
  return compiled;
}

/** A fresh QuickJS instance whose memory cannot grow past `memoryMb` above its base. */
export async function quickJsModule(memoryMb: number): Promise<{ module: QuickJSWASMModule; memoryFull: () => boolean }> {
  const wasmModule = await quickJsWasm();
  const pages = Math.ceil(BASE_BYTES / PAGE);
  const maximum = pages + Math.ceil((memoryMb * 1024 * 1024) / PAGE);
  const wasmMemory = new WebAssembly.Memory({ initial: pages, maximum });
  const module = await newQuickJSWASMModuleFromVariant(newVariant(releaseSync, { wasmModule, wasmMemory }));
  // Within a megabyte of the cap: an allocation has failed or is about to (QuickJS may then report it as another error).
  return { module, memoryFull: () => wasmMemory.buffer.byteLength >= maximum * PAGE - 1024 * 1024 };
}

/** Runs before the lockdown: a clock that stands still and a seeded Math.random, so runs repeat exactly. */
const DETERMINISM = `(function () {
  const D = Date;
  function FixedDate(...args) {
    if (!new.target) return new D(0).toString();
    return args.length ? new D(...args) : new D(0);
  }
  FixedDate.prototype = D.prototype;
  FixedDate.now = () => 0;
  FixedDate.UTC = D.UTC;
  FixedDate.parse = D.parse;
  Object.defineProperty(D.prototype, 'constructor', { value: FixedDate, writable: true, configurable: true });
  globalThis.Date = FixedDate;
  let s = 0x9e3779b9;
  Math.random = function random() {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
})();`;

export interface QuickJsOptions extends SandboxOptions {
  /** Interrupt checks allowed per test (see DEFAULT_STEP_BUDGET). */
  stepBudget?: number;
}

export function stepsMessage(): string {
  return 'Your code ran too long (the step limit of one test): an endless loop, or a loop that never reaches its end';
}

/** Runs `code` against `suite` in a fresh QuickJS runtime; never throws for anything the learner's code does. */
export async function runJsInQuickJs(code: string, suite: JsTestSuite, options: QuickJsOptions = {}): Promise<SandboxReport> {
  validateSuite(suite);
  const timeoutMs = timeoutOf(options);
  const memoryMb = options.memoryMb ?? DEFAULT_SANDBOX_MEMORY_MB;
  const budget = options.stepBudget ?? DEFAULT_STEP_BUDGET;
  const builder = new ReportBuilder(suite);
  const { module, memoryFull } = await quickJsModule(memoryMb);
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(memoryMb * 1024 * 1024);
  runtime.setMaxStackSize(STACK_BYTES);
  let steps = 0;
  let deadline = Date.now() + timeoutMs;
  let stoppedBy: 'steps' | 'time' | undefined;
  runtime.setInterruptHandler(() => {
    steps += 1;
    if (steps > budget) stoppedBy = 'steps';
    else if (Date.now() > deadline) stoppedBy = 'time';
    return stoppedBy !== undefined;
  });
  // Each test gets the whole budget and time limit.
  const resetLimits = () => {
    maxStepsSeen = Math.max(maxStepsSeen, steps);
    steps = 0;
    deadline = Date.now() + timeoutMs;
  };
  const context = runtime.newContext();
  let report: SandboxReport | undefined;
  let outOfMemory = false;
  const handles: QuickJSHandle[] = [];
  const keep = (h: QuickJSHandle) => {
    handles.push(h);
    return h;
  };
  try {
    const post = keep(
      context.newFunction('post', (messageHandle) => {
        const message = context.dump(messageHandle) as RunnerMessage;
        if (message?.type === 'start') resetLimits();
        // A test that ran out of memory ends the run: the report says so, not "a test failed".
        if (message?.type === 'result' && /out of memory/i.test(message.result?.message ?? '')) outOfMemory = true;
        // Once stopped (limit or memory), what the runner still posts while it unwinds is not the learner's result.
        if (outOfMemory || stoppedBy) return;
        const done = builder.accept(message);
        if (done) report = done;
      }),
    );
    const compile = keep(
      context.newFunction('compile', (sourceHandle, nameHandle) => {
        const result = context.evalCode(context.getString(sourceHandle), context.getString(nameHandle));
        if (result.error) throw result.error; // rethrown inside the VM as the learner's error
        return result.value;
      }),
    );
    const setup = context.evalCode(DETERMINISM, 'sandbox-setup.js');
    if (setup.error) throw new Error(`sandbox setup failed: ${JSON.stringify(context.dump(keep(setup.error)))}`);
    keep(setup.value);
    const runner = keep(context.unwrapResult(context.evalCode(SANDBOX_RUNNER, 'sandbox-runner.js')));
    const input = keep(context.unwrapResult(context.evalCode(`(${JSON.stringify({ code, suite })})`, 'sandbox-input.js')));
    const call = context.callFunction(runner, context.undefined, input, compile, post);
    if (call.error) {
      keep(call.error);
      return finish(context, builder, stoppedBy, timeoutMs, memoryMb, outOfMemory, report);
    }
    const promise = keep(call.value);
    // Drive the runner's promises: there are no timers, so when no job is left the run is over.
    for (;;) {
      if (report || stoppedBy || outOfMemory) break;
      const jobs = runtime.executePendingJobs(JOBS_PER_STEP);
      // A loop of awaits runs as many short jobs, each too short to reach the interrupt check: count them.
      steps += 1;
      if (steps > budget) {
        stoppedBy = 'steps';
        break;
      }
      if (jobs.error) {
        keep(jobs.error);
        const what = context.dump(jobs.error) as { message?: string } | undefined;
        if (/out of memory/i.test(String(what?.message ?? what))) outOfMemory = true;
        break;
      }
      if (!runtime.hasPendingJob()) break;
    }
    if (memoryFull()) outOfMemory = true;
    const state = context.getPromiseState(promise);
    if (state.type === 'rejected') {
      const why = context.dump(state.error) as { message?: string };
      state.error.dispose();
      if (!report && !stoppedBy && !outOfMemory)
        report = builder.stop('crashed', `The exercise's own test code failed (${why?.message ?? String(why)})`);
    } else if (state.type === 'fulfilled') state.value.dispose();
    maxStepsSeen = Math.max(maxStepsSeen, steps);
    return finish(context, builder, stoppedBy, timeoutMs, memoryMb, outOfMemory, report);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/out of memory/i.test(message)) outOfMemory = true;
    return finish(context, builder, stoppedBy, timeoutMs, memoryMb, outOfMemory, report, message);
  } finally {
    for (const h of handles) if (h.alive) h.dispose();
    try {
      context.dispose();
      runtime.dispose();
    } catch {
      // A runtime that ran out of memory can fail to free cleanly; its instance is dropped either way.
    }
  }
}

function finish(
  _context: QuickJSContext,
  builder: ReportBuilder,
  stoppedBy: 'steps' | 'time' | undefined,
  timeoutMs: number,
  memoryMb: number,
  outOfMemory: boolean,
  report: SandboxReport | undefined,
  failure?: string,
): SandboxReport {
  if (stoppedBy === 'steps') return builder.stop('timeout', stepsMessage());
  if (stoppedBy === 'time') return builder.stop('timeout', timeoutMessage(timeoutMs));
  if (outOfMemory) return builder.stop('crashed', `Your code used more memory than the limit of ${memoryMb} MB: a list that grows without end`);
  if (report) return report;
  if (failure) return builder.stop('crashed', `The sandbox failed: ${failure}`);
  return builder.stop('crashed', 'The sandbox stopped before the tests finished: your code waited for a promise that never resolves');
}
