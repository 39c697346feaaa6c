import { useEffect, useId, useState, useSyncExternalStore, type FormEvent } from 'react';
import type { BrowserProbe } from '../../../runtime/browser/webgpu-probe.ts';
import { formatDuration as formatMs, formatRatio } from '../../../runtime/format/index.ts';
import type { CellSnapshot, ResultsStore, RunEntry } from '../store.ts';
import { TARGET_LABELS, targetInfo } from '../targets.ts';
import { RecordDiffView } from './RecordDiff.tsx';
import { RunReport, paramsText } from './RunReport.tsx';
import { publishCellRuns } from './page-runs.ts';
import { Roofline } from './Roofline.tsx';
import { RegressionCall } from './RegressionCall.tsx';

/** A cell's results: what the browser offers, the run shown, the list of runs, comparing, files. */
export function CellResults({ controller }: { controller: ResultsStore }) {
  const s = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const shown = s.runs.find((r) => r.number === s.selected);
  const usesWebGpu = controller.meta.targets.some((t) => targetInfo(t)?.webgpu);
  // The page's other views (the roofline) read every cell's runs made here, not files loaded.
  useEffect(
    () =>
      publishCellRuns(
        controller,
        s.runs.filter((r) => !r.fromFile).map((r) => r.record),
      ),
    [controller, s.runs],
  );
  return (
    <>
      {s.probe && <BrowserNotice probe={s.probe} usesWebGpu={usesWebGpu} />}
      {s.error && (
        <p className="bc-error" role="alert">
          <strong>The run did not finish.</strong> {s.error}
        </p>
      )}
      {shown && <RunReport key={shown.number} entry={shown} runs={s.runs} />}
      <Roofline runs={s.runs} />
      <RunList controller={controller} state={s} />
    </>
  );
}

/** Says plainly when WebGPU is missing or only a CPU fallback, and when the page is not isolated. */
function BrowserNotice({ probe, usesWebGpu }: { probe: BrowserProbe; usesWebGpu: boolean }) {
  const lines: string[] = [];
  // A missing adapter is said once per page, before the first run (src/cell/fallback-gpu.ts), not again in every cell.
  if (usesWebGpu && probe.webgpu.available && probe.webgpu.adapter.isFallbackAdapter) {
    const a = probe.webgpu.adapter;
    lines.push(
      `Your WebGPU adapter is a CPU fallback (${[a.vendor, a.architecture].filter(Boolean).join(' / ')}): it emulates a GPU in software, so WebGPU runs here measure your processor, not a graphics card. Plain JavaScript may well be faster.`,
    );
  }
  if (!probe.crossOriginIsolated) {
    lines.push(
      `This page is not cross-origin isolated (the server sent no COOP/COEP headers): the timer steps by ${formatMs(probe.timerResolutionMs)} and WebAssembly runs on one thread. Serve the workbook with npm start for fine timers.`,
    );
  }
  if (!lines.length) return null;
  return (
    <div className="bc-notice" role="note" aria-label="What this browser offers">
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
    </div>
  );
}

