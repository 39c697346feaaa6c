import { javascript } from '@codemirror/lang-javascript';
import { syntaxTree } from '@codemirror/language';
import type { Diagnostic } from '@codemirror/lint';
import type { EditorState, Extension } from '@codemirror/state';
import { ownLinter } from './editor-core.ts';

/** JavaScript in the exercises' editor: syntax errors marked as you type; the sandbox reports the rest when the code runs. */

/** JavaScript syntax errors from the parse tree (the sandbox reports the rest when the code runs). */
function jsLive(state: EditorState): Diagnostic[] {
  const out: Diagnostic[] = [];
  syntaxTree(state).iterate({
    enter(node) {
      if (node.type.isError && out.length < 5) {
        const line = state.doc.lineAt(node.from);
        out.push({
          from: node.from,
          to: Math.min(line.to, Math.max(node.to, node.from + 1)),
          severity: 'error',
          message: 'Syntax error: the code does not parse here.',
          source: 'syntax',
        });
      }
    },
  });
  return out;
}

export function jsExtensions(): Extension[] {
  return [javascript(), ownLinter(jsLive)];
}
