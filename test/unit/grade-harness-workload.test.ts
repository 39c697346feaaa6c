/**
 * The grader's cost of a fix-timing-harness check (issue 13's throughput) was cut by giving the
 * suites' second machine 5x longer calls where its batch stays at least MIN_OTHER_BATCH calls (it had
 * 5x shorter ones, and a 5x bigger batch, whenever a call took 0.05 ms or more): this proves the
 * reference harness still finds its batch there on 2,000 seeds, and that every wrong harness of the
 * exercise's tests.ts still fails, and the right ones still pass, with the hidden tests. The suites run
 * here in a node:vm context with the same runner (a fast stand-in for the grader's QuickJS, which gives
 * the same reports: classroom-sandbox.test.ts).
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { checkAnswers, createVariant } from '../../runtime/exercises/check.ts';
import { ReportBuilder, SANDBOX_RUNNER, type JsTestSuite, type RunnerMessage, type SandboxReport } from '../../runtime/exercises/sandbox.ts';
import type { CheckHost } from '../../runtime/exercises/types.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';
import tests from '../../exercises/fix-timing-harness/tests.ts';
import {
  harnessCode,
  MIN_OTHER_BATCH,
  otherWorld,
  type FixTimingHarnessData,
  type HarnessHidden,
} from '../../exercises/fix-timing-harness/exercise.ts';

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

/** Seeds 1-4, and three where always-longer calls (8-call batches) failed the reference harness. */
const SEEDS = process.env.HARNESS_SEEDS ? Array.from({ length: Number(process.env.HARNESS_SEEDS) }, (_, k) => k + 1) : [1, 2, 3, 4, 49, 63, 141];
const preludeSource = readFileSync(new URL('../../exercises/fix-timing-harness/sandbox/prelude.js', import.meta.url), 'utf8');
const prelude = new Function(`${preludeSource}\nreturn prelude;`)() as (...args: unknown[]) => {
  runOther: (l: unknown) => Promise<{ result: { batch: number }; stats: { calls: number } }>;
};

describe('fix-timing-harness: the cheaper second machine still tells every wrong harness', () => {
  it('the reference harness finds its batch on the second machine of the visible and the hidden suite, seeds 1-2000', async () => {
    const exercise = (await loadExerciseRegistry()).get('fix-timing-harness')!;
    const bad: string[] = [];
    for (let seed = 1; seed <= 2000; seed++) {
      const v = createVariant(exercise, seed) as { data: FixTimingHarnessData };
      const hidden = tests.hidden!(v as never) as HarnessHidden;
      const c = v.data.contract;
      const learner = { [c.name]: new Function(`${harnessCode(c)}\nreturn ${c.name};`)() };
      for (const { world, options } of [v.data, hidden]) {
        const other = otherWorld(world);
        const { result } = await prelude(world, options, c, other).runOther(learner);
        const need = 1000 * options.resolutionMs;
        const lasts = result.batch * (other.hotMs + other.submitMs);
        // Test 4's bounds.
        if (!(lasts >= 0.99 * need && lasts <= 4 * need)) bad.push(`seed ${seed}: batch ${result.batch} lasts ${lasts} ms, need ${need}`);
        if (other.hotMs > world.hotMs) expect(result.batch).toBeGreaterThanOrEqual(MIN_OTHER_BATCH);
      }
    }
    expect(bad).toEqual([]);
  }, 120_000);

  it(`on seeds ${SEEDS.join(', ')}, with the hidden tests: each wrong answer of tests.ts scores < 1, each right one 1`, async () => {
    const exercise = (await loadExerciseRegistry()).get('fix-timing-harness')!;
    const failures: string[] = [];
    for (const seed of SEEDS) {
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
