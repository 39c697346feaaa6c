import { useId } from 'react';
import { formatDuration as formatMs, formatParams, formatPercent, formatValue } from '../../../runtime/format/index.ts';
import { aggregationLabel, deviceTimes, medianPrecision } from '../../../runtime/results/format.ts';
import { samplesAreBatchMeans } from '../../../runtime/measure/validity.ts';
import type { ResultRecord } from '../../../runtime/results/record.ts';
import type { RunEntry } from '../store.ts';
import { TARGET_LABELS } from '../targets.ts';
import { SamplePlots } from './SamplePlots.tsx';
import { QualityPlots } from './QualityPlots.tsx';
import { DynamicPlots } from './DynamicPlots.tsx';
import { isEvaluationQuality } from '../../../runtime/eval/record-view.ts';
import { LoadPlots } from './LoadPlots.tsx';
import { ModelCardFacts } from './ModelCardFacts.tsx';

export const paramsText = (p: ResultRecord['parameters']) => formatParams(p, { separator: ', ', empty: '' });

/** One run as a person reads it: verdict, first run, metrics, distribution, plots, environment. */
export function RunReport({ entry, runs = [] }: { entry: RunEntry; runs?: readonly RunEntry[] }) {
  const ids = useId();
  const r = entry.record;
  const target = TARGET_LABELS[r.target]?.name ?? r.target;
  return (
    <article className="bc-report" aria-labelledby={`${ids}-title`} data-run={entry.number}>
      <header className="bc-report-head">
        <p className="bc-report-title" id={`${ids}-title`}>
          Run {entry.number}: {r.spec.title} on {target}
          {Object.keys(r.parameters).length > 0 && <span className="bc-muted">, {paramsText(r.parameters)}</span>}
        </p>
        <p className="bc-muted">
          {entry.fromFile ? `Loaded from ${entry.origin}; ` : ''}started {new Date(r.startedAt).toLocaleString()}; spec hash{' '}
          {r.spec.hash.slice(7, 19)}; seed {r.seed}
        </p>
      </header>
      <Verdict record={r} />
      <FirstRun record={r} />
      <Metrics record={r} />
      <ModelCardFacts record={r} />
      <QualityPlots record={r} />
      <DynamicPlots record={r} />
      <Statistics record={r} />
      {r.load ? <LoadPlots record={r} runs={runs} /> : <SamplePlots record={r} />}
      <Environment record={r} />
    </article>
  );
}

