import type { RecordItem } from '../spec/schema.ts';
import type { Task } from '../spec/task.ts';

/** Where a target's runner lives: a page (and its worker), or Node (the CLI, later the agent). */
export type Host = 'browser' | 'node';

/**
 * One target: everything the workbook knows about it, in one place. The table (runtime/targets/index.ts)
 * is read by the schema, the spec rules, the cell, the lab, the terminal, the runners and the CLI.
 * Keep this file free of code that runs: a lesson page loads the table with its cells.
 */
export interface TargetDefinition<Id extends string = string> {
  /** The name a spec writes under infrastructure.targets. */
  id: Id;
  /** Where it runs: 'browser' (a page), 'node' (the CLI and the agent); plain JavaScript runs in both. */
  hosts: readonly Host[];
  /** The kinds of task it runs. */
  kinds: readonly Task['kind'][];
  /** Whether it runs on WebGPU: it needs an adapter, and `record: [adapter]` means something on it. */
  webgpu: boolean;
  /** Whether it needs a cross-origin isolated page (SharedArrayBuffer for wasm threads). */
  needsIsolation: boolean;
  /** What a result must record, besides the timer's resolution, to say which hardware and software ran it. */
  identifiedBy: readonly RecordItem[];
  /** Its name in the cell's picker and results: `WebGPU`. */
  label: string;
  /** One sentence: what runs where. */
  description: string;
  /** onnxruntime-web's WebAssembly thread pool on this target (fixed when a worker first starts ORT). */
  wasmThreads?: 'one thread' | 'threads';
  /**
   * Whether the load generator can issue queries on schedule while earlier ones compute (the server scenario
   * needs it): true when the runner leaves the issuing thread free (a thread pool, a GPU queue); 'own-worker'
   * when it does not, but the page serves its inference tasks from a SUT in a worker of its own
   * (runtime/browser/load-ort-worker.ts); false when a query computes on the issuing thread.
   */
  asyncIssue: boolean | 'own-worker';
  /** The target that runs the same work natively (the terminal's `workbook run` line for the CLI). */
  native?: string;
}

/** Keeps the id's literal type, so the table's ids make the Target type. */
export const defineTarget = <const Id extends string>(definition: TargetDefinition<Id>): TargetDefinition<Id> => definition;
