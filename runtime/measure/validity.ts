import { formatDuration, formatPercent } from '../format/index.ts';
import { isScenario, scenarioChoices, type Scenario } from '../scenarios.ts';
import { minSamplesForPercentile } from './percentile-rule.ts';
import { MIN_SAMPLES_FOR_CI, OUTLIER_Z, percentile, precisionOf, relativeHalfWidth, type Statistics } from './stats.ts';
import type { Measurement } from './types.ts';

/** Scenarios after MLPerf LoadGen: the one list is runtime/scenarios.ts. */
export type { Scenario };

export interface ValidityInput {
  scenario: Scenario;
  measurement: Measurement;
  /** summarize(measurement.samples); null only when the run has no samples at all (then it is INVALID). */
  stats: Statistics | null;
  /** Percentiles the spec asks for (e.g. [90] for single-stream p90); each needs enough samples to mean anything. */
  percentiles: number[];
  minSamples: number;
  minDurationMs: number;
  /**
   * The precision the spec asks for: the relative half-width of the median's 95 % CI (0.01: +- 1 %). A run that
   * ends less precise is INVALID; undefined or Infinity: no precision rule. Dispersion (IQR / median) never
   * invalidates a run: it is reported as a note.
   */
  targetCi?: number;
  /**
   * single-stream only: every asked percentile of the latency must be at or below this. It describes single
   * queries, so a run whose samples are means of blocks of iterations cannot be judged against it (INVALID).
   */
  latencyBoundMs?: number;
  /** Items (queries, images, tokens) that one iteration processes. */
  itemsPerIteration: number;
}

export interface Validity {
  valid: boolean;
  /** Why the run is INVALID, in words a learner understands; empty when valid. */
  reasons: string[];
  /** Warnings that do not invalidate the run. */
  notes: string[];
  /** offline only: items over the total measured time (the sum of the samples' times). */
  throughput?: { itemsPerSecond: number };
}

/** A first run slower than this multiple of the median is called out (compile, upload, cold caches). */
export const SLOW_FIRST_RUN_FACTOR = 2;
/** IQR / median above this is called a noisy machine (a note, never INVALID). */
export const NOISY_RELATIVE_IQR = 0.1;
/** p99 at least this multiple of the median is called a long tail (a note), from LONG_TAIL_MIN_SAMPLES samples on. */
export const LONG_TAIL_FACTOR = 1.5;
export const LONG_TAIL_MIN_SAMPLES = 100;
/**
 * Sarle's bimodality coefficient above 5/9 (its value for a uniform distribution) suggests two modes (a note);
 * computed from BIMODALITY_MIN_SAMPLES samples on. Strongly skewed unimodal data can also exceed it, hence "possibly".
 */
export const BIMODALITY_THRESHOLD = 5 / 9;
export const BIMODALITY_MIN_SAMPLES = 30;

/**
 * The samples are single queries only when one sample is one iteration: blocked autorange then found one
 * iteration long enough (>= minResolutionMultiple x the timer's step) to time alone. Otherwise each sample is
 * the mean of a block, and its percentiles are percentiles of batch means: averaging hides the slow queries,
 * so a p90 of batch means is not a tail latency (MLPerf's SingleStream times each query by itself).
 */
export function samplesAreBatchMeans(iterationsPerSample: number): boolean {
  return iterationsPerSample > 1;
}

