/**
 * What the harness times. `run(iterations)` performs the operation that many times back to back
 * and resolves only when all of it is complete (for GPU work: after the queue finished, e.g.
 * onSubmittedWorkDone or a mapAsync of the result). If the device timed the batch itself
 * (WebGPU timestamp-query), it may return that time.
 */
export interface Workload {
  // biome-ignore lint/suspicious/noConfusingVoidType: a workload returns nothing or a device time: void is the honest type of the first
  run(iterations: number): Promise<void | { deviceMs?: number }>;
}

/**
 * What the engine reads of an AbortSignal, as a structural type: the core compiles without DOM or Node
 * types, and a real AbortSignal (page, worker or Node) fits it. The harness reads `aborted`; runners
 * call `throwIfAborted()` between steps of their setup.
 */
export interface CancelSignal {
  readonly aborted: boolean;
  throwIfAborted(): void;
}

/** The clock the harness reads, in milliseconds (performance.now in browsers and Node). */
export type Clock = () => number;

export interface MeasureOptions {
  /** Warm-up runs, discarded and reported (their times are kept in the record as warm-up). */
  warmupRuns: number;
  /** A sample must last at least this multiple of the timer's resolution (blocked autorange). */
  minResolutionMultiple: number; // default 1000
  /**
   * Keep single queries (a block of one iteration) as soon as one iteration lasts this many timer ticks, for
   * tail percentiles and latency bounds, which describe single queries; undefined: always minResolutionMultiple.
   */
  singleQueryMultiple?: number;
  /** With singleQueryMultiple: a latency bound; a timer step within 1/singleQueryMultiple of it times every query alone. */
  singleQueryBoundMs?: number;
  minSamples: number;
  maxSamples: number;
  minDurationMs: number;
  maxDurationMs: number;
  /**
   * Stop once the median is this precise (and the minimums are met): the relative half-width of its 95 %
   * confidence interval, 0.01 for +- 1 %. Precision of the estimate, not dispersion of the machine.
   */
  targetCi: number;
  /** Seed of the bootstrap that judges the precision (pass the one summarize gets, so both see one interval). */
  bootstrapSeed: number;
  /** Resamples of that bootstrap (summarize's default: 2000). */
  bootstrapResamples: number;
  signal?: CancelSignal;
  /**
   * Called once, right after the first run (untimed) and before any warm-up: the engine verifies the output
   * of that cold first call here. What it throws ends the measurement.
   */
  afterFirstRun?: () => Promise<void>;
  onProgress?: (p: { phase: 'warmup' | 'calibrate' | 'measure'; samples: number; elapsedMs: number }) => void;
}

export interface Measurement {
  /** Milliseconds per iteration, one value per sample. */
  samples: number[];
  iterationsPerSample: number;
  /**
   * Milliseconds per iteration of each warm-up run, and of samples set aside when the block size had to
   * grow again (a JIT still speeding up): discarded from the statistics, kept here to be seen.
   */
  warmup: number[];
  /** The very first call of the workload, by itself (compile, JIT, upload, caches cold): nothing ran before it. */
  firstRunMs: number;
  timerResolutionMs: number;
  /**
   * Device-timed milliseconds per iteration, one per sample, when the workload reports them (timestamp-query);
   * null for a sample whose device time is missing (no timestamp pair, or one quantised to zero).
   */
  deviceSamples?: (number | null)[];
  /** converged: the median reached its precision target (targetCi). */
  stoppedBecause: 'converged' | 'max-duration' | 'max-samples' | 'min-reached' | 'cancelled';
  elapsedMs: number;
}
