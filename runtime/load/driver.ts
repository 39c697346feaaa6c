import type { CancelSignal } from '../measure/types.ts';
import type { Scenario } from '../scenarios.ts';
import { poissonSchedule, serverQueryCount } from './arrivals.ts';
import { loadedSet, samplePicker } from './sample-library.ts';
import type { LoadProgress, Query, QueryRecord, QuerySampleLibrary, Scheduler, SystemUnderTest } from './types.ts';

/** The seeds of a run, LoadGen's three: which samples load, which samples each query takes, when queries arrive. */
export interface LoadSeeds {
  qsl: number;
  sampleIndex: number;
  schedule: number;
}

/** How one performance run issues its queries (the spec's constraints, resolved: runtime/load/settings.ts). */
export interface LoadSettings {
  scenario: Scenario;
  /** Samples per query: 1 for single-stream and server, 8 in MLPerf's multi-stream; offline: see minQueryCount. */
  samplesPerQuery: number;
  /** server: the mean arrival rate (queries per second). */
  targetQps?: number;
  /** Queries to issue at least (offline: samples in its one query, as LoadGen maps it to its min sample count). */
  minQueryCount: number;
  /** Closed loops issue until both minimums are met; server schedules arrivals past it. */
  minDurationMs: number;
  /** A cap on queries issued, whatever the minimums (the record keeps every query). */
  maxQueryCount: number;
  /** Closed loops stop issuing after this long (the run is then judged on what it has). */
  maxDurationMs: number;
  /**
   * The run's hard end, from its start: queries not complete by then are named in the result, which is
   * INVALID. A SUT that never answers cannot hang a run.
   */
  deadlineMs: number;
  seeds: LoadSeeds;
}

export interface LoadRun {
  scenario: Scenario;
  settings: LoadSettings;
  /** Every query issued, in issue order, times in ms from the start. */
  queries: QueryRecord[];
  /** How the run ended: every query done, the deadline hit, a query failed, or cancelled. */
  ended: 'complete' | 'deadline' | 'failed' | 'cancelled';
  /** Ms from the start to the end of the run (the last completion, or the deadline). */
  durationMs: number;
  /** Samples in the loaded set (the performance sample count). */
  loadedSamples: number;
  sut: string;
}

export interface RunLoadOptions {
  sut: SystemUnderTest;
  qsl: QuerySampleLibrary;
  scheduler: Scheduler;
  signal?: CancelSignal;
  onProgress?: (p: LoadProgress) => void;
  /** Least ms of scheduler time between two progress calls (and one at the end); 100 by default. */
  progressIntervalMs?: number;
}

/**
 * Runs one performance-mode test (LoadGen's PerformanceOnly): loads the performance sample set (untimed),
 * then issues queries as the scenario says:
 * - single-stream: one sample per query, the next issued when the previous completes (closed loop);
 * - multi-stream: `samplesPerQuery` samples per query, closed loop too. This follows LoadGen since v2.0
 *   (next query on completion, p99 of query latency), not its older fixed-interval MultiStream;
 * - server: one sample per query at Poisson arrival times from the schedule seed, issued on time whatever the
 *   SUT does (open loop); each query's latency counts from its scheduled arrival, never from when it was
 *   actually issued, so a stalled SUT or a busy host cannot hide the queue (no coordinated omission);
 * - offline: one query of all the samples at once.
 * Closed loops stop once minQueryCount and minDurationMs are both met (or a cap). The deadline ends the run
 * whatever is outstanding; a query that fails stops further issuing. Resolves, never rejects, for a SUT's
 * faults: they are in the records, for the validity rules to name.
 */
export async function runLoad(settings: LoadSettings, options: RunLoadOptions): Promise<LoadRun> {
  checkSettings(settings);
  const { sut, qsl } = options;
  if (settings.scenario === 'server' && !sut.asyncIssue) {
    throw new RangeError(
      `runLoad: the server scenario issues queries on a schedule while earlier ones run; ${sut.name} computes inside issueQuery (no asynchronous issue), so it would block the generator`,
    );
  }
  const loaded = loadedSet(qsl, settings.seeds.qsl);
  await qsl.load?.(loaded);
  try {
    return await new Promise<LoadRun>((resolve) => issueAll(settings, options, loaded, resolve));
  } finally {
    await qsl.unload?.(loaded);
  }
}

