import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { formatPercent } from '../../../runtime/format/index.ts';
import { attainableGflops, measuredRoofs, placeKernel, type PlacedKernel, type Roofs } from '../../../runtime/kernels/roofline.ts';
import type { RunEntry } from '../store.ts';
import { TARGET_LABELS } from '../targets.ts';
import { pageRuns, subscribePageRuns } from './page-runs.ts';
import { kernelTaskOf, rooflineRuns } from './roofline-runs.ts';

type PlotModule = typeof import('@observablehq/plot');
let plotModule: Promise<PlotModule> | undefined;

const num = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toPrecision(2));

/**
 * The roofline of the learner's own device, under the cell that measures matmul: the memory roof from the
 * page's fastest copy, the compute roof from its fastest matmul, and every kernel run of the same target as a
 * point, with how far it is from the roof over it. Nothing here is typed in: every number is a run's.
 * On a page without a copy cell it stays silent until a copy run exists (a loaded or agent run of this page).
 */
/** Whether this page has a cell that measures a copy (the memory roof): only such a page says what is missing. */
export function pageHasCopyCell(): boolean {
  if (typeof document === 'undefined') return false;
  return [...document.querySelectorAll('bench-cell')].some((c) => /^\s*operation:\s*copy\s*$/m.test(c.getAttribute('data-spec-text') ?? ''));
}

export function Roofline({ runs, hasCopyCell = pageHasCopyCell }: { runs: readonly RunEntry[]; hasCopyCell?: () => boolean }) {
  const all = useSyncExternalStore(subscribePageRuns, pageRuns, pageRuns);
  const own = runs.filter((r) => !r.fromFile && kernelTaskOf(r.record)?.operation === 'matmul');
  const latest = own.at(-1);
  if (!latest) return null;
  const target = latest.record.target;
  const measured = rooflineRuns(all, target);
  const roofs = measuredRoofs(measured);
  const targetName = TARGET_LABELS[target]?.name ?? target;
  if ('missing' in roofs) {
    // A matmul cell on a page without a copy cell (Foundations, the lab) is not a roofline: say nothing there.
    if (!hasCopyCell()) return null;
    return (
      <section className="bc-roofline" aria-label="Roofline" data-testid="roofline">
        <p className="bc-section-title">Roofline of this device ({targetName})</p>
        <p className="bc-muted">
          To draw it, this page still needs {roofs.missing} on the same target, {targetName}.
        </p>
      </section>
    );
  }
  // One point per kernel configuration: its latest run (a rerun replaces the point; the roofs keep every run's best sample).
  const latestByLabel = new Map(measured.map((r) => [r.label, r]));
  const points = [...latestByLabel.values()].map((r) => placeKernel(roofs, r)).filter((p): p is PlacedKernel => p !== null);
  return <RooflineView roofs={roofs} points={points} targetName={targetName} />;
}

function RooflineView({ roofs, points, targetName }: { roofs: Roofs; points: PlacedKernel[]; targetName: string }) {
  const ids = useId();
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const caption = `Roofline of this device on ${targetName}, log-log: the slanted memory roof at ${num(roofs.bandwidthGBs)} GB/s (your fastest copy) meets the flat compute roof at ${num(roofs.peakGflops)} GFLOP/s (your fastest matmul sample) at the ridge point, ${num(roofs.ridge)} FLOP/byte. ${points
    .map(
      (p) =>
        `${p.label}: ${num(p.intensity)} FLOP/byte, ${num(p.achievedGflops)} GFLOP/s, ${formatPercent(p.fractionOfRoof, 0)} of its ${p.bound} roof`,
    )
    .join('; ')}.`;

  useEffect(() => {
    let cancelled = false;
    (plotModule ??= import('@observablehq/plot'))
      .then((Plot) => {
        if (cancelled) return;
        const xs = [roofs.ridge, ...points.map((p) => p.intensity)];
        const lo = Math.min(...xs) / 8;
        const hi = Math.max(...xs) * 8;
        const roofLine = Array.from({ length: 81 }, (_, i) => lo * (hi / lo) ** (i / 80)).map((x) => ({ x, y: attainableGflops(roofs, x) }));
        const width = Math.max(300, Math.min(640, (box.current?.parentElement?.clientWidth ?? 640) - 16));
        const chart = Plot.plot({
          width,
          height: 300,
          marginLeft: 56,
          marginBottom: 40,
          style: { background: 'transparent', fontSize: '11px' },
          x: { type: 'log', label: 'arithmetic intensity (FLOP/byte, log) →' },
          y: { type: 'log', label: '↑ GFLOP/s (log)', grid: true },
          marks: [
            Plot.line(roofLine, { x: 'x', y: 'y', stroke: 'var(--bc-plot-line)', strokeWidth: 2 }),
            Plot.ruleX([roofs.ridge], { stroke: 'var(--bc-plot-mark)', strokeDasharray: '3,3' }),
            Plot.dot(points, { x: 'intensity', y: 'achievedGflops', r: 4.5, fill: 'var(--bc-plot-mark)' }),
            Plot.text(points, { x: 'intensity', y: 'achievedGflops', text: 'label', dy: -10, fontSize: 10 }),
          ],
        });
        chart.setAttribute('role', 'img');
        chart.setAttribute('aria-label', 'Roofline of this device');
        for (const inner of chart.querySelectorAll('[aria-label], [aria-description]')) {
          if (inner !== chart) {
            inner.removeAttribute('aria-label');
            inner.removeAttribute('aria-description');
          }
        }
        box.current?.replaceChildren(chart);
      })
      .catch((e: unknown) => !cancelled && setFailed(`The roofline could not be drawn: ${(e as Error).message}`));
    return () => {
      cancelled = true;
    };
  }, [roofs, points]);

  return (
    <section className="bc-roofline" aria-labelledby={`${ids}-t`} data-testid="roofline">
      <p className="bc-section-title" id={`${ids}-t`}>
        Roofline of this device ({targetName})
      </p>
      <p data-testid="roofline-roofs">
        Memory roof <strong>{num(roofs.bandwidthGBs)} GB/s</strong> (fastest sample of {roofs.bandwidthFrom}); compute roof{' '}
        <strong>{num(roofs.peakGflops)} GFLOP/s</strong> (fastest sample of {roofs.peakFrom}); ridge point{' '}
        <strong>{num(roofs.ridge)} FLOP/byte</strong>. Both roofs are what your runs reached, not the hardware's data sheet: a faster kernel would
        raise them.
      </p>
      {failed ? <p className="bc-error">{failed}</p> : <div ref={box} className="bc-plot" data-testid="roofline-plot" />}
      <div className="bc-table-scroll" role="group" aria-label="Kernels on the roofline, scrollable">
        <table className="bc-table" data-testid="roofline-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Kernel (latest run)</th>
              <th scope="col">FLOP/byte</th>
              <th scope="col">GFLOP/s (median)</th>
              <th scope="col">Roof over it</th>
              <th scope="col">Share of the roof</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.label}>
                <th scope="row">{p.label}</th>
                <td>{num(p.intensity)}</td>
                <td>{num(p.achievedGflops)}</td>
                <td>
                  {num(p.roofGflops)} GFLOP/s ({p.bound})
                </td>
                <td>{formatPercent(p.fractionOfRoof, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
