import { corruptionSummary } from '../../../runtime/eval/corruption-error.ts';

/**
 * A robustness curve as the errors Hendrycks & Dietterich's corruption error is built from: per severity
 * the accuracy, the error (1 - accuracy) and its increase over the clean error, and the two sums. A CE or
 * a relative CE is one of these sums over a baseline model's same sum, so the learner divides two runs.
 */
export function CorruptionErrors({ kind, points }: { kind: string; points: { strength: number; value: number }[] }) {
  let s: ReturnType<typeof corruptionSummary>;
  try {
    s = corruptionSummary(points, `${kind} curve`);
  } catch (e) {
    // A curve without a clean point or a severity has no corruption error: say why instead of a table.
    return (
      <p className="bc-muted" data-testid="corruption-errors">
        No corruption error for this run: {(e as Error).message}.
      </p>
    );
  }
  const f = (x: number) => x.toFixed(4);
  return (
    <div className="bc-table-scroll" role="group" aria-label="Corruption errors, scrollable">
      <table className="bc-table" data-testid="corruption-errors">
        <caption>
          Errors under {kind}, per severity: clean error {f(s.cleanError)}. Divide a sum by a baseline model's run of the same spec for its corruption
          error (CE) or relative CE.
        </caption>
        <thead>
          <tr>
            <th scope="col">Severity (strength)</th>
            <th scope="col">Accuracy</th>
            <th scope="col">Error</th>
            <th scope="col">Error minus clean error</th>
          </tr>
        </thead>
        <tbody>
          {s.severities.map((r, i) => (
            <tr key={r.strength}>
              <th scope="row">
                {i + 1} ({r.strength})
              </th>
              <td>{f(r.accuracy)}</td>
              <td>{f(r.error)}</td>
              <td>{f(r.increase)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Sum over severities</th>
            <td />
            <td data-testid="error-sum">{f(s.errorSum)}</td>
            <td data-testid="increase-sum">{f(s.increaseSum)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
