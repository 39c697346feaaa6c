// The JSON Schema of the benchmark spec, for editors (yaml-language-server reads the
// `# yaml-language-server: $schema=...` line at the top of each *.bench.yaml). The committed file
// runtime/spec/benchmark-spec.schema.json is generated from schema.ts; a unit test fails when it
// drifts. Regenerate it from the project root with:
//
//   node_modules/.bin/node --input-type=module -e "import { writeFileSync } from 'node:fs'; import { specJsonSchemaText } from './runtime/spec/json-schema.ts'; writeFileSync('runtime/spec/benchmark-spec.schema.json', specJsonSchemaText());"
import { z } from 'zod';
import { specSchema } from './schema.ts';

/**
 * The spec's JSON Schema (draft 7, which every YAML editor plugin reads), describing what an author
 * writes: fields with defaults are optional. Rules beyond the schema (semantics.ts) are not in it.
 */
export function specJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(specSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
}

/** The committed file's exact text: the schema, two-space indented, with a final newline. */
export function specJsonSchemaText(): string {
  return `${JSON.stringify(specJsonSchema(), null, 2)}\n`;
}
