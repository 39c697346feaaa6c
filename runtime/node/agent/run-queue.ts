// One run at a time, in order: two benchmarks at once on one machine would slow each other down and
// both results would lie. Runs outlive the connection that asked for them: a page that reconnects
// attaches to its run by id and gets its log so far and its result.
import type { ResultRecord } from '../../results/record.ts';
import type { RunState, RunSummary } from './protocol.ts';

/** What a run tells whoever follows it. */
export type RunEvent =
  | { type: 'started' }
  | { type: 'log'; line: string }
  | { type: 'progress'; phase: string; samples: number; elapsedMs: number }
  | { type: 'done'; record: ResultRecord }
  | { type: 'failed'; message: string };

/** Runs the job with its log, progress and cancel signal; resolves with the record or rejects with a message for the learner. */
export type RunJob = (io: {
  log: (line: string) => void;
  progress: (p: { phase: string; samples: number; elapsedMs: number }) => void;
  signal: AbortSignal;
}) => Promise<ResultRecord>;

export interface QueuedRun {
  runId: string;
  specId: string;
  target: string;
  state: RunState;
  queuedAt: Date;
  /** The run's log lines (the last MAX_LOG of them), replayed to a page that attaches. */
  log: string[];
  record?: ResultRecord;
  error?: string;
}

const MAX_LOG = 500;

export class RunQueue {
  private readonly runs = new Map<string, QueuedRun & { job: RunJob; abort: AbortController; listeners: Set<(e: RunEvent) => void> }>();
  private readonly waiting: string[] = [];
  private running: string | null = null;
  private next = 1;

  /** Queued runs at most (beyond, a run is refused). */
  readonly maxQueued: number;
  /** Ended runs kept for fetching, oldest dropped first. */
  readonly keepEnded: number;

  constructor(maxQueued = 8, keepEnded = 50) {
    this.maxQueued = maxQueued;
    this.keepEnded = keepEnded;
  }

  /** Queues a job; returns its id and place (0: starts now), or a reason it was refused. */
  add(specId: string, target: string, job: RunJob): { runId: string; position: number } | { refused: string } {
    if (this.waiting.length >= this.maxQueued)
      return { refused: `the queue is full (${this.maxQueued} runs wait already); wait for one to end, or cancel one` };
    const runId = `r${this.next++}`;
    this.runs.set(runId, {
      runId,
      specId,
      target,
      state: 'queued',
      queuedAt: new Date(),
      log: [],
      job,
      abort: new AbortController(),
      listeners: new Set(),
    });
    this.waiting.push(runId);
    // Runs ahead of this one: the one running, and those queued before it (not yet started ones count too).
    const position = this.waiting.length - 1 + (this.running ? 1 : 0);
    queueMicrotask(() => this.pump());
    this.trim();
    return { runId, position };
  }

  /** Follows a run's events; returns the unsubscribe, or undefined for an unknown id. */
  follow(runId: string, listener: (e: RunEvent) => void): (() => void) | undefined {
    const run = this.runs.get(runId);
    if (!run) return undefined;
    run.listeners.add(listener);
    return () => run.listeners.delete(listener);
  }

  get(runId: string): QueuedRun | undefined {
    return this.runs.get(runId);
  }

  /** Cancels a run: a queued one never starts; a running one stops after its current sample and keeps what it measured. */
  cancel(runId: string): string | null {
    const run = this.runs.get(runId);
    if (!run) return `no run ${runId}`;
    if (run.state === 'queued') {
      this.waiting.splice(this.waiting.indexOf(runId), 1);
      this.finish(run, { type: 'failed', message: 'cancelled before it started: nothing was measured' });
      return null;
    }
    if (run.state === 'running') {
      run.abort.abort();
      this.emit(run, { type: 'log', line: 'cancelling: the run ends after the current sample and keeps what it measured' });
      return null;
    }
    return `run ${runId} has already ended (${run.state})`;
  }

  get current(): string | null {
    return this.running;
  }

  get queued(): readonly string[] {
    return this.waiting;
  }

  list(): RunSummary[] {
    return [...this.runs.values()].map((r) => ({
      runId: r.runId,
      specId: r.specId,
      target: r.target,
      state: r.state,
      queuedAt: r.queuedAt.toISOString(),
      ...(r.record
        ? { outcome: `${r.record.validity.valid ? 'VALID' : 'INVALID'}, median ${r.record.statistics.median.toPrecision(3)} ms` }
        : r.error
          ? { outcome: r.error }
          : {}),
    }));
  }

  /** Resolves when nothing runs or waits (for a clean shutdown and the tests). */
  async idle(): Promise<void> {
    while (this.running || this.waiting.length) await new Promise((r) => setTimeout(r, 20));
  }

  private async pump() {
    if (this.running) return;
    const runId = this.waiting.shift();
    if (!runId) return;
    const run = this.runs.get(runId)!;
    this.running = runId;
    run.state = 'running';
    this.emit(run, { type: 'started' });
    try {
      const record = await run.job({
        log: (line) => this.emit(run, { type: 'log', line }),
        progress: (p) => this.emit(run, { type: 'progress', ...p }),
        signal: run.abort.signal,
      });
      this.finish(run, { type: 'done', record });
    } catch (e) {
      this.finish(run, { type: 'failed', message: e instanceof Error ? e.message : String(e) });
    } finally {
      this.running = null;
      void this.pump();
    }
  }

  private finish(run: QueuedRun & { listeners: Set<(e: RunEvent) => void> }, event: Extract<RunEvent, { type: 'done' | 'failed' }>) {
    if (event.type === 'done') {
      run.state = 'done';
      run.record = event.record;
    } else {
      run.state = 'failed';
      run.error = event.message;
    }
    this.emit(run, event);
    run.listeners.clear();
    this.trim();
  }

  private emit(run: QueuedRun & { listeners: Set<(e: RunEvent) => void> }, event: RunEvent) {
    if (event.type === 'log') {
      run.log.push(event.line);
      if (run.log.length > MAX_LOG) run.log.splice(0, run.log.length - MAX_LOG);
    }
    for (const l of run.listeners) l(event);
  }

  private trim() {
    const ended = [...this.runs.values()].filter((r) => r.state === 'done' || r.state === 'failed');
    for (const r of ended.slice(0, Math.max(0, ended.length - this.keepEnded))) this.runs.delete(r.runId);
  }
}