/** VALID or INVALID, with the reasons, as MLPerf LoadGen reports a run. Throws on inconsistent input. */
export function evaluate(input: ValidityInput): Validity {
  checkInput(input);
  const { measurement: m, stats } = input;
  const n = m.samples.length;
  const reasons: string[] = [];
  const notes: string[] = [];

  if (m.stoppedBecause === 'cancelled') reasons.push(`The run was cancelled (stopped by hand) after ${n} sample(s): a partial measurement.`);
  if (m.stoppedBecause === 'max-duration' && n === 0)
    reasons.push('The time cap was hit while calibrating the block size, before any sample was taken.');
  const step = m.timerResolutionMs / m.iterationsPerSample;
  const precise = stats ? precisionOf(stats.ci95Median, stats.median, step) : Infinity;
  const timerBound = stats ? relativeHalfWidth(stats.ci95Median, stats.median) < precise : false;
  if (stats && input.targetCi !== undefined && input.targetCi !== Infinity && (n < MIN_SAMPLES_FOR_CI || !(precise <= input.targetCi))) {
    const cap =
      m.stoppedBecause === 'max-duration'
        ? ' The time cap (max-duration-ms) ended sampling first: raise it, or ask for a looser target-ci.'
        : m.stoppedBecause === 'max-samples'
          ? ' The sample cap ended sampling first.'
          : '';
    reasons.push(
      n < MIN_SAMPLES_FOR_CI
        ? `Precision not reached: ${n} sample(s) cannot give the median a confidence interval; at least ${MIN_SAMPLES_FOR_CI} are needed (this workbook's rule).${cap}`
        : stats.median === 0
          ? `Precision not reached: the median is 0, so no relative precision can be stated (the spec asks for the median to +-${pct(input.targetCi)}).`
          : timerBound
            ? `Precision not reached: each sample is known only to half a timer step (${ms(step / 2)}), +-${pct(precise)} of the median, wider than the ` +
              `+-${pct(input.targetCi)} the spec asks for (target-ci); more samples cannot fix that. A finer timer (a cross-origin isolated page), ` +
              'a larger task per query, or a looser target-ci can.'
            : `Precision not reached: after ${n} sample(s) the median's 95% confidence interval is +-${pct(precise)}, wider than the +-${pct(input.targetCi)} the spec asks for (target-ci).${cap}`,
    );
  }
  if (n < input.minSamples) reasons.push(`Only ${n} sample(s); the spec asks for at least ${input.minSamples}.`);
  if (m.elapsedMs < input.minDurationMs) {
    reasons.push(`Measured for ${ms(m.elapsedMs)}; the spec asks for at least ${ms(input.minDurationMs)}.`);
  }
  for (const p of input.percentiles) {
    const need = minSamplesForPercentile(p);
    if (n < need)
      reasons.push(`p${p} needs at least ${need} samples (this workbook's rule: 10 samples beyond the ${p}th percentile); this run has ${n}.`);
  }
  const batched = samplesAreBatchMeans(m.iterationsPerSample);
  if (n > 0 && input.latencyBoundMs !== undefined && batched && stats) {
    const perIteration = stats.median;
    reasons.push(
      `The latency bound describes single queries, but each sample is the mean of a block of ${m.iterationsPerSample} iterations: ` +
        `a p${input.percentiles.join('/p')} of batch means is not a tail latency. One iteration (${ms(perIteration)}) is too short to time alone ` +
        `with this timer (step ${ms(m.timerResolutionMs)}): timing single queries needs a timer step of ${ms(perIteration / SINGLE_QUERY_STEPS)} or finer ` +
        `(${SINGLE_QUERY_STEPS} steps per query), e.g. a cross-origin isolated page (5 µs), or a larger task per query.`,
    );
  } else if (n > 0 && input.latencyBoundMs !== undefined) {
    for (const p of input.percentiles) {
      const latency = percentile(m.samples, p);
      if (latency > input.latencyBoundMs) {
        reasons.push(`The p${p} latency, ${ms(latency)}, exceeds the latency bound of ${ms(input.latencyBoundMs)}.`);
      }
    }
  }

  if (stats) {
    if (stats.median > 0 && m.firstRunMs > SLOW_FIRST_RUN_FACTOR * stats.median) {
      notes.push(
        `The first run took ${ms(m.firstRunMs)}, ${(m.firstRunMs / stats.median).toFixed(1)}x the median: ` +
          'compilation, upload or cold caches. It is reported as its own number, not in the samples.',
      );
    }
    if (stats.outliers.length > 0) {
      notes.push(`${stats.outliers.length} of ${n} samples are outliers (modified z-score above ${OUTLIER_Z}); they are kept in the statistics.`);
    }
    notes.push(...shapeNotes(m.samples, stats));
    if (n > 1 && stats.ci95Median[0] === stats.ci95Median[1] && stats.min !== stats.max) {
      notes.push(
        `The median's confidence interval has zero width: so many samples tie at the same value that resampling never moves the median. ` +
          `Its precision is really limited by the timer's step (${ms(m.timerResolutionMs)} over a block of ${m.iterationsPerSample}).`,
      );
    }
  }
  if (batched) {
    notes.push(
      `Each sample is the mean of a block of ${m.iterationsPerSample} iterations, because one iteration is too short ` +
        `to time alone against the timer's resolution of ${ms(m.timerResolutionMs)}: percentiles (p90, p99) are of batch means, ` +
        'not tail latencies of single queries, which are likely higher.',
    );
  }
  if (m.deviceSamples) {
    const missing = m.deviceSamples.filter((d) => d === null).length;
    if (missing > 0) {
      notes.push(
        `${missing} of ${m.deviceSamples.length} samples have no device time (the GPU gave no timestamp pair, or one quantised to zero): ` +
          `they keep their wall time, and device-time figures summarise the other ${m.deviceSamples.length - missing}.`,
      );
    }
  }

  const result: Validity = { valid: reasons.length === 0, reasons, notes };
  if (input.scenario === 'offline' && n > 0) {
    const totalMs = m.samples.reduce((s, x) => s + x, 0) * m.iterationsPerSample;
    const items = n * m.iterationsPerSample * input.itemsPerIteration;
    result.throughput = { itemsPerSecond: items / (totalMs / 1000) };
  }
  return result;
}

