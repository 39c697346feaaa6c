import { median } from 'd3-array';
import { z } from 'zod';
import { MIN_SAMPLES_FOR_CI, medianCi95, precisionOf, rankMedianCi95 } from './stats.ts';
import { estimateTimerResolution } from './timer-resolution.ts';
import type { Clock, Measurement, MeasureOptions, Workload } from './types.ts';

/** The harness's numeric options, each checked before anything runs. */
export const measureOptionsSchema = z.object({
  /** Warm-up runs of one iteration after the first run, timed, reported, left out of the statistics. */
  warmupRuns: z.number().int().min(0),
  /** One sample must last at least this many timer ticks (blocked autorange). */
  minResolutionMultiple: z.number().min(1),
  /** No stop before this many samples (except the caps and Stop). */
  minSamples: z.number().int().min(1),
  /** Hard cap on samples. */
  maxSamples: z.number().int().min(1),
  /** No stop before the sampling phase lasted this long (ms). */
  minDurationMs: z.number().min(0),
  /**
   * When set, a block of one iteration is kept as soon as one iteration lasts this many timer ticks, so that
   * samples are single queries (for tail percentiles and latency bounds); undefined: the block always grows
   * to minResolutionMultiple ticks.
   */
  singleQueryMultiple: z.number().min(1).optional(),
  /**
   * A latency bound (ms) the samples will be held against. With singleQueryMultiple set and a timer step of at
   * most 1/singleQueryMultiple of the bound, every sample is one query however short: each latency is then
   * known to one step, which is small against the bound, and a tail of single queries is what a bound needs.
   */
  singleQueryBoundMs: z.number().positive().optional(),
  /** Hard cap on the calibration and on the sampling phase, each (ms). */
  maxDurationMs: z.number().positive().or(z.literal(Infinity)),
  /**
   * Converged once the median's 95 % confidence interval is this tight, as a relative half-width (0.01: the
   * median +- 1 %); Infinity: no precision target, stop when the minimums are met.
   */
  targetCi: z.number().positive().max(1).or(z.literal(Infinity)),
  /** Seed and resamples of the bootstrap that judges the precision: pass summarize's, so both see one interval. */
  bootstrapSeed: z.number().finite(),
  bootstrapResamples: z.number().int().min(1),
});

export const DEFAULT_MEASURE_OPTIONS = {
  warmupRuns: 3,
  minResolutionMultiple: 1000,
  minSamples: 10,
  // A guard on memory and on the bootstrap's cost (O(samples x resamples)), not a stopping rule: single queries
  // of tens of microseconds need tens of thousands of samples to fill a one-second minimum duration.
  maxSamples: 50_000,
  minDurationMs: 1000,
  maxDurationMs: 10_000,
  targetCi: 0.01,
  bootstrapSeed: 0,
  bootstrapResamples: 2000,
} as const satisfies Omit<MeasureOptions, 'signal' | 'onProgress' | 'afterFirstRun'>;

/** Once the bootstrap said "not precise yet", it is asked again only after the samples grew by this factor. */
const BOOTSTRAP_RECHECK_GROWTH = 1.1;

/** Blocked autorange never grows a block beyond this many iterations (2^30): past it, nothing is being timed. */
export const MAX_ITERATIONS_PER_SAMPLE = 2 ** 30;

/** onProgress is called at most this often (clock milliseconds) within a phase, and at every phase change. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Times a workload honestly (see DESIGN.md, "Measurement rules"):
 * 1. estimates the timer's resolution and records it;
 * 2. times the first run alone: the very first call of the workload, cold (compile, JIT, upload, caches),
 *    then calls `afterFirstRun` (the engine verifies that call's output there, untimed), then `warmupRuns`
 *    runs of one iteration, reported in `warmup` and left out of the samples;
 * 3. calibrates, as torch.utils.benchmark's blocked_autorange: iterations per sample double from 1 until a
 *    block lasts >= minResolutionMultiple x the resolution, twice in a row (a run still warming up fools one try);
 * 4. samples (one sample = one run of that many iterations, divided by them); every minSamples samples, if
 *    the median of the last minSamples fell below the target (the workload sped up after calibration, as a JIT
 *    does), the samples so far join `warmup` and sampling restarts with a block grown to reach the target;
 * 5. stops when `converged` (minimums met and the median is precise: its 95 % CI, by the same seeded bootstrap
 *    as summarize, has a relative half-width <= targetCi), `min-reached` (minimums met and no target: targetCi
 *    Infinity), `max-samples`, `max-duration` (the time cap, counted from the first sample), or `cancelled`
 *    (options.signal aborted: what was measured so far is returned).
 *    Precision, not dispersion: a noisy machine needs more samples for the same precision, but it is not a
 *    reason to stop early or to fail (see validity.ts for how spread is reported).
 * A workload that reports device time (deviceMs) for some samples and not for others keeps every sample; the
 * missing device times are null in deviceSamples (a GPU may fail to timestamp one pass).
 * The first run always completes (a run cannot be interrupted midway); the signal is checked after it and after
 * every later run. Between runs it yields to the event loop so a page stays responsive and Stop works.
 */
