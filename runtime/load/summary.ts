import { formatDuration } from '../format/index.ts';
import type { Scenario } from '../scenarios.ts';
import type { LoadRun } from './driver.ts';
import { earlyStoppingEstimate, earlyStoppingServer } from './early-stopping.ts';
import { RULE_SETS, type RuleSetName } from './rules.ts';

/** What a run is held to, besides what its settings already say (LoadSettings). */
export interface LoadJudge {
  rules: RuleSetName;
  /** The latency percentile of the result (90 for p90); none for offline. */
  percentile?: number;
  /** server: required; single-stream and multi-stream: optional, held against the early-stopping estimate. */
  latencyBoundMs?: number;
}

/** How percentiles of a load run are computed: LoadGen's, the sorted latencies at index floor(n * p / 100). */
export const LOAD_PERCENTILE_DEFINITION = "MLPerf LoadGen's (results.cc): of n sorted latencies, the one at index floor(n * p / 100)";

/** A run's result in LoadGen's spirit (its "MLPerf Results Summary"): the figures, VALID or INVALID, and why. */
export interface LoadSummary {
  scenario: Scenario;
  mode: 'performance';
  rules: RuleSetName;
  result: 'VALID' | 'INVALID';
  reasons: string[];
  notes: string[];
  queries: { issued: number; completed: number; failed: number; incomplete: number };
  samplesCompleted: number;
  durationMs: number;
  /** Latency of completed queries (ms), from the scheduled arrival; null when none completed. */
  latencyMs: { min: number; mean: number; p50: number; p90: number; p95: number; p99: number; max: number } | null;
  percentileDefinition: string;
  percentile?: { p: number; valueMs: number | null; earlyStopping: { estimateMs: number; discarded: number } | { needQueries: number } | null };
  latencyBoundMs?: number;
  /** Over the bound (server), with the early-stopping count the run needed. */
  overBound?: { count: number; queriesNeeded: number };
  /** Queries per second: the target (server), as scheduled, and as completed. Samples per second for offline. */
  qps: { target?: number; scheduled: number | null; completed: number | null };
  samplesPerSecond: number | null;
  /** The generator's own lateness: issue time minus scheduled time (ms), p50 / p99 / max. */
  issueDelayMs: { p50: number; p99: number; max: number } | null;
}

