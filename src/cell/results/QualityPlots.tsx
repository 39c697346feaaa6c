import { isEvaluationQuality, readEvaluation } from '../../../runtime/eval/record-view.ts';
import type { ResultRecord } from '../../../runtime/results/record.ts';
import { PERTURBATION_RANGES } from '../../../runtime/eval/perturbation-ranges.ts';
import { CorruptionErrors } from './CorruptionErrors.tsx';
import { RobustnessCurve } from './EvalPlots.tsx';

/**
 * An evaluation's quality at a glance: each metric with its bootstrap interval (a bar for the interval,
 * a tick for the value), the confusion matrix as a shaded table (rows the true class, columns the
 * predicted one; the diagonal is right), and the slices. Tables, so a screen reader reads the numbers.
 */
export function QualityPlots({ record: r }: { record: ResultRecord }) {
  if (!r.quality || !isEvaluationQuality(r.quality)) return null;
  const v = readEvaluation(r.quality);
  return (
    <section className="bc-quality" aria-label="Quality of the model" data-testid="quality">
      <MetricIntervals metrics={v.metrics} items={v.items} />
      {v.confusion && <ConfusionMatrix cm={v.confusion} />}
      {v.slices.length > 0 && <Slices slices={v.slices} />}
      {v.robustness && (
        <RobustnessCurve
          kind={v.robustness.kind}
          unit={PERTURBATION_RANGES[v.robustness.kind as keyof typeof PERTURBATION_RANGES]?.unit ?? 'strength'}
          points={v.robustness.points}
        />
      )}
      {v.robustness && <CorruptionErrors kind={v.robustness.kind} points={v.robustness.points} />}
    </section>
  );
}

function MetricIntervals({ metrics, items }: { metrics: ReturnType<typeof readEvaluation>['metrics']; items: number }) {
  return (
    <div className="bc-table-scroll" role="group" aria-label="Quality metrics, scrollable">
      <table className="bc-table" data-testid="quality-metrics">
        <caption>Quality on {items} items, with 95% bootstrap intervals over the items</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Value</th>
            <th scope="col">95% interval</th>
            <th scope="col">
              <span className="bc-visually-hidden">Interval on a 0 to 1 scale</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {metrics.map((m) => (
            <tr key={m.name}>
              <th scope="row">{m.name}</th>
              <td>{m.value.toFixed(4)}</td>
              <td>{m.ci95 ? `${m.ci95[0].toFixed(4)} to ${m.ci95[1].toFixed(4)}` : 'none'}</td>
              <td aria-hidden="true">
                <svg className="bc-ci-bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="presentation">
                  <line x1="0" x2="100" y1="5" y2="5" className="bc-ci-axis" />
                  {m.ci95 && (
                    <rect x={m.ci95[0] * 100} width={Math.max(0.5, (m.ci95[1] - m.ci95[0]) * 100)} y="2" height="6" className="bc-ci-range" />
                  )}
                  <line x1={m.value * 100} x2={m.value * 100} y1="0" y2="10" className="bc-ci-value" />
                </svg>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ConfusionMatrix({ cm }: { cm: number[][] }) {
  const k = cm.length;
  const rowTotals = cm.map((row) => row.reduce((a, b) => a + b, 0));
  return (
    <div className="bc-table-scroll" role="group" aria-label="Confusion matrix, scrollable">
      <table className="bc-table bc-confusion" data-testid="confusion-matrix">
        <caption>Confusion matrix: rows are the true class, columns the predicted one; shading is the share of the row</caption>
        <thead>
          <tr>
            <th scope="col">true \ predicted</th>
            {cm.map((_, p) => (
              <th scope="col" key={p}>
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cm.map((row, t) => (
            <tr key={t}>
              <th scope="row">{t}</th>
              {row.map((v, p) => {
                const share = rowTotals[t] ? v / rowTotals[t]! : 0;
                // Light shades keep dark text legible; the darkest (the diagonal) takes light text.
                const dark = share > 0.5;
                return (
                  <td
                    key={p}
                    className={`${p === t ? 'is-diagonal' : ''} ${dark ? 'is-dark' : ''}`}
                    style={{
                      background: `color-mix(in srgb, var(--bc-confusion-ink, #1d4ed8) ${Math.round(share * 100)}%, var(--bc-confusion-paper, #ffffff))`,
                    }}
                  >
                    {v}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="bc-muted">{k} classes; off the diagonal, the cell is how many of that row's items were taken for that column's class.</p>
    </div>
  );
}

function Slices({ slices }: { slices: { name: string; accuracy: number; items: number; ci95?: [number, number] }[] }) {
  const worst = Math.min(...slices.map((s) => s.accuracy));
  return (
    <div className="bc-table-scroll" role="group" aria-label="Slices, scrollable">
      <table className="bc-table" data-testid="slices">
        <caption>Accuracy by slice (the worst is marked)</caption>
        <thead>
          <tr>
            <th scope="col">Slice</th>
            <th scope="col">Items</th>
            <th scope="col">Accuracy</th>
            {slices.some((s) => s.ci95) && <th scope="col">95% CI</th>}
          </tr>
        </thead>
        <tbody>
          {slices.map((s) => (
            <tr key={s.name}>
              <th scope="row">{s.name}</th>
              <td>{s.items}</td>
              <td>
                {s.accuracy.toFixed(4)}
                {s.accuracy === worst ? ' (worst)' : ''}
              </td>
              {s.ci95 && (
                <td>
                  {s.ci95[0].toFixed(4)} to {s.ci95[1].toFixed(4)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
