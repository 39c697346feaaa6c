import type { z } from 'zod';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.ts';
import { locateYaml, type PosOf, type Position } from '../yaml/locate.ts';
import { SPEC_VERSION, fieldsOf, formatPath, issueMessage, schemaAt, specSchema, type Spec } from './schema.ts';
import { RESULTS_REMOVED, migrateV1Fields } from './migrate-v1-fields.ts';
import { checkSpec } from './semantics.ts';

/** One problem in a spec, at the line and column it concerns: the workbook's one Diagnostic (runtime/diagnostics.ts). */
export type { Diagnostic };
/** Spec diagnostics in the order of the text (they carry no path: the caller knows the file). */
export { sortDiagnostics };

export interface LoadResult {
  /** The spec, when it has no errors (warnings allowed). */
  spec?: Spec;
  /** Every problem found, errors and warnings, in the order of the text. */
  diagnostics: Diagnostic[];
}

/** What a migration changed that the author should know: a warning at `path` of the original file (an error where said). */
export interface MigrationNote {
  path: (string | number)[];
  message: string;
  severity?: 'error' | 'warning';
}

/** Turns a spec of version N into one of version N + 1; `note` reports a change of meaning. */
export type Migration = (old: Record<string, unknown>, note: (n: MigrationNote) => void) => Record<string, unknown>;

/**
 * How older spec versions are read: `migrations[n]` turns version n into n + 1, so version 1 files (and
 * the specs inside old result records) keep loading.
 *
 * 1 -> 2, the stopping rule: version 1 stopped when IQR / median fell below `target-relative-iqr`, and
 * `max-relative-iqr` made a run INVALID above it. Both judged the machine's dispersion, which a shared
 * machine never gets below 20-30 %, so lesson specs ended INVALID with a median known to +-0.5 %.
 * Version 2 stops on the median's precision, `target-ci`. There is no conversion between the two (a
 * dispersion says nothing of how many samples were taken), so `target-relative-iqr` is dropped and
 * `target-ci` takes its default (0.01). `max-relative-iqr` is dropped with a warning: dispersion no longer
 * makes a run INVALID (it is reported as a note), and keeping a rule that fails every run on an ordinary
 * machine would keep the very fault version 2 fixes.
 *
 * 1 -> 2, `results`: version 2 has no results section (migrate-v1-fields.ts): `results.keep` was never
 * read, every record keeps all it could list. Dropped silently when it listed all four items, with a
 * warning naming what it left out otherwise.
 */
export const migrations: Record<number, Migration> = {
  1: (v1, note) => {
    const old = migrateV1Fields(v1, note);
    const constraints = old.constraints;
    if (!constraints || typeof constraints !== 'object' || Array.isArray(constraints)) return old;
    const { 'target-relative-iqr': _target, 'max-relative-iqr': max, ...rest } = constraints as Record<string, unknown>;
    if (max !== undefined) {
      note({
        path: ['constraints', 'max-relative-iqr'],
        message:
          'constraints.max-relative-iqr (spec version 1) is ignored: a noisy machine no longer makes a run INVALID, its spread is reported ' +
          'as a note; the precision of the median is what counts now (target-ci). Move the file to `version: 2` and delete this line.',
      });
    }
    return { ...old, constraints: rest };
  },
};

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
  if (value === null || value === undefined)
    return {
      diagnostics: [
        error(
          posOf([]),
          `the spec is empty; a spec starts with \`version: ${SPEC_VERSION}\` and then id, title, description, task, infrastructure, datasets, metrics, constraints`,
        ),
      ],
    };
  if (typeof value !== 'object' || Array.isArray(value))
    return {
      diagnostics: [error(posOf([]), `a spec is a mapping of \`field: value\` lines, not ${Array.isArray(value) ? 'a list' : 'a single value'}`)],
    };

  const migrated = migrateSpec(value as Record<string, unknown>);
  if ('error' in migrated) return { diagnostics: [error(posOf(['version'], migrated.atKey), migrated.error)] };
  const migrationNotes: Diagnostic[] = migrated.notes.map((n) => ({ ...posOf(n.path, true), severity: n.severity ?? 'warning', message: n.message }));

  const parsed = specSchema.safeParse(migrated.value, { reportInput: true });
  if (!parsed.success) {
    const diagnostics = parsed.error.issues.flatMap((issue) => issueDiagnostics(issue, migrated.value, posOf));
    return { diagnostics: sortDiagnostics([...migrationNotes, ...diagnostics]) };
  }
  const diagnostics = sortDiagnostics([...migrationNotes, ...checkSpec(parsed.data, posOf, { file })]);
  return diagnostics.some((d) => d.severity === 'error') ? { diagnostics } : { spec: parsed.data, diagnostics };
}

/**
 * Brings a spec to the current version through `migrations`, or says why it cannot: no version,
 * not a whole number, or newer than this workbook reads.
 */
export function migrateSpec(
  value: Record<string, unknown>,
): { value: Record<string, unknown>; notes: MigrationNote[] } | { error: string; atKey: boolean } {
  const version = value.version;
  if (version === undefined)
    return { error: `version: missing; add \`version: ${SPEC_VERSION}\` as the first line (the spec format this file is written in)`, atKey: true };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { error: `version: expected a whole number from 1 (the current format is ${SPEC_VERSION}), got ${JSON.stringify(version)}`, atKey: false };
  }
  if (version > SPEC_VERSION)
    return { error: `version: this spec is version ${version}; this workbook reads up to ${SPEC_VERSION}: update the workbook`, atKey: false };
  let current = value;
  const notes: MigrationNote[] = [];
  for (let v = version; v < SPEC_VERSION; v++) {
    const step = migrations[v];
    if (!step) return { error: `version: no migration from version ${v} to ${v + 1}; this is a bug in the workbook, please report it`, atKey: false };
    current = { ...step(current, (n) => notes.push(n)), version: v + 1 };
  }
  // A section the current version dropped, written anyway: an error at its key that says why, and the
  // rest of the spec still checked (so the author sees every problem at once).
  if ('results' in current) {
    const { results: _removed, ...rest } = current;
    notes.push({ path: ['results'], message: `results: ${RESULTS_REMOVED}`, severity: 'error' });
    current = rest;
  }
  return { value: current, notes };
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
