import type { CheckHost } from '../../exercises/types.ts';
import { DEFAULT_STEP_BUDGET, runJsInQuickJs, type StepMeter } from './quickjs-sandbox.ts';

/**
 * What the grader offers exercise checks: learner JavaScript in QuickJS-wasm (quickjs-sandbox.ts),
 * limited per test by a counted step budget, so a verdict never depends on the grading machine's load;
 * the wall clock is only a backstop, far above what the budget allows. No WebGPU here: WGSL answers
 * are checked in a child process with dawn (grade-worker.ts routes them), as `workbook lint` does.
 */
export const GRADER_BACKSTOP_MS = 20_000;

export const graderCheckHost: CheckHost = graderCheckHostWith();

/** The grader's host, its runs counting their steps against a file's budget (runtime/classroom/grade-submission.ts). */
export function graderCheckHostWith(meter?: StepMeter): CheckHost {
  const metered = meter ? { meter, meterMessage: "Not run to the end: this file's code checks spent their step budget" } : {};
  return {
    runJs: (code, suite, options) =>
      runJsInQuickJs(code, suite, { ...options, timeoutMs: GRADER_BACKSTOP_MS, stepBudget: DEFAULT_STEP_BUDGET, ...metered }),
  };
}
