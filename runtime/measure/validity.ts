import { minSamplesForPercentile } from './percentile-rule.ts';
import { percentile, type Statistics } from './stats.ts';
import type { Measurement } from './types.ts';

/**
 * Scenarios after MLPerf LoadGen. single-stream: one query at a time, latency is the metric (p90 by default in
 * MLPerf); offline: all the work at once, throughput is the metric.
 */
export type Scenario = 'single-stream' | 'offline';

export interface ValidityInput {
  scenario: Scenario;
  measurement: Measurement;
  /** summarize(measurement.samples); null only when the run has no samples at all (then it is INVALID). */
  stats: Statistics | null;
  /** Percentiles the spec asks for (e.g. [90] for single-stream p90); each needs enough samples to mean anything. */
  percentiles: number[];
  minSamples: number;
  minDurationMs: number;
  /** IQR / median above this makes the run INVALID (variance too high). */
  maxRelativeIqr?: number;
  /** single-stream only: every asked percentile of the latency must be at or below this. */
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

/** VALID or INVALID, with the reasons, as MLPerf LoadGen reports a run. Throws on inconsistent input. */
export function evaluate(input: ValidityInput): Validity {
  checkInput(input);
  const { measurement: m, stats } = input;
  const n = m.samples.length;
  const reasons: string[] = [];
  const notes: string[] = [];

  if (m.stoppedBecause === 'cancelled') reasons.push(`The run was cancelled (stopped by hand) after ${n} sample(s): a partial measurement.`);
  if (m.stoppedBecause === 'max-duration') {
    reasons.push(
      n === 0
        ? 'The time cap was hit while calibrating the block size, before any sample was taken.'
        : `The time cap was hit after ${ms(m.elapsedMs)} and ${n} sample(s), before the measurement converged.`,
    );
  }
  if (n < input.minSamples) reasons.push(`Only ${n} sample(s); the spec asks for at least ${input.minSamples}.`);
  if (m.elapsedMs < input.minDurationMs) {
    reasons.push(`Measured for ${ms(m.elapsedMs)}; the spec asks for at least ${ms(input.minDurationMs)}.`);
  }
  for (const p of input.percentiles) {
    const need = minSamplesForPercentile(p);
    if (n < need) reasons.push(`p${p} needs at least ${need} samples (10 beyond the ${p}th percentile); this run has ${n}.`);
  }
  if (stats && input.maxRelativeIqr !== undefined && stats.relativeIqr > input.maxRelativeIqr) {
    reasons.push(`Variance too high: the IQR is ${pct(stats.relativeIqr)} of the median, above the ${pct(input.maxRelativeIqr)} allowed.`);
  }
  if (n > 0 && input.latencyBoundMs !== undefined) {
    for (const p of input.percentiles) {
      const latency = percentile(m.samples, p);
      if (latency > input.latencyBoundMs) {
        reasons.push(`The p${p} latency, ${ms(latency)}, exceeds the latency bound of ${ms(input.latencyBoundMs)}.`);
      }
    }
  }

  if (stats) {
    if (m.firstRunMs > SLOW_FIRST_RUN_FACTOR * stats.median) {
      notes.push(
        `The first run took ${ms(m.firstRunMs)}, ${(m.firstRunMs / stats.median).toFixed(1)}x the median: ` +
          'compilation, upload or cold caches. It is reported as its own number, not in the samples.',
      );
    }
    if (stats.outliers.length > 0) {
      notes.push(`${stats.outliers.length} of ${n} samples are outliers (modified z-score above 3.5); they are kept in the statistics.`);
    }
  }
  if (m.iterationsPerSample > 1) {
    notes.push(
      `Each sample is the mean of a block of ${m.iterationsPerSample} iterations, because one iteration is too short ` +
        `to time alone against the timer's resolution of ${ms(m.timerResolutionMs)}: percentiles describe blocks, ` +
        'not single queries, and the tail latency of single queries is likely higher.',
    );
  }
  if (m.stoppedBecause === 'max-samples') notes.push(`The run stopped at its sample cap (${n}) before the variance target was met.`);

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
  if (input.scenario !== 'single-stream' && input.scenario !== 'offline') {
    throw new RangeError(`${where}: scenario must be 'single-stream' or 'offline', got ${String(input.scenario)}`);
  }
  const n = input.measurement.samples.length;
  if (input.stats === null ? n > 0 : input.stats.n !== n) {
    throw new RangeError(`${where}: stats describe ${input.stats?.n ?? 'no'} samples but the measurement has ${n}: pass summarize(measurement.samples)`);
  }
  if (!Number.isInteger(input.minSamples) || input.minSamples < 1) throw new RangeError(`${where}: minSamples must be an integer >= 1, got ${input.minSamples}`);
  if (!(input.minDurationMs >= 0)) throw new RangeError(`${where}: minDurationMs must be >= 0, got ${input.minDurationMs}`);
  if (!(input.itemsPerIteration > 0)) throw new RangeError(`${where}: itemsPerIteration must be > 0, got ${input.itemsPerIteration}`);
  if (input.maxRelativeIqr !== undefined && !(input.maxRelativeIqr >= 0)) {
    throw new RangeError(`${where}: maxRelativeIqr must be >= 0, got ${input.maxRelativeIqr}`);
  }
  input.percentiles.forEach((p, i) => {
    if (!(p > 0 && p < 100)) throw new RangeError(`${where}: percentiles[${i}] must be between 0 and 100 (exclusive), got ${p}`);
  });
  if (input.latencyBoundMs !== undefined) {
    if (input.scenario !== 'single-stream') throw new RangeError(`${where}: latencyBoundMs applies to the single-stream scenario only, not ${input.scenario}`);
    if (!(input.latencyBoundMs > 0)) throw new RangeError(`${where}: latencyBoundMs must be > 0, got ${input.latencyBoundMs}`);
    if (input.percentiles.length === 0) throw new RangeError(`${where}: latencyBoundMs needs a percentile to hold it against (e.g. percentiles: [90])`);
  }
}

/** 0.0123 -> "12.3 µs", 12.3 -> "12.3 ms", 12345 -> "12.3 s". */
function ms(x: number): string {
  if (x < 1) return `${(x * 1000).toPrecision(3)} µs`;
  if (x < 1000) return `${x.toPrecision(3)} ms`;
  return `${(x / 1000).toPrecision(3)} s`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}
