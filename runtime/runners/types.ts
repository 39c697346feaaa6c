import type { CancelSignal, Workload } from '../measure/types.ts';
import type { Target, Task } from '../spec/task.ts';

/** A runner turns a task into something the harness can time, on one target. */
export interface Runner {
  target: Target;
  /** null when this runner can run the task here; otherwise why not, in words a learner understands. */
  unsupported(task: Task): Promise<string | null>;
  /** Compiles, uploads, creates sessions: everything before the first timed run (timed as setup). */
  prepare(task: Task, options?: { signal?: CancelSignal; log?: (line: string) => void }): Promise<PreparedTask>;
}

export interface PreparedTask {
  workload: Workload;
  /** Work per iteration, for derived metrics (GFLOP/s, GB/s, items/s). */
  work: { flops?: number; bytes?: number; items: number };
  /**
   * Compares the output of the latest run with a CPU reference (the engine calls it right after the cold
   * first run, so that run's output is checked); before any run, it runs once itself. A wrong answer stops
   * the run before any sample is taken.
   */
  verify(): Promise<{ ok: boolean; maxAbsError: number; detail?: string }>;
  /** Quality metrics where the task has them (accuracy of a classifier on its test split). */
  quality?(): Promise<Record<string, number>>;
  /** What quality() could not define (a class never predicted: precision 0/0), in words, for the record's notes. */
  qualityNotes?(): string[];
  /** Rules quality() found broken (an IRT fit that did not converge), in words: the run is INVALID with them. */
  qualityReasons?(): string[];
  /** What this target adds to the environment record (adapter info and limits, backend and version, threads). */
  environment(): Promise<Record<string, unknown>>;
  dispose(): Promise<void>;
}
