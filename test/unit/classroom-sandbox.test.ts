import { describe, expect, it } from 'vitest';
import { checkAnswers, createVariant } from '../../runtime/exercises/check.ts';
import type { JsTestSuite } from '../../runtime/exercises/sandbox.ts';
import { graderCheckHost } from '../../runtime/node/classroom/grader-host.ts';
import { engineForTest, MAX_TEXT_CHARS, runJsInQuickJs } from '../../runtime/node/classroom/quickjs-sandbox.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';
import { nodeCheckHost } from '../../runtime/node/exercise-host.ts';
import harnessTests from '../../exercises/fix-timing-harness/tests.ts';

const probe = (body: string): JsTestSuite => ({ exports: ['f'], tests: [{ name: 'probe', description: 'probe', body }] });
const one = { exports: ['f'], tests: [{ name: 'runs f', description: 'runs f', body: 'await learner.f();' }] } satisfies JsTestSuite;

describe('the grader sandbox (QuickJS-wasm)', () => {
  it('grades the worked solution of fix-timing-harness as the page checker does, with the hidden tests', async () => {
    const exercise = (await loadExerciseRegistry()).get('fix-timing-harness')!;
    for (const seed of [1, 4]) {
      const v = createVariant(exercise, seed);
      const hidden = harnessTests.hidden?.(v);
      const here = await checkAnswers(exercise, v, harnessTests.solve(v), { host: graderCheckHost, hidden });
      const page = await checkAnswers(exercise, v, harnessTests.solve(v), { host: nodeCheckHost, hidden });
      expect(here.score).toBe(1);
      expect(here.parts).toEqual(page.parts);
      // The starter (two faults) scores the same in both too.
      const starter = { code: exercise.render(v).parts.code!.starter! };
      const a = await checkAnswers(exercise, v, starter, { host: graderCheckHost, hidden });
      const b = await checkAnswers(exercise, v, starter, { host: nodeCheckHost, hidden });
      expect(a.score).toBe(b.score);
      expect(a.score).toBeLessThan(0.5);
    }
  }, 60_000);

  it('an endless loop, plain or of awaits, is stopped by the step budget, whatever the wall clock says', async () => {
    const limits = { stepBudget: 2000, timeoutMs: 120_000 };
    for (const code of ['function f() { for (;;) {} }', 'async function f() { while (true) await null; }']) {
      const r = await runJsInQuickJs(code, one, limits);
      expect(r.outcome).toBe('timeout');
      expect(r.error).toMatch(/While running the test "runs f": your code ran too long \(the limit of one test\)/);
    }
  }, 60_000);

  it('a memory bomb is stopped at the memory limit and says so', async () => {
    const r = await runJsInQuickJs('function f() { const a = []; for (;;) a.push(new Array(10000).fill(a.length)); }', one, { memoryMb: 16 });
    expect(r.outcome).toBe('crashed');
    expect(r.error).toMatch(/used more than 16 MiB of memory/);
    // The sandbox still works after it.
    expect((await runJsInQuickJs('function f() { return 1; }', one)).outcome).toBe('ran');
  }, 30_000);

  it('has no file, network, process, environment, timer or module access', async () => {
    const code = `function f() {
      return [typeof require, typeof process, typeof fetch, typeof XMLHttpRequest, typeof setTimeout, typeof Deno, typeof Bun,
              typeof std, typeof os, typeof WebAssembly, typeof globalThis.__filename].join(',');
    }`;
    const r = await runJsInQuickJs(
      code,
      probe(
        "const t = learner.f(); assert(t === 'undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined', t);",
      ),
    );
    expect(r.tests[0]).toEqual({ name: 'probe', passed: true });
    const imp = await runJsInQuickJs("async function f() { return await import('fs'); }", probe('await learner.f();'));
    expect(imp.tests[0]!.passed).toBe(false);
  }, 30_000);

  it('cannot read the hidden tests or the secret: nothing of the grader is reachable', async () => {
    process.env.COURSE_SECRET_PROBE = 'the-secret-value-1234';
    const code = `async function f() {
      const seen = [];
      for (const k of Object.getOwnPropertyNames(globalThis)) seen.push(k);
      try { seen.push(String(this && this.constructor.constructor('return process')())); } catch (e) { seen.push('no process'); }
      return seen.join(' ');
    }`;
    const r = await runJsInQuickJs(code, probe('const t = await learner.f(); assert(!/the-secret-value|tests\\.ts|process\\.env/.test(t), t);'));
    expect(r.tests[0]!.passed).toBe(true);
    expect(JSON.stringify(r)).not.toContain('the-secret-value');
  }, 30_000);

  it('Date.now() and Math.random() repeat exactly: the same code gives the same report', async () => {
    const code = 'function f() { console.log([Date.now(), new Date().getTime(), Math.random(), Math.random()].join(",")); }';
    const suite = probe('learner.f();');
    const a = await runJsInQuickJs(code, suite);
    const b = await runJsInQuickJs(code, suite);
    expect(a.logs).toEqual(b.logs);
    expect(a.logs[0]).toMatch(/^0,0,0\.\d+,0\.\d+$/);
  }, 30_000);

  it('the frozen intrinsics hold in QuickJS too: patching Math.abs throws at load', async () => {
    const r = await runJsInQuickJs('Math.abs = () => 0;\nfunction f() {}', one);
    expect(r.error).toMatch(/read.only|not writable/i);
  }, 30_000);

  it('a syntax error is a compile error at its line; a throw names the line of the learner code', async () => {
    const bad = await runJsInQuickJs('function f() {\n  return 1 +;\n}', one);
    expect(bad).toMatchObject({ outcome: 'compile-error', at: { line: 2 } });
    expect(bad.error).toMatch(/^Your code does not parse: SyntaxError/);
    const threw = await runJsInQuickJs('function f() {\n  null.x;\n}', one);
    expect(threw.tests[0]).toMatchObject({ passed: false, at: { line: 2 }, message: expect.stringContaining('(thrown at line 2 of your code)') });
  }, 30_000);

  it('a 16 MiB string is an out-of-memory outcome that says the limit, and the next run works', async () => {
    const r = await runJsInQuickJs("function f() { return 'x'.repeat(16 * 1024 * 1024).length; }", one);
    expect(r.outcome).toBe('crashed');
    expect(r.error).toBe(
      'While running the test "runs f": your code used more than 16 MiB of memory (the limit of one run): a string or a list that grows without end. 1 of 1 test(s) did not run.',
    );
    // Doubling a string hits the same limit (or QuickJS's own string length), never an unexplained end.
    const d = await runJsInQuickJs("function f() { let s = 'x'; for (;;) s += s; }", one);
    expect(d.error ?? d.tests[0]?.message).toMatch(/used more than 16 MiB|string too long/);
    expect((await runJsInQuickJs('function f() { return 1; }', one)).outcome).toBe('ran');
  }, 30_000);

  it('a 2^20-character Error message is cut inside the sandbox, and says how long it was', async () => {
    const r = await runJsInQuickJs("function f() { throw new Error('y'.repeat(2 ** 20)); }", one);
    const message = r.tests[0]!.message!;
    expect(message.length).toBeLessThan(MAX_TEXT_CHARS + 60);
    expect(message).toMatch(/^y{1000}… \[cut: 1048\d{3} characters in all\]$/);
    // A value the code returned and a test quotes back is cut the same way.
    const quoted = await runJsInQuickJs("function f() { return 'z'.repeat(100000); }", probe("const v = learner.f(); assert(false, 'got ' + v);"));
    expect(quoted.tests[0]!.message).toMatch(/^got z{996}… \[cut: 100004 characters in all\]$/);
  }, 30_000);

  it('a log loop is stopped by the limit of one test; what it printed is at most 50 lines of 300 characters', async () => {
    const r = await runJsInQuickJs("function f() { for (;;) console.log('z'.repeat(1000)); }", one, { stepBudget: 200 });
    expect(r.outcome).toBe('timeout');
    expect(r.error).toMatch(/^While running the test "runs f": your code ran too long \(the limit of one test\)/);
    const printed = await runJsInQuickJs("function f() { for (let i = 0; i < 5000; i++) console.log('z'.repeat(1000)); }", one);
    expect(printed.logs).toHaveLength(50);
    expect(Math.max(...printed.logs.map((l) => l.length))).toBe(300);
  }, 60_000);

  it("a recursion without end is QuickJS's own stack overflow, named, on the main thread too", async () => {
    const r = await runJsInQuickJs('function f() {\n  return f() + 1;\n}', one);
    expect(r.outcome).toBe('ran');
    expect(r.tests[0]).toMatchObject({ passed: false, message: 'InternalError: stack overflow (thrown at line 2 of your code)' });
    expect((await runJsInQuickJs('function f() { return 1; }', one)).outcome).toBe('ran');
  }, 30_000);

  it("QuickJS never writes to the grader's stderr: a limit-hit runtime is dropped, an abort's text is kept", async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      for (const code of [
        "function f() { return 'x'.repeat(16 * 1024 * 1024); }",
        "function f() { throw new Error('y'.repeat(2 ** 20)); }",
        'function f() { return f() + 1; }',
        'function f() { for (;;) {} }',
        'function f() { const a = []; for (;;) a.push(new Array(10000).fill(a.length)); }',
      ])
        await runJsInQuickJs(code, one, { stepBudget: 500 });
      // Freeing a runtime that still holds an object fails QuickJS's assertion: its text stays with the engine.
      const engine = await engineForTest();
      const rt = engine.module.newRuntime();
      const ctx = rt.newContext();
      ctx.newObject();
      expect(() => {
        ctx.dispose();
        rt.dispose();
      }).toThrow(/Aborted/);
      expect(engine.printed.join('\n')).toMatch(/Assertion failed: list_empty/);
    } finally {
      process.stderr.write = write;
    }
    expect(written.join('')).toBe('');
  }, 60_000);

  it('a step meter shared by runs stops the run that spends it, with its own words', async () => {
    const meter = { used: 0, limit: 300 };
    const words = 'Not run to the end: the budget of this file is spent';
    const a = await runJsInQuickJs('function f() { for (;;) {} }', one, { stepBudget: 200, meter, meterMessage: words });
    expect(a.error).toMatch(/ran too long/);
    const b = await runJsInQuickJs('function f() { for (;;) {} }', one, { stepBudget: 200, meter, meterMessage: words });
    expect(b.error).toBe(`While running the test "runs f": not run to the end: the budget of this file is spent. 1 of 1 test(s) did not run.`);
    expect(meter.used).toBe(301);
  }, 60_000);
});
