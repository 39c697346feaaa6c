/**
 * The workbook's one diagnostic: a problem at a place in a file (spec, lesson, exercise, learner's
 * answer), as `workbook lint`, `workbook validate`, the cell's terminal and the editors show it.
 * One type and one way to print it (`path:line:col: message`, as compilers write it), so every
 * tool's output can be read by the same editor or CI matcher. Core code: no DOM, no Node.
 */

/** A place in a text, 1-based, as editors count. */
export interface Position {
  line: number;
  column: number;
}

export type Severity = 'error' | 'warning';

export interface Diagnostic extends Position {
  /** The file, relative to the project root with forward slashes; absent when the text has no file (a cell's spec, an answer box). */
  path?: string;
  severity: Severity;
  message: string;
}

/** A diagnostic that names its file (what lint reports across many files). */
export type FileDiagnostic = Diagnostic & { path: string };

/**
 * `path:line:col: message`, with `warning: ` before a warning's message. `path` overrides the
 * diagnostic's own (the name the user typed); without either the place is `line:col`.
 */
export function formatDiagnostic(d: Diagnostic, path: string | undefined = d.path): string {
  const where = `${path ? `${path}:` : ''}${d.line}:${d.column}`;
  return `${where}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
}

/** In reading order: by file, then line, then column (a stable sort keeps the order of ties). */
export function sortDiagnostics<D extends Diagnostic>(list: readonly D[]): D[] {
  return [...list].sort((a, b) => (a.path ?? '').localeCompare(b.path ?? '') || a.line - b.line || a.column - b.column);
}

/** How many errors and warnings, for the summary line. */
export function countDiagnostics(list: readonly Diagnostic[]): { errors: number; warnings: number } {
  const errors = list.filter((d) => d.severity === 'error').length;
  return { errors, warnings: list.length - errors };
}
