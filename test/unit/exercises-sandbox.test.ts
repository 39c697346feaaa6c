import { Worker as NodeWorker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportBuilder, timeoutMessage, validateSuite, type JsTestSuite } from '../../runtime/exercises/sandbox.ts';
import { runJsInSandbox } from '../../runtime/node/sandbox.ts';
import { runJsInSandbox as runJsInBrowserSandbox } from '../../runtime/browser/sandbox.ts';

const suite: JsTestSuite = {
  exports: ['add'],
  prelude: 'return { two: 2 };',
  tests: [
    {
      name: 'adds',
      description: 'add(1, 2) is 3',
      body: 'const got = learner.add(1, h.two);\nassert(got === 3, "add(1, 2) should be 3, got " + got);',
    },
    { name: 'adds negatives', description: 'add(-1, -2) is -3', body: 'assert(learner.add(-1, -2) === -3, "add(-1, -2) should be -3");' },
  ],
};

describe('the Node sandbox (worker thread + node:vm)', () => {
  it('runs the tests and reports each', async () => {
    const r = await runJsInSandbox('function add(a, b) {\n  return a + b;\n}\n', suite);
    expect(r).toEqual({
      outcome: 'ran',
      tests: [
        { name: 'adds', passed: true },
        { name: 'adds negatives', passed: true },
      ],
      logs: [],
    });
  });

  it('a failed assertion gives the test message; an error in the learner code names its line', async () => {
    const r = await runJsInSandbox('function add(a, b) {\n  console.log("adding", a, b);\n  if (a < 0) return a.x.y;\n  return a - b;\n}\n', suite);
    expect(r.outcome).toBe('ran');
    expect(r.tests[0]).toEqual({ name: 'adds', passed: false, message: 'add(1, 2) should be 3, got -1' });
    expect(r.tests[1]).toMatchObject({
      passed: false,
      message: "TypeError: Cannot read properties of undefined (reading 'y') (thrown at line 3 of your code)",
      at: { line: 3 },
    });
    expect(r.logs).toEqual(['adding 1 2', 'adding -1 -2']);
  });

  it('a syntax error is a compile error at its line; a missing function is named', async () => {
    const syntax = await runJsInSandbox('function add(a, b) {\n  return a +* b;\n}\n', suite);
    expect(syntax).toMatchObject({ outcome: 'compile-error', tests: [], at: { line: 2 } });
    expect(syntax.error).toMatch(/^Your code does not parse: SyntaxError: .* \(line 2\)$/);
    const missing = await runJsInSandbox('function plus(a, b) { return a + b; }', suite);
    expect(missing).toMatchObject({ outcome: 'compile-error', error: 'Your code must define function add (keep the name from the starter code).' });
  });

  it('an endless loop is stopped at the time limit, keeping the tests that finished', async () => {
    const code = 'function add(a, b) {\n  if (a < 0) for (;;) {}\n  return a + b;\n}\n';
    const r = await runJsInSandbox(code, suite, { timeoutMs: 400 });
    expect(r.outcome).toBe('timeout');
    expect(r.tests).toEqual([{ name: 'adds', passed: true }]);
    expect(r.error).toBe(`While running the test "adds negatives": ${timeoutMessage(400).replace(/^Y/, 'y')}. 1 of 2 test(s) did not run.`);
  });

  it('runaway memory crashes the worker, not the host', async () => {
    const r = await runJsInSandbox('function add() { const xs = []; for (;;) xs.push(new Array(1e5).fill(1)); }', suite, {
      memoryMb: 16,
      timeoutMs: 20_000,
    });
    expect(r.outcome).toBe('crashed');
    expect(r.error).toMatch(/more memory than the limit of 16 MB/);
  }, 30_000);

  it('a promise that never resolves ends the run with a reason', async () => {
    const r = await runJsInSandbox(
      'function add() { return new Promise(() => {}); }',
      { exports: ['add'], tests: [{ name: 'waits', description: '', body: 'await learner.add();' }] },
      { timeoutMs: 3000 },
    );
    expect(r.outcome).not.toBe('ran');
    expect(r.error).toMatch(/waits/);
  });

  it('the learner code gets no eval, no require, no process, and no real clock', async () => {
    const probe = (expr: string) =>
      runJsInSandbox(`function add() { return ${expr}; }`, { exports: ['add'], tests: [{ name: 'probe', description: '', body: 'learner.add();' }] });
    expect((await probe('eval("1")')).tests[0]?.message).toMatch(/EvalError: Code generation from strings disallowed/);
    expect((await probe('require("fs")')).tests[0]?.message).toMatch(/ReferenceError: require is not defined/);
    expect((await probe('process.exit(0)')).tests[0]?.message).toMatch(/ReferenceError: process is not defined/);
    expect((await probe('performance.now()')).tests[0]?.message).toMatch(/reads the real clock; time with the clock the test gives you/);
  });

  it("the learner's code cannot patch what the tests compute with: the intrinsics are frozen before it runs", async () => {
    const spied: JsTestSuite = {
      exports: ['add'],
      prelude: 'const secret = { hotMs: 0.187 }; const m = new Map([[secret, 1]]); return { look: () => m.has(secret) };',
      tests: [
        {
          name: 'abs',
          description: '',
          body: 'learner.add(); h.look(); assert(Math.abs(-3) === 3 && [1, 2].map((x) => x * 2).join() === "2,4", "a built-in was patched");',
        },
      ],
    };
    for (const patch of [
      'Math.abs = () => 0;',
      'globalThis.Math = { abs: () => 0 };',
      'Map.prototype.has = function (k) { console.log(JSON.stringify(k)); return true; };',
      'Object.defineProperty(Array.prototype, "map", { value: () => [] });',
      'Object.getPrototypeOf([][Symbol.iterator]()).next = () => ({ done: true });',
    ]) {
      const r = await runJsInSandbox(`${patch}\nfunction add() {}`, spied);
      expect(r.error, patch).toMatch(/^Your code threw while loading: TypeError: Cannot (assign to read only property|redefine property)/);
      expect(r.logs.join(), patch).not.toMatch(/hotMs/);
    }
    // Ordinary code still runs: own properties that shadow a frozen prototype's (the "override mistake" is tamed).
    const ordinary = await runJsInSandbox(
      'class E extends Error { constructor(m) { super(m); this.name = "E"; } }\nfunction add() { const o = {}; o.toString = () => "o"; console.log(new E("x").name, String(o)); }',
      spied,
    );
    expect(ordinary).toEqual({ outcome: 'ran', tests: [{ name: 'abs', passed: true }], logs: ['E o'] });
  });

  it("a broken prelude is the exercise author's bug, said so", async () => {
    const r = await runJsInSandbox('function add() {}', { ...suite, prelude: 'throw new Error("oops");' });
    expect(r.outcome).toBe('crashed');
    expect(r.error).toMatch(/The exercise's own test code failed \(oops\): this is a bug in the exercise/);
  });

  it('refuses a suite without tests, with bad export names or a quietFrom that is not a test index', () => {
    expect(() => validateSuite({ exports: ['a b'], tests: suite.tests })).toThrow(/must be JavaScript names/);
    expect(() => validateSuite({ exports: ['a'], tests: [] })).toThrow(/no tests/);
    for (const quietFrom of [-1, 1.5, 3, Number.NaN, '1' as unknown as number])
      expect(() => validateSuite({ ...suite, quietFrom }), String(quietFrom)).toThrow(/quietFrom must be a test index from 0 to 2/);
    expect(() => validateSuite({ ...suite, quietFrom: 2 })).not.toThrow();
  });

  it('mutes the console from quietFrom on: what the code prints in those tests never leaves the sandbox', async () => {
    const code = 'function add(a, b) {\n  console.log("add", a, b);\n  return a + b;\n}\n';
    expect((await runJsInSandbox(code, suite)).logs).toEqual(['add 1 2', 'add -1 -2']);
    const quiet = await runJsInSandbox(code, { ...suite, quietFrom: 1 });
    expect(quiet.tests.map((t) => t.passed)).toEqual([true, true]);
    expect(quiet.logs).toEqual(['add 1 2']);
    expect((await runJsInSandbox(code, { ...suite, quietFrom: 0 })).logs).toEqual([]);
  });
});

describe('ReportBuilder', () => {
  it('keeps results in suite order and reports what did not run', () => {
    const b = new ReportBuilder(suite);
    b.accept({ type: 'start', index: 0, name: 'adds' });
    b.accept({ type: 'result', index: 0, result: { name: 'adds', passed: true } });
    b.accept({ type: 'start', index: 1, name: 'adds negatives' });
    const r = b.stop('crashed', 'The sandbox failed: gone');
    expect(r).toEqual({
      outcome: 'crashed',
      tests: [{ name: 'adds', passed: true }],
      error: 'While running the test "adds negatives": the sandbox failed: gone. 1 of 2 test(s) did not run.',
      logs: [],
    });
    expect(b.accept({ type: 'done', outcome: 'ran', logs: [] })).toBe(r);
  });
});

/**
 * The browser adapter, driven in Node through a small stand-in for the Web Worker API (a worker
 * thread that plays `self`), so its worker source, eval path and timeout are exercised here; the
 * end-to-end tests run it in Chromium.
 */
describe('the browser sandbox (Web Worker from a Blob URL), on a stand-in Worker', () => {
  const g = globalThis as { Worker?: unknown; Blob: typeof Blob };
  const saved = { Worker: g.Worker, Blob: g.Blob, createObjectURL: URL.createObjectURL };
  const sources = new Map<string, string>();
  beforeAll(() => {
    // Blobs that remember their text, so the stand-in can start a worker from a Blob URL synchronously.
    class RecordingBlob extends saved.Blob {
      readonly text0: string;
      constructor(parts: string[], options?: BlobPropertyBag) {
        super(parts, options);
        this.text0 = parts.join('');
      }
    }
    g.Blob = RecordingBlob as unknown as typeof Blob;
    URL.createObjectURL = (blob: Blob) => {
      const url = saved.createObjectURL.call(URL, blob);
      sources.set(url, (blob as RecordingBlob).text0);
      return url;
    };
    class StandInWorker {
      onmessage: ((e: { data: unknown }) => void) | null = null;
      onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
      private readonly worker: NodeWorker;
      constructor(url: string) {
        const source = sources.get(url);
        if (source === undefined) throw new Error(`no source for ${url}`);
        const shim = `
const { parentPort, workerData } = require('node:worker_threads');
globalThis.self = globalThis;
self.postMessage = (m) => parentPort.postMessage(m);
self.addEventListener = () => {};
parentPort.on('message', (data) => self.onmessage({ data }));
(0, eval)(workerData);
`;
        this.worker = new NodeWorker(shim, { eval: true, workerData: source });
        this.worker.on('message', (data) => this.onmessage?.({ data }));
        this.worker.on('error', (e) => this.onerror?.({ message: e.message, preventDefault() {} }));
      }
      postMessage(data: unknown) {
        this.worker.postMessage(data);
      }
      terminate() {
        void this.worker.terminate();
      }
    }
    g.Worker = StandInWorker;
  });
  afterAll(() => {
    g.Worker = saved.Worker;
    g.Blob = saved.Blob;
    URL.createObjectURL = saved.createObjectURL;
  });

  it('runs the same runner: results, line numbers through sourceURL, timeouts', async () => {
    const ok = await runJsInBrowserSandbox('function add(a, b) {\n  return a + b;\n}\n', suite);
    expect(ok).toEqual({
      outcome: 'ran',
      tests: [
        { name: 'adds', passed: true },
        { name: 'adds negatives', passed: true },
      ],
      logs: [],
    });
    const thrown = await runJsInBrowserSandbox('function add(a, b) {\n\n  return a.x.y;\n}\n', suite);
    expect(thrown.tests[0]).toMatchObject({ passed: false, at: { line: 3 } });
    const loop = await runJsInBrowserSandbox('function add() { for (;;) {} }', suite, { timeoutMs: 300 });
    expect(loop.outcome).toBe('timeout');
    expect(sources.size).toBe(3);
  });

  it("freezes the intrinsics there too, and ignores messages the learner's code posts itself", async () => {
    const patched = await runJsInBrowserSandbox('Math.abs = () => 0;\nfunction add(a, b) { return a + b; }', suite);
    expect(patched.error).toMatch(/Cannot assign to read only property 'abs'/);
    const forged = await runJsInBrowserSandbox(
      "postMessage({ type: 'result', index: 0, result: { name: 'adds', passed: true } });\npostMessage({ type: 'done', outcome: 'ran', logs: [] });\nfunction add(a, b) { return a - b; }",
      suite,
    );
    expect(forged.outcome).toBe('ran');
    expect(forged.tests.map((t) => t.passed)).toEqual([false, false]);
  });
});
