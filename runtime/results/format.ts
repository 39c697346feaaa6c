import { formatDuration, formatParams, formatPercent, formatValue } from '../format/index.ts';
import { samplesAreBatchMeans } from '../measure/validity.ts';
import { METRIC_KIND_TABLE, type MetricKind } from '../metrics/index.ts';
import type { ResultRecord } from './record.ts';

/** The aggregations that describe the tail of the distribution: of batch means they are no tail latency. */
const TAIL = new Set(['p90', 'p95', 'p99']);

/**
 * How a percentile is labelled wherever a record is shown: "p90", or "p90 of batch means" when samples
 * are blocks and the kind's percentiles describe single queries (runtime/metrics: tailOfQueries).
 */
export function aggregationLabel(r: Pick<ResultRecord, 'timing'>, aggregation: string, kind: MetricKind = 'latency'): string {
  const ofQueries = METRIC_KIND_TABLE[kind].tailOfQueries === true;
  return TAIL.has(aggregation) && ofQueries && samplesAreBatchMeans(r.timing.iterationsPerSample) ? `${aggregation} of batch means` : aggregation;
}

/** The median's precision: half its 95% CI relative to it (0.004 = +-0.4%); null when the median is 0. */
export function medianPrecision(r: Pick<ResultRecord, 'statistics'>): number | null {
  const s = r.statistics;
  const half = (s.ci95Median[1] - s.ci95Median[0]) / 2;
  if (half === 0) return 0;
  return s.median === 0 ? null : half / Math.abs(s.median);
}

/** Device (timestamp-query) times: their median over the samples that have one, and how many have none. */
export function deviceTimes(r: Pick<ResultRecord, 'samples'>): { median: number; timed: number; missing: number } | undefined {
  const device = r.samples.device;
  if (!device) return undefined;
  const timed = device.filter((d): d is number => d !== null).sort((a, b) => a - b);
  if (timed.length === 0) return undefined;
  const mid = timed.length >> 1;
  const median = timed.length % 2 ? timed[mid]! : (timed[mid - 1]! + timed[mid]!) / 2;
  return { median, timed: timed.length, missing: device.length - timed.length };
}

/** Milliseconds in the unit a person reads best, as tables write them (runtime/format: formatDuration). */
export function formatMs(ms: number): string {
  return formatDuration(ms);
}

/** A result as plain text: verdict, metrics, distribution, first run, environment. For terminals. */
export function formatResultTable(r: ResultRecord): string {
  const s = r.statistics;
  const lines: string[] = [];
  lines.push(`${r.spec.title} (${r.spec.id}) on ${r.target}, ${r.scenario}`);
  lines.push(`parameters: ${formatParams(r.parameters, { empty: 'none' })}   seed ${r.seed}`);
  lines.push(r.validity.valid ? 'VALID' : `INVALID: ${r.validity.reasons.join('; ')}`);
  for (const n of r.validity.notes) lines.push(`note: ${n}`);
  lines.push('');
  const rows: [string, string][] = [];
  for (const m of r.metrics) {
    for (const [agg, v] of Object.entries(m.values))
      rows.push([`${m.name} (${aggregationLabel(r, agg, m.kind)}, ${m.direction} is better)`, formatValue(v, m.unit)]);
  }
  rows.push(['', '']);
  rows.push([
    'samples',
    `${s.n} x ${r.timing.iterationsPerSample} iteration(s), stopped: ${r.timing.stoppedBecause}, ${formatMs(r.timing.elapsedMs)}`,
  ]);
  const precision = medianPrecision(r);
  rows.push([
    'median [95% CI]',
    `${formatMs(s.median)} [${formatMs(s.ci95Median[0])}, ${formatMs(s.ci95Median[1])}]${precision === null ? '' : `, +-${formatPercent(precision, 2)}`}`,
  ]);
  rows.push(['IQR (q1-q3)', `${formatMs(s.iqr)} (${formatMs(s.q1)} - ${formatMs(s.q3)}), ${formatPercent(s.relativeIqr)} of median`]);
  rows.push(['min / mean / max', `${formatMs(s.min)} / ${formatMs(s.mean)} / ${formatMs(s.max)}`]);
  rows.push([
    samplesAreBatchMeans(r.timing.iterationsPerSample) ? 'p90 / p95 / p99 of batch means' : 'p90 / p95 / p99',
    `${formatMs(s.p90)} / ${formatMs(s.p95)} / ${formatMs(s.p99)}`,
  ]);
  const device = deviceTimes(r);
  if (device)
    rows.push([
      'device time (median)',
      `${formatMs(device.median)} (timestamp-query${device.missing ? `; ${device.missing} sample(s) without one left out` : ''})`,
    ]);
  rows.push(['outliers', `${s.outliers.length} (modified z-score > 3.5)`]);
  rows.push(['first run', `${formatMs(r.timing.firstRunMs)} (setup before it ${formatMs(r.timing.setupMs)})`]);
  rows.push(['warm-up (discarded)', r.timing.warmupMs.map(formatMs).join(', ') || 'none']);
  rows.push(['timer resolution', formatMs(r.timing.timerResolutionMs)]);
  if (r.quality)
    rows.push([
      'quality',
      Object.entries(r.quality)
        .map(([k, v]) => `${k} ${v.toFixed(4)}`)
        .join(', '),
    ]);
  rows.push(['verified', `${r.verification.ok ? 'yes' : 'NO'} (max abs error ${r.verification.maxAbsError.toExponential(2)})`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) lines.push(k ? `  ${k.padEnd(width)}  ${v}` : '');
  lines.push('');
  lines.push('environment:');
  for (const [section, obj] of Object.entries(r.environment)) {
    for (const [k, v] of Object.entries(obj)) lines.push(`  ${section}.${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  }
  return `${lines.join('\n')}\n`;
}
