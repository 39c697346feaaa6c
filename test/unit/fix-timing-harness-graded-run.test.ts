/**
 * The grader runs fix-timing-harness's visible and hidden tests in one sandbox run (one realm to start
 * and freeze instead of two). This proves it grades exactly as two separate runs would: every test's
 * verdict and message, for every answer of the exercise's tests.ts, on several seeds; and that a stop on
 * the hidden machine is told as the hidden machine's, never with its words.
 */
import { describe, expect, it } from 'vitest';
import { checkAnswers, createVariant } from '../../runtime/exercises/check.ts';
import type { CheckDetail, Variant } from '../../runtime/exercises/types.ts';
import { graderCheckHost } from '../../runtime/node/classroom/grader-host.ts';
import { DEFAULT_STEP_BUDGET, runJsInQuickJs } from '../../runtime/node/classroom/quickjs-sandbox.ts';
import { loadExerciseRegistry, readExerciseFolder } from '../../runtime/node/exercise-folders.ts';
import tests from '../../exercises/fix-timing-harness/tests.ts';
import {
  HIDDEN_FAILED,
  HIDDEN_LABEL,
  harnessCode,
  harnessSuite,
  type FixTimingHarnessData,
  type HarnessHidden,
} from '../../exercises/fix-timing-harness/exercise.ts';

const exercise = (await loadExerciseRegistry()).get('fix-timing-harness')!;
const { files } = await readExerciseFolder(new URL('../../exercises/fix-timing-harness/', import.meta.url).pathname);

/** The details two separate runs give: the visible suite, then the same tests on the hidden machine. */
async function separately(v: Variant<FixTimingHarnessData>, code: string): Promise<Pick<CheckDetail, 'id' | 'passed' | 'message'>[]> {
  const { contract, world, options } = v.data;
  const hidden = tests.hidden!(v) as HarnessHidden;
  const opts = { timeoutMs: 8000, stepBudget: DEFAULT_STEP_BUDGET };
  const seen = await runJsInQuickJs(code, harnessSuite(files, contract, world, options), opts);
  const unseen = await runJsInQuickJs(code, harnessSuite(files, contract, hidden.world, hidden.options), opts);
  const names = harnessSuite(files, contract, world, options).tests.map((t) => t.name);
  return [
    ...names.map((name) => {
      const r = seen.tests.find((t) => t.name === name);
      return { id: name, passed: r?.passed ?? false, ...(r?.passed ? {} : { message: r?.message ?? 'did not run' }) };
    }),
    ...names.map((name) => {
      const r = unseen.tests.find((t) => t.name === name);
      return { id: `${name}${HIDDEN_LABEL}`, passed: r?.passed ?? false, ...(r?.passed ? {} : { message: r ? HIDDEN_FAILED : 'did not run' }) };
    }),
  ];
}

describe('fix-timing-harness: the graded run (visible and hidden tests in one sandbox run)', () => {
  it('gives every test the verdict and message two separate runs give, for each answer of tests.ts on seeds 1 and 4', async () => {
    let compared = 0;
    // Date.now() stands still in the sandbox: that answer grows its batch to the million-call limit (~7 s a run).
    const cases = tests.cases!.filter((c) => !/Date\.now/.test(c.name));
    for (const seed of [1, 4]) {
      const v = createVariant(exercise, seed) as Variant<FixTimingHarnessData>;
      const hidden = tests.hidden!(v);
      const answers = [harnessCode(v.data.contract), ...cases.map((c) => String((c.answers(v, exercise as never) as { code: string }).code))];
      for (const code of answers) {
        const graded = await checkAnswers(exercise, v, { code }, { host: graderCheckHost, hidden });
        const part = graded.parts.code!;
        if (part.status === 'format-error') continue; // no test ran: nothing to compare
        const details = (part.details ?? []).map((d) => ({ id: d.id, passed: d.passed, ...(d.message ? { message: d.message } : {}) }));
        expect(details, `seed ${seed}: ${code.slice(0, 80)}`).toEqual(await separately(v, code));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(30);
  }, 120_000);

  it('a harness that never ends on the hidden machine keeps its visible verdicts, and is told only that the hidden run did not finish', async () => {
    const v = createVariant(exercise, 4) as Variant<FixTimingHarnessData>;
    const { contract, options } = v.data;
    // Endless only where the tick is not the variant's (the hidden machine has another one).
    const code = harnessCode(contract).replace('{\n', `{\n  if (options.resolutionMs !== ${options.resolutionMs}) for (;;) {}\n`);
    const r = await checkAnswers(exercise, v, { code }, { host: graderCheckHost, hidden: tests.hidden!(v) });
    const details = r.parts.code!.details!;
    expect(details.slice(0, 6).every((d) => d.passed)).toBe(true);
    expect(details.slice(6).every((d) => !d.passed)).toBe(true);
    expect(r.parts.code!.score).toBe(0);
    expect(r.parts.code!.feedback).toContain('On the hidden machine the run did not finish');
    expect(r.parts.code!.feedback).not.toMatch(/ran too long|resolutionMs|While running/);
  }, 60_000);
});
