import { forceLinting, lintGutter } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { TextDiagnostic } from '../../runtime/exercises/types.ts';
import { checkField, setCheck, setup, theme } from './editor-core.ts';

/**
 * The code editor of spec and code parts: CodeMirror 6, loaded only when an island that needs it is
 * on screen (the island imports this module dynamically), with the language's module loaded after it
 * (a JavaScript part never loads the spec's schema, nor a spec part the JavaScript parser):
 *
 * - spec: YAML, completion and hover from the spec's JSON Schema, the engine's loader as the linter (editor-spec.ts);
 * - js: JavaScript, syntax errors as you type (editor-js.ts);
 * - wgsl: a C-like mode with WGSL's words (editor-wgsl.ts).
 * Every language also shows the diagnostics of the last check until the text changes (editor-core.ts).
 */
export type EditorLanguage = 'spec' | 'js' | 'wgsl';

export interface EditorOptions {
  parent: HTMLElement;
  doc: string;
  language: EditorLanguage;
  /** The editor's accessible name: "Your spec (YAML)". */
  label: string;
  /** The id of the element that describes the editor (the part's prompt). */
  describedBy?: string;
  onChange: (text: string) => void;
}

export interface EditorHandle {
  /** Shows the last check's diagnostics on their lines (cleared by the next edit). */
  setCheckDiagnostics(diagnostics: readonly TextDiagnostic[]): void;
  /** Replaces the text (a new variant's starter). */
  setText(text: string): void;
  destroy(): void;
}

async function languageExtensions(language: EditorLanguage): Promise<Extension[]> {
  switch (language) {
    case 'spec':
      return (await import('./editor-spec.ts')).specExtensions();
    case 'js':
      return (await import('./editor-js.ts')).jsExtensions();
    case 'wgsl':
      return (await import('./editor-wgsl.ts')).wgslExtensions();
  }
}

export async function createEditor(options: EditorOptions): Promise<EditorHandle> {
  const language = await languageExtensions(options.language);
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        setup,
        theme,
        EditorView.lineWrapping,
        checkField,
        lintGutter(),
        ...language,
        EditorView.contentAttributes.of({ 'aria-label': options.label, ...(options.describedBy ? { 'aria-describedby': options.describedBy } : {}) }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) options.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    setCheckDiagnostics(diagnostics) {
      view.dispatch({ effects: setCheck.of(diagnostics) });
      forceLinting(view);
    },
    setText(text) {
      if (text !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    destroy() {
      view.destroy();
    },
  };
}
