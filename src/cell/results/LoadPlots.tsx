import { useEffect, useId, useRef, useState } from 'react';
import { formatDuration as formatMs } from '../../../runtime/format/index.ts';
import type { ResultRecord } from '../../../runtime/results/record.ts';
import { formatLoadSummary, type LoadSummary } from '../../../runtime/load/summary.ts';

/** The record's LoadGen-style summary as the terminal prints it, and the accuracy run's line when there is one. */
export function loadSummaryText(record: ResultRecord): string {
  const load = record.load!;
  const summary = { ...load.summary, scenario: record.scenario, mode: 'performance', rules: load.rules } as LoadSummary;
  const acc = load.accuracy;
  const accuracy = acc
    ? `Accuracy mode (a separate, untimed run): ${acc.samples} samples, each once${acc.values.accuracy !== undefined ? `; accuracy ${(acc.values.accuracy * 100).toFixed(2)}%` : ''}\n`
    : 'Accuracy mode: not run (mode performance)\n';
  return formatLoadSummary(summary) + accuracy;
}

type PlotModule = typeof import('@observablehq/plot');
let plotModule: Promise<PlotModule> | undefined;

/** One point of the throughput-vs-tail curve: a load run of the same spec at some rate. */
interface CurvePoint {
  run: number;
  qps: number;
  p99: number;
  valid: boolean;
}

/** The curve's points from the runs of this cell that ran under the load generator with the same spec id. */
export function loadCurve(record: ResultRecord, runs: readonly { number: number; record: ResultRecord }[]): CurvePoint[] {
  return runs.flatMap((r) => {
    const s = r.record.load?.summary;
    if (r.record.spec.id !== record.spec.id || !s?.latencyMs || s.qps.completed === null) return [];
    return [{ run: r.number, qps: s.qps.completed, p99: s.latencyMs.p99, valid: r.record.validity.valid }];
  });
}

/**
 * A load run read at a glance (Observable Plot, loaded when first needed): latency over the run (a queue
 * building up is a rising band), the latency CDF with the percentile and the bound, and throughput against p99
 * over this cell's load runs of the spec (a sweep done by hand, or with `workbook sweep`).
 */
