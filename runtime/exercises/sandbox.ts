import { LOCKDOWN_SOURCE } from './sandbox-lockdown.ts';

/**
 * The JavaScript sandbox contract for code exercises: run a learner's code against tests, with a time
 * limit, and report each test's outcome in words a learner can act on.
 *
 *   runJsInSandbox(code, suite, { timeoutMs }): Promise<SandboxReport>
 *
 * Two hosts implement it with the same runner (SANDBOX_RUNNER below, plain JavaScript evaluated inside
 * the sandbox): runtime/node/sandbox.ts (a worker thread with resource limits and a fresh node:vm
 * context, for tests and the grader) and runtime/browser/sandbox.ts (a Web Worker from a Blob URL).
 * Both terminate the worker when the time is up, so an endless loop costs the time limit, nothing more.
 *
 * The runner freezes the realm's built-ins before the exercise's prelude and the learner's code run
 * (sandbox-lockdown.ts), so the learner's code cannot rewrite what the tests compute with (`Math.abs =
 * () => 0`) or read what they keep (a patched `Map.prototype.has`). What this guarantees, and what not
 * yet (a JavaScript engine compiled to WebAssembly for the grader), is in exercises/README.md.
 */

/** One test of a suite. */
export interface JsTest {
  /** Shown to the learner as the test's title: "takes the number of samples asked for". */
  name: string;
  /** What it checks, in a sentence, shown before the learner runs it. */
  description: string;
  /**
   * The body of an async function run after the learner's code, with `learner` (the functions the
   * learner defined, by `exports` name), `h` (what the prelude returned) and `assert(condition, message)`
   * in scope. It fails by throwing; the message is what the learner reads.
   */
  body: string;
}

export interface JsTestSuite {
  /** Names the learner's code must define (function declarations at its top level), given to tests as `learner.<name>`. */
  exports: string[];
  /** Trusted code run before the learner's: the body of a function returning the helpers tests use as `h` (fake clocks, workloads). */
  prelude?: string;
  tests: JsTest[];
  /**
   * Tests from this index on run with the learner's console muted: what the code prints there never
   * leaves the sandbox (a grader's hidden tests, run in the same realm after the visible ones).
   */
  quietFrom?: number;
}

export interface SandboxOptions {
  /** Wall-clock limit for the whole suite (default 5000 ms); the worker is terminated after it. */
  timeoutMs?: number;
  /** Heap limit where the host can set one (Node: worker resourceLimits; default 64 MB). */
  memoryMb?: number;
}

export const DEFAULT_SANDBOX_TIMEOUT_MS = 5000;
export const DEFAULT_SANDBOX_MEMORY_MB = 64;

/** Where in the learner's code something happened (1-based). */
export interface CodeLocation {
  line: number;
  column?: number;
}

export interface SandboxTestResult {
  name: string;
  passed: boolean;
  /** Why it failed, for the learner. */
  message?: string;
  /** Where in the learner's code the error was thrown, when it was thrown there. */
  at?: CodeLocation;
}

export interface SandboxReport {
  /**
   * ran: every test ran (each passed or failed); compile-error: the code does not parse (no test ran);
   * timeout: the time limit was reached (tests after `tests` did not run); crashed: the sandbox died
   * (out of memory, a stack overflow the runner could not catch, the worker failed to start).
   */
  outcome: 'ran' | 'compile-error' | 'timeout' | 'crashed';
  /** Results of the tests that finished, in suite order. */
  tests: SandboxTestResult[];
  /** What stopped the run (compile error, timeout, crash), in words; absent when outcome is 'ran'. */
  error?: string;
  /** Where the compile error is. */
  at?: CodeLocation;
  /** What the learner's code printed with console.log (at most 50 lines). */
  logs: string[];
}

/** The file name the learner's code is compiled under, so stack traces and syntax errors name its lines. */
export const LEARNER_FILE = 'your-code.js';
export const TESTS_FILE = 'exercise-tests.js';

/** Messages from the runner to the host, in order: one `result` per test, then `done`. */
export type RunnerMessage =
  | { type: 'start'; index: number; name: string }
  | { type: 'result'; index: number; result: SandboxTestResult }
  | { type: 'done'; outcome: 'ran' | 'compile-error'; error?: string; at?: CodeLocation; logs: string[] }
  /** The runner itself failed (the exercise's prelude or tests are broken): the host reports a crash. */
  | { type: 'fatal'; message: string };

