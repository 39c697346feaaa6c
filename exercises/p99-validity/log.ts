import { mean } from 'd3-array';
import { round, type VariantRandom } from '../../runtime/exercises/random.ts';
import { earlyStoppingServer } from '../../runtime/load/early-stopping.ts';
import { loadPercentile } from '../../runtime/load/summary.ts';

/**
 * The query log of p99-validity: a server run, generated and seeded. Poisson arrivals at a target QPS, a
 * single FIFO server with log-normal service times, and two or three pauses of the load generator (a garbage
 * collection, a busy host) during which the queries due are issued late, all at once. Latency counts from the
 * scheduled arrival, as LoadGen's does; counted from the issue, the pauses vanish (coordinated omission).
 *
 * The verdict uses the engine's own rules (runtime/load: LoadGen's percentile, the server early-stopping
 * count), so the exercise and a real run of the workbook agree.
 */

export interface QueryLog {
  targetQps: number;
  /** Per query, ms from the start of the run, 3 decimals. */
  scheduled: number[];
  issued: number[];
  completed: number[];
  boundMs: number;
  /** The rules' minimum query count (the workbook's server rule: 662). */
  minQueries: number;
}

export const MIN_QUERIES = 662;
export const PERCENTILE = 99;

export const latenciesOf = (d: Pick<QueryLog, 'scheduled' | 'completed'>) => d.completed.map((c, i) => round(c - d.scheduled[i]!, 3));
export const fromIssueOf = (d: Pick<QueryLog, 'issued' | 'completed'>) => d.completed.map((c, i) => round(c - d.issued[i]!, 3));
const sortedOf = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** LoadGen's p99: the sorted latencies at index floor(n * 0.99). */
export const p99Of = (d: Pick<QueryLog, 'scheduled' | 'completed'>) => loadPercentile(sortedOf(latenciesOf(d)), PERCENTILE);
export const overOf = (d: QueryLog) => latenciesOf(d).filter((x) => x > d.boundMs).length;

export type Rule = 'too-few' | 'over-bound' | 'early-stopping';

/** The rules a run breaks, as summarizeLoad judges a server run (duration met by construction); [] is VALID. */
export function brokenRules(d: QueryLog): Rule[] {
  const n = d.scheduled.length;
  const broken: Rule[] = [];
  if (n < d.minQueries) broken.push('too-few');
  const p99 = p99Of(d);
  if (p99 > d.boundMs) broken.push('over-bound');
  else if (!earlyStoppingServer(n, overOf(d), PERCENTILE / 100).ok) broken.push('early-stopping');
  return broken;
}

/** How many queries early stopping asks for, with t over the bound (the table the learner reads). */
export const neededFor = (t: number) => earlyStoppingServer(0, t, PERCENTILE / 100).needed;

export type Mistake = { value: number; feedback: string };

/** Typical wrong p99s: each must stay apart from the right one (drawLog checks). */
export function p99Mistakes(d: Pick<QueryLog, 'scheduled' | 'issued' | 'completed' | 'boundMs'>): Mistake[] {
  const lat = sortedOf(latenciesOf(d));
  const issued = sortedOf(fromIssueOf(d));
  return [
    { value: mean(lat)!, feedback: 'That is the mean latency: a tail percentile asks how slow the slowest queries were, not the typical one.' },
    {
      value: loadPercentile(issued, PERCENTILE),
      feedback:
        'That p99 counts from when each query was issued. The generator paused and issued some queries late: counted from the issue, that wait disappears. LoadGen counts from the scheduled arrival.',
    },
    { value: lat.at(-1)!, feedback: 'That is the slowest query, the maximum; the p99 leaves the slowest 1% out.' },
    { value: loadPercentile(lat, 90), feedback: 'That is the p90; the server scenario is held to the 99th percentile.' },
    { value: loadPercentile(lat, 50), feedback: 'That is the median; the server scenario is held to the 99th percentile.' },
    { value: d.boundMs, feedback: "That is the run's latency bound, a rule; the p99 is what the run measured: compute it from the log." },
  ];
}