export function LoadPlots({ record, runs }: { record: ResultRecord; runs: readonly { number: number; record: ResultRecord }[] }) {
  const load = record.load!;
  const ids = useId();
  const timeRef = useRef<HTMLDivElement>(null);
  const cdfRef = useRef<HTMLDivElement>(null);
  const curveRef = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const q = load.queries;
  const points = q.scheduledMs.flatMap((s, i) => {
    const done = q.completedMs[i];
    return done === null || done === undefined ? [] : [{ t: s / 1000, latency: done - s }];
  });
  const bound = load.summary.latencyBoundMs;
  const pct = load.summary.percentile;
  const curve = loadCurve(record, runs);
  const from = load.settings.targetQps !== undefined ? `from its scheduled arrival` : 'from its issue';
  const timeText = `Latency of each of the ${points.length} completed queries (${from}) against the time it was due, over ${formatMs(load.summary.durationMs)}${bound !== undefined ? `; the bound, ${formatMs(bound)}, is the dashed line` : ''}. A queue building up shows as latencies climbing together.`;
  const sorted = points.map((p) => p.latency).sort((a, b) => a - b);
  const logX = sorted.length > 0 && sorted[0]! > 0 && sorted.at(-1)! / sorted[0]! >= 5;
  const cdfText = `Cumulative distribution of query latency${logX ? ' (log scale)' : ''}: for each latency, the share of queries at or below it.${pct?.valueMs != null ? ` The p${pct.p} is ${formatMs(pct.valueMs)}.` : ''}`;
  const curveText =
    curve.length < 2
      ? `Throughput against p99 latency for this cell's load runs of ${record.spec.id}: ${curve.length} so far; run again at other rates (run --param qps=N in the terminal, or sweep to find the highest VALID one) to draw the curve.`
      : `Throughput against p99 latency for this cell's ${curve.length} load runs of ${record.spec.id}: each dot a run, VALID filled, INVALID hollow. Past the knee, a little more throughput costs much more latency.`;

  useEffect(() => {
    let cancelled = false;
    (plotModule ??= import('@observablehq/plot'))
      .then((Plot) => {
        if (cancelled) return;
        const width = Math.max(260, Math.min(520, (timeRef.current?.parentElement?.parentElement?.clientWidth ?? 560) / 2 - 16));
        const common = { width, height: 200, marginLeft: 48, marginBottom: 36, style: { background: 'transparent', fontSize: '11px' } };
        const rules = bound !== undefined ? [Plot.ruleY([bound], { stroke: 'var(--bc-plot-mark)', strokeDasharray: '4,3' })] : [];
        const overTime = Plot.plot({
          ...common,
          ariaLabel: 'Latency over the run',
          ariaDescription: timeText,
          x: { label: 'scheduled time (s) →' },
          y: { label: '↑ latency (ms)', grid: true },
          marks: [Plot.dot(points, { x: 't', y: 'latency', r: 1.5, fill: 'var(--bc-plot-line)' }), ...rules, Plot.ruleY([0])],
        });
        const cdf = Plot.plot({
          ...common,
          ariaLabel: 'Cumulative distribution of query latency',
          ariaDescription: cdfText,
          x: logX ? { type: 'log', label: 'latency (ms, log scale) →' } : { label: 'latency (ms) →' },
          y: { label: '↑ share of queries at or below', domain: [0, 1], grid: true, tickFormat: '%' },
          marks: [
            Plot.ruleY([pct ? pct.p / 100 : 0.99], { stroke: 'var(--bc-plot-mark)', strokeDasharray: '3,3' }),
            ...(bound !== undefined ? [Plot.ruleX([bound], { stroke: 'var(--bc-plot-mark)', strokeDasharray: '4,3' })] : []),
            Plot.line(
              sorted.map((x, i) => ({ x, y: (i + 1) / sorted.length })),
              { x: 'x', y: 'y', curve: 'step-after', stroke: 'var(--bc-plot-line)', strokeWidth: 1.5 },
            ),
          ],
        });
        const sweep = Plot.plot({
          ...common,
          ariaLabel: 'Throughput against p99 latency',
          ariaDescription: curveText,
          x: { label: 'completed queries per second →', zero: true },
          y: { label: '↑ p99 latency (ms)', grid: true, zero: true },
          marks: [
            Plot.line(
              [...curve].sort((a, b) => a.qps - b.qps),
              { x: 'qps', y: 'p99', stroke: 'var(--bc-plot-line)' },
            ),
            Plot.dot(curve, {
              x: 'qps',
              y: 'p99',
              r: 4,
              stroke: 'var(--bc-plot-line)',
              fill: (d: CurvePoint) => (d.valid ? 'var(--bc-plot-line)' : 'none'),
            }),
            ...rules,
          ],
        });
        for (const chart of [overTime, cdf, sweep]) {
          chart.setAttribute('role', 'img');
          for (const inner of chart.querySelectorAll('[aria-label], [aria-description]')) {
            inner.removeAttribute('aria-label');
            inner.removeAttribute('aria-description');
          }
        }
        timeRef.current?.replaceChildren(overTime);
        cdfRef.current?.replaceChildren(cdf);
        curveRef.current?.replaceChildren(sweep);
      })
      .catch((e: unknown) => !cancelled && setFailed(`The load plots could not be drawn: ${(e as Error).message}`));
    return () => {
      cancelled = true;
    };
  }, [points, sorted, bound, pct, curve, logX, timeText, cdfText, curveText]);

  if (failed) return <p className="bc-error">{failed}</p>;
  const s = load.summary;
  return (
    <section className="bc-load" aria-labelledby={`${ids}-load`} data-testid="load-plots">
      <p id={`${ids}-load`}>
        <strong>{record.scenario}</strong> under the load generator ({load.rules} rules): {s.queries.issued} queries issued, {s.queries.completed}{' '}
        completed
        {s.qps.scheduled !== null && `; ${s.qps.scheduled.toFixed(1)} QPS scheduled, ${s.qps.completed?.toFixed(1) ?? 'n/a'} completed`}
        {s.qps.target !== undefined && ` (target ${s.qps.target})`}
        {pct?.valueMs != null && `; p${pct.p} ${formatMs(pct.valueMs)}`}
        {bound !== undefined && ` against a bound of ${formatMs(bound)}`}.
      </p>
      <details className="bc-load-summary" open>
        <summary>LoadGen-style summary of this run</summary>
        <pre data-testid="load-summary">{loadSummaryText(record)}</pre>
      </details>
      <div className="bc-plots">
        <figure aria-labelledby={`${ids}-t`}>
          <div ref={timeRef} className="bc-plot" data-testid="plot-latency-over-time" />
          <figcaption id={`${ids}-t`}>{timeText}</figcaption>
        </figure>
        <figure aria-labelledby={`${ids}-c`}>
          <div ref={cdfRef} className="bc-plot" data-testid="plot-latency-cdf" />
          <figcaption id={`${ids}-c`}>{cdfText}</figcaption>
        </figure>
        <figure aria-labelledby={`${ids}-s`}>
          <div ref={curveRef} className="bc-plot" data-testid="plot-throughput-p99" />
          <figcaption id={`${ids}-s`}>{curveText}</figcaption>
        </figure>
      </div>
    </section>
  );
}
