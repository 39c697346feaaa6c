import { kernelWork } from '../kernels/work.ts';
import { summarize, type Statistics } from '../measure/stats.ts';
import { METRIC_KIND_TABLE, isMetricKind, type MetricRun } from '../metrics/index.ts';
import type { ResultRecord } from '../results/record.ts';
import { resolveSpec, type ResolvedSpec } from '../spec/resolve.ts';
import type { Aggregation, Spec } from '../spec/schema.ts';
import { canonicalJson } from '../spec/hash.ts';

/**
 * A record read against the spec it claims to be a run of: what a program can check without running it
 * again. The record's parameters, scenario, metric names and aggregations must be the spec's; a VALID
 * verdict needs the spec's minimum samples and duration; and the record's numbers (statistics and every
 * metric value) must be those its own samples give. What no check here can prove: that the samples were
 * measured rather than invented, or that they come from this spec and not a patched run of another;
 * the instructor judges that (the rubric says so). Core code: no DOM, no Node.
 */

/** Relative tolerance when numbers are recomputed from the samples (JSON keeps doubles exactly; this only absorbs summation order). */
const RTOL = 1e-9;

const close = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined ? a === b : Math.abs(a - b) <= RTOL * Math.max(Math.abs(a), Math.abs(b), 1e-12);

/** Which recorded statistics differ from those recomputed from the record's own samples (a loop run's record). */
export function editedStatistics(record: ResultRecord, again = recomputed(record)): string[] {
  const s = record.statistics;
  const fields = ['n', 'min', 'max', 'mean', 'median', 'q1', 'q3', 'p90', 'p95', 'p99'] as const;
  const edited: string[] = fields.filter((f) => !close(s[f], again[f]));
  if (!close(s.ci95Median[0], again.ci95Median[0]) || !close(s.ci95Median[1], again.ci95Median[1])) edited.push('ci95Median');
  return edited;
}

function recomputed(record: ResultRecord): Statistics {
  const s = record.statistics;
  return summarize(record.samples.perIteration, { seed: s.bootstrap.seed, resamples: s.bootstrap.resamples });
}

/** The work one iteration does, where the spec alone says it (kernels); undefined for a model, whose runner counts it. */
function workOf(resolved: ResolvedSpec): MetricRun['work'] | undefined {
  return resolved.task.kind === 'kernel' ? kernelWork(resolved.task) : undefined;
}

/**
 * Which metric values differ from those the record's own samples give: each value is recomputed by its
 * kind's own rule (runtime/metrics) from the recomputed statistics. A rate on a model task, whose work per
 * iteration the spec does not state, is checked for agreeing with itself across its aggregations.
 */
export function editedMetricValues(record: ResultRecord, resolved: ResolvedSpec, stats = recomputed(record)): string[] {
  const work = workOf(resolved);
  const run: MetricRun = {
    stats,
    work: work ?? { items: Number.NaN },
    setupMs: record.timing.setupMs,
    firstRunMs: record.timing.firstRunMs,
    ...(record.quality ? { quality: record.quality } : {}),
  };
  const edited: string[] = [];
  for (const m of record.metrics) {
    if (!isMetricKind(m.kind)) continue; // named a mismatch elsewhere
    const kind = METRIC_KIND_TABLE[m.kind];
    const amounts: number[] = [];
    for (const [a, v] of Object.entries(m.values)) {
      let want: number;
      try {
        want = kind.value(a as Aggregation, run);
      } catch {
        edited.push(`${m.name}.${a}`);
        continue;
      }
      if (Number.isFinite(want)) {
        if (!close(v, want)) edited.push(`${m.name}.${a}`);
      } else if (!work && ['throughput', 'gbps', 'gflops'].includes(m.kind)) {
        // rate = amount / time: the same amount must come out of every aggregation.
        const unit = { throughput: 1, gbps: 1e9, gflops: 1e9 }[m.kind as 'throughput'];
        const t = (stats as unknown as Record<string, number>)[a === 'max' ? 'min' : a];
        if (typeof t === 'number') amounts.push((v * unit * t) / 1000);
      }
    }
    if (amounts.some((x) => !close(x, amounts[0]))) edited.push(`${m.name} (its aggregations disagree)`);
  }
  return edited;
}

export interface RecordFindings {
  /** The record does not fit the spec it claims (a mismatch: the item fails). */
  mismatch: string[];
  /** Numbers that are not those of the record's samples (edited: flagged). */
  edited: string[];
  /** A VALID verdict the spec's own rules do not allow (flagged). */
  falseVerdict: string[];
}

const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : '(none)');

/** The record against the spec it claims (already shown to be this spec by its hash). */
export function checkRecordAgainstSpec(record: ResultRecord, spec: Spec): RecordFindings {
  const out: RecordFindings = { mismatch: [], edited: [], falseVerdict: [] };
  let resolved: ResolvedSpec;
  try {
    resolved = resolveSpec(spec, record.parameters as Record<string, string | number | boolean>);
  } catch (e) {
    out.mismatch.push(`its parameters are not those the spec declares (${(e as Error).message})`);
    return out;
  }
  if (canonicalJson(resolved.params) !== canonicalJson(record.parameters))
    out.mismatch.push(`its parameters (${list(Object.keys(record.parameters))}) are not the spec's (${list(Object.keys(resolved.params))})`);
  if (record.seed !== resolved.seed) out.mismatch.push(`its seed ${record.seed} is not the spec's (${resolved.seed})`);
  if (record.scenario !== resolved.constraints.scenario)
    out.mismatch.push(`its scenario ${record.scenario} is not the spec's (${resolved.constraints.scenario})`);
  const declared = resolved.metrics.map((m) => `${m.name} [${m.aggregation.join(', ')}]`);
  const recorded = record.metrics.map((m) => `${m.name} [${Object.keys(m.values).join(', ')}]`);
  const kinds = resolved.metrics.map((m) => m.kind).join();
  if (canonicalJson(declared) !== canonicalJson(recorded) || kinds !== record.metrics.map((m) => m.kind).join()) {
    // A value left out because it could not be computed leaves its reason in an INVALID verdict; that is not a mismatch.
    const honestGap =
      !record.validity.valid &&
      resolved.metrics.length === record.metrics.length &&
      resolved.metrics.every(
        (m, i) =>
          record.metrics[i]!.name === m.name &&
          record.metrics[i]!.kind === m.kind &&
          Object.keys(record.metrics[i]!.values).every((a) => m.aggregation.includes(a as Aggregation)),
      );
    if (!honestGap) out.mismatch.push(`its metrics (${list(recorded)}) are not those the spec declares (${list(declared)})`);
  }
  if (record.load) return out; // a load run's numbers are LoadGen's summary of its queries, not recomputed here
  const stats = recomputed(record);
  out.edited.push(...editedStatistics(record, stats), ...editedMetricValues(record, resolved, stats));
  const n = record.samples.perIteration.length;
  const minSamples = resolved.constraints['min-samples'];
  const minDuration = resolved.constraints['min-duration-ms'];
  if (record.validity.valid) {
    if (typeof minSamples === 'number' && n < minSamples)
      out.falseVerdict.push(`it says VALID with ${n} samples where the spec asks at least ${minSamples}`);
    if (typeof minDuration === 'number' && record.timing.elapsedMs < minDuration)
      out.falseVerdict.push(
        `it says VALID after ${record.timing.elapsedMs.toFixed(0)} ms of sampling where the spec asks at least ${minDuration} ms`,
      );
  }
  return out;
}
