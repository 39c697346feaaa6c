import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Answers, CheckHost, CheckResult } from '../exercises/types.ts';
import { runJsInSandbox } from './sandbox.ts';
import { getNodeGpu, swiftShaderEnv } from './webgpu.ts';

/**
 * What Node offers to exercise checks (the unit tests, `workbook lint`, the grader): the worker-thread
 * sandbox for JavaScript and dawn.node for WebGPU. dawn.node finds its Vulkan driver only through
 * variables read when the process starts (see runtime/node/webgpu.ts), so checks that need WebGPU
 * can run in a child process started with them: `checkInChildProcess`.
 */
export const nodeCheckHost: CheckHost = {
  runJs: runJsInSandbox,
  gpu: () => getNodeGpu(),
};

/** One check for the child process. */
export interface ChildCheckJob {
  /** Path of the exercise's folder (exercises/<id>), loaded as runtime/node/exercise-folders.ts does; its tests.ts serves `solve` and `hidden`. */
  folder: string;
  seed: number;
  /** The answers, or 'solve' for tests.ts solve(variant). */
  answers: Answers | 'solve';
  /** Add tests.ts hidden(variant), as the grader does. */
  hidden?: boolean;
}

/**
 * A check's result, or why it failed: `unavailable` when the child had no WebGPU (or no sandbox).
 * `timedOut`: the check ran past the per-job limit (an endless WGSL loop can hold the GPU driver, and
 * with it the whole process): the answered parts score 0 and say so. That costs an attempt, as the
 * JavaScript sandbox's time limit does: the learner's code ran too long, the host did not fail.
 */
export type ChildCheckOutcome = { result: CheckResult; timedOut?: true } | { error: string; unavailable?: boolean };

/** What the child says before it checks a job, so a job it never finishes can still be given a result. */
export interface ChildJobStart {
  exercise: string;
  seed: number;
  points: number;
  /** The parts the answers answer (those a check would score). */
  parts: string[];
}

/** How long one check may take in the child before it is stopped (and the next job runs in a new child). */
export const DEFAULT_JOB_TIMEOUT_MS = 60_000;

const CHILD = fileURLToPath(new URL('./check-child.ts', import.meta.url));

/** The words of a check stopped at the limit. */
export function jobTimeoutMessage(ms: number): string {
  return `The check did not finish within ${ms / 1000} s, the time limit of one check, and was stopped: your code ran too long (a loop that never ends, or one far too long for the data). It scores 0.`;
}

/** The result of a job stopped at the limit: every answered part scores 0 and says why. */
export function timedOutResult(start: ChildJobStart, ms: number): CheckResult {
  const feedback = jobTimeoutMessage(ms);
  return {
    exercise: start.exercise,
    seed: start.seed,
    parts: Object.fromEntries(start.parts.map((id) => [id, { status: 'wrong' as const, score: 0, feedback }])),
    score: 0,
    points: 0,
    complete: false,
    formatErrors: [],
  };
}

/**
 * Runs checks in a child Node process started with the SwiftShader Vulkan variables where this machine
 * has SwiftShader (and no VK_ICD_FILENAMES of its own), so WebGPU works without a GPU. One process for
 * the jobs, results in the order of the jobs, and one result per job whatever happens: a job that runs
 * past `jobTimeoutMs` is stopped with the process (a result that says so), a process that dies costs
 * the job it was running (an error), and the jobs after it run in a fresh process.
 */
export async function checkInChildProcess(
  jobs: readonly ChildCheckJob[],
  options: { jobTimeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<ChildCheckOutcome[]> {
  const base = options.env ?? process.env;
  const env = { ...base, ...(base.VK_ICD_FILENAMES ? {} : (swiftShaderEnv(base) ?? {})) };
  const jobTimeoutMs = options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  const outcomes: ChildCheckOutcome[] = [];
  while (outcomes.length < jobs.length) {
    const from = outcomes.length;
    const run = await runChild(jobs.slice(from), env, jobTimeoutMs);
    outcomes.push(...run.outcomes);
    if (outcomes.length === jobs.length) break;
    // The child stopped during job `from + run.outcomes.length`: that job gets its result here, the rest run in a new child.
    const stuck = from + run.outcomes.length;
    if (run.timedOut && run.started) outcomes.push({ result: timedOutResult(run.started, jobTimeoutMs), timedOut: true });
    else if (run.timedOut)
      outcomes.push({
        error: `the check of job ${stuck} (seed ${jobs[stuck]!.seed}) did not start within ${jobTimeoutMs / 1000} s (loading the exercise hung)`,
      });
    else
      outcomes.push({
        error: `the exercise check process stopped during job ${stuck} (seed ${jobs[stuck]!.seed}) without a result (exit ${run.code}${run.signal ? `, ${run.signal}` : ''}).${run.stderr ? `\nstderr: ${run.stderr.slice(-2000)}` : ''}`,
      });
  }
  return outcomes;
}

interface ChildRun {
  /** The outcomes of the jobs it finished, in order from its first job. */
  outcomes: ChildCheckOutcome[];
  /** What it said of the job it was running when it stopped. */
  started?: ChildJobStart;
  timedOut: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** One child process over `jobs`: lines `START <json>` and `JOB <json>` per job; killed when a job outlasts the limit. */
function runChild(jobs: readonly ChildCheckJob[], env: NodeJS.ProcessEnv, jobTimeoutMs: number): Promise<ChildRun> {
  return new Promise<ChildRun>((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const run: ChildRun = { outcomes: [], timedOut: false, code: null, signal: null, stderr: '' };
    let pending = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        run.timedOut = true;
        child.kill('SIGKILL');
      }, jobTimeoutMs);
    };
    const onLine = (line: string) => {
      if (line.startsWith('START ')) {
        run.started = JSON.parse(line.slice('START '.length)) as ChildJobStart;
        arm();
      } else if (line.startsWith('JOB ')) {
        run.outcomes.push(JSON.parse(line.slice('JOB '.length)) as ChildCheckOutcome);
        run.started = undefined;
        arm();
      }
    };
    arm();
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      pending += d;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        onLine(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      run.stderr = (run.stderr + d).slice(-4000);
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (pending) onLine(pending);
      run.code = code;
      run.signal = signal;
      resolve(run);
    });
    child.stdin.end(JSON.stringify(jobs));
  });
}
