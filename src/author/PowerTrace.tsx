import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { energyPerQuery, generatePowerTrace, LAYER_WHAT, LAYERS, type Layer } from '../../runtime/energy/index.ts';

type PlotModule = typeof import('@observablehq/plot');
let plotModule: Promise<PlotModule> | undefined;

/**
 * A GENERATED power trace (runtime/energy/trace.ts), seeded, seen by four meters at four layers of one machine:
 * power over time with the run's window, and the energy per query each meter gives, idle subtracted. For
 * episodes where no meter can be read; it says on every view that it is generated, never measured.
 *
 *   <PowerTrace client:visible seed={1} />
 */
export default function PowerTrace({ seed: initial = 1 }: { seed?: number }) {
  const ids = useId();
  const [seed, setSeed] = useState(initial);
  const [device, setDevice] = useState<'cpu' | 'gpu'>('gpu');
  const plotRef = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const trace = useMemo(() => generatePowerTrace(seed, { device }), [seed, device]);
  const rows = useMemo(
    () => LAYERS.map((layer) => ({ layer, ...energyPerQuery({ timesMs: trace.timesMs, watts: trace.watts[layer] }, trace.run) })),
    [trace],
  );
  const label = `GENERATED trace (seed ${seed}, work on the ${device.toUpperCase()}): not a measurement`;
  const description = `${label}. Power of four meters over ${(trace.timesMs.at(-1)! / 1000).toFixed(1)} s, sampled every ${trace.sampleMs} ms; the run of ${trace.run.queries} queries lies between the dashed lines.`;

  useEffect(() => {
    let cancelled = false;
    (plotModule ??= import('@observablehq/plot'))
      .then((Plot) => {
        if (cancelled) return;
        const points = LAYERS.flatMap((layer: Layer) => trace.timesMs.map((t, i) => ({ layer, t: t / 1000, w: trace.watts[layer][i]! })));
        const chart = Plot.plot({
          width: Math.min(680, plotRef.current?.clientWidth ?? 640),
          height: 260,
          marginLeft: 48,
          ariaLabel: 'Generated power over time, four meters',
          ariaDescription: description,
          style: { background: 'transparent', fontSize: '11px' },
          x: { label: 'time (s) →' },
          y: { label: '↑ power (W)', grid: true },
          color: { legend: true, domain: [...LAYERS] },
          marks: [
            Plot.ruleX([trace.run.startMs / 1000, trace.run.endMs / 1000], { stroke: 'var(--bc-plot-mark)', strokeDasharray: '4,3' }),
            Plot.line(points, { x: 't', y: 'w', stroke: 'layer' }),
            Plot.ruleY([0]),
          ],
        });
        plotRef.current?.replaceChildren(chart);
      })
      .catch((e: unknown) => setFailed(`The plot could not load: ${String((e as Error)?.message ?? e)}`));
    return () => {
      cancelled = true;
    };
  }, [trace, description]);

  const csv = [
    'time_ms,package_w,dram_w,board_w,wall_w',
    ...trace.timesMs.map((t, i) => [t, ...LAYERS.map((l) => trace.watts[l][i])].join(',')),
  ].join('\n');
  return (
    <section className="bc-power not-content" data-testid="power-trace" data-seed={seed} aria-labelledby={`${ids}-title`}>
      <p id={`${ids}-title`} className="bc-power-label">
        <strong>{label}</strong>
      </p>
      <form className="bc-power-controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          Seed{' '}
          <input
            type="number"
            min={0}
            max={4294967295}
            step={1}
            value={seed}
            onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
          />
        </label>{' '}
        <label>
          The work runs on{' '}
          <select value={device} onChange={(e) => setDevice(e.target.value as 'cpu' | 'gpu')}>
            <option value="gpu">the GPU</option>
            <option value="cpu">the CPU</option>
          </select>
        </label>{' '}
        <a download={`power-trace-generated-seed-${seed}-${device}.csv`} href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`}>
          Download the trace (CSV)
        </a>
      </form>
      {failed ? <p className="bc-error">{failed}</p> : <div ref={plotRef} className="bc-plot" data-testid="power-plot" />}
      <p className="bc-muted">{description}</p>
      <table data-testid="power-table">
        <caption>
          Energy of the run by meter, from this generated trace: idle power is the mean before the run, and the net energy is the run's energy minus
          idle power times the run's {((trace.run.endMs - trace.run.startMs) / 1000).toFixed(1)} s
        </caption>
        <thead>
          <tr>
            <th scope="col">meter (layer)</th>
            <th scope="col">idle (W)</th>
            <th scope="col">run (J)</th>
            <th scope="col">idle share (J)</th>
            <th scope="col">net (J)</th>
            <th scope="col">per query (mJ)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.layer} data-layer={r.layer}>
              <th scope="row" title={LAYER_WHAT[r.layer]}>
                {r.layer}
              </th>
              <td>{r.idleW.toFixed(1)}</td>
              <td>{r.grossJ.toFixed(1)}</td>
              <td>{r.idleJ.toFixed(1)}</td>
              <td>{r.netJ.toFixed(1)}</td>
              <td>{(r.joulesPerQuery * 1000).toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
