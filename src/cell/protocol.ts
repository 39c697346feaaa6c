// The messages between a page and the benchmark worker (src/cell/worker.ts). Types only: both sides
// import them, so neither can send what the other does not read.
import type { BrowserProbe } from '../../runtime/browser/webgpu-probe.ts';
import type { Comparison } from '../../runtime/results/compare.ts';
import type { ResultRecord } from '../../runtime/results/record.ts';
import type { Diagnostic } from '../../runtime/spec/load.ts';
import type { Target } from '../../runtime/spec/task.ts';

export type ParamValues = Record<string, string | number | boolean>;

/** A request to the worker; `id` pairs it with its answer. */
export type Request =
  | { type: 'run'; id: number; specText: string; target?: Target; overrides: ParamValues; assetsBase: string }
  | { type: 'stop'; id: number }
  /** Load and start what a run on `target` needs (engine, backend, wasm), before the learner presses Run. */
  | { type: 'prestart'; id: number; target: Target; specText: string; assetsBase: string; overrides?: ParamValues }
  | { type: 'probe'; id: number }
  | { type: 'validate'; id: number; specText: string; file: string }
  | { type: 'parse-result'; id: number; text: string; file: string }
  | { type: 'compare'; id: number; a: ResultRecord; b: ResultRecord };

/** What each request answers with. */
export interface Answers {
  run: ResultRecord;
  stop: null;
  /** Why the backend could not be started ahead (the run will say the same), or null once started. */
  prestart: string | null;
  probe: BrowserProbe;
  validate: Diagnostic[];
  'parse-result': { record?: ResultRecord; errors: string[] };
  compare: Comparison;
}

export type Phase = 'warmup' | 'calibrate' | 'measure' | string;

/** A message from the worker: a run's log line or progress, or a request's answer or error. */
export type Reply =
  | { type: 'log'; id: number; line: string }
  /** Under the load generator (phase `queries`), `samples` counts queries done; issued and inFlight come too. */
  | { type: 'progress'; id: number; phase: Phase; samples: number; elapsedMs: number; issued?: number; inFlight?: number }
  | { type: 'done'; id: number; value: unknown }
  /** `message` is for the learner; never a stack trace. */
  | { type: 'error'; id: number; message: string };