function Verdict({ record: r }: { record: ResultRecord }) {
  const v = r.validity;
  return (
    <div className={`bc-verdict ${v.valid ? 'is-valid' : 'is-invalid'}`} data-testid="verdict">
      <p>
        <span className={`bc-badge ${v.valid ? 'is-valid' : 'is-invalid'}`}>{v.valid ? 'VALID' : 'INVALID'}</span>{' '}
        {v.valid ? 'The run kept every rule of its spec.' : 'The run broke a rule of its spec, so its numbers do not count as a result:'}
      </p>
      {v.reasons.length > 0 && (
        <ul>
          {v.reasons.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      )}
      {v.notes.length > 0 && (
        <ul className="bc-notes" aria-label="Notes">
          {v.notes.map((x) => (
            <li key={x}>Note: {x}</li>
          ))}
        </ul>
      )}
      <p className="bc-muted">
        {r.verification.ok
          ? `The output of the first run matched the CPU reference (largest error ${r.verification.maxAbsError.toExponential(1)}); every sample was taken after that check.`
          : `The output did NOT match the CPU reference (largest error ${r.verification.maxAbsError.toExponential(1)}).`}
      </p>
    </div>
  );
}

function FirstRun({ record: r }: { record: ResultRecord }) {
  const t = r.timing;
  const times = t.firstRunMs / r.statistics.median;
  const warm = t.warmupMs.length;
  return (
    <p className="bc-first-run" data-testid="first-run">
      <strong>First run: {formatMs(t.firstRunMs)}</strong>
      {Number.isFinite(times) && times >= 1.5 ? `, ${times.toFixed(times >= 10 ? 0 : 1)} times the median` : ''}; setup before it (compiling,
      uploading, starting a session) took {formatMs(t.setupMs)}. Both are reported on their own: the first run and {warm} warm-up or discarded run
      {warm === 1 ? '' : 's'}
      {warm
        ? ` (${t.warmupMs
            .slice(0, 6)
            .map((x) => formatMs(x))
            .join(', ')}${warm > 6 ? ', …' : ''})`
        : ''}{' '}
      are left out of the statistics below.
    </p>
  );
}

function Metrics({ record: r }: { record: ResultRecord }) {
  return (
    <div className="bc-table-scroll" role="group" aria-label="The spec's metrics, scrollable">
      <table className="bc-table">
        <caption>The spec's metrics</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Summary</th>
            <th scope="col">Value</th>
            <th scope="col">Better</th>
          </tr>
        </thead>
        <tbody>
          {r.metrics.flatMap((m) =>
            Object.entries(m.values).map(([agg, v]) => (
              <tr key={`${m.name}-${agg}`}>
                <th scope="row">{m.name}</th>
                <td>{aggregationLabel(r, agg, m.kind)}</td>
                <td>{formatValue(v, m.unit)}</td>
                <td>{m.direction}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}

const STOPPED: Record<string, string> = {
  converged: 'the median reached its precision target (converged)',
  'max-duration': 'the time cap was reached (max-duration)',
  'max-samples': 'the sample cap was reached (max-samples)',
  'min-reached': 'the minimums were met (min-reached)',
  cancelled: 'it was stopped by hand (cancelled)',
};

function Statistics({ record: r }: { record: ResultRecord }) {
  const s = r.statistics;
  const t = r.timing;
  const device = deviceTimes(r);
  const precision = medianPrecision(r);
  const batched = samplesAreBatchMeans(t.iterationsPerSample);
  const rows: [string, string][] = [
    [
      'Median [95% CI]',
      `${formatMs(s.median)} [${formatMs(s.ci95Median[0])}, ${formatMs(s.ci95Median[1])}]${precision === null ? '' : `, known to ±${formatPercent(precision, 2)}`}`,
    ],
    [
      'IQR (q1 to q3)',
      `${formatMs(s.iqr)} (${formatMs(s.q1)} to ${formatMs(s.q3)}), ${formatPercent(s.relativeIqr)} of the median: the machine's spread`,
    ],
    [
      batched ? 'p90 / p95 / p99 of batch means (not tail latencies)' : 'p90 / p95 / p99',
      `${formatMs(s.p90)} / ${formatMs(s.p95)} / ${formatMs(s.p99)}`,
    ],
    ['Min / max', `${formatMs(s.min)} / ${formatMs(s.max)}`],
    ['Mean (standard deviation)', `${formatMs(s.mean)} (${s.stdev === null ? 'n/a' : formatMs(s.stdev)})`],
    ['Outliers', `${s.outliers.length} of ${s.n} (modified z-score above 3.5), kept in the data`],
    ['Samples', `${s.n}, each ${t.iterationsPerSample} iteration${t.iterationsPerSample === 1 ? '' : 's'} long`],
    [
      'Stopped because',
      // The cap counts from the first sample, samples set aside when the block grew included; elapsedMs covers
      // the kept samples only, so "cap reached after 2 s" under a 10 s cap would read as a contradiction.
      t.stoppedBecause === 'max-duration'
        ? `${STOPPED[t.stoppedBecause]}; the kept samples span ${formatMs(t.elapsedMs)} (the cap counts from the first sample, set-aside ones included)`
        : `${STOPPED[t.stoppedBecause] ?? t.stoppedBecause} after ${formatMs(t.elapsedMs)}`,
    ],
    ['Timer resolution', `${formatMs(t.timerResolutionMs)}; a sample lasts at least 1000 of its steps`],
  ];
  if (device) {
    rows.push([
      'Median, GPU timestamps',
      `${formatMs(device.median)} (timestamp-query, time on the device only${device.missing ? `; ${device.missing} of ${device.timed + device.missing} samples had no timestamps and are left out of this figure` : ''})`,
    ]);
  }
  // An evaluation's many numbers are drawn by QualityPlots; a lone accuracy (mnist-mlp) stays in this table.
  if (r.quality && !isEvaluationQuality(r.quality))
    rows.push([
      'Quality',
      Object.entries(r.quality)
        .map(([k, v]) => `${k} ${v.toFixed(4)}`)
        .join(', '),
    ]);
  return (
    <div className="bc-table-scroll" role="group" aria-label="Time per iteration, scrollable">
      <table className="bc-table bc-stats" data-testid="statistics">
        <caption>Time per iteration, the distribution</caption>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function text(v: unknown): string {
  if (v === undefined || v === null || v === '') return 'not recorded';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

function Environment({ record: r }: { record: ResultRecord }) {
  const host = r.environment.host;
  const target = r.environment.target;
  const adapter = (target.adapter ?? undefined) as Record<string, unknown> | undefined;
  const rows: [string, string][] = [
    ['Target', `${TARGET_LABELS[r.target]?.name ?? r.target} (${r.target})`],
    [
      'Backend',
      [
        target.backend,
        target.onnxruntimeVersion && `version ${String(target.onnxruntimeVersion)}`,
        target.executionProvider && `execution provider ${String(target.executionProvider)}`,
      ]
        .filter(Boolean)
        .join(', ') || 'not recorded',
    ],
  ];
  if (adapter && adapter.available !== false) {
    rows.push([
      'Adapter',
      [adapter.vendor, adapter.architecture, adapter.description]
        .filter((x) => x)
        .map(String)
        .join(' / ') || 'not recorded',
    ]);
    rows.push(['CPU fallback adapter', adapter.isFallbackAdapter ? 'yes: the GPU is emulated on the CPU, so these times describe the CPU' : 'no']);
  }
  if (target.timestampQuery && typeof target.timestampQuery === 'object')
    rows.push(['GPU timestamps', text((target.timestampQuery as { used?: boolean }).used)]);
  rows.push(['Threads', text(target.threads ?? (r.target === 'browser-webgpu' ? 'the GPU (WebGPU)' : undefined))]);
  rows.push(['Cross-origin isolated', text(host.crossOriginIsolated ?? target.crossOriginIsolated)]);
  rows.push(['Timer resolution', formatMs(r.timing.timerResolutionMs)]);
  rows.push(['Logical cores', text(host.logicalCores ?? host.cpuCount)]);
  rows.push(['Browser or host', text(host.userAgent ?? host.platform ?? host.kind)]);
  return (
    <details className="bc-environment" open>
      <summary>Environment: where this was measured</summary>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <details>
        <summary>Everything the record holds about the environment</summary>
        <pre>{JSON.stringify(r.environment, null, 2)}</pre>
      </details>
    </details>
  );
}
