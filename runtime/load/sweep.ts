/**
 * The sweep: the highest target QPS at which a server run is VALID (its p99 within the bound, early stopping
 * met). After LoadGen's FindPeakPerformance (loadgen.cc: widen the bounds, then a binary search), on a range
 * the author gives: run both ends (the bracket), then bisect between the highest VALID and the lowest INVALID
 * QPS until they are within `precision` of each other. It assumes validity falls once with rising load; a
 * noisy machine can break that, so every point is kept and shown, not only the answer.
 */

export interface SweepRange {
  from: number;
  to: number;
  /** Stop when the VALID and INVALID QPS are this close (queries per second). */
  precision: number;
  /** At most this many runs, bracket included. */
  maxPoints: number;
}

export interface SweepPoint<R> {
  qps: number;
  valid: boolean;
  result: R;
}

export interface SweepResult<R> {
  /** In the order run. */
  points: SweepPoint<R>[];
  /** The highest QPS that was VALID; null when even `from` was not. */
  highestValidQps: number | null;
  /** The lowest QPS that was INVALID; null when even `to` was VALID (the answer is at least `to`). */
  lowestInvalidQps: number | null;
  search: string;
}

/** Why a range gives no sweep (null when it is fine): `what` names where it came from, for the message. */
export function sweepRangeProblem(from: number, to: number, what = 'the sweep'): string | null {
  if (!(Number.isFinite(from) && Number.isFinite(to))) return `${what} needs two numbers, from..to`;
  if (!(from > 0)) return `${what} starts at ${from}; a target QPS must be more than 0`;
  if (!(to > from)) return `${what} from ${from} to ${to} has no points: the end must be above the start`;
  return null;
}

/** Reads `10..200` (a `--param qps=10..200` value): the range, or why it is not one. */
export function parseSweepRange(text: string, what: string): { from: number; to: number } | { error: string } {
  const m = /^\s*([^.\s][^\s]*?)\s*\.\.\s*([^\s]+)\s*$/.exec(text);
  if (!m) return { error: `${what}: expected a range from..to, like 10..200, got "${text}"` };
  const from = Number(m[1]);
  const to = Number(m[2]);
  const problem = sweepRangeProblem(from, to, what);
  return problem ? { error: problem } : { from, to };
}

export async function sweepQps<R>(range: SweepRange, runAt: (qps: number) => Promise<{ valid: boolean; result: R }>): Promise<SweepResult<R>> {
  const problem = sweepRangeProblem(range.from, range.to);
  if (problem) throw new RangeError(problem);
  if (!(range.precision > 0)) throw new RangeError(`the sweep's precision must be more than 0, got ${range.precision}`);
  if (!(Number.isInteger(range.maxPoints) && range.maxPoints >= 2))
    throw new RangeError(`a sweep needs at least 2 points (its bracket), got ${range.maxPoints}`);
  const points: SweepPoint<R>[] = [];
  const at = async (qps: number) => {
    const { valid, result } = await runAt(qps);
    points.push({ qps, valid, result });
    return valid;
  };
  const search = `bracket ${range.from}..${range.to}, then bisection to ${range.precision} QPS (at most ${range.maxPoints} runs)`;
  if (!(await at(range.from))) return { points, highestValidQps: null, lowestInvalidQps: range.from, search };
  if (await at(range.to)) return { points, highestValidQps: range.to, lowestInvalidQps: null, search };
  let lo = range.from;
  let hi = range.to;
  while (hi - lo > range.precision && points.length < range.maxPoints) {
    const mid = (lo + hi) / 2;
    if (await at(mid)) lo = mid;
    else hi = mid;
  }
  return { points, highestValidQps: lo, lowestInvalidQps: hi, search };
}
