// What the server-rendered cell tells its scripts (BenchCell.astro writes it as data-meta JSON).
import type { Target } from '../../runtime/spec/task.ts';

export interface CellMeta {
  /** The spec's id: `matmul`. */
  id: string;
  title: string;
  /** The spec file in the project: `lessons/specs/matmul.bench.yaml`. */
  file: string;
  /** The targets the cell offers, the spec's browser targets and js, first choice first. */
  targets: Target[];
  /** Every target the spec names (node-* need the agent). */
  specTargets: Target[];
  /** The spec's parameter names, in order. */
  parameters: string[];
  /** A server spec's sweep range (constraints.load.sweep), null without one; absent when not a server spec. */
  sweep?: { from: number; to: number; precision?: number } | null;
  /** The spec's time cap for sampling (constraints.max-duration-ms). */
  maxDurationMs: number;
  /** Warm-up runs after the first run (constraints.warmup). */
  warmup: number;
}

/** The cell's choices: the target picked and each parameter's control, as text. */
export interface CellValues {
  target: Target;
  params: Record<string, string>;
}

/**
 * What the controller needs from the <bench-cell> element (src/cell/element.ts). The element owns its
 * DOM (status line, progress bar, target picker, view containers): the controller says what happened
 * through these methods, and never edits those parts itself (this is not an HTMLElement on purpose).
 */
export interface CellHost {
  readonly meta: CellMeta;
  readonly specText: string;
  values(): CellValues;
  /** Sets the controls to a run's target and parameters (the terminal's `run` with options). */
  setValues(values: Partial<CellValues>): void;
  /** Run disabled and Stop enabled while a run is going (and `data-state="running"`). */
  busy(on: boolean): void;
  /** Writes the cell's status line (a live region). */
  status(text: string): void;
  /** A run started: the progress bar shows, with no value yet, and no samples are counted. */
  progressStarted(): void;
  /** Sampling goes on: the bar fills to `elapsedMs` of `maxMs`, `text` says it in words (`data-samples` counts). */
  progressMeasured(p: { samples: number; elapsedMs: number; maxMs: number; text: string }): void;
  /** The run ended: the bar and its words go. */
  progressEnded(): void;
  /** Targets this page cannot run: disabled, with why beside them; another is picked if one of them was. */
  disableTargets(targets: readonly Target[], why: string): void;
  /** A note beside targets that still run (a CPU fallback adapter). */
  noteTargets(targets: readonly Target[], note: string): void;
  /** Targets that can run now after all (the agent's native ones, once it is connected), with a note. */
  enableTargets(targets: readonly Target[], note: string): void;
  /** The containers the views render into (the results view, the terminal pane); the wiring mounts them. */
  viewContainers(): { results: HTMLElement; terminal: HTMLElement };
}
