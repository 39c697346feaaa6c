/**
 * Energy from power samples: the trapezoidal integral of power over time, idle power from the samples before a
 * run, and energy per query with the idle share taken out. One home for the arithmetic the energy episode, its
 * exercise and its plot all use. Host-free (engine core).
 */

export interface PowerSamples {
  /** Sample times, ms, increasing. */
  timesMs: readonly number[];
  /** Power at each time, W. */
  watts: readonly number[];
}

function checkSamples(s: PowerSamples, what: string) {
  const { timesMs: t, watts: w } = s;
  if (t.length !== w.length) throw new RangeError(`${what}: ${t.length} times but ${w.length} power samples; one each`);
  if (t.length < 2) throw new RangeError(`${what}: at least two samples are needed to integrate, got ${t.length}`);
  for (let i = 0; i < t.length; i++) {
    if (!Number.isFinite(t[i]!) || !Number.isFinite(w[i]!)) throw new RangeError(`${what}: sample ${i} is not a number`);
    if (i > 0 && !(t[i]! > t[i - 1]!)) throw new RangeError(`${what}: times must increase; sample ${i} (${t[i]} ms) is not after ${t[i - 1]} ms`);
  }
}

/** Power at time x (ms) by linear interpolation between samples (x within the samples' span). */
function powerAt(s: PowerSamples, x: number): number {
  const { timesMs: t, watts: w } = s;
  let i = 1;
  while (i < t.length - 1 && t[i]! < x) i++;
  const a = t[i - 1]!;
  const b = t[i]!;
  return w[i - 1]! + ((w[i]! - w[i - 1]!) * (x - a)) / (b - a);
}

/**
 * Energy in joules between `fromMs` and `toMs` (default: the whole trace): the trapezoidal rule over the
 * samples, with the ends interpolated. W x s = J, so the ms of the times are divided by 1000.
 */
export function integrateJoules(s: PowerSamples, fromMs = s.timesMs[0]!, toMs = s.timesMs.at(-1)!): number {
  checkSamples(s, 'integrateJoules');
  const t = s.timesMs;
  if (!(fromMs >= t[0]! && toMs <= t.at(-1)! && toMs > fromMs))
    throw new RangeError(`integrateJoules: the window ${fromMs}..${toMs} ms must lie inside the trace, ${t[0]}..${t.at(-1)} ms, and not be empty`);
  const xs = [fromMs, ...t.filter((x) => x > fromMs && x < toMs), toMs];
  let joules = 0;
  for (let i = 1; i < xs.length; i++) joules += ((powerAt(s, xs[i - 1]!) + powerAt(s, xs[i]!)) / 2) * ((xs[i]! - xs[i - 1]!) / 1000);
  return joules;
}

/** Idle power (W): the mean of the samples before `beforeMs` (the machine before the run started). */
export function idleWatts(s: PowerSamples, beforeMs: number): number {
  checkSamples(s, 'idleWatts');
  const w = s.watts.filter((_, i) => s.timesMs[i]! < beforeMs);
  if (w.length === 0) throw new RangeError(`idleWatts: no sample before ${beforeMs} ms to measure idle power from`);
  return w.reduce((a, x) => a + x, 0) / w.length;
}

export interface EnergyPerQuery {
  /** Energy over the run's window, J. */
  grossJ: number;
  /** Idle power, W, and its share of the window, J. */
  idleW: number;
  idleJ: number;
  /** What the run added over idle, J. */
  netJ: number;
  /** netJ / queries, J. */
  joulesPerQuery: number;
  windowS: number;
}

/**
 * Energy per query of a run: integrate power over the run's window, subtract idle power times the window's
 * length, divide by the queries the run completed. Idle is measured before the run (`idleW`, or from the
 * samples before the window).
 */
export function energyPerQuery(
  s: PowerSamples,
  run: { startMs: number; endMs: number; queries: number },
  idleW = idleWatts(s, run.startMs),
): EnergyPerQuery {
  if (!(Number.isInteger(run.queries) && run.queries > 0))
    throw new RangeError(`energyPerQuery: queries must be a whole number above 0, got ${run.queries}`);
  const grossJ = integrateJoules(s, run.startMs, run.endMs);
  const windowS = (run.endMs - run.startMs) / 1000;
  const idleJ = idleW * windowS;
  const netJ = grossJ - idleJ;
  return { grossJ, idleW, idleJ, netJ, joulesPerQuery: netJ / run.queries, windowS };
}
