import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import type { EditorState, Extension } from '@codemirror/state';
import { hoverTooltip } from '@codemirror/view';
import { stateExtensions } from 'codemirror-json-schema';
import { yamlCompletion, yamlSchemaHover } from 'codemirror-json-schema/yaml';
import specJsonSchema from '../../runtime/spec/benchmark-spec.schema.json';
import { loadSpec } from '../../runtime/spec/load.ts';
import { ownLinter, toDiagnostics } from './editor-core.ts';

/**
 * Benchmark specs in the exercises' editor: YAML, completion of fields and values with their
 * descriptions, and descriptions on hover, from the spec's JSON Schema (codemirror-json-schema); the
 * engine's own loader as the linter (loadSpec: syntax, schema and the rules beyond it, at the line, in
 * the words of `workbook validate`). codemirror-json-schema's linter is left out: it would report the
 * schema's problems a second time, in other words.
 */

const specLive = (state: EditorState) => toDiagnostics(state.doc, loadSpec(state.doc.toString()).diagnostics, 'workbook validate');

export function specExtensions(): Extension[] {
  return [
    yaml(),
    yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
    hoverTooltip(yamlSchemaHover()),
    stateExtensions(specJsonSchema as Parameters<typeof stateExtensions>[0]),
    ownLinter(specLive),
  ];
}