/**
 * The runner, as JavaScript source of a function expression evaluated inside the sandbox:
 *
 *   (input: { code, suite }, compile: (source, filename) => unknown, post: (message: RunnerMessage) => void) => Promise<void>
 *
 * `compile` evaluates an expression in the sandbox's realm under a file name (Node: vm.Script with
 * `filename`; browser: indirect eval with `//# sourceURL=`), so errors carry `your-code.js:line:col`.
 * Written as a string, not a function's toString(), so a bundler or coverage tool cannot change it.
 */
export const SANDBOX_RUNNER = String.raw`(async function runSuite(input, compile, post) {
  "use strict";
  const LEARNER = ${JSON.stringify(LEARNER_FILE)};
  const TESTS = ${JSON.stringify(TESTS_FILE)};
  const PREFIX = '(function (performance, console) { "use strict"; ';
  const logs = [];
  let quiet = false;
  const show = (v) => {
    if (typeof v === 'string') return v;
    try { return JSON.stringify(v); } catch (e) { return String(v); }
  };
  const console = {
    log: (...args) => { if (!quiet && logs.length < 50) logs.push(args.map(show).join(' ').slice(0, 300)); },
  };
  console.info = console.log; console.warn = console.log; console.error = console.log; console.debug = console.log;
  Object.freeze(console);
  const locate = (error) => {
    const stack = error && typeof error.stack === 'string' ? error.stack : '';
    const m = new RegExp(LEARNER.replace('.', '\\.') + ':(\\d+)(?::(\\d+))?').exec(stack);
    if (!m) return undefined;
    const line = Number(m[1]);
    const at = { line };
    if (m[2] !== undefined) at.column = line === 1 ? Math.max(1, Number(m[2]) - PREFIX.length) : Number(m[2]);
    return at;
  };
  const describe = (error) => {
    if (error && typeof error === 'object' && 'message' in error) {
      const name = error.name && error.name !== 'Error' && error.name !== 'AssertionError' ? error.name + ': ' : '';
      return name + String(error.message);
    }
    return 'threw ' + show(error) + ' (throw an Error, not a plain value)';
  };
  class AssertionError extends Error {}
  Object.defineProperty(AssertionError.prototype, 'name', { value: 'AssertionError' });
  const assert = (condition, message) => { if (!condition) throw new AssertionError(message); };
  const fakePerformance = Object.freeze({
    now() { throw new Error('performance.now() reads the real clock; time with the clock the test gives you (clock.now())'); },
  });

  const { code, suite } = input;
  // Before any exercise or learner code: the intrinsics the tests compute with cannot be patched.
  (${LOCKDOWN_SOURCE})(globalThis);
  let h = {};
  if (suite.prelude) h = compile('(function (console) { "use strict";\n' + suite.prelude + '\n})', TESTS)(console);

  let learner;
  try {
    const names = suite.exports.map((n) => n + ': typeof ' + n + " === 'undefined' ? undefined : " + n).join(', ');
    const factory = compile(PREFIX + code + '\n;return { ' + names + ' };\n})', LEARNER);
    learner = factory(fakePerformance, console);
  } catch (e) {
    const at = locate(e);
    const syntax = e && e.name === 'SyntaxError';
    post({ type: 'done', outcome: syntax ? 'compile-error' : 'ran', error: (syntax ? 'Your code does not parse: ' : 'Your code threw while loading: ') + describe(e) + (at ? ' (line ' + at.line + ')' : ''), at, logs });
    return;
  }
  const missing = suite.exports.filter((n) => typeof learner[n] !== 'function');
  if (missing.length) {
    post({ type: 'done', outcome: 'compile-error', error: 'Your code must define ' + missing.map((n) => 'function ' + n).join(' and ') + ' (keep the name from the starter code).', logs });
    return;
  }
  const frozen = Object.freeze({ ...learner });
  for (let index = 0; index < suite.tests.length; index++) {
    const test = suite.tests[index];
    if (index >= suite.quietFrom) quiet = true;
    post({ type: 'start', index, name: test.name });
    let result;
    try {
      const run = compile('(async function (learner, h, assert) {\n' + test.body + '\n})', TESTS);
      await run(frozen, h, assert);
      result = { name: test.name, passed: true };
    } catch (e) {
      const at = e instanceof AssertionError ? undefined : locate(e);
      const where = at ? ' (thrown at line ' + at.line + ' of your code)' : '';
      result = { name: test.name, passed: false, message: describe(e) + where };
      if (at) result.at = at;
    }
    post({ type: 'result', index, result });
  }
  post({ type: 'done', outcome: 'ran', logs });
})`;