export async function measure(
  workload: Workload,
  options: Partial<MeasureOptions> = {},
  clock: Clock = () => performance.now(),
): Promise<Measurement> {
  const o = resolveOptions(options);
  const read = checkedClock(clock);
  const resolution = estimateTimerResolution(read);
  if (!(resolution > 0 && Number.isFinite(resolution))) {
    throw new Error(
      `measure: the clock did not move steadily forward while it was read (smallest step ${resolution} ms): nothing can be timed with it`,
    );
  }
  const progress = progressReporter(o.onProgress, read);
  const result: Measurement = {
    samples: [],
    iterationsPerSample: 1,
    warmup: [],
    firstRunMs: NaN,
    timerResolutionMs: resolution,
    stoppedBecause: 'cancelled',
    elapsedMs: 0,
  };
  const timed = async (iterations: number, what: string) => {
    const t0 = read();
    let reported: Awaited<ReturnType<Workload['run']>>;
    try {
      reported = await workload.run(iterations);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`measure: the workload failed during ${what} (${iterations} iteration(s)): ${message}`, { cause: error });
    }
    const ms = read() - t0;
    await yieldToEventLoop();
    return { ms, deviceMs: deviceMsOf(reported, what) };
  };
  const cancelled = () => o.signal?.aborted === true;

  progress('warmup', 0, 0, true);
  result.firstRunMs = (await timed(1, 'the first run')).ms;
  if (o.afterFirstRun) await o.afterFirstRun();
  for (let i = 0; i < o.warmupRuns; i++) {
    if (cancelled()) return result;
    result.warmup.push((await timed(1, `warm-up run ${i + 1}`)).ms);
    progress('warmup', 0, 0);
  }

  // Blocked autorange: grow the block until one sample is long compared with the timer's step.
  let target = o.minResolutionMultiple * resolution;
  // Tails and latency bounds need single queries: a block of 1 is kept when one query lasts singleQueryMultiple
  // ticks (100 ticks: the timer's step is at most 1 % of a query), even if that is short of the median's target.
  const queryTarget =
    o.singleQueryMultiple !== undefined && o.singleQueryBoundMs !== undefined && o.singleQueryMultiple * resolution <= o.singleQueryBoundMs
      ? 0
      : (o.singleQueryMultiple ?? Infinity) * resolution;
  const calibrationStart = read();
  progress('calibrate', 0, 0, true);
  for (let k = 1; ; k *= 2) {
    if (cancelled()) return result;
    result.iterationsPerSample = k;
    const { ms } = await timed(k, `calibration (block of ${k})`);
    // A block must reach the target twice in a row: a workload still warming up (JIT tiers, caches) is slow
    // once and then fast, and a block sized on its slow run would be too short for every sample after.
    if (k === 1 && ms >= queryTarget && ms < target && (await timed(k, 'calibration check (single query)')).ms >= queryTarget) {
      target = queryTarget;
      break;
    }
    if (ms >= target && (await timed(k, `calibration check (block of ${k})`)).ms >= target) break;
    const spent = read() - calibrationStart;
    progress('calibrate', 0, spent);
    if (spent >= o.maxDurationMs) {
      result.stoppedBecause = 'max-duration';
      return result;
    }
    if (k * 2 > MAX_ITERATIONS_PER_SAMPLE) {
      throw new Error(
        `measure: blocked autorange gave up: ${k} iterations took ${ms} ms, still shorter than ` +
          `${o.minResolutionMultiple} x the timer resolution (${target} ms). The workload seems to do no work, ` +
          'or the clock does not advance while it runs.',
      );
    }
  }

  let block = result.iterationsPerSample;
  const phaseStart = read(); // the time cap counts from here
  let start = phaseStart; // the kept samples' start: elapsedMs and the minimum duration count from here
  let device: (number | null)[] = [];
  const precision = precisionJudge(o, () => resolution / block);
  progress('measure', 0, 0, true);
  for (;;) {
    if (cancelled()) {
      result.stoppedBecause = 'cancelled';
      break;
    }
    const n = result.samples.length;
    const { ms, deviceMs } = await timed(block, `sample ${n + 1}`);
    result.samples.push(ms / block);
    precision.add(ms / block);
    device.push(deviceMs === undefined ? null : deviceMs / block);
    const grow = regrowth(result.samples, block, target, resolution, o.minSamples);
    if (grow > 1) {
      // The workload got faster (a JIT finished compiling): the samples so far come from another regime and
      // the latest are too short to trust, so all become warm-up (reported, not thrown away) and sampling
      // restarts with a longer block.
      result.warmup.push(...result.samples);
      result.samples = [];
      device = [];
      precision.reset();
      block = result.iterationsPerSample = block * grow;
      start = read();
    }
    result.elapsedMs = read() - start;
    const stop = stopReason(result.samples, result.elapsedMs, read() - phaseStart, o, precision);
    progress('measure', result.samples.length, result.elapsedMs, stop !== null || grow > 1);
    if (stop) {
      result.stoppedBecause = stop;
      break;
    }
  }
  if (device.some((d) => d !== null)) result.deviceSamples = device;
  return result;
}