/** LoadGen's percentile: sorted[floor(n p / 100)] (clamped to the last). */
export function loadPercentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/** The summary and validity of one performance run, after LoadGen's rules (results.cc). */
export function summarizeLoad(run: LoadRun, judge: LoadJudge): LoadSummary {
  const { settings, queries } = run;
  const rules = RULE_SETS[judge.rules];
  const conf = rules.earlyStoppingConfidence;
  const reasons: string[] = [];
  const notes: string[] = [];
  const completed = queries.filter((q) => q.completedMs !== null);
  const failed = queries.filter((q) => q.error !== undefined);
  const incomplete = queries.filter((q) => q.completedMs === null && q.error === undefined);
  const latencies = completed.map((q) => q.completedMs! - q.scheduledMs);
  const sorted = [...latencies].sort((a, b) => a - b);
  const n = sorted.length;

  if (run.ended === 'cancelled') reasons.push(`The run was cancelled after ${queries.length} queries: a partial measurement.`);
  if (incomplete.length > 0) {
    reasons.push(
      `${incomplete.length} ${incomplete.length === 1 ? 'query was' : 'queries were'} never completed by ${run.ended === 'deadline' ? `the deadline (${ms(settings.deadlineMs)} after the start)` : 'the end of the run'}: ${names(incomplete)}. The system under test did not answer them.`,
    );
  }
  if (run.ended === 'deadline' && incomplete.length === 0)
    reasons.push(`The deadline (${ms(settings.deadlineMs)} after the start) ended the run before all its queries were issued.`);
  for (const q of failed.slice(0, 3)) reasons.push(`Query ${q.id} failed: ${q.error}`);
  if (failed.length > 3) reasons.push(`${failed.length - 3} more queries failed.`);

  // LoadGen's minimums (results.cc MinQueriesMet, MinDurationMet): offline counts samples, and its duration is
  // how long the one query took; server's is the last scheduled arrival; closed loops' the last issue.
  const issuedCount = settings.scenario === 'offline' ? (queries[0]?.sampleCount ?? 0) : queries.length;
  const what = settings.scenario === 'offline' ? 'samples' : 'queries';
  if (issuedCount < settings.minQueryCount)
    reasons.push(`Only ${issuedCount} ${what} issued; the rules ask for at least ${settings.minQueryCount} (min-query-count).`);
  const span =
    settings.scenario === 'offline'
      ? (sorted.at(-1) ?? 0)
      : settings.scenario === 'server'
        ? (queries.at(-1)?.scheduledMs ?? 0)
        : (queries.at(-1)?.issuedMs ?? 0);
  if (span < settings.minDurationMs) {
    const how =
      settings.scenario === 'server'
        ? 'the last arrival was scheduled at'
        : settings.scenario === 'offline'
          ? 'the query took'
          : 'the last query was issued at';
    reasons.push(`Too short: ${how} ${ms(span)}; the rules ask for at least ${ms(settings.minDurationMs)} (min-duration).`);
  }

  const summary: LoadSummary = {
    scenario: settings.scenario,
    mode: 'performance',
    rules: judge.rules,
    result: 'VALID',
    reasons,
    notes,
    queries: { issued: queries.length, completed: completed.length, failed: failed.length, incomplete: incomplete.length },
    samplesCompleted: completed.reduce((s, q) => s + q.sampleCount, 0),
    durationMs: run.durationMs,
    latencyMs:
      n === 0
        ? null
        : {
            min: sorted[0]!,
            mean: sorted.reduce((s, x) => s + x, 0) / n,
            p50: loadPercentile(sorted, 50),
            p90: loadPercentile(sorted, 90),
            p95: loadPercentile(sorted, 95),
            p99: loadPercentile(sorted, 99),
            max: sorted[n - 1]!,
          },
    percentileDefinition: LOAD_PERCENTILE_DEFINITION,
    qps: qpsOf(run),
    samplesPerSecond: null,
    issueDelayMs: issueDelay(run),
  };
  if (judge.latencyBoundMs !== undefined) summary.latencyBoundMs = judge.latencyBoundMs;
  if (n === 0) reasons.push('No query completed: there is no latency to report.');

  const p = judge.percentile;
  if (p !== undefined && settings.scenario !== 'offline') {
    const value = n > 0 ? loadPercentile(sorted, p) : null;
    summary.percentile = { p, valueMs: value, earlyStopping: null };
    const bound = judge.latencyBoundMs;
    if (settings.scenario === 'server') {
      if (bound === undefined) throw new RangeError('summarizeLoad: the server scenario is judged against a latency bound; none was given');
      if (value !== null && value > bound) reasons.push(`The p${p} latency, ${ms(value)}, exceeds the bound of ${ms(bound)}: reduce the target QPS.`);
      const over = sorted.filter((x) => x > bound).length;
      const es = earlyStoppingServer(n, over, p / 100, conf);
      summary.overBound = { count: over, queriesNeeded: es.needed };
      if (n > 0 && !es.ok && !(value !== null && value > bound)) {
        reasons.push(
          `Early stopping not met: with ${over} of ${n} queries over the bound, showing the p${p} within it at ${pct(conf)} confidence needs ${es.needed} queries (${es.needed - n} more, all within the bound).`,
        );
      }
    } else if (n > 0) {
      const es = earlyStoppingEstimate(sorted, p / 100, conf);
      if (es.ok) {
        summary.percentile.earlyStopping = { estimateMs: es.estimate, discarded: es.discarded };
        if (bound !== undefined && es.estimate > bound) {
          reasons.push(
            `The early-stopping estimate of the p${p} latency (its upper bound at ${pct(conf)} confidence), ${ms(es.estimate)}, exceeds the bound of ${ms(bound)}.`,
          );
        }
      } else {
        summary.percentile.earlyStopping = { needQueries: es.minQueries };
        reasons.push(`Early stopping needs at least ${es.minQueries} completed queries to estimate the p${p} latency; this run has ${n}.`);
      }
    }
  }
  if (settings.scenario === 'offline' && completed[0]) {
    const q = completed[0];
    const took = q.completedMs! - q.issuedMs;
    summary.samplesPerSecond = took > 0 ? q.sampleCount / (took / 1000) : null;
  }
  const delay = summary.issueDelayMs;
  if (delay && settings.scenario === 'server' && delay.p99 > 1) {
    notes.push(
      `The generator issued queries late (issue time minus schedule: p99 ${ms(delay.p99)}, max ${ms(delay.max)}): the host was busy. Latencies count from the schedule, so the delay is in them, not hidden.`,
    );
  }
  if (judge.rules === 'workbook')
    notes.push("Judged by the workbook's short teaching rules, not MLPerf's ten-minute runs: not a compliant MLPerf result.");
  summary.result = reasons.length === 0 ? 'VALID' : 'INVALID';
  return summary;
}