function issueAll(settings: LoadSettings, options: RunLoadOptions, loaded: number[], resolve: (run: LoadRun) => void): void {
  const { sut, scheduler, signal } = options;
  const pick = samplePicker(loaded, settings.seeds.sampleIndex);
  const t0 = scheduler.now();
  const rel = () => scheduler.now() - t0;
  const queries: QueryRecord[] = [];
  let inFlight = 0;
  let done = 0;
  let stopped = false; // no more issuing
  let finished = false;
  let ended: LoadRun['ended'] = 'complete';
  let lastProgress = -Infinity;
  const interval = options.progressIntervalMs ?? 100;
  const progress = (force = false) => {
    if (!options.onProgress) return;
    const now = rel();
    if (!force && now - lastProgress < interval) return;
    lastProgress = now;
    options.onProgress({ issued: queries.length, inFlight, done, elapsedMs: now });
  };

  const deadline = scheduler.at(t0 + settings.deadlineMs, () => {
    if (finished) return;
    if (inFlight > 0 || !stopped) ended = ended === 'complete' ? 'deadline' : ended;
    finish();
  });
  const finish = () => {
    if (finished) return;
    finished = true;
    deadline.cancel();
    progress(true);
    const last = queries.reduce((m, q) => Math.max(m, q.completedMs ?? q.issuedMs), 0);
    resolve({
      scenario: settings.scenario,
      settings,
      queries,
      ended,
      durationMs: ended === 'deadline' ? settings.deadlineMs : last,
      loadedSamples: loaded.length,
      sut: sut.name,
    });
  };
  const stopIssuing = () => {
    if (stopped) return;
    stopped = true;
    sut.flush?.();
    if (inFlight === 0) finish();
  };

  /** Issues query `id` (scheduled at `scheduledMs`) and calls `next` once it completes or fails. */
  const issue = (samples: number[], scheduledMs: number, next?: () => void) => {
    if (signal?.aborted) {
      ended = 'cancelled';
      stopIssuing();
      return;
    }
    const record: QueryRecord = { id: queries.length, sampleCount: samples.length, scheduledMs, issuedMs: rel(), completedMs: null };
    queries.push(record);
    inFlight++;
    let answered = false;
    const settle = (error?: unknown) => {
      if (answered || finished) return;
      answered = true;
      inFlight--;
      done++;
      if (error === undefined) record.completedMs = rel();
      else {
        record.error = error instanceof Error ? error.message : String(error);
        if (ended === 'complete') ended = 'failed';
        stopIssuing();
      }
      progress();
      if (stopped && inFlight === 0) finish();
      else if (error === undefined) next?.();
    };
    const query: Query = { id: record.id, samples };
    try {
      sut.issueQuery(query, { complete: () => settle(), fail: (e) => settle(e ?? new Error('failed')) });
    } catch (e) {
      settle(e ?? new Error('threw'));
    }
    progress();
  };

  // LoadGen's MinDurationMet for closed loops counts the last query's issue time, so issuing goes on until one
  // is issued at or after the minimum duration (not merely until one completes after it).
  const minimumsMet = () => queries.length >= settings.minQueryCount && (queries.at(-1)?.issuedMs ?? 0) >= settings.minDurationMs;
  const capped = () => queries.length >= settings.maxQueryCount || rel() >= settings.maxDurationMs;

  const soon = scheduler.soon ? (f: () => void) => scheduler.soon!(f) : (f: () => void) => void scheduler.at(scheduler.now(), f);
  switch (settings.scenario) {
    case 'single-stream':
    case 'multi-stream': {
      const loop = () => {
        if (stopped || finished) return;
        if (minimumsMet() || capped()) return stopIssuing();
        // Through the scheduler, not a direct call: a SUT that completes inside issueQuery would otherwise
        // recurse once per query.
        soon(() => issue(pick(settings.samplesPerQuery), rel(), loop));
      };
      issue(pick(settings.samplesPerQuery), 0, loop);
      return;
    }
    case 'server': {
      const count = serverQueryCount(settings.targetQps!, settings.minQueryCount, settings.minDurationMs, settings.maxQueryCount);
      const times = poissonSchedule(settings.targetQps!, count, settings.seeds.schedule);
      const at = (i: number) => {
        if (stopped || finished) return;
        if (i >= times.length) return stopIssuing();
        scheduler.at(t0 + times[i]!, () => {
          if (stopped || finished) return;
          issue(pick(settings.samplesPerQuery), times[i]!);
          at(i + 1);
        });
      };
      at(0);
      return;
    }
    case 'offline': {
      issue(pick(settings.minQueryCount), 0);
      stopIssuing();
      return;
    }
  }
}

function checkSettings(s: LoadSettings): void {
  const whole = (x: number, name: string, min = 1) => {
    if (!(Number.isInteger(x) && x >= min)) throw new RangeError(`runLoad: ${name} must be a whole number >= ${min}, got ${x}`);
  };
  whole(s.samplesPerQuery, 'samplesPerQuery');
  whole(s.minQueryCount, 'minQueryCount');
  whole(s.maxQueryCount, 'maxQueryCount');
  if (s.maxQueryCount < s.minQueryCount) throw new RangeError(`runLoad: maxQueryCount ${s.maxQueryCount} is below minQueryCount ${s.minQueryCount}`);
  if (!(s.minDurationMs >= 0)) throw new RangeError(`runLoad: minDurationMs must be >= 0, got ${s.minDurationMs}`);
  if (!(s.maxDurationMs >= s.minDurationMs))
    throw new RangeError(`runLoad: maxDurationMs ${s.maxDurationMs} is below minDurationMs ${s.minDurationMs}`);
  if (!(s.deadlineMs > 0 && Number.isFinite(s.deadlineMs)))
    throw new RangeError(`runLoad: deadlineMs must be a finite number > 0, got ${s.deadlineMs}`);
  if (s.scenario === 'server' && !(s.targetQps! > 0 && Number.isFinite(s.targetQps))) {
    throw new RangeError(`runLoad: the server scenario needs targetQps > 0, got ${s.targetQps}`);
  }
}
