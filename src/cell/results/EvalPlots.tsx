import type { AdaptiveStep } from '../../../runtime/irt/adaptive.ts';
import { probability, type TwoPlItem } from '../../../runtime/irt/twopl.ts';

/**
 * The evaluation lessons' plots, as plain SVG (no plot library to load, the same markup in the page and
 * in a test): each has a caption that says in words what it shows, and a table of its numbers for a
 * screen reader. Inputs are the core's results (runtime/eval, runtime/irt).
 */
const W = 360;
const H = 200;
const M = { left: 40, right: 10, top: 10, bottom: 30 };
const sx = (x: number, lo: number, hi: number) => M.left + ((x - lo) / (hi - lo || 1)) * (W - M.left - M.right);
const sy = (y: number, lo: number, hi: number) => H - M.bottom - ((y - lo) / (hi - lo || 1)) * (H - M.top - M.bottom);
const path = (pts: [number, number][]) => pts.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join('');

function Frame({ title, xLabel, yLabel, children }: { title: string; xLabel: string; yLabel: string; children: React.ReactNode }) {
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="bc-eval-plot" role="img" aria-label={title}>
      <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} className="bc-eval-axis" />
      <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} className="bc-eval-axis" />
      <text x={(W + M.left) / 2} y={H - 4} textAnchor="middle" className="bc-eval-label">
        {xLabel}
      </text>
      <text x={10} y={(H - M.bottom) / 2} textAnchor="middle" transform={`rotate(-90 10 ${(H - M.bottom) / 2})`} className="bc-eval-label">
        {yLabel}
      </text>
      {children}
    </svg>
  );
}

/** Metric against perturbation strength, each point with its interval. */
export function RobustnessCurve({
  kind,
  unit,
  points,
}: {
  kind: string;
  unit: string;
  points: { strength: number; value: number; ci95: [number, number] }[];
}) {
  const hi = Math.max(...points.map((p) => p.strength));
  const title = `Accuracy against ${kind} strength (${unit}): from ${points[0]?.value.toFixed(3)} at ${points[0]?.strength} to ${points.at(-1)?.value.toFixed(3)} at ${points.at(-1)?.strength}`;
  return (
    <figure className="bc-eval-figure" data-testid="robustness-curve">
      <Frame title={title} xLabel={`${kind} (${unit})`} yLabel="accuracy">
        <path d={path(points.map((p) => [sx(p.strength, 0, hi), sy(p.value, 0, 1)]))} className="bc-eval-line" />
        {points.map((p) => (
          <g key={p.strength}>
            <line x1={sx(p.strength, 0, hi)} x2={sx(p.strength, 0, hi)} y1={sy(p.ci95[0], 0, 1)} y2={sy(p.ci95[1], 0, 1)} className="bc-eval-ci" />
            <circle cx={sx(p.strength, 0, hi)} cy={sy(p.value, 0, 1)} r={3} className="bc-eval-point" />
          </g>
        ))}
      </Frame>
      <figcaption>{title}; bars are 95% bootstrap intervals over the items.</figcaption>
    </figure>
  );
}

