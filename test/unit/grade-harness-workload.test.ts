/**
 * The grader's cost of a fix-timing-harness check (issue 13's throughput) was cut by giving the
 * visible suite's second machine 5x longer calls, never shorter ones: this proves that every wrong
 * harness of the exercise's tests.ts still fails, and the right ones still pass, with the hidden
 * tests, on many seeds. The suites run here in a node:vm context with the same runner (a fast stand-in
 * for the grader's QuickJS, which gives the same reports: classroom-sandbox.test.ts).
 */
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { checkAnswers, createVariant } from '../../runtime/exercises/check.ts';
import { ReportBuilder, SANDBOX_RUNNER, type JsTestSuite, type RunnerMessage, type SandboxReport } from '../../runtime/exercises/sandbox.ts';
import type { CheckHost } from '../../runtime/exercises/types.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';
import tests from '../../exercises/fix-timing-harness/tests.ts';

/** The runner in a fresh vm context, in this thread: for code known to end (no endless loop among these answers). */
async function runInVm(code: string, suite: JsTestSuite): Promise<SandboxReport> {
  const context = vm.createContext({});
  const builder = new ReportBuilder(suite);
  let report: SandboxReport | undefined;
  const compile = (source: string, filename: string) => new vm.Script(source, { filename }).runInContext(context);
  const post = (m: RunnerMessage) => {
    report = builder.accept(JSON.parse(JSON.stringify(m)) as RunnerMessage) ?? report;
  };
  const runner = new vm.Script(SANDBOX_RUNNER).runInContext(context) as (i: unknown, c: typeof compile, p: typeof post) => Promise<void>;
  await runner(JSON.parse(JSON.stringify({ code, suite })), compile, post).catch((e: Error) => {
    report ??= builder.stop('crashed', e.message);
  });
  return report ?? builder.stop('crashed', 'no report');
}
const host: CheckHost = { runJs: (code, suite) => runInVm(code, suite) };

const SEEDS = Number(process.env.HARNESS_SEEDS ?? 10);

describe('fix-timing-harness: the cheaper second machine still tells every wrong harness', () => {
  it(`on seeds 1-${SEEDS}, with the hidden tests: each wrong answer of tests.ts scores < 1, each right one 1`, async () => {
    const exercise = (await loadExerciseRegistry()).get('fix-timing-harness')!;
    const failures: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const v = createVariant(exercise, seed);
      const hidden = tests.hidden!(v);
      const jobs = [
        { name: 'solve', answers: tests.solve(v), right: true },
        ...tests.cases.map((c) => ({ name: c.name, answers: c.answers(v, exercise), right: c.expect.code?.status === 'correct' })),
        ...(tests.degenerate ?? []).map((d) => ({ name: `degenerate: ${d.name}`, answers: d.answers(v, exercise), right: false })),
      ];
      for (const j of jobs) {
        if (!j.answers) continue;
        const r = await checkAnswers(exercise, v, j.answers, { host, hidden });
        if (j.right ? r.score !== 1 : r.score >= 1) failures.push(`seed ${seed}: "${j.name}" scores ${r.score}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
