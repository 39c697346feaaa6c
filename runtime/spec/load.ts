import type { z } from 'zod';
import { locateYaml, type PosOf, type Position } from '../yaml/locate.ts';
import { SPEC_VERSION, fieldsOf, formatPath, issueMessage, schemaAt, specSchema, type Spec } from './schema.ts';
import { checkSpec } from './semantics.ts';

/** One problem in a spec, at the line and column it concerns (1-based). */
export interface Diagnostic {
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface LoadResult {
  /** The spec, when it has no errors (warnings allowed). */
  spec?: Spec;
  /** Every problem found, errors and warnings, in the order of the text. */
  diagnostics: Diagnostic[];
}

/** Turns a spec of version N into one of version N + 1. */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/**
 * How older spec versions are read: `migrations[n]` turns version n into n + 1. Empty while 1 is the
 * only version. When version 2 comes, version 1 files (and the specs inside old result records) keep
 * loading through `migrations[1]`.
 */
export const migrations: Record<number, Migration> = {};

export interface LoadOptions {
  /** Lines before the YAML text in its file (a spec inside a lesson's code block or frontmatter). */
  lineOffset?: number;
}

/**
 * Reads a spec from YAML text: syntax, version and migration, the schema, then the rules beyond it
 * (semantics.ts). Every problem comes back as a diagnostic with its line; bad input never throws.
 * `file`, when given, is checked against the spec's id (`matmul` lives in `matmul.bench.yaml`).
 */
export function loadSpec(text: string, file?: string, options: LoadOptions = {}): LoadResult {
  const located = locateYaml(text, { lineOffset: options.lineOffset });
  if (located.errors.length) {
    const lines = text.split(/\r?\n/);
    const offset = options.lineOffset ?? 0;
    return {
      diagnostics: located.errors.map((e) => {
        const line = lines[e.line - offset - 1] ?? '';
        const hint = line.includes('${') && /[[{]/.test(line) ? '; inside [ ] or { }, quote a parameter ("${n}") or write one item per line' : '';
        return { line: e.line, column: e.column, severity: 'error', message: `not valid YAML: ${e.message}${hint}` };
      }),
    };
  }
  return parseSpecValue(located.value, located.posOf, file);
}

/**
 * Checks a spec that is already data (parsed YAML or JSON, or the spec inside a result record):
 * version and migration, schema, semantics. `posOf` places each problem; without it they are at 1:1.
 */
export function parseSpecValue(value: unknown, posOf: PosOf = () => ({ line: 1, column: 1 }), file?: string): LoadResult {
  const error = (pos: Position, message: string): Diagnostic => ({ ...pos, severity: 'error', message });
  if (value === null || value === undefined) return { diagnostics: [error(posOf([]), `the spec is empty; a spec starts with \`version: ${SPEC_VERSION}\` and then id, title, description, task, infrastructure, datasets, metrics, constraints, results`)] };
  if (typeof value !== 'object' || Array.isArray(value)) return { diagnostics: [error(posOf([]), `a spec is a mapping of \`field: value\` lines, not ${Array.isArray(value) ? 'a list' : 'a single value'}`)] };

  const migrated = migrateSpec(value as Record<string, unknown>);
  if ('error' in migrated) return { diagnostics: [error(posOf(['version'], migrated.atKey), migrated.error)] };

  const parsed = specSchema.safeParse(migrated.value, { reportInput: true });
  if (!parsed.success) {
    const diagnostics = parsed.error.issues.flatMap((issue) => issueDiagnostics(issue, migrated.value, posOf));
    return { diagnostics: sortDiagnostics(diagnostics) };
  }
  const diagnostics = sortDiagnostics(checkSpec(parsed.data, posOf, { file }));
  return diagnostics.some((d) => d.severity === 'error') ? { diagnostics } : { spec: parsed.data, diagnostics };
}

/**
 * Brings a spec to the current version through `migrations`, or says why it cannot: no version,
 * not a whole number, or newer than this workbook reads.
 */
export function migrateSpec(value: Record<string, unknown>): { value: Record<string, unknown> } | { error: string; atKey: boolean } {
  const version = value.version;
  if (version === undefined) return { error: `version: missing; add \`version: ${SPEC_VERSION}\` as the first line (the spec format this file is written in)`, atKey: true };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { error: `version: expected a whole number from 1 (the current format is ${SPEC_VERSION}), got ${JSON.stringify(version)}`, atKey: false };
  }
  if (version > SPEC_VERSION) return { error: `version: this spec is version ${version}; this workbook reads up to ${SPEC_VERSION}: update the workbook`, atKey: false };
  let current = value;
  for (let v = version; v < SPEC_VERSION; v++) {
    const step = migrations[v];
    if (!step) return { error: `version: no migration from version ${v} to ${v + 1}; this is a bug in the workbook, please report it`, atKey: false };
    current = { ...step(current), version: v + 1 };
  }
  return { value: current };
}

/** One schema issue as diagnostics (an unknown-fields issue gives one per field, at its key). */
function issueDiagnostics(issue: z.core.$ZodIssue, data: unknown, posOf: PosOf): Diagnostic[] {
  const path = issue.path as (string | number)[];
  if (issue.code === 'unrecognized_keys') {
    const known = fieldsOf(schemaAt(specSchema, path, data));
    return issue.keys.map((key) => {
      const guess = closest(key, known);
      const where = path.length ? formatPath(path) : 'a spec';
      const help = guess ? `did you mean "${guess}"?` : known.length ? `${where} has ${known.join(', ')}` : '';
      return { ...posOf([...path, key], true), severity: 'error', message: `${formatPath([...path, key])}: unknown field${help ? `; ${help}` : ''}` };
    });
  }
  const pos = posOf(path, issue.code === 'invalid_key');
  return [{ ...pos, severity: 'error', message: `${formatPath(path) || 'spec'}: ${issueMessage(issue, schemaAt(specSchema, path, data))}` }];
}

/** The known field a mistyped one most likely meant: same letters (`min_samples`, `minSamples`) or one or two edits away. */
function closest(key: string, known: readonly string[]): string | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const same = known.find((k) => squash(k) === squash(key));
  if (same) return same;
  let best: { key: string; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k);
    if (d <= (k.length > 5 ? 2 : 1) && (!best || d < best.d)) best = { key: k, d };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.line - b.line || a.column - b.column);
}