function checkInput(input: ValidityInput): void {
  const where = 'evaluate';
  if (!isScenario(input.scenario)) {
    throw new RangeError(`${where}: scenario must be ${scenarioChoices((s) => `'${s}'`, false)}, got ${String(input.scenario)}`);
  }
  const n = input.measurement.samples.length;
  if (input.stats === null ? n > 0 : input.stats.n !== n) {
    throw new RangeError(
      `${where}: stats describe ${input.stats?.n ?? 'no'} samples but the measurement has ${n}: pass summarize(measurement.samples)`,
    );
  }
  if (!Number.isInteger(input.minSamples) || input.minSamples < 1)
    throw new RangeError(`${where}: minSamples must be an integer >= 1, got ${input.minSamples}`);
  if (!(input.minDurationMs >= 0)) throw new RangeError(`${where}: minDurationMs must be >= 0, got ${input.minDurationMs}`);
  if (!(input.itemsPerIteration > 0)) throw new RangeError(`${where}: itemsPerIteration must be > 0, got ${input.itemsPerIteration}`);
  if (input.targetCi !== undefined && !(input.targetCi > 0)) throw new RangeError(`${where}: targetCi must be > 0, got ${input.targetCi}`);
  if (input.measurement.deviceSamples && input.measurement.deviceSamples.length !== n) {
    throw new RangeError(`${where}: deviceSamples has ${input.measurement.deviceSamples.length} entries for ${n} samples`);
  }
  input.percentiles.forEach((p, i) => {
    if (!(p > 0 && p < 100)) throw new RangeError(`${where}: percentiles[${i}] must be between 0 and 100 (exclusive), got ${p}`);
  });
  if (input.latencyBoundMs !== undefined) {
    if (input.scenario !== 'single-stream')
      throw new RangeError(`${where}: latencyBoundMs applies to the single-stream scenario only, not ${input.scenario}`);
    if (!(input.latencyBoundMs > 0)) throw new RangeError(`${where}: latencyBoundMs must be > 0, got ${input.latencyBoundMs}`);
    if (input.percentiles.length === 0)
      throw new RangeError(`${where}: latencyBoundMs needs a percentile to hold it against (e.g. percentiles: [90])`);
  }
}

/** A query timed alone must last this many timer steps (the engine's SINGLE_QUERY_TICKS, run-spec.ts). */
const SINGLE_QUERY_STEPS = 100;

/** Dispersion, tail and shape, in the lesson's words: notes, never reasons. */
function shapeNotes(samples: readonly number[], stats: Statistics): string[] {
  const notes: string[] = [];
  const n = samples.length;
  if (Number.isFinite(stats.relativeIqr) && stats.relativeIqr > NOISY_RELATIVE_IQR) {
    notes.push(
      `Noisy machine: the middle half of the samples spans ${pct(stats.relativeIqr)} of the median (IQR / median). ` +
        'That is the machine, not the estimate: the median is still as precise as its confidence interval says. Other programs, ' +
        'power saving and thermal limits cause it.',
    );
  }
  if (n >= LONG_TAIL_MIN_SAMPLES && stats.median > 0 && stats.p99 >= LONG_TAIL_FACTOR * stats.median) {
    notes.push(`Long tail: p99 is ${(stats.p99 / stats.median).toFixed(1)}x the median; some samples are much slower than the typical one.`);
  }
  // Outliers would pass for a mode (a few far samples inflate the skewness): the coefficient ignores them.
  const flagged = new Set(stats.outliers);
  const kept = samples.filter((_, i) => !flagged.has(i));
  const b = bimodalityCoefficient(kept, kept.reduce((sum, x) => sum + x, 0) / kept.length);
  if (kept.length >= BIMODALITY_MIN_SAMPLES && b > BIMODALITY_THRESHOLD) {
    notes.push(
      `Possibly two modes: Sarle's bimodality coefficient is ${b.toFixed(2)}, above ${BIMODALITY_THRESHOLD.toFixed(3)}. Look at the histogram: ` +
        'two clusters mean two regimes (a frequency change, a JIT tier, a cache that fits or not), and the median may sit between them.',
    );
  }
  return notes;
}

/**
 * Sarle's bimodality coefficient (g^2 + 1) / (k + 3 (n - 1)^2 / ((n - 2)(n - 3))), with g the sample skewness and
 * k the excess kurtosis (bias-corrected, as SAS and the psych package compute them). NaN below 4 samples or
 * without spread.
 */
export function bimodalityCoefficient(samples: readonly number[], mean: number): number {
  const n = samples.length;
  if (n < 4) return NaN;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const x of samples) {
    const d = x - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (!(m2 > 0)) return NaN;
  const g = (Math.sqrt(n * (n - 1)) / (n - 2)) * (m3 / m2 ** 1.5);
  const k = ((n - 1) / ((n - 2) * (n - 3))) * ((n + 1) * (m4 / (m2 * m2) - 3) + 6);
  return (g * g + 1) / (k + (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)));
}

/** 0.0123 -> "12.3 µs", 12.3 -> "12.3 ms", 12345 -> "12.3 s": durations in a sentence. */
const ms = (x: number): string => formatDuration(x, 'prose');

const pct = (x: number): string => formatPercent(x, 1, true);
