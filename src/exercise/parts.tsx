import { useEffect, useRef, useState } from 'react';
import type { Option, PartResult, RenderedDataset, RenderedTable, TextDiagnostic } from '../../runtime/exercises/types.ts';
import Markdown from './Markdown.tsx';
import { plainText } from './markdown.ts';
import type { EditorHandle, EditorLanguage } from './editor.ts';
import type { PartMeta } from './meta.ts';

/** The inputs of the parts, the feedback under them, and the variant's tables and data. */

export function NumberInput({ part, value, onChange, labelId }: { part: PartMeta; value: string; onChange: (v: string) => void; labelId: string }) {
  const helpId = `${labelId}-help`;
  const help =
    part.unit === ''
      ? 'A plain number, without a unit.'
      : `Type the number and its unit, like 12.5 ${part.unit}${part.quantity ? ` (any unit of ${part.quantity.replace(/^an? /, '')} works: it is converted)` : ''}.`;
  return (
    <div className="bc-ex-number">
      <input
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        aria-labelledby={labelId}
        aria-describedby={helpId}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      <p id={helpId} className="bc-ex-help">
        {help}
      </p>
    </div>
  );
}

export function ChoiceInput({
  part,
  options,
  value,
  onChange,
  labelId,
}: {
  part: PartMeta;
  options: Option[];
  value: string | string[] | undefined;
  onChange: (v: string | string[]) => void;
  labelId: string;
}) {
  const picked = new Set(Array.isArray(value) ? value : value ? [value] : []);
  const name = `${labelId}-choice`;
  return (
    <div className="bc-ex-choice" role={part.multiple ? 'group' : 'radiogroup'} aria-labelledby={labelId}>
      {part.multiple ? <p className="bc-ex-help">Pick every option that applies.</p> : null}
      {options.map((o) => (
        <label key={o.id} className="bc-ex-option">
          <input
            type={part.multiple ? 'checkbox' : 'radio'}
            name={name}
            value={o.id}
            checked={picked.has(o.id)}
            onChange={(e) => {
              if (!part.multiple) return onChange(o.id);
              const next = new Set(picked);
              if (e.currentTarget.checked) next.add(o.id);
              else next.delete(o.id);
              onChange(options.map((x) => x.id).filter((id) => next.has(id)));
            }}
          />
          <Markdown inline text={o.text} />
        </label>
      ))}
    </div>
  );
}

