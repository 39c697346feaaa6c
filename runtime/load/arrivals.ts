import { randomExponential } from 'd3-random';
import { seededRandom } from '../data/random.ts';

/**
 * Poisson arrivals (LoadGen's Server scenario): independent exponential gaps with mean 1000 / qps ms, from
 * `seed` (LoadGen's schedule_rng_seed), so the schedule is the same on every machine and does not depend on
 * how fast the system answered. Returns the arrival times (ms from the start), the first one gap after 0.
 */
export function poissonSchedule(qps: number, count: number, seed: number): number[] {
  if (!(qps > 0 && Number.isFinite(qps))) throw new RangeError(`poissonSchedule: qps must be a finite number > 0, got ${qps}`);
  if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`poissonSchedule: count must be a whole number >= 0, got ${count}`);
  const gap = randomExponential.source(seededRandom(seed))(qps / 1000);
  const out = new Array<number>(count);
  let t = 0;
  for (let i = 0; i < count; i++) out[i] = t += gap();
  return out;
}

/**
 * How many arrivals a server run needs: enough for both the minimum query count and the minimum duration
 * (LoadGen generates until both are met), at most `cap`.
 */
export function serverQueryCount(qps: number, minQueryCount: number, minDurationMs: number, cap: number): number {
  // A few more than the mean asks for, so that the last scheduled arrival is past the minimum duration with
  // high probability (the count of arrivals in a span is Poisson: mean + 4 sd).
  const mean = (qps * minDurationMs) / 1000;
  return Math.min(cap, Math.max(minQueryCount, Math.ceil(mean + 4 * Math.sqrt(mean)) + 1));
}