export const RTOL = 0.005;
export const MARGIN = 2.5;

function apart(d: QueryLog): boolean {
  const right = p99Of(d);
  const tol = RTOL * right;
  const ms = p99Mistakes(d);
  return (
    ms.every((m) => Math.abs(m.value - right) > MARGIN * tol) &&
    ms.every((a, i) => ms.every((b, j) => j <= i || Math.abs(a.value - b.value) > 2 * tol))
  );
}

/** The verdict classes, drawn evenly so that no constant answer is right on most variants. */
const CLASSES = ['valid', 'early-stopping', 'over-bound', 'too-few'] as const;

function simulate(r: VariantRandom, n: number, qps: number) {
  const service = r.uniform(0.25, 0.5) * (1000 / qps); // utilisation 25-50 %
  const scheduled: number[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += -Math.log(1 - r.next()) * (1000 / qps);
    scheduled.push(round(t, 3));
  }
  const span = scheduled.at(-1)!;
  const pauses = Array.from({ length: r.int(2, 3) }, () => {
    const at = r.uniform(0.05, 0.9) * span;
    return [at, at + r.uniform(40, 110)] as const;
  });
  const issued = scheduled.map((s) => {
    const pause = pauses.find(([a, b]) => s >= a && s < b);
    return round((pause ? pause[1] : s) + r.logNormal(0.04, 0.5), 3);
  });
  const completed: number[] = [];
  let free = 0;
  // FIFO in issue order; queries issued at once after a pause keep their order.
  for (let i = 0; i < n; i++) {
    const start = Math.max(issued[i]!, free);
    free = start + r.logNormal(service, 0.35);
    completed.push(round(free, 3));
  }
  return { scheduled, issued, completed };
}

/** Draws a log of the wanted verdict class whose named mistakes are all apart from the right p99. */
export function drawLog(r: VariantRandom): QueryLog {
  const wanted = r.pick(CLASSES);
  for (let attempt = 0; attempt < 400; attempt++) {
    const n = wanted === 'too-few' ? r.int(480, 640) : r.int(680, 1050);
    const qps = round(r.uniform(90, Math.min(180, n / 5.5)), 0); // the run lasts at least ~5.5 s: the duration rule holds
    const { scheduled, issued, completed } = simulate(r, n, qps);
    const sorted = sortedOf(latenciesOf({ scheduled, completed }));
    const allowed = n - Math.floor((n * PERCENTILE) / 100) - 1; // most queries over the bound with the p99 within it
    let over: number;
    if (wanted === 'valid') {
      const most = [0, 1, 2, 3].filter((k) => neededFor(k) <= n && k <= allowed);
      over = r.pick(most.length > 1 ? most.slice(1) : most);
    } else if (wanted === 'early-stopping') {
      const lo = [0, 1, 2, 3, 4].find((k) => neededFor(k) > n)!;
      if (lo > allowed) continue;
      over = r.int(lo, allowed);
    } else if (wanted === 'over-bound') over = r.int(allowed + 1, allowed + 6);
    else over = r.pick([0, r.int(1, allowed), allowed + r.int(1, 4)]);
    // The bound sits between the (over+1)-th and the over-th slowest latencies, at a round 0.1 ms.
    const below = sorted[n - over - 1]!;
    const above = over === 0 ? below + 5 : sorted[n - over]!;
    const boundMs = round((below + above) / 2, 1);
    if (!(boundMs > below && boundMs < above)) continue;
    const d: QueryLog = { targetQps: qps, scheduled, issued, completed, boundMs, minQueries: MIN_QUERIES };
    if (overOf(d) !== over || !apart(d)) continue;
    return d;
  }
  throw new Error(`p99-validity: no ${wanted} log with every mistake apart in 400 draws; the generator needs a look`);
}
