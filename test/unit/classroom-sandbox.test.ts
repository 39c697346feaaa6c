import { describe, expect, it } from 'vitest';
import { checkAnswers, createVariant } from '../../runtime/exercises/check.ts';
import type { JsTestSuite } from '../../runtime/exercises/sandbox.ts';
import { graderCheckHost } from '../../runtime/node/classroom/grader-host.ts';
import { runJsInQuickJs } from '../../runtime/node/classroom/quickjs-sandbox.ts';
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
      expect(r.error).toMatch(/While running the test "runs f": your code ran too long \(the step limit of one test\)/);
    }
  }, 60_000);

  it('a memory bomb is stopped at the memory limit and says so', async () => {
    const r = await runJsInQuickJs('function f() { const a = []; for (;;) a.push(new Array(10000).fill(a.length)); }', one, { memoryMb: 16 });
    expect(r.outcome).toBe('crashed');
    expect(r.error).toMatch(/more memory than the limit of 16 MB/);
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
});