/** A list put in order with Move up / Move down buttons (keyboard and screen reader friendly); focus follows the moved item. */
export function OrderingInput({
  items,
  order,
  touched,
  onChange,
  labelId,
}: {
  items: Option[];
  order: string[] | undefined;
  touched: boolean;
  onChange: (ids: string[]) => void;
  labelId: string;
}) {
  const ids = order && order.length === items.length && order.every((id) => items.some((i) => i.id === id)) ? order : items.map((i) => i.id);
  const byId = new Map(items.map((i) => [i.id, i]));
  const [announce, setAnnounce] = useState('');
  const focusAfter = useRef<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (!focusAfter.current) return;
    listRef.current?.querySelector<HTMLButtonElement>(`[data-focus="${CSS.escape(focusAfter.current)}"]`)?.focus();
    focusAfter.current = null;
  });
  const move = (index: number, by: -1 | 1) => {
    const next = [...ids];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    const to = index + by;
    // Keep focus on the same button when it still exists, else on the other one of the moved item.
    const dir = (to === 0 && by === -1) || (to === next.length - 1 && by === 1) ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down';
    focusAfter.current = `${item}:${dir}`;
    setAnnounce(`${plainText(byId.get(item!)?.text ?? '')}: now ${to + 1} of ${next.length}.`);
    onChange(next);
  };
  return (
    <div className="bc-ex-ordering">
      <p className="bc-ex-help">
        {touched
          ? 'Your order, first step first.'
          : 'Put the steps in order, first step first, with the Move buttons. (Not answered until you move something.)'}
      </p>
      <ol ref={listRef} aria-labelledby={labelId}>
        {ids.map((id, i) => {
          const text = byId.get(id)?.text ?? id;
          const words = plainText(text);
          return (
            <li key={id}>
              <span className="bc-ex-rank" aria-hidden="true">
                {i + 1}.
              </span>
              <Markdown inline text={text} className="bc-ex-item-text" />
              <span className="bc-ex-move">
                <button type="button" data-focus={`${id}:up`} disabled={i === 0} aria-label={`Move up: ${words}`} onClick={() => move(i, -1)}>
                  Up
                </button>
                <button
                  type="button"
                  data-focus={`${id}:down`}
                  disabled={i === ids.length - 1}
                  aria-label={`Move down: ${words}`}
                  onClick={() => move(i, 1)}
                >
                  Down
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <p className="bc-sr-only" role="status" aria-live="polite">
        {announce}
      </p>
    </div>
  );
}

/**
 * A CodeMirror editor once its module has loaded (editor.ts, loaded on first use); until then, and if
 * it cannot load, a plain text area with the same text.
 */
export function EditorField({
  language,
  value,
  label,
  describedBy,
  onChange,
  diagnostics,
  checkNonce,
}: {
  language: EditorLanguage;
  value: string;
  label: string;
  describedBy: string;
  onChange: (text: string) => void;
  diagnostics: readonly TextDiagnostic[] | undefined;
  /** Changes after every check: the editor then shows that check's diagnostics on their lines. */
  checkNonce: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const handle = useRef<EditorHandle | null>(null);
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };
  const [mode, setMode] = useState<'loading' | 'editor' | 'plain'>('loading');
  useEffect(() => {
    let gone = false;
    import('./editor.ts')
      .then(async (m) => {
        if (gone || !host.current) return;
        const created = await m.createEditor({
          parent: host.current,
          // Read when the editor is built, after its language has loaded: what was typed meanwhile is kept.
          get doc() {
            return latest.current.value;
          },
          language,
          label,
          describedBy,
          onChange: (t) => latest.current.onChange(t),
        });
        if (gone) return created.destroy();
        handle.current = created;
        setMode('editor');
      })
      .then(undefined, (e: unknown) => {
        console.warn('The code editor could not load; using a plain text area.', e);
        if (!gone) setMode('plain');
      });
    return () => {
      gone = true;
      handle.current?.destroy();
      handle.current = null;
    };
  }, [language, label, describedBy]);
  useEffect(() => {
    if (checkNonce > 0) handle.current?.setCheckDiagnostics(diagnostics ?? []);
  }, [checkNonce, diagnostics]);
  return (
    <div className="bc-ex-editor" data-language={language} data-editor={mode}>
      {mode !== 'editor' ? (
        <>
          <textarea
            aria-label={label}
            aria-describedby={describedBy}
            value={value}
            spellCheck={false}
            rows={Math.min(30, value.split('\n').length + 2)}
            onChange={(e) => onChange(e.currentTarget.value)}
          />
          {mode === 'loading' ? (
            <p className="bc-ex-help">Loading the code editor…</p>
          ) : (
            <p className="bc-ex-help">The code editor could not load; this plain text area works the same.</p>
          )}
        </>
      ) : null}
      <div ref={host} hidden={mode !== 'editor'} />
    </div>
  );
}

const VERDICTS: Record<PartResult['status'], string> = {
  correct: 'Correct',
  partial: 'Partly right',
  wrong: 'Not yet',
  'format-error': 'Cannot read this answer (no attempt used)',
};

/** Feedback that opens with the verdict already shown above it ("Correct: ...") loses the repeat. */
function withoutVerdict(result: PartResult): string {
  const m = result.status === 'correct' ? /^\s*Correct[:.!]\s*/.exec(result.feedback) : null;
  if (!m) return result.feedback;
  const rest = result.feedback.slice(m[0].length);
  return rest ? rest.charAt(0).toUpperCase() + rest.slice(1) : result.feedback;
}

export function PartFeedback({ result }: { result: PartResult }) {
  const pct = Math.round(result.score * 100);
  // Problems at lines (also marked in the editor), less those the feedback above already quotes.
  const said = [result.feedback, ...(result.details ?? []).map((d) => d.message ?? '')].join('\n');
  const lineProblems = (result.diagnostics ?? []).filter((d) => !said.includes(d.message));
  return (
    <div className={`bc-ex-feedback is-${result.status}`} data-status={result.status}>
      <p className="bc-ex-verdict">
        <strong>{VERDICTS[result.status]}</strong>
        {result.status === 'partial' ? ` · ${pct}% of this part` : ''}
      </p>
      <Markdown text={withoutVerdict(result)} className="bc-ex-feedback-text" />
      {result.details?.length ? (
        <ul className="bc-ex-details" aria-label="Checklist">
          {result.details.map((d, i, all) => {
            // Several tests stopped by the same error: its words once, then a pointer back.
            const previous = all.slice(0, i).findLast((x) => !x.passed && x.message);
            const repeat = !d.passed && !!d.message && previous?.message === d.message;
            return (
              <li key={d.id} className={d.passed ? 'is-pass' : 'is-fail'}>
                <span className="bc-ex-badge">{d.passed ? 'passed' : 'failed'}</span> <Markdown inline text={d.label} />
                {d.points !== undefined ? (
                  <span className="bc-muted">
                    {' '}
                    ({d.points} pt{d.points === 1 ? '' : 's'})
                  </span>
                ) : null}
                {d.message && !d.passed ? (
                  repeat ? (
                    <p className="bc-ex-detail-message">The same error as above.</p>
                  ) : (
                    <Markdown text={d.message} className="bc-ex-detail-message" />
                  )
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {lineProblems.length ? (
        <ul className="bc-ex-diagnostics" aria-label="Problems by line">
          {lineProblems.slice(0, 12).map((d, i) => (
            <li key={i}>
              <span className={`bc-ex-badge is-${d.severity}`}>{d.severity}</span> line {d.line}, column {d.column}: {d.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function DataTable({ table }: { table: RenderedTable }) {
  return (
    <div className="bc-ex-table" role="region" aria-label={table.caption}>
      <table>
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, k) =>
                k === 0 ? (
                  <th key={k} scope="row">
                    {String(cell)}
                  </th>
                ) : (
                  // Numbers and short values stay on one line ("11.99 ms"); longer text wraps.
                  <td key={k} className={typeof cell === 'number' ? 'is-num' : String(cell).length <= 12 ? 'is-short' : undefined}>
                    {String(cell)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Dataset({ dataset }: { dataset: RenderedDataset }) {
  const [copied, setCopied] = useState('');
  const id = `bc-ex-data-${dataset.id}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(`[${dataset.values.join(', ')}]`);
      setCopied(`Copied ${dataset.values.length} values as a list.`);
    } catch {
      setCopied('Copying was refused by the browser: select the numbers and copy them.');
    }
  };
  return (
    <figure className="bc-ex-dataset">
      <figcaption id={`${id}-label`}>
        <strong>{dataset.label}</strong>{' '}
        <span className="bc-muted">
          {dataset.values.length} values, {dataset.unit}
        </span>
        <button type="button" className="bc-ex-small" onClick={copy}>
          Copy as a list
        </button>
        <span className="bc-ex-help" role="status">
          {copied}
        </span>
      </figcaption>
      {/* A long list scrolls: a focusable, named region so a keyboard can scroll it too (axe: scrollable-region-focusable). */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled by keyboard */}
      <pre tabIndex={0} role="region" aria-labelledby={`${id}-label`}>
        {dataset.values.join(', ')}
      </pre>
    </figure>
  );
}
