import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { bracketMatching, foldGutter, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { linter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import { EditorSelection, EditorState, StateEffect, StateField, type Extension, type Text } from '@codemirror/state';
import {
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  type Command,
} from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import type { TextDiagnostic } from '../../runtime/exercises/types.ts';

/**
 * What every code editor of the exercises shares (editor.ts builds one; editor-<language>.ts add the
 * language): the setup, the colours, and one linter that shows the live problems of the text and the
 * last check's diagnostics (a compile error's line, where a test threw) until the text changes.
 *
 * The setup is assembled from the @codemirror packages, as basicSetup does, without search: undo and
 * redo (history), the default keys; Enter keeps the line's indentation (one level more after `key:` or
 * an open bracket). Tab is left to the browser, so the keyboard can always leave the editor.
 */

/** Enter: a new line with the current one's indentation, one level deeper after `key:`, `{`, `[` or `(`. */
const newlineKeepingIndent: Command = (view) => {
  const { state } = view;
  view.dispatch(
    state.changeByRange((range) => {
      const line = state.doc.lineAt(range.from);
      const before = line.text.slice(0, range.from - line.from);
      const indent = /^[ \t]*/.exec(line.text)![0];
      const deeper = /(:|[{[(])\s*$/.test(before) ? '  ' : '';
      const insert = `\n${indent}${deeper}`;
      return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.cursor(range.from + insert.length) };
    }),
    { scrollIntoView: true, userEvent: 'input' },
  );
  return true;
};

/** Syntax colours from CSS variables (src/exercise/exercise.css), so they read on the light and the dark theme. */
const colours = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], color: 'var(--bc-cm-keyword)' },
  { tag: [t.propertyName, t.definition(t.propertyName), t.attributeName, t.labelName], color: 'var(--bc-cm-key)' },
  { tag: [t.string, t.special(t.string), t.regexp, t.character], color: 'var(--bc-cm-string)' },
  { tag: [t.number, t.bool, t.null, t.atom, t.unit], color: 'var(--bc-cm-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: 'var(--bc-cm-comment)', fontStyle: 'italic' },
  { tag: [t.typeName, t.className, t.namespace, t.standard(t.variableName)], color: 'var(--bc-cm-type)' },
  { tag: [t.meta, t.annotation, t.processingInstruction], color: 'var(--bc-cm-meta)' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--bc-cm-function)' },
  { tag: t.invalid, color: 'var(--bc-cm-invalid)' },
]);

/** What CodeMirror's basicSetup gives, from the packages at hand. */
export const setup: Extension = [
  lineNumbers(),
  highlightActiveLineGutter(),
  highlightSpecialChars(),
  history(),
  foldGutter(),
  drawSelection(),
  dropCursor(),
  EditorState.allowMultipleSelections.of(true),
  indentOnInput(),
  syntaxHighlighting(colours),
  bracketMatching(),
  closeBrackets(),
  autocompletion(),
  highlightActiveLine(),
  keymap.of([
    { key: 'Enter', run: newlineKeepingIndent },
    ...closeBracketsKeymap,
    ...defaultKeymap,
    ...historyKeymap,
    ...completionKeymap,
    ...lintKeymap,
  ]),
];

/** The range of a 1-based line and column in `doc`: from the column to the end of its word, at least one character. */
export function rangeAt(doc: Text, line: number, column: number): { from: number; to: number } {
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  const from = Math.min(l.to, l.from + Math.max(0, column - 1));
  const rest = doc.sliceString(from, l.to);
  const word = /^[^\s:,[\]{}]+/.exec(rest)?.[0].length ?? 0;
  const to = Math.min(l.to, from + Math.max(1, word));
  return to > from ? { from, to } : { from: l.from, to: l.to };
}

export function toDiagnostics(doc: Text, list: readonly TextDiagnostic[], source: string): Diagnostic[] {
  return list.map((d) => ({ ...rangeAt(doc, d.line, d.column), severity: d.severity, message: d.message, source }));
}

export const setCheck = StateEffect.define<readonly TextDiagnostic[]>();
/** The last check's diagnostics, until the text changes. */
export const checkField = StateField.define<readonly TextDiagnostic[]>({
  create: () => [],
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setCheck)) return e.value;
    return tr.docChanged ? [] : value;
  },
});

/** One linter for what this page knows: the live source's problems and the last check's, without repeats. */
export function ownLinter(live: (state: EditorState) => Diagnostic[]): Extension {
  return linter(
    (view) => {
      const seen = new Set<string>();
      const out: Diagnostic[] = [];
      for (const d of [...live(view.state), ...toDiagnostics(view.state.doc, view.state.field(checkField), 'check')]) {
        const key = `${d.from}:${d.message}`;
        if (!seen.has(key)) out.push(d);
        seen.add(key);
      }
      return out;
    },
    { delay: 300, needsRefresh: (u) => u.transactions.some((t) => t.effects.some((e) => e.is(setCheck))) },
  );
}

export const theme = EditorView.theme({
  '&': {
    fontSize: '0.85rem',
    border: '1px solid var(--sl-color-gray-5)',
    borderRadius: '0.4rem',
    backgroundColor: 'var(--sl-color-bg)',
    color: 'var(--sl-color-white)',
  },
  '&.cm-focused': { outline: '2px solid var(--sl-color-accent)', outlineOffset: '1px' },
  // No scrolling region inside the page (it would need its own keyboard access): long lines wrap, the editor grows.
  '.cm-scroller': { fontFamily: 'var(--__sl-font-mono, ui-monospace, monospace)' },
  '.cm-content': { caretColor: 'var(--sl-color-white)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--sl-color-white)' },
  '.cm-gutters': { backgroundColor: 'var(--sl-color-gray-6)', color: 'var(--sl-color-gray-3)', borderRight: '1px solid var(--sl-color-gray-5)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--sl-color-accent) 8%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--sl-color-gray-5)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: 'color-mix(in srgb, var(--sl-color-accent) 30%, transparent)',
  },
  '.cm-tooltip': {
    backgroundColor: 'var(--sl-color-gray-6)',
    color: 'var(--sl-color-white)',
    border: '1px solid var(--sl-color-gray-4)',
    maxWidth: '36rem',
  },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--sl-color-accent)', color: 'var(--sl-color-black)' },
  '.cm-diagnostic': { whiteSpace: 'pre-wrap' },
});