/** Item characteristic curves P(right | ability) of a few items. */
export function ItemCurves({ items }: { items: { name: string; item: TwoPlItem }[] }) {
  const thetas = Array.from({ length: 61 }, (_, k) => -4 + k * (8 / 60));
  const title = `Item characteristic curves of ${items.length} items: the chance a model of ability theta gets each right`;
  return (
    <figure className="bc-eval-figure" data-testid="item-curves">
      <Frame title={title} xLabel="ability (theta)" yLabel="P(right)">
        {items.map(({ name, item }, i) => (
          <path
            key={name}
            d={path(thetas.map((t) => [sx(t, -4, 4), sy(probability(item, t), 0, 1)]))}
            className={`bc-eval-line bc-eval-series-${i % 6}`}
          />
        ))}
      </Frame>
      <figcaption>
        {title}.{' '}
        {items.map(({ name, item }, i) => (
          <span key={name}>
            {/* The line's colour beside its item, so a reader can tell the curves apart. */}
            <svg width="16" height="8" aria-hidden="true" className="bc-eval-swatch">
              <line x1="0" x2="16" y1="4" y2="4" className={`bc-eval-line bc-eval-series-${i % 6}`} />
            </svg>{' '}
            {name}: difficulty {item.b.toFixed(2)}, discrimination {item.a.toFixed(2)}
            {i < items.length - 1 ? '; ' : '.'}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** An adaptive test's ability estimate after each item, with +- one posterior SD, and the full-set ability. */
export function AdaptiveTrace({ name, trace, fullTheta }: { name: string; trace: AdaptiveStep[]; fullTheta: number }) {
  const lo = Math.min(fullTheta, ...trace.map((s) => s.theta - s.sd)) - 0.2;
  const hi = Math.max(fullTheta, ...trace.map((s) => s.theta + s.sd)) + 0.2;
  const n = trace.length;
  const title = `Adaptive test of ${name}: ability estimate after each of ${n} items, ending at ${trace.at(-1)?.theta.toFixed(2)} (sd ${trace.at(-1)?.sd.toFixed(2)}); the full set says ${fullTheta.toFixed(2)}`;
  return (
    <figure className="bc-eval-figure" data-testid="adaptive-trace">
      <Frame title={title} xLabel="items given" yLabel="theta">
        <path
          d={`${path(trace.map((s, k) => [sx(k + 1, 1, n), sy(s.theta + s.sd, lo, hi)]))}${path(trace.map((s, k) => [sx(n - k, 1, n), sy(trace[n - 1 - k]!.theta - trace[n - 1 - k]!.sd, lo, hi)])).replace(/^M/, 'L')}Z`}
          className="bc-eval-band"
        />
        <path d={path(trace.map((s, k) => [sx(k + 1, 1, n), sy(s.theta, lo, hi)]))} className="bc-eval-line" />
        <line x1={M.left} x2={W - M.right} y1={sy(fullTheta, lo, hi)} y2={sy(fullTheta, lo, hi)} className="bc-eval-reference" />
      </Frame>
      <figcaption>{title}; the band is +- one posterior SD, the dashed line the full-set ability.</figcaption>
    </figure>
  );
}

/** Static test set against rotating fresh sets: each model's accuracy on each, with intervals. */
export function StaticVsRotating({
  rows,
  names = { clean: 'Clean', contaminated: 'Contaminated' },
}: {
  rows: { set: string; clean: number; contaminated: number; advantage: { value: number; ci95: [number, number] } }[];
  /** Column headings: the two models' names. */
  names?: { clean: string; contaminated: string };
}) {
  const title = `The contaminated model's advantage over its clean twin: ${rows.map((r) => `${r.set} ${r.advantage.value >= 0 ? '+' : ''}${(r.advantage.value * 100).toFixed(1)} points`).join(', ')}`;
  const lo = Math.min(0, ...rows.map((r) => r.advantage.ci95[0]));
  const hi = Math.max(0, ...rows.map((r) => r.advantage.ci95[1]));
  return (
    <figure className="bc-eval-figure" data-testid="static-vs-rotating">
      <Frame title={title} xLabel="test set" yLabel="advantage (accuracy)">
        <line x1={M.left} x2={W - M.right} y1={sy(0, lo, hi)} y2={sy(0, lo, hi)} className="bc-eval-reference" />
        {rows.map((r, i) => {
          const x = sx(i + 0.5, 0, rows.length);
          return (
            <g key={r.set}>
              <line x1={x} x2={x} y1={sy(r.advantage.ci95[0], lo, hi)} y2={sy(r.advantage.ci95[1], lo, hi)} className="bc-eval-ci" />
              <circle cx={x} cy={sy(r.advantage.value, lo, hi)} r={3} className="bc-eval-point" />
            </g>
          );
        })}
      </Frame>
      <figcaption>{title}; bars are 95% paired bootstrap intervals over the items.</figcaption>
      <table className="bc-table">
        <caption>Accuracy on each set</caption>
        <thead>
          <tr>
            <th scope="col">Set</th>
            <th scope="col">{names.clean}</th>
            <th scope="col">{names.contaminated}</th>
            <th scope="col">Advantage [95% interval]</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.set}>
              <th scope="row">{r.set}</th>
              <td>{r.clean.toFixed(3)}</td>
              <td>{r.contaminated.toFixed(3)}</td>
              <td>
                {r.advantage.value.toFixed(3)} [{r.advantage.ci95[0].toFixed(3)}, {r.advantage.ci95[1].toFixed(3)}]
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/**
 * How close an adaptive test's ranking is to the full-set ranking after each item given (Kendall tau),
 * against the mean of random orders of items: the adaptive test's trace over all the models.
 */
export function RankingTrace({ points, randomOrders }: { points: { at: number; adaptive: number; random: number }[]; randomOrders: number }) {
  const n = points.length;
  const at = (k: number) => points[Math.min(n, k) - 1];
  const marks = [5, 10, 30, n].filter((k, i, all) => k <= n && all.indexOf(k) === i);
  const title = `Kendall tau of the ranking after k items with the full-set ranking: ${marks.map((k) => `${k} items adaptive ${at(k)!.adaptive.toFixed(2)}, random ${at(k)!.random.toFixed(2)}`).join('; ')}`;
  return (
    <figure className="bc-eval-figure" data-testid="ranking-trace">
      <Frame title={title} xLabel="items given" yLabel="Kendall tau">
        <line x1={M.left} x2={W - M.right} y1={sy(1, -1, 1)} y2={sy(1, -1, 1)} className="bc-eval-reference" />
        <line x1={M.left} x2={W - M.right} y1={sy(0, -1, 1)} y2={sy(0, -1, 1)} className="bc-eval-axis" />
        <path d={path(points.map((p) => [sx(p.at, 1, n), sy(p.random, -1, 1)]))} className="bc-eval-line bc-eval-series-1" />
        <path d={path(points.map((p) => [sx(p.at, 1, n), sy(p.adaptive, -1, 1)]))} className="bc-eval-line" />
      </Frame>
      <figcaption>
        {title}. Solid: the adaptive test (the most informative item at each model's current estimate); orange: the mean of {randomOrders} random
        orders. The dashed line is the full-set ranking (tau 1).
      </figcaption>
    </figure>
  );
}
