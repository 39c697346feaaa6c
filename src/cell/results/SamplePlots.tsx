import { useEffect, useId, useRef, useState } from 'react';
import { formatDuration as formatMs } from '../../../runtime/format/index.ts';
import type { ResultRecord } from '../../../runtime/results/record.ts';
import type { RectYOptions } from '@observablehq/plot';

type PlotModule = typeof import('@observablehq/plot');
let plotModule: Promise<PlotModule> | undefined;

/** A histogram and a cumulative distribution of the samples (Observable Plot, loaded when first needed). */
export function SamplePlots({ record }: { record: ResultRecord }) {
  const samples = record.samples.perIteration;
  const s = record.statistics;
  const ids = useId();
  const histRef = useRef<HTMLDivElement>(null);
  const cdfRef = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);

  // A few very slow samples would squeeze every bar against the left edge: the histogram stops at
  // q3 + 3 IQR and says how many samples lie beyond; the CDF shows them all.
  const cut = Math.min(s.max, s.q3 + 3 * Math.max(s.iqr, s.median * 0.01));
  const beyond = samples.filter((x) => x > cut).length;
  const histText = `Histogram of the ${s.n} samples' time per iteration: from ${formatMs(s.min)} to ${formatMs(s.max)}, the median ${formatMs(s.median)} marked by a vertical line${s.outliers.length ? `; ${s.outliers.length} outlier${s.outliers.length === 1 ? '' : 's'}` : ''}.${beyond ? ` ${beyond} sample${beyond === 1 ? '' : 's'} slower than ${formatMs(cut)} lie beyond the right edge; the cumulative distribution shows them.` : ''}`;
  // A long tail (the slowest sample 5 times the fastest or more) is read best on a log scale.
  const logX = s.min > 0 && s.max / s.min >= 5;
  const cdfText = `Cumulative distribution${logX ? ' (time on a log scale)' : ''}: for each time, the share of samples at or below it. Half the samples take ${formatMs(s.median)} or less, 90% take ${formatMs(s.p90)} or less (p90)${s.outliers.length ? '; outliers are marked with circles' : ''}.`;

  useEffect(() => {
    let cancelled = false;
    const boxes = [histRef.current, cdfRef.current];
    (plotModule ??= import('@observablehq/plot'))
      .then((Plot) => {
        if (cancelled) return;
        const width = Math.max(260, Math.min(520, (histRef.current?.parentElement?.parentElement?.clientWidth ?? 560) / 2 - 16));
        const sorted = [...samples].sort((a, b) => a - b);
        const outliers = new Set(s.outliers.map((i) => samples[i]));
        const cdf = sorted.map((x, i) => ({ x, y: (i + 1) / sorted.length, outlier: outliers.has(x) }));
        const common = { width, height: 200, marginLeft: 44, marginBottom: 36, style: { background: 'transparent', fontSize: '11px' } };
        const hist = Plot.plot({
          ...common,
          ariaLabel: 'Histogram of the samples',
          ariaDescription: histText,
          x: { label: `time per iteration (ms) →${beyond ? `   (${beyond} slower not shown)` : ''}` },
          y: { label: '↑ samples', grid: true },
          marks: [
            Plot.rectY(
              samples.filter((x) => x <= cut),
              Plot.binX<RectYOptions>({ y: 'count' }, { x: (d: number) => d, fill: 'var(--bc-plot-bar)', inset: 0.5 }),
            ),
            Plot.ruleX([s.median], { stroke: 'var(--bc-plot-mark)', strokeWidth: 2 }),
            Plot.ruleY([0]),
          ],
        });
        const cum = Plot.plot({
          ...common,
          ariaLabel: 'Cumulative distribution of the samples',
          ariaDescription: cdfText,
          x: logX ? { type: 'log', label: 'time per iteration (ms, log scale) →' } : { label: 'time per iteration (ms) →' },
          y: { label: '↑ share of samples at or below', domain: [0, 1], grid: true, tickFormat: '%' },
          marks: [
            Plot.ruleY([0.5, 0.9], { stroke: 'var(--bc-plot-mark)', strokeDasharray: '3,3' }),
            Plot.line(cdf, { x: 'x', y: 'y', curve: 'step-after', stroke: 'var(--bc-plot-line)', strokeWidth: 1.5 }),
            Plot.dot(
              cdf.filter((d) => d.outlier),
              { x: 'x', y: 'y', r: 3.5, stroke: 'var(--bc-plot-mark)' },
            ),
          ],
        });
        // Each chart is one image described by its label and caption; Plot's labels on inner groups are
        // not allowed there (ARIA), so they go.
        for (const chart of [hist, cum]) {
          chart.setAttribute('role', 'img');
          for (const inner of chart.querySelectorAll('[aria-label], [aria-description]')) {
            inner.removeAttribute('aria-label');
            inner.removeAttribute('aria-description');
          }
        }
        boxes[0]?.replaceChildren(hist);
        boxes[1]?.replaceChildren(cum);
      })
      .catch((e: unknown) => !cancelled && setFailed(`The plots could not be drawn: ${(e as Error).message}`));
    return () => {
      cancelled = true;
    };
  }, [samples.filter, s.median, cut, s.outliers.map, cdfText, beyond, histText, logX, samples]);

  if (failed) return <p className="bc-error">{failed}</p>;
  return (
    <div className="bc-plots" data-testid="plots">
      <figure aria-labelledby={`${ids}-h`}>
        <div ref={histRef} className="bc-plot" />
        <figcaption id={`${ids}-h`}>{histText}</figcaption>
      </figure>
      <figure aria-labelledby={`${ids}-c`}>
        <div ref={cdfRef} className="bc-plot" />
        <figcaption id={`${ids}-c`}>{cdfText}</figcaption>
      </figure>
    </div>
  );
}
