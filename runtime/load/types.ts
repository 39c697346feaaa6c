/**
 * The load generator's contracts, after MLPerf LoadGen (mlcommons/inference, loadgen/system_under_test.h,
 * query_sample_library.h): a system under test receives queries of samples and completes them later; a
 * query sample library says which samples exist and which are loaded for a performance run. Host-independent:
 * time comes from a Scheduler passed in (a virtual one in tests, timers in a page or Node).
 */

/** Time and timers, in milliseconds. The drivers read `now` and schedule through `at`; nothing else. */
export interface Scheduler {
  now(): number;
  /** Runs `task` once, at `timeMs` or as soon after as the host allows (at once when it is already past). */
  at(timeMs: number, task: () => void): { cancel(): void };
  /**
   * Runs `task` as soon as possible, without waiting for a timer turn where the host can (a closed loop's next
   * query); optional: without it the drivers use at(now).
   */
  soon?(task: () => void): void;
}

/** One query: its id (0, 1, 2... in issue order) and the sample indexes (into the library) it carries. */
export interface Query {
  readonly id: number;
  readonly samples: readonly number[];
}

/**
 * How a SUT answers one query, as LoadGen's QuerySamplesComplete: once, with one response per sample (the
 * accuracy log keeps them; a performance run only needs the time), or with a failure. Later calls are ignored.
 */
export interface Responder {
  complete(responses?: readonly unknown[]): void;
  fail(error: unknown): void;
}

/** A system under test (LoadGen's SystemUnderTest): takes queries, completes them asynchronously. */
export interface SystemUnderTest {
  readonly name: string;
  /**
   * Whether issueQuery returns before the work is done, so the generator keeps issuing on schedule while
   * queries run (a worker, a thread pool, a GPU queue). A SUT that computes inside issueQuery blocks the
   * generator: the server scenario needs asyncIssue (validate refuses it otherwise).
   */
  readonly asyncIssue: boolean;
  /** Must not block for long when asyncIssue; may throw (that query fails, the run is INVALID). */
  issueQuery(query: Query, respond: Responder): void;
  /** LoadGen's FlushQueries: no more queries will come, so a batching SUT should not wait for more. */
  flush?(): void;
}

/** LoadGen's QuerySampleLibrary: the data set, and the loaded subset a performance run draws from. */
export interface QuerySampleLibrary {
  readonly name: string;
  /** Samples in the whole split (accuracy mode visits each once). */
  readonly totalSampleCount: number;
  /** Samples that fit in memory at once: a performance run draws only from these (loaded before timing). */
  readonly performanceSampleCount: number;
  load?(samples: readonly number[]): void | Promise<void>;
  unload?(samples: readonly number[]): void | Promise<void>;
}

/** What happened to one query, in milliseconds from the run's start. */
export interface QueryRecord {
  id: number;
  /** Samples in the query. */
  sampleCount: number;
  /** When the scenario meant it to go out (server: the Poisson arrival; closed loops: the issue time). */
  scheduledMs: number;
  /** When issueQuery was called (later than scheduled when the host was busy). */
  issuedMs: number;
  /** When the SUT completed it; null when it never did before the deadline, or failed. */
  completedMs: number | null;
  /** Why it failed (the SUT threw or called fail). */
  error?: string;
}

/** Progress while a run goes on, for a cell or a terminal. */
export interface LoadProgress {
  issued: number;
  inFlight: number;
  done: number;
  elapsedMs: number;
}

/**
 * A host's own SUT and library for a task (runtime/node/load-onnx.ts: the MNIST classifier with per-sample
 * digits), used instead of the generic one around a runner's workload; `accuracyOf` scores an accuracy log.
 */
export interface LoadSystem {
  sut: SystemUnderTest;
  qsl: QuerySampleLibrary;
  accuracyOf?(log: readonly { sample: number; response: unknown }[]): number;
  /** True when every sample is the task's one fixed input (generated models): the record must not claim per-sample data. */
  fixedInput?: boolean;
  close(): Promise<void>;
}
