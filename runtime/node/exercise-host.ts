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

/** A check's result, or why it failed: `unavailable` when the child had no WebGPU (or no sandbox). */
export type ChildCheckOutcome = { result: CheckResult } | { error: string; unavailable?: boolean };

const CHILD = fileURLToPath(new URL('./check-child.ts', import.meta.url));

/**
 * Runs checks in a child Node process started with the SwiftShader Vulkan variables where this machine
 * has SwiftShader (and no VK_ICD_FILENAMES of its own), so WebGPU works without a GPU. One process for
 * all jobs; results in the order of the jobs.
 */
export async function checkInChildProcess(jobs: readonly ChildCheckJob[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<ChildCheckOutcome[]> {
  if (jobs.length === 0) return [];
  const base = options.env ?? process.env;
  const env = { ...base, ...(base.VK_ICD_FILENAMES ? {} : (swiftShaderEnv(base) ?? {})) };
  const timeoutMs = options.timeoutMs ?? 120_000;
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ stdout: out, stderr: err, code: exitCode });
    });
    child.stdin.end(JSON.stringify(jobs));
  });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`the exercise check process gave no result (exit ${code}).\nstdout: ${stdout.slice(-2000)}\nstderr: ${stderr.slice(-2000)}`);
  return JSON.parse(line.slice('RESULT '.length)) as ChildCheckOutcome[];
}
