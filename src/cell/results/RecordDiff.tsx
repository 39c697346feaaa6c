import type { NumberDiff, RecordDiff } from '../../../runtime/results/record-diff.ts';

const OUTCOME: Record<RecordDiff['outcome'], { text: string; tone: string }> = {
  identical: { text: 'IDENTICAL', tone: 'is-valid' },
  reproduced: { text: 'REPRODUCED WITHIN INTERVALS', tone: 'is-valid' },
  'not-reproduced': { text: 'NOT REPRODUCED', tone: 'is-invalid' },
  'different-experiment': { text: 'NOT A RERUN', tone: 'is-invalid' },
};

/** Long values (a verdict's reasons) shortened in the table; the whole text stays in the cell's title. */
const cut = (text: string) => (text.length > 70 ? `${text.slice(0, 67)}…` : text);

const figure = (x: number | null) => (x === null ? '(not recorded)' : String(Number(x.toPrecision(4))));
const withCi = (x: number | null, ci?: [number, number]) => `${figure(x)}${ci ? ` [${figure(ci[0])}, ${figure(ci[1])}]` : ''}`;

/** The record diff of two runs (runtime/results/record-diff.ts): the outcome, what blocked exact reproduction, the fields and numbers that differ. */
export function RecordDiffView({ a, b, diff }: { a: number; b: number; diff: RecordDiff }) {
  const changed = diff.numbers.filter((n) => !n.identical);
  const byKind = (k: NumberDiff['source']) => {
    const all = diff.numbers.filter((n) => n.source === k);
    return all.length ? `${k}: ${all.filter((n) => n.identical).length} of ${all.length} identical` : null;
  };
  return (
    <div className="bc-record-diff" role="region" aria-label={`Record diff of run ${a} and run ${b}`}>
      <p className="bc-verdict-line">
        <span className={`bc-badge ${OUTCOME[diff.outcome].tone}`}>{OUTCOME[diff.outcome].text}</span> Record diff of run {a} (A) and run {b} (B):{' '}
        {['timing', 'metric', 'quality']
          .map((k) => byKind(k as NumberDiff['source']))
          .filter(Boolean)
          .join('; ')}
        .
      </p>
      {diff.blockers.length > 0 && (
        <>
          <p>What blocked exact reproduction:</p>
          <ul className="bc-blockers">
            {diff.blockers.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </>
      )}
      {diff.fields.length > 0 && (
        <div className="bc-table-scroll" role="group" aria-label="Fields that differ, scrollable">
          <table className="bc-table">
            <caption>Fields that differ ({diff.fields.length})</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Group</th>
                <th scope="col">Can explain a changed number?</th>
                <th scope="col">Run {a}</th>
                <th scope="col">Run {b}</th>
              </tr>
            </thead>
            <tbody>
              {diff.fields.map((f) => (
                <tr key={f.field}>
                  <th scope="row">{f.field}</th>
                  <td>{f.group}</td>
                  <td>{f.canExplain ? 'yes' : 'no'}</td>
                  <td title={f.a}>{cut(f.a)}</td>
                  <td title={f.b}>{cut(f.b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {changed.length > 0 && (
        <div className="bc-table-scroll" role="group" aria-label="Numbers that changed, scrollable">
          <table className="bc-table">
            <caption>
              Numbers that changed ({changed.length} of {diff.numbers.length})
            </caption>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Kind</th>
                <th scope="col">Run {a} [95% CI]</th>
                <th scope="col">Run {b} [95% CI]</th>
                <th scope="col">Intervals</th>
              </tr>
            </thead>
            <tbody>
              {changed.slice(0, 30).map((n) => (
                <tr key={n.name}>
                  <th scope="row">{n.name}</th>
                  <td>{n.source}</td>
                  <td>{withCi(n.a, n.ciA)}</td>
                  <td>{withCi(n.b, n.ciB)}</td>
                  <td>{n.overlap === null ? '-' : n.overlap ? 'overlap' : 'apart'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {changed.length > 30 && <p className="bc-muted">… and {changed.length - 30} more (workbook diff lists them all).</p>}
        </div>
      )}
    </div>
  );
}