/**
 * Folds the runner's messages into a report: what the host adapters share. `stopped` says why the
 * host ended the run early (timeout or crash), with the test that was running.
 */
export class ReportBuilder {
  private readonly results: SandboxTestResult[] = [];
  private running: { index: number; name: string } | undefined;
  private final: SandboxReport | undefined;
  private readonly suite: JsTestSuite;

  constructor(suite: JsTestSuite) {
    this.suite = suite;
  }

  /** Feeds one message; returns the report once the runner said `done`. */
  accept(message: RunnerMessage): SandboxReport | undefined {
    if (this.final) return this.final;
    if (message.type === 'start') this.running = { index: message.index, name: message.name };
    else if (message.type === 'result') {
      this.results[message.index] = message.result;
      this.running = undefined;
    } else if (message.type === 'fatal') {
      return this.stop('crashed', `The exercise's own test code failed (${message.message}): this is a bug in the exercise, please report it`);
    } else {
      this.final = {
        outcome: message.outcome,
        tests: this.results.filter(Boolean),
        ...(message.error ? { error: message.error } : {}),
        ...(message.at ? { at: message.at } : {}),
        logs: message.logs,
      };
    }
    return this.final;
  }

  /** The report when the host stopped the run: what finished, and what was running. `why` is a sentence without its full stop. */
  stop(outcome: 'timeout' | 'crashed', why: string): SandboxReport {
    if (this.final) return this.final;
    const done = this.results.filter(Boolean).length;
    const where = this.running ? `While running the test "${this.running.name}": ` : '';
    const left = this.suite.tests.length - done;
    const text = where ? `${where}${why.charAt(0).toLowerCase()}${why.slice(1)}` : why;
    this.final = {
      outcome,
      tests: this.results.filter(Boolean),
      error: `${text}.${left > 0 ? ` ${left} of ${this.suite.tests.length} test(s) did not run.` : ''}`,
      logs: [],
    };
    return this.final;
  }
}

/** Checks a suite before it is run: a broken suite is the exercise author's bug, never the learner's. */
export function validateSuite(suite: JsTestSuite): void {
  if (!Array.isArray(suite.exports) || suite.exports.some((n) => !/^[A-Za-z_$][\w$]*$/.test(n))) {
    throw new TypeError(`sandbox: suite.exports must be JavaScript names, got ${JSON.stringify(suite.exports)}`);
  }
  if (!Array.isArray(suite.tests) || suite.tests.length === 0) throw new TypeError('sandbox: the suite has no tests');
  const q = suite.quietFrom;
  if (q !== undefined && !(Number.isInteger(q) && q >= 0 && q <= suite.tests.length)) {
    throw new TypeError(`sandbox: suite.quietFrom must be a test index from 0 to ${suite.tests.length}, got ${JSON.stringify(q)}`);
  }
}

/** The time limit a call asks for, or the default; rejects nonsense. */
export function timeoutOf(options: SandboxOptions | undefined): number {
  const t = options?.timeoutMs ?? DEFAULT_SANDBOX_TIMEOUT_MS;
  if (!(t > 0 && Number.isFinite(t))) throw new RangeError(`sandbox: timeoutMs must be a positive number of milliseconds, got ${t}`);
  return t;
}

/** "Your code ran longer than 5 s (the limit)": the words of a timeout. */
export function timeoutMessage(ms: number): string {
  const limit = ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)} s` : `${ms} ms`;
  return `Your code ran longer than ${limit}, the time limit: an endless loop, or a loop that never reaches its end`;
}