function RunList({ controller, state }: { controller: ResultsStore; state: CellSnapshot }) {
  const ids = useId();
  const { runs } = state;
  return (
    <section className="bc-runs" aria-labelledby={`${ids}-title`}>
      <p className="bc-section-title" id={`${ids}-title`}>
        Runs since this page opened
      </p>
      {runs.length === 0 ? (
        <p className="bc-muted">No runs yet: press Run, type run in the terminal, or load a result file.</p>
      ) : (
        <div className="bc-table-scroll" role="group" aria-label="Runs since this page opened, scrollable">
          <table className="bc-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Target, from</th>
                <th scope="col">Parameters</th>
                <th scope="col">Median, 95% CI</th>
                <th scope="col">Verdict</th>
                <th scope="col">
                  <span className="bc-sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <RunRow key={r.number} entry={r} shown={r.number === state.selected} running={state.running} controller={controller} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {runs.length >= 2 && <ComparePanel controller={controller} state={state} />}
      <LoadPanel controller={controller} state={state} />
    </section>
  );
}

function RunRow({ entry, shown, running, controller }: { entry: RunEntry; shown: boolean; running: boolean; controller: ResultsStore }) {
  const r = entry.record;
  const s = r.statistics;
  return (
    <tr aria-current={shown ? 'true' : undefined} className={shown ? 'is-shown' : undefined}>
      <th scope="row">{entry.number}</th>
      <td>
        {TARGET_LABELS[r.target]?.name ?? r.target}
        <span className="bc-cell-sub">{entry.fromFile ? entry.origin : `this page, ${new Date(r.startedAt).toLocaleTimeString()}`}</span>
      </td>
      <td>{paramsText(r.parameters) || '-'}</td>
      <td>
        {formatMs(s.median)}
        <span className="bc-cell-sub">
          {formatMs(s.ci95Median[0])} to {formatMs(s.ci95Median[1])}
        </span>
      </td>
      <td>
        <span className={`bc-badge ${r.validity.valid ? 'is-valid' : 'is-invalid'}`}>{r.validity.valid ? 'VALID' : 'INVALID'}</span>
      </td>
      <td className="bc-actions">
        <button type="button" onClick={() => controller.select(entry.number)} aria-pressed={shown} aria-label={`Show run ${entry.number}`}>
          Show
        </button>
        <button type="button" onClick={() => controller.download(entry.number)} aria-label={`Download run ${entry.number}`}>
          Download
        </button>
        <button
          type="button"
          onClick={() => void controller.rerun(entry.number)}
          disabled={running}
          aria-label={`Rerun run ${entry.number} from its record`}
          title="Run again from this run's record alone: its spec, parameters and seed, then compare and diff the two"
        >
          Rerun
        </button>
      </td>
    </tr>
  );
}

function ComparePanel({ controller, state }: { controller: ResultsStore; state: CellSnapshot }) {
  const ids = useId();
  const numbers = state.runs.map((r) => r.number);
  // The last two runs, until the learner picks others.
  const [picked, setPicked] = useState<{ a: number; b: number } | null>(null);
  const pickA = picked && numbers.includes(picked.a) ? picked.a : numbers.at(-2)!;
  const pickB = picked && numbers.includes(picked.b) ? picked.b : numbers.at(-1)!;
  const setA = (a: number) => setPicked({ a, b: pickB });
  const setB = (b: number) => setPicked({ a: pickA, b });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void controller.compare(pickA, pickB);
  };
  const c = state.comparison;
  return (
    <form className="bc-compare" onSubmit={submit} aria-labelledby={`${ids}-title`}>
      <p className="bc-section-title" id={`${ids}-title`}>
        Compare two runs
      </p>
      <div className="bc-compare-controls">
        <label>
          Run A{' '}
          <select value={pickA} onChange={(e) => setA(Number(e.target.value))}>
            {numbers.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          with run B{' '}
          <select value={pickB} onChange={(e) => setB(Number(e.target.value))}>
            {numbers.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={state.comparing}>
          {state.comparing ? 'Comparing…' : 'Compare'}
        </button>
      </div>
      {state.compareError && (
        <p className="bc-error" role="alert">
          {state.compareError}
        </p>
      )}
      {c && (
        <div className="bc-comparison" role="region" aria-label={`Comparison of run ${c.a} and run ${c.b}`} aria-live="polite">
          <p className="bc-verdict-line">
            <span className={`bc-badge ${c.result.comparable ? 'is-valid' : 'is-invalid'}`}>
              {c.result.comparable ? 'COMPARABLE' : 'NOT COMPARABLE'}
            </span>{' '}
            <span className={`bc-badge ${c.result.significant ? 'is-strong' : 'is-neutral'}`}>
              {!c.result.conclusive ? 'INCONCLUSIVE' : c.result.significant ? 'SIGNIFICANT' : 'NOT SIGNIFICANT'}
            </span>{' '}
            Run {c.b} takes {formatRatio(c.result.ratio)} the time of run {c.a} (95% CI {formatRatio(c.result.ci95[0])} to{' '}
            {formatRatio(c.result.ci95[1])}).
          </p>
          <p>{c.result.summary}</p>
          <RegressionCall result={c.result} />
          {c.result.differences.length > 0 && (
            <details>
              <summary>What differs between the two runs' environments ({c.result.differences.length})</summary>
              <div className="bc-table-scroll" role="group" aria-label="Environment differences, scrollable">
                <table className="bc-table">
                  <thead>
                    <tr>
                      <th scope="col">Field</th>
                      <th scope="col">Run {c.a}</th>
                      <th scope="col">Run {c.b}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.result.differences.map((d) => (
                      <tr key={d.field}>
                        <th scope="row">{d.field}</th>
                        <td>{d.a}</td>
                        <td>{d.b}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          )}
        </div>
      )}
      {state.recordDiff && c && state.recordDiff.a === c.a && state.recordDiff.b === c.b && (
        <RecordDiffView a={state.recordDiff.a} b={state.recordDiff.b} diff={state.recordDiff.diff} />
      )}
    </form>
  );
}

function LoadPanel({ controller, state }: { controller: ResultsStore; state: CellSnapshot }) {
  const [busy, setBusy] = useState(false);
  return (
    <div className="bc-load">
      <label>
        Load result files (JSON, from another browser, the command line or a friend's laptop):{' '}
        <input
          type="file"
          accept=".json,application/json"
          multiple
          disabled={busy}
          onChange={async (e) => {
            const input = e.currentTarget;
            const files = [...(input.files ?? [])];
            if (!files.length) return;
            setBusy(true);
            try {
              await controller.loadFiles(files);
            } finally {
              setBusy(false);
              input.value = '';
            }
          }}
        />
      </label>
      {busy && <p className="bc-muted">Reading… (waits for a run in progress to finish)</p>}
      {state.loadErrors.length > 0 && (
        <div className="bc-error" role="alert">
          <p>
            <strong>Not loaded:</strong>
          </p>
          <ul>
            {state.loadErrors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {state.loadNotes.map((n, i) => (
        <p key={i} className="bc-muted" role="note">
          {n}
        </p>
      ))}
    </div>
  );
}
