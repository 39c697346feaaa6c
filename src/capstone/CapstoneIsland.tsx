import { useEffect, useMemo, useRef, useState } from 'react';
import { CAPSTONE_SECTIONS, capstoneFileName, type SectionId } from '../../runtime/capstone/report.ts';
import { checkCapstone, type CapstoneCheck, type ItemGroup } from '../../runtime/capstone/rubric.ts';
import { parseResultRecord, type ResultRecord } from '../../runtime/results/record.ts';
import { specHash } from '../../runtime/spec/hash.ts';
import { loadSpec } from '../../runtime/spec/load.ts';
import type { Target } from '../../runtime/spec/task.ts';
import { isNativeTarget, isPageTarget, TARGET_LABELS } from '../cell/targets.ts';
import type { EditorHandle } from '../exercise/editor.ts';
import { loadDraft, reportOf, saveDraft, type CapstoneDraft } from './draft.ts';
import { knownDesigns } from './known-specs.ts';

/**
 * The capstone page (src/author/Capstone.astro): the learner's spec in the workbook's spec editor
 * (validated as they type), a Run that runs that spec in this browser's benchmark worker (and on the
 * agent, where one is paired), the report's five sections, the rubric as a live checklist (the grader's
 * own module, runtime/capstone/rubric.ts), and Export: one file that `workbook grade` reads.
 */

const GROUP_TITLES: Record<ItemGroup, string> = {
  spec: 'The spec',
  record: 'The run',
  report: 'The report',
  instructor: 'For your instructor (not checked here)',
};

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(3) : ms.toPrecision(3));

function RecordSummary({ label, record, specText }: { label: string; record: ResultRecord; specText: string }) {
  const s = record.statistics;
  const spec = loadSpec(specText).spec;
  const stale = !spec || specHash(spec) !== record.spec.hash;
  const env = record.environment;
  const where = [env.host.userAgent ?? env.target.userAgent, env.target.backend, env.target.adapter ? JSON.stringify(env.target.adapter) : undefined]
    .filter((x) => typeof x === 'string')
    .join(' · ');
  return (
    <div className="bc-capstone-record" data-testid={`record-${label}`}>
      <p>
        <strong>{label}:</strong> {record.target}, <span className="bc-capstone-verdict">{record.validity.valid ? 'VALID' : 'INVALID'}</span>
        {record.validity.valid ? '' : ` (${record.validity.reasons.slice(0, 2).join('; ')})`}
      </p>
      <p>
        median {fmt(s.median)} ms, 95% CI [{fmt(s.ci95Median[0])}, {fmt(s.ci95Median[1])}] ms; p90 {fmt(s.p90)} ms; {s.n} samples of{' '}
        {record.timing.iterationsPerSample} call(s); first run {fmt(record.timing.firstRunMs)} ms
      </p>
      {record.metrics.map((m) => (
        <p key={m.name}>
          {m.name}:{' '}
          {Object.entries(m.values)
            .map(([a, v]) => `${a} ${Number(v.toPrecision(4))} ${m.unit}`)
            .join(', ')}
        </p>
      ))}
      <p className="bc-capstone-muted">{where.slice(0, 240)}</p>
      {stale && (
        <p className="bc-capstone-warning">The spec has changed since this run: run it again, or the record will not match the spec you export.</p>
      )}
    </div>
  );
}

