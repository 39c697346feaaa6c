// What the cell's views read and call, as small interfaces: the results view (React) and the terminal
// pane (xterm) see these, never the controller's module, so neither imports the other. The controller
// (src/cell/controller.ts) implements both; src/cell/wiring.ts hands it to the views.
import type { BrowserProbe } from '../../runtime/browser/webgpu-probe.ts';
import type { Comparison } from '../../runtime/results/compare.ts';
import type { RecordDiff } from '../../runtime/results/record-diff.ts';
import type { CellContext, RunView, TerminalHost } from '../../runtime/terminal/index.ts';
import type { CellMeta } from './types.ts';

/** A run in the cell's list: made here, or loaded from a result file. */
export interface RunEntry extends RunView {
  fromFile: boolean;
}

export interface CellSnapshot {
  runs: readonly RunEntry[];
  /** The run shown in detail. */
  selected: number | null;
  running: boolean;
  /** Why the last run failed, for the learner. */
  error: string | null;
  /** The worker's view of the browser, once probed. */
  probe: BrowserProbe | null;
  /** What loading result files said: problems, and notes on files that did load. */
  loadErrors: readonly string[];
  loadNotes: readonly string[];
  comparing: boolean;
  comparison: { a: number; b: number; result: Comparison } | null;
  /** The record diff of the two runs compared (runtime/results/record-diff.ts): what differs, and what blocked exact reproduction. */
  recordDiff: { a: number; b: number; diff: RecordDiff } | null;
  compareError: string | null;
}

/** The results view's store: a snapshot to render (useSyncExternalStore) and the actions of its buttons. */
export interface ResultsStore {
  readonly meta: CellMeta;
  subscribe(listener: () => void): () => void;
  getSnapshot(): CellSnapshot;
  select(number: number): void;
  download(number: number): void;
  compare(a: number, b: number): Promise<void>;
  /** Reruns a run from its record alone (spec, parameters, seed; its target where this page runs it). */
  rerun(number: number): Promise<void>;
  loadFiles(files: readonly File[]): Promise<void>;
}

/** The terminal pane's store: the cell's words for the commands, run logs, and a way to take focus. */
export interface TerminalStore {
  readonly meta: CellMeta;
  readonly context: CellContext;
  terminalHost(write: (text: string) => void, clear: () => void): TerminalHost;
  /** Log lines of runs (and progress); returns the unsubscribe. */
  onLog(listener: (line: string) => void): () => void;
  /** How the cell focuses the terminal ("Open the terminal"). */
  setTerminalFocus(focus: () => void): void;
}