type Resolved = z.infer<typeof measureOptionsSchema> & Pick<MeasureOptions, 'signal' | 'onProgress' | 'afterFirstRun'>;

function resolveOptions(options: Partial<MeasureOptions>): Resolved {
  const { signal, onProgress, afterFirstRun, ...numbers } = options;
  // An option given as undefined is an option not given: it takes its documented default.
  const given = Object.fromEntries(Object.entries(numbers).filter(([, v]) => v !== undefined));
  const merged: Record<string, unknown> = { ...DEFAULT_MEASURE_OPTIONS, ...given };
  const parsed = measureOptionsSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}, got ${String(merged[String(i.path[0])])}`);
    throw new RangeError(`measure: bad options: ${lines.join('; ')}`);
  }
  const o = parsed.data;
  if (o.minSamples > o.maxSamples) throw new RangeError(`measure: bad options: minSamples ${o.minSamples} > maxSamples ${o.maxSamples}`);
  if (o.minDurationMs > o.maxDurationMs) {
    throw new RangeError(`measure: bad options: minDurationMs ${o.minDurationMs} > maxDurationMs ${o.maxDurationMs}`);
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError('measure: options.onProgress must be a function');
  if (afterFirstRun !== undefined && typeof afterFirstRun !== 'function') throw new TypeError('measure: options.afterFirstRun must be a function');
  return { ...o, signal, onProgress, afterFirstRun };
}

function stopReason(
  samples: number[],
  elapsedMs: number,
  phaseMs: number,
  o: Resolved,
  precision: PrecisionJudge,
): Measurement['stoppedBecause'] | null {
  if (samples.length >= o.minSamples && elapsedMs >= o.minDurationMs) {
    if (o.targetCi === Infinity) return 'min-reached';
    if (precision.reached(samples)) return 'converged';
  }
  if (samples.length >= o.maxSamples) return 'max-samples';
  if (phaseMs >= o.maxDurationMs) return 'max-duration';
  return null;
}

type PrecisionJudge = ReturnType<typeof precisionJudge>;

/**
 * Is the median precise enough? A rank-based interval (cheap, kept on a sorted copy) gates every sample; when
 * it is within the target, the bootstrap interval that summarize will report decides, and if it says "not yet"
 * it is asked again only after the samples grew by BOOTSTRAP_RECHECK_GROWTH (it costs O(n x resamples)).
 */
function precisionJudge(o: Resolved, stepPerIteration: () => number) {
  let sorted: number[] = [];
  let recheckAt = 0;
  return {
    add(x: number) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid]! <= x) lo = mid + 1;
        else hi = mid;
      }
      sorted.splice(lo, 0, x);
    },
    reset() {
      sorted = [];
      recheckAt = 0;
    },
    reached(samples: number[]): boolean {
      const n = sorted.length;
      if (n < MIN_SAMPLES_FOR_CI) return false; // one sample's "interval" has zero width: that is no precision
      const med = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
      if (precisionOf(rankMedianCi95(sorted), med, stepPerIteration()) > o.targetCi) return false;
      if (n < recheckAt) return false;
      if (precisionOf(medianCi95(samples, o.bootstrapSeed, o.bootstrapResamples), med, stepPerIteration()) <= o.targetCi) return true;
      recheckAt = Math.ceil(n * BOOTSTRAP_RECHECK_GROWTH);
      return false;
    },
  };
}

/**
 * Every minSamples samples: if the median block time of the last minSamples fell below the target, the
 * power-of-two factor that brings it back above (1 when no regrowth is needed or the block cannot grow).
 */
function regrowth(samples: number[], block: number, target: number, resolution: number, minSamples: number): number {
  if (samples.length % minSamples !== 0) return 1;
  const typical = (median(samples.slice(-minSamples)) as number) * block;
  if (typical >= target) return 1;
  const factor = 2 ** Math.ceil(Math.log2(target / Math.max(typical, resolution)));
  return Math.max(1, Math.min(factor, MAX_ITERATIONS_PER_SAMPLE / block));
}

function checkedClock(clock: Clock): Clock {
  if (typeof clock !== 'function') throw new TypeError('measure: the clock must be a function returning milliseconds');
  return () => {
    const t = clock();
    if (typeof t !== 'number' || !Number.isFinite(t))
      throw new RangeError(`measure: the clock returned ${String(t)}, not a finite number of milliseconds`);
    return t;
  };
}

function deviceMsOf(reported: unknown, what: string): number | undefined {
  if (reported === undefined || reported === null) return undefined;
  const deviceMs = (reported as { deviceMs?: unknown }).deviceMs;
  if (deviceMs === undefined) return undefined;
  if (typeof deviceMs !== 'number' || !Number.isFinite(deviceMs) || deviceMs < 0) {
    throw new RangeError(`measure: the workload reported deviceMs ${String(deviceMs)} during ${what}; expected a finite number >= 0`);
  }
  return deviceMs;
}

/** Calls onProgress at phase changes (`force`) and otherwise at most every PROGRESS_INTERVAL_MS of clock time. */
function progressReporter(onProgress: MeasureOptions['onProgress'], read: Clock) {
  let last = -Infinity;
  let lastPhase = '';
  return (phase: 'warmup' | 'calibrate' | 'measure', samples: number, elapsedMs: number, force = false) => {
    if (!onProgress) return;
    const now = read();
    if (!force && phase === lastPhase && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    lastPhase = phase;
    onProgress({ phase, samples, elapsedMs });
  };
}

/**
 * Lets the event loop run (input, paint, a Stop button) without the 4 ms clamp of nested setTimeout:
 * setImmediate in Node, a MessageChannel task elsewhere. Not scheduler.yield(): its continuation
 * jumps ahead of other queued tasks, so a long run starved the page's own work (seen in Chromium:
 * the status line never repainted and automation could not reach the Stop button).
 */
function yieldToEventLoop(): Promise<void> {
  // Both looked up, not assumed: setImmediate is Node's only; the core knows neither as a global.
  const g = globalThis as {
    setImmediate?: (f: () => void) => unknown;
    MessageChannel?: new () => {
      port1: { onmessage: ((event: unknown) => void) | null; close(): void };
      port2: { postMessage(message: unknown): void };
    };
  };
  if (typeof g.setImmediate === 'function') return new Promise((resolve) => g.setImmediate!(resolve));
  if (typeof g.MessageChannel === 'function') {
    const { port1, port2 } = new g.MessageChannel();
    return new Promise((resolve) => {
      port1.onmessage = () => {
        port1.close();
        resolve();
      };
      port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