function Checklist({ check }: { check: CapstoneCheck }) {
  const groups: ItemGroup[] = ['spec', 'record', 'report', 'instructor'];
  return (
    <section className="bc-capstone-checklist" aria-label="Rubric checklist">
      <p>
        <strong>
          Checked: {check.earned} of {check.autoMax} points
        </strong>
        ; {check.pending} more are your instructor's to judge.
      </p>
      {check.flags.map((f) => (
        <p key={f} className="bc-capstone-warning">
          Flagged: {f}
        </p>
      ))}
      {groups.map((g) => (
        <div key={g}>
          <h4>{GROUP_TITLES[g]}</h4>
          <ul>
            {check.items
              .filter((i) => i.group === g)
              .map((i) => (
                <li key={i.id} data-status={i.status}>
                  <span className="bc-capstone-mark" aria-hidden="true">
                    {i.status === 'passed' ? '✓' : i.status === 'pending' ? '…' : '✗'}
                  </span>{' '}
                  {i.label} ({i.points} pt{i.points === 1 ? '' : 's'}, {i.status})
                  {i.status === 'failed' && i.message && <span className="bc-capstone-why"> {i.message}</span>}
                  {i.status === 'pending' && !i.points && i.message && <span className="bc-capstone-why"> {i.message}</span>}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

export default function CapstoneIsland() {
  const [draft, setDraft] = useState<CapstoneDraft>(() => loadDraft().draft);
  const [storeProblem, setStoreProblem] = useState<string | undefined>(() => loadDraft().problem);
  const [known, setKnown] = useState<Set<string>>();
  const [status, setStatus] = useState('Write your spec, then run it.');
  const [running, setRunning] = useState(false);
  const [target, setTarget] = useState<Target>();
  const [agentTargets, setAgentTargets] = useState<Target[]>([]);
  const stopRef = useRef<() => void>(undefined);
  const editorHost = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorHandle>(undefined);
  const latest = useRef(draft);
  latest.current = draft;

  useEffect(() => void knownDesigns().then(setKnown), []);
  useEffect(() => {
    const problem = saveDraft(draft);
    if (problem) setStoreProblem(problem);
  }, [draft]);

  // The workbook's spec editor: YAML, completion from the schema, the engine's loader as the linter.
  useEffect(() => {
    let gone = false;
    void import('../exercise/editor.ts').then(async (m) => {
      if (gone || !editorHost.current) return;
      const created = await m.createEditor({
        parent: editorHost.current,
        doc: latest.current.spec,
        language: 'spec',
        label: 'Your spec (YAML)',
        onChange: (spec) => setDraft((d) => ({ ...d, spec })),
      });
      if (gone) return created.destroy();
      editor.current = created;
      editorHost.current.dataset.ready = '';
    });
    return () => {
      gone = true;
      editor.current?.destroy();
    };
  }, []);

  // The agent, where this browser was paired (the cells' pairing): its native targets join the picker.
  useEffect(() => {
    let off: (() => void) | undefined;
    void import('../../runtime/browser/agent-client.ts').then((m) => {
      const client = m.agentClient();
      // The link the agent printed (#agent=...&token=...) pairs this page, as it pairs a cell's; then it leaves the address bar.
      const fromLink = location.hash.includes('agent=') ? m.parsePairingLink(location.hash) : null;
      if (fromLink) history.replaceState(null, '', location.pathname + location.search);
      const pairing = m.loadPairing();
      if (fromLink && !('error' in fromLink)) void client.pair(fromLink).catch(() => undefined);
      else if (pairing && client.state.state === 'unpaired') void client.connect(pairing).catch(() => undefined);
      off = client.subscribe((s) =>
        setAgentTargets(s.state === 'connected' ? s.info.targets.filter((t) => t.available).map((t) => t.id as Target) : []),
      );
    });
    return () => off?.();
  }, []);

  const loaded = useMemo(() => loadSpec(draft.spec), [draft.spec]);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  const specTargets = loaded.spec?.infrastructure.targets ?? [];
  const runnable = specTargets.filter((t) => isPageTarget(t) || (isNativeTarget(t) && agentTargets.includes(t)));
  const chosen = target && runnable.includes(target) ? target : runnable[0];
  const browserRecord = useMemo(
    () => (draft.browserRecord ? parseResultRecord(JSON.stringify(draft.browserRecord)).record : undefined),
    [draft.browserRecord],
  );
  const agentRecord = useMemo(
    () => (draft.agentRecord ? parseResultRecord(JSON.stringify(draft.agentRecord)).record : undefined),
    [draft.agentRecord],
  );
  const check = useMemo(() => checkCapstone(reportOf(draft, new Date().toISOString()), known ? { knownDesigns: known } : {}), [draft, known]);

  async function run() {
    if (!loaded.spec || !chosen) return;
    setRunning(true);
    const native = isNativeTarget(chosen);
    setStatus(`Running on ${TARGET_LABELS[chosen]?.name ?? chosen}${native ? ' (agent)' : ''}…`);
    try {
      const onProgress = (p: { phase: string; samples: number }) => setStatus(`Running: ${p.phase}, ${p.samples} sample(s)…`);
      let handle: { result: Promise<ResultRecord>; stop(): void };
      if (native)
        handle = (await import('../../runtime/browser/agent-client.ts')).agentClient().run({ specText: draft.spec, target: chosen }, { onProgress });
      else handle = (await import('../cell/client.ts')).engineClient().run({ specText: draft.spec, target: chosen }, { onProgress });
      stopRef.current = () => handle.stop();
      const record = await handle.result;
      setDraft((d) => ({ ...d, ...(native ? { agentRecord: record } : { browserRecord: record }) }));
      setStatus(`Done: ${record.validity.valid ? 'VALID' : 'INVALID'}; the record is attached to your report.`);
    } catch (e) {
      setStatus(`The run failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      stopRef.current = undefined;
      setRunning(false);
    }
  }

  function exportReport() {
    const at = new Date().toISOString();
    const report = reportOf(draft, at, location.origin);
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(report, null, 2)}\n`], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = capstoneFileName(at);
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  const setSection = (id: SectionId, text: string) => setDraft((d) => ({ ...d, sections: { ...d.sections, [id]: text } }));

  return (
    <div className="bc-capstone">
      {storeProblem && <p className="bc-capstone-warning">{storeProblem}</p>}
      <section aria-labelledby="bc-capstone-design">
        <h3 id="bc-capstone-design">1. Design</h3>
        <label className="bc-capstone-field">
          <span>Your domain, in a few words</span>
          <input
            type="text"
            maxLength={200}
            value={draft.domain}
            placeholder="e.g. a museum kiosk that must blend camera frames within 50 ms"
            onChange={(e) => setDraft((d) => ({ ...d, domain: e.target.value }))}
          />
        </label>
        <div className="bc-capstone-editor" ref={editorHost} data-testid="capstone-editor" />
        <p className="bc-capstone-muted" role="status" data-testid="capstone-validation">
          {errors.length === 0 && loaded.spec
            ? `The spec validates (hash ${specHash(loaded.spec).slice(0, 15)}…).`
            : `${errors.length} problem(s): ${errors
                .slice(0, 2)
                .map((d) => `line ${d.line}: ${d.message}`)
                .join('; ')}`}
        </p>
      </section>
      <section aria-labelledby="bc-capstone-run">
        <h3 id="bc-capstone-run">2. Run</h3>
        <div className="bc-capstone-actions">
          <label>
            Target{' '}
            <select value={chosen ?? ''} onChange={(e) => setTarget(e.target.value as Target)} disabled={!runnable.length || running}>
              {runnable.map((t) => (
                <option key={t} value={t}>
                  {TARGET_LABELS[t]?.name ?? t}
                  {isNativeTarget(t) ? ' (agent)' : ''}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void run()} disabled={!loaded.spec || !chosen || running}>
            Run my spec
          </button>
          <button type="button" onClick={() => stopRef.current?.()} disabled={!running}>
            Stop
          </button>
        </div>
        <p role="status" data-testid="capstone-run-status">
          {!loaded.spec
            ? 'The spec must validate before it runs.'
            : !chosen
              ? 'None of the spec’s targets runs in this page: add browser-wasm, browser-webgpu or js, or pair the agent.'
              : status}
        </p>
        {specTargets.some(isNativeTarget) && !agentTargets.length && (
          <p className="bc-capstone-muted">
            Native targets run through the agent: start `npx workbook agent` and open the link it prints, then come back here.
          </p>
        )}
        {browserRecord && <RecordSummary label="browser" record={browserRecord} specText={draft.spec} />}
        {agentRecord && <RecordSummary label="agent" record={agentRecord} specText={draft.spec} />}
      </section>
      <section aria-labelledby="bc-capstone-report">
        <h3 id="bc-capstone-report">3. Report</h3>
        {CAPSTONE_SECTIONS.map((s) => (
          <label key={s.id} className="bc-capstone-field">
            <span>{s.title}</span>
            <textarea aria-label={s.title} rows={5} value={draft.sections[s.id]} onChange={(e) => setSection(s.id, e.target.value)} />
          </label>
        ))}
      </section>
      <section aria-labelledby="bc-capstone-check">
        <h3 id="bc-capstone-check">4. Check and export</h3>
        <Checklist check={check} />
        <div className="bc-capstone-actions">
          <button type="button" onClick={exportReport}>
            Export the report
          </button>
          <span className="bc-capstone-muted">One file (spec, records, sections) for your instructor: `workbook grade` reads it.</span>
        </div>
      </section>
    </div>
  );
}
