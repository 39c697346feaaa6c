import type { CheckHost } from '../../exercises/types.ts';
import { runJsInQuickJs, DEFAULT_STEP_BUDGET } from './quickjs-sandbox.ts';

/**
 * What the grader offers exercise checks: learner JavaScript in QuickJS-wasm (quickjs-sandbox.ts),
 * limited per test by a counted step budget, so a verdict never depends on the grading machine's load;
 * the wall clock is only a backstop, far above what the budget allows. No WebGPU here: WGSL answers
 * are checked in a child process with dawn (grade-worker.ts routes them), as `workbook lint` does.
 */
export const GRADER_BACKSTOP_MS = 20_000;

export const graderCheckHost: CheckHost = {
  runJs: (code, suite, options) => runJsInQuickJs(code, suite, { ...options, timeoutMs: GRADER_BACKSTOP_MS, stepBudget: DEFAULT_STEP_BUDGET }),
};
