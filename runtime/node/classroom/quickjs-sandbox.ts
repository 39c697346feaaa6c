import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import releaseSync from '@jitl/quickjs-wasmfile-release-sync';
import {
  type CustomizeVariantOptions,
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSHandle,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import {
  LEARNER_FILE,
  ReportBuilder,
  SANDBOX_RUNNER,
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
 * - work: a budget of interpreter steps (QuickJS calls the interrupt handler every ~10,000 function
 *   calls and jumps); counted, not timed, so the verdict is the same on every machine and under any
 *   load. An optional meter shared by several runs (a file's CPU budget) is counted in the same steps;
 * - time: a wall-clock limit per test as a backstop (the same timeoutMs the other hosts use);
 * - memory: QuickJS's allocation limit (memoryMb MiB: a string or array bigger than that fails at
 *   once), and the instance's linear memory cannot grow past 4 x memoryMb above the engine's own 16 MB
 *   (WebAssembly.Memory's maximum, enforced by V8): QuickJS built without malloc_usable_size counts 8
 *   bytes per allocation, so many small ones slip past its own limit and reach this one;
 * - stack: QuickJS's own stack limit, below what V8 allows a WebAssembly call stack on any thread, so a
 *   runaway recursion is QuickJS's "stack overflow", not a V8 RangeError in the middle of the engine;
 * - output: every string that leaves the sandbox (a test's message, which may quote what the learner's
 *   code returned or threw, a log line) is cut to MAX_TEXT_CHARS inside it, before it is copied out.
 * An instance whose run ended cleanly is reused by the next run (a fresh runtime and context each
 * time); one whose runtime hit a limit is never freed (freeing it can fail QuickJS's leak assertion)
 * but dropped whole. Its stdout and stderr go to a buffer, never the grader's own.
 * Determinism: Date.now() and `new Date()` read a clock that stands still and Math.random() is
 * seeded, so a run gives the same report every time.
 */

/**
 * Steps per test before the code is stopped. A step is one interrupt check (about 10,000 function
 * calls or jumps) or 200 promise jobs. The worked solution of fix-timing-harness needs at most 267 on
 * seeds 1..500, so 16,000 leaves 60x headroom (about 2 s of a plain endless loop here, 10 s of awaits).
 */
export const DEFAULT_STEP_BUDGET = 16_000;
/** Promise jobs run between two counted steps (a job is a few bytecode steps: an await, a then). */
const JOBS_PER_STEP = 200;
/** QuickJS's stack limit: a quarter of V8's smallest native stack (~1 MB on the main thread), which the engine's wasm frames share. */
export const STACK_BYTES = 256 * 1024;
/** The grader's memory limit per run, MiB (exercises/README.md, docs/classroom/README.md). */
export const GRADER_MEMORY_MIB = 16;
/** Every string leaving the sandbox is cut to this many characters, inside it. */
export const MAX_TEXT_CHARS = 1000;
/** A message from the runner longer than this (after the cuts) cannot be the runner's: the run is lost. */
const MAX_MESSAGE_CHARS = 256 * 1024;
const MIB = 1024 * 1024;
const PAGE = 64 * 1024;
/** The engine's own start-up memory (emscripten's INITIAL_MEMORY), below the learner's limit. */
const BASE_BYTES = 16 * MIB;

/** The most interrupt checks one test of the last runs used (for calibrating the budget). */
export let maxStepsSeen = 0;

/** Steps counted across runs: a file's CPU budget (runtime/node/classroom/grade-checks.ts). */
export interface StepMeter {
  used: number;
  limit: number;
}

let compiled: Promise<WebAssembly.Module> | undefined;
/** QuickJS's WebAssembly, compiled once per thread; instantiated per engine. */
function quickJsWasm(): Promise<WebAssembly.Module> {
  compiled ??= readFile(createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm')).then((bytes) =>
    WebAssembly.compile(bytes),
  );
  return compiled;
}

interface Engine {
  module: QuickJSWASMModule;
  memory: WebAssembly.Memory;
  maximum: number;
  /** What the engine printed (emscripten's print and printErr: an abort's text); never the grader's stderr. */
  printed: string[];
}

/** For tests: a fresh engine and what it printed (an abort's text goes there, not to stderr). */
export async function engineForTest(memoryMb = GRADER_MEMORY_MIB): Promise<{ module: QuickJSWASMModule; printed: string[] }> {
  return newEngine(memoryMb);
}

/** A fresh QuickJS instance whose memory cannot grow past 4 x `memoryMb` above its base. */
async function newEngine(memoryMb: number): Promise<Engine> {
  const wasmModule = await quickJsWasm();
  const pages = Math.ceil(BASE_BYTES / PAGE);
  const maximum = pages + Math.ceil((4 * memoryMb * MIB) / PAGE);
  const memory = new WebAssembly.Memory({ initial: pages, maximum });
  const printed: string[] = [];
  const keep = (text: string) => {
    if (printed.length < 20) printed.push(String(text).slice(0, 500));
  };
  // Emscripten's print/printErr (not in quickjs-emscripten's types, passed through verbatim): an abort's text stays here.
  const emscriptenModule = { print: keep, printErr: keep } as NonNullable<CustomizeVariantOptions['emscriptenModule']>;
  const module = await newQuickJSWASMModuleFromVariant(newVariant(releaseSync, { wasmModule, wasmMemory: memory, emscriptenModule }));
  return { module, memory, maximum: maximum * PAGE, printed };
}

/** The engine of the last clean run, per memory limit: reused while its runs end cleanly. */
const idle = new Map<number, Engine>();

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

/**
 * The runner's `post`, inside the sandbox: the message as JSON with every string cut to `max`
 * characters, so a megabyte message or a 16 MiB returned string never crosses into the grader. Made
 * before the lockdown and the learner's code, from the untouched JSON.stringify and String.prototype.slice.
 */
const CAPPED_POST = `(function (hostPost, max) {
  "use strict";
  const stringify = JSON.stringify;
  const slice = String.prototype.slice;
  const apply = Reflect.apply;
  const cut = (k, v) => typeof v === 'string' && v.length > max ? apply(slice, v, [0, max]) + '… [cut: ' + v.length + ' characters in all]' : v;
  return function post(message) { hostPost(stringify(message, cut)); };
})`;

/**
 * The learner's console, inside the sandbox: the runner's own (which keeps 50 lines of 300
 * characters), with each call counted as a step, so a loop that prints without end is stopped by the
 * step limit like any other endless loop, and as soon, instead of by the wall clock.
 */
const COUNTED_CONSOLE = `(function (factory, tick) {
  "use strict";
  const apply = Reflect.apply;
  const freeze = Object.freeze;
  return function (performance, console) {
    const log = function (...args) { tick(); return apply(console.log, console, args); };
    return factory(performance, freeze({ log, info: log, warn: log, error: log, debug: log }));
  };
})`;

export interface QuickJsOptions extends SandboxOptions {
  /** Interrupt checks allowed per test (see DEFAULT_STEP_BUDGET). */
  stepBudget?: number;
  /** Steps shared with other runs (a file's budget): the run stops when it is spent. */
  meter?: StepMeter;
  /** How the meter's limit is named when it stops a run ("the file's CPU budget of ..."). */
  meterMessage?: string;
}

/**
 * The words for both per-test limits, steps and the wall-clock backstop: code whose steps are unusually
 * slow (a native call doing much work per loop turn) meets the backstop first, and the report must not
 * depend on which limit a machine's speed reached first.
 */
export function stepsMessage(): string {
  return 'Your code ran too long (the limit of one test): an endless loop, or a loop that never reaches its end';
}

export function memoryMessage(memoryMb: number): string {
  return `Your code used more than ${memoryMb} MiB of memory (the limit of one run): a string or a list that grows without end`;
}

export function stackMessage(): string {
  return `Your code called functions too deeply (the stack limit of ${STACK_BYTES / 1024} KiB): a recursion that never reaches its end`;
}

const isOutOfMemory = (text: unknown) => /out of memory/i.test(String(text ?? ''));

function isRunnerMessage(m: unknown): m is RunnerMessage {
  if (!m || typeof m !== 'object') return false;
  const type = (m as { type?: unknown }).type;
  if (type === 'start') return typeof (m as { index?: unknown }).index === 'number';
  if (type === 'result') {
    const r = (m as { result?: { name?: unknown; passed?: unknown } }).result;
    return typeof (m as { index?: unknown }).index === 'number' && typeof r?.name === 'string' && typeof r.passed === 'boolean';
  }
  if (type === 'done') return Array.isArray((m as { logs?: unknown }).logs);
  return type === 'fatal';
}

type Stop = 'steps' | 'time' | 'budget' | 'stack' | 'memory' | 'lost';

/** Runs `code` against `suite` in a fresh QuickJS runtime; never throws for anything the learner's code does. */
export async function runJsInQuickJs(code: string, suite: JsTestSuite, options: QuickJsOptions = {}): Promise<SandboxReport> {
  validateSuite(suite);
  const timeoutMs = timeoutOf(options);
  const memoryMb = options.memoryMb ?? GRADER_MEMORY_MIB;
  const budget = options.stepBudget ?? DEFAULT_STEP_BUDGET;
  const meter = options.meter;
  const builder = new ReportBuilder(suite);
  const engine = idle.get(memoryMb) ?? (await newEngine(memoryMb));
  idle.delete(memoryMb);
  const memoryFull = () => engine.memory.buffer.byteLength >= engine.maximum - MIB;
  const runtime = engine.module.newRuntime();
  runtime.setMemoryLimit(memoryMb * MIB);
  runtime.setMaxStackSize(STACK_BYTES);
  let steps = 0;
  let deadline = Date.now() + timeoutMs;
  let stop: Stop | undefined;
  let lostWhy = '';
  // A test that hit a limit QuickJS reports as an error (its own stack overflow): the run goes on, but the runtime may leak.
  let tainted = false;
  const count = () => {
    steps += 1;
    if (meter) meter.used += 1;
    if (meter && meter.used > meter.limit) stop = 'budget';
    else if (steps > budget) stop = 'steps';
    else if (Date.now() > deadline) stop = 'time';
    return stop !== undefined;
  };
  runtime.setInterruptHandler(() => stop !== undefined || count());
  // Each test gets the whole per-test budget and time limit (the meter runs on).
  const resetLimits = () => {
    maxStepsSeen = Math.max(maxStepsSeen, steps);
    steps = 0;
    deadline = Date.now() + timeoutMs;
  };
  const context = runtime.newContext();
  let report: SandboxReport | undefined;
  const handles: QuickJSHandle[] = [];
  const keep = (h: QuickJSHandle) => {
    handles.push(h);
    return h;
  };
  let failure: string | undefined;
  try {
    const hostPost = keep(
      context.newFunction('post', (messageHandle) => {
        if (stop) return; // what the runner posts while it unwinds from a stop is not the learner's result
        const text = context.typeof(messageHandle) === 'string' ? context.getString(messageHandle) : undefined;
        let message: unknown;
        try {
          message = text !== undefined && text.length <= MAX_MESSAGE_CHARS ? JSON.parse(text) : undefined;
        } catch {
          message = undefined;
        }
        if (!isRunnerMessage(message)) {
          stop = 'lost';
          lostWhy = text === undefined ? 'not text' : text.length > MAX_MESSAGE_CHARS ? `${text.length} characters` : 'not a message';
          return;
        }
        if (message.type === 'start') resetLimits();
        if (message.type === 'result') {
          // A test that ran out of memory ends the run: the report says so, not "a test failed".
          if (isOutOfMemory(message.result.message)) {
            stop = 'memory';
            return;
          }
          if (/stack overflow/i.test(message.result.message ?? '')) tainted = true;
        }
        const done = builder.accept(message);
        if (done) report = done;
      }),
    );
    // Each console call of the learner's code: one step (the next interrupt check stops the run once over).
    const tick = keep(
      context.newFunction('tick', () => {
        if (!stop) count();
      }),
    );
    const countedConsole = keep(context.unwrapResult(context.evalCode(COUNTED_CONSOLE, 'sandbox-console.js')));
    const compile = keep(
      context.newFunction('compile', (sourceHandle, nameHandle) => {
        const name = context.getString(nameHandle);
        const result = context.evalCode(context.getString(sourceHandle), name);
        if (result.error) throw result.error; // rethrown inside the VM as the learner's error
        if (name !== LEARNER_FILE) return result.value;
        // The learner's factory takes (performance, console): it gets the counted console.
        const wrapped = context.callFunction(countedConsole, context.undefined, result.value, tick);
        result.value.dispose();
        if (wrapped.error) throw wrapped.error;
        return wrapped.value;
      }),
    );
    const setup = context.evalCode(DETERMINISM, 'sandbox-setup.js');
    if (setup.error) throw new Error(`sandbox setup failed: ${JSON.stringify(context.dump(keep(setup.error)))}`);
    keep(setup.value);
    const capped = keep(context.unwrapResult(context.evalCode(CAPPED_POST, 'sandbox-post.js')));
    const max = keep(context.newNumber(MAX_TEXT_CHARS));
    const post = keep(context.unwrapResult(context.callFunction(capped, context.undefined, hostPost, max)));
    const runner = keep(context.unwrapResult(context.evalCode(SANDBOX_RUNNER, 'sandbox-runner.js')));
    const input = keep(context.unwrapResult(context.evalCode(`(${JSON.stringify({ code, suite })})`, 'sandbox-input.js')));
    const call = context.callFunction(runner, context.undefined, input, compile, post);
    if (call.error) {
      keep(call.error);
      const what = context.dump(call.error) as { message?: string } | undefined;
      if (!stop && isOutOfMemory(what?.message ?? what)) stop = 'memory';
      failure = String(what?.message ?? 'the runner did not start');
    } else {
      const promise = keep(call.value);
      // Drive the runner's promises: there are no timers, so when no job is left the run is over.
      for (;;) {
        if (report || stop) break;
        const jobs = runtime.executePendingJobs(JOBS_PER_STEP);
        // A loop of awaits runs as many short jobs, each too short to reach the interrupt check: count them.
        if (count()) break;
        if (jobs.error) {
          keep(jobs.error);
          const what = context.dump(jobs.error) as { message?: string } | undefined;
          if (isOutOfMemory(what?.message ?? what)) stop = 'memory';
          break;
        }
        if (!runtime.hasPendingJob()) break;
      }
      if (!stop && memoryFull()) stop = 'memory';
      if (!stop) {
        const state = context.getPromiseState(promise);
        if (state.type === 'rejected') {
          const why = context.dump(keep(state.error)) as { message?: string };
          const text = String(why?.message ?? why);
          if (isOutOfMemory(text)) stop = 'memory';
          else if (!report) report = builder.stop('crashed', `The exercise's own test code failed (${text.slice(0, MAX_TEXT_CHARS)})`);
        } else if (state.type === 'fulfilled') keep(state.value);
      }
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // V8's own stack ran out inside the engine (its frames share V8's native stack): the instance is lost.
    if (e instanceof RangeError && /call stack/i.test(message)) stop ??= 'stack';
    else if (isOutOfMemory(message) || memoryFull()) stop ??= 'memory';
    else failure = message;
  }
  maxStepsSeen = Math.max(maxStepsSeen, steps);
  // A test stopped by the clock is charged as if it had used its whole step budget: the meter then
  // stops a file of such code after as many tests as it would stop a file of plain endless loops.
  if (stop === 'time' && meter) meter.used += Math.max(0, budget - steps);
  const result = finish(builder, { stop, lostWhy, memoryMb, meterMessage: options.meterMessage, report, failure, testCount: suite.tests.length });
  // Only a runtime that ended cleanly is freed, and its instance reused; any other is dropped whole, never freed.
  const clean = !stop && !tainted && failure === undefined && report !== undefined && engine.printed.length === 0;
  if (clean) {
    try {
      for (const h of handles) if (h.alive) h.dispose();
      context.dispose();
      runtime.dispose();
      if (engine.printed.length === 0 && engine.memory.buffer.byteLength <= BASE_BYTES + memoryMb * MIB) idle.set(memoryMb, engine);
    } catch {
      // The instance is dropped: the next run gets a fresh one.
    }
  }
  return result;
}

function finish(
  builder: ReportBuilder,
  o: {
    stop: Stop | undefined;
    lostWhy: string;
    memoryMb: number;
    meterMessage: string | undefined;
    report: SandboxReport | undefined;
    failure: string | undefined;
    testCount: number;
  },
): SandboxReport {
  switch (o.stop) {
    case 'budget':
      return builder.stop('timeout', o.meterMessage ?? 'Your code used up the steps it was given (the budget shared by this run and others)');
    case 'steps':
      return builder.stop('timeout', stepsMessage());
    case 'time':
      return builder.stop('timeout', stepsMessage());
    case 'stack':
      return builder.stop('crashed', stackMessage());
    case 'memory':
      return builder.stop('crashed', memoryMessage(o.memoryMb));
    case 'lost':
      return builder.stop('crashed', `The sandbox lost the tests' report (a message that was ${o.lostWhy}): nothing after it can be trusted`);
  }
  if (o.report) {
    // A report that says "ran" must account for every test; one that does not says why.
    if (o.report.outcome === 'ran' && o.report.tests.length < o.testCount && !o.report.error)
      return { ...o.report, error: `${o.testCount - o.report.tests.length} test(s) did not report a result.` };
    return o.report;
  }
  if (o.failure) return builder.stop('crashed', `The sandbox failed: ${o.failure.slice(0, MAX_TEXT_CHARS)}`);
  return builder.stop('crashed', 'The sandbox stopped before the tests finished: your code waited for a promise that never resolves');
}
