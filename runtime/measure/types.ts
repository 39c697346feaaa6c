/**
 * What the harness times. `run(iterations)` performs the operation that many times back to back
 * and resolves only when all of it is complete (for GPU work: after the queue finished, e.g.
 * onSubmittedWorkDone or a mapAsync of the result). If the device timed the batch itself
 * (WebGPU timestamp-query), it may return that time.
 */
export interface Workload {
  run(iterations: number): Promise<void | { deviceMs?: number }>;
}

/** The clock the harness reads, in milliseconds (performance.now in browsers and Node). */
export type Clock = () => number;

export interface MeasureOptions {
  /** Warm-up runs, discarded and reported (their times are kept in the record as warm-up). */
  warmupRuns: number;
  /** A sample must last at least this multiple of the timer's resolution (blocked autorange). */
  minResolutionMultiple: number; // default 1000
  minSamples: number;
  maxSamples: number;
  minDurationMs: number;
  maxDurationMs: number;
  /** Stop early once IQR/median of the samples so far falls below this (and the minimums are met). */
  targetRelativeIqr: number;
  signal?: AbortSignal;
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
  /** The very first run, by itself (compile, upload, caches cold). */
  firstRunMs: number;
  timerResolutionMs: number;
  /** Device-timed milliseconds per iteration, when the workload reports them (timestamp-query). */
  deviceSamples?: number[];
  stoppedBecause: 'converged' | 'max-duration' | 'max-samples' | 'min-reached' | 'cancelled';
  elapsedMs: number;
}