function qpsOf(run: LoadRun): LoadSummary['qps'] {
  const q = run.queries;
  const done = q.filter((x) => x.completedMs !== null);
  // LoadGen's server rates: (n - 1) over the span to the last one (the last arrival opens the span's end).
  const lastScheduled = q.at(-1)?.scheduledMs ?? 0;
  const lastDone = done.reduce((m, x) => Math.max(m, x.completedMs!), 0);
  return {
    ...(run.settings.targetQps !== undefined ? { target: run.settings.targetQps } : {}),
    scheduled: q.length > 1 && lastScheduled > 0 ? ((q.length - 1) / lastScheduled) * 1000 : null,
    completed: done.length > 1 && lastDone > 0 ? ((done.length - 1) / lastDone) * 1000 : null,
  };
}

function issueDelay(run: LoadRun): LoadSummary['issueDelayMs'] {
  if (run.queries.length === 0) return null;
  const d = run.queries.map((q) => q.issuedMs - q.scheduledMs).sort((a, b) => a - b);
  return { p50: loadPercentile(d, 50), p99: loadPercentile(d, 99), max: d.at(-1)! };
}

function names(qs: readonly { id: number }[]): string {
  const shown = qs.slice(0, 8).map((q) => `query ${q.id}`);
  return qs.length > 8 ? `${shown.join(', ')} and ${qs.length - 8} more` : shown.join(', ');
}

/** LoadGen's summary, as text: what ran, the result and why, the figures. */
export function formatLoadSummary(s: LoadSummary): string {
  const bar = '='.repeat(56);
  const f = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : formatDuration(x));
  const r = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toFixed(2));
  const lines = [
    bar,
    'Load summary (after MLPerf LoadGen)',
    bar,
    `Scenario : ${s.scenario}`,
    `Mode     : ${s.mode}`,
    `Rules    : ${RULE_SETS[s.rules].title}`,
  ];
  if (s.scenario === 'offline') lines.push(`Samples per second : ${r(s.samplesPerSecond)}`);
  else {
    if (s.qps.target !== undefined) lines.push(`Target QPS    : ${r(s.qps.target)}`);
    lines.push(`Scheduled QPS : ${r(s.qps.scheduled)}`, `Completed QPS : ${r(s.qps.completed)}`);
  }
  if (s.percentile) {
    lines.push(`p${s.percentile.p} latency : ${f(s.percentile.valueMs)}${s.latencyBoundMs !== undefined ? ` (bound ${f(s.latencyBoundMs)})` : ''}`);
    const es = s.percentile.earlyStopping;
    if (es && 'estimateMs' in es) lines.push(`Early stopping p${s.percentile.p} estimate : ${f(es.estimateMs)} (${es.discarded} highest discarded)`);
    if (es && 'needQueries' in es) lines.push(`Early stopping : needs ${es.needQueries} queries`);
  }
  lines.push(`Result   : ${s.result}`);
  for (const reason of s.reasons) lines.push(`  * ${reason}`);
  lines.push(
    bar,
    `Queries : ${s.queries.issued} issued, ${s.queries.completed} completed, ${s.queries.failed} failed, ${s.queries.incomplete} never completed`,
    `Duration : ${f(s.durationMs)}`,
  );
  if (s.latencyMs) {
    const l = s.latencyMs;
    lines.push(`Latency : min ${f(l.min)}, mean ${f(l.mean)}, p50 ${f(l.p50)}, p90 ${f(l.p90)}, p95 ${f(l.p95)}, p99 ${f(l.p99)}, max ${f(l.max)}`);
  }
  if (s.issueDelayMs)
    lines.push(`Issue delay (issued - scheduled) : p50 ${f(s.issueDelayMs.p50)}, p99 ${f(s.issueDelayMs.p99)}, max ${f(s.issueDelayMs.max)}`);
  for (const note of s.notes) lines.push(`Note: ${note}`);
  return `${lines.join('\n')}\n`;
}

const ms = (x: number) => formatDuration(x, 'prose');
const pct = (x: number) => `${Math.round(x * 100)}%`;
