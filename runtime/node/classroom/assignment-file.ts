import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAssignment, type Assignment } from '../../classroom/assignment.ts';
import type { Diagnostic } from '../../diagnostics.ts';
import { locateYaml } from '../../yaml/locate.ts';
import { exerciseFolderNames, PROJECT_ROOT } from '../exercise-folders.ts';
import { secretFilePath, secretFileProblem } from './secret.ts';

/**
 * Assignment files on disk: read, parsed (runtime/classroom/assignment.ts) and checked against the
 * project: every exercise exists, and a secret file lies outside the project. `workbook lint`, `assign`
 * and `grade` all read them through here, so they agree on what a valid assignment is.
 */

export const ASSIGNMENT_SUFFIX = '.assignment.yaml';

export interface LoadedAssignment {
  assignment?: Assignment;
  /** The file as given, for messages. */
  file: string;
  diagnostics: Diagnostic[];
  /** Advice for lint (the decay policy's warning); never stops grading. */
  warnings?: Diagnostic[];
}

export async function loadAssignmentFile(abs: string, shown = abs, root = PROJECT_ROOT): Promise<LoadedAssignment> {
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch (e) {
    return {
      file: shown,
      diagnostics: [
        {
          path: shown,
          line: 1,
          column: 1,
          severity: 'error',
          message: `cannot read the assignment (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
        },
      ],
    };
  }
  const { assignment, diagnostics, warnings } = parseAssignment(text, shown);
  const { posOf, value } = locateYaml(text);
  const known = new Set(await exerciseFolderNames(root));
  // Unknown exercises are reported even when other fields fail, so one lint run shows every problem.
  const listed = (assignment?.exercises ??
    (Array.isArray((value as { exercises?: unknown })?.exercises) ? (value as { exercises: unknown[] }).exercises : [])) as {
    id?: unknown;
  }[];
  listed.forEach((e, i) => {
    if (typeof e?.id === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(e.id) && !known.has(e.id))
      diagnostics.push({
        path: shown,
        ...posOf(['exercises', i, 'id']),
        severity: 'error',
        message: `exercises.${i}.id: no exercise "${e.id}" in exercises/ (there are: ${[...known].join(', ')})`,
      });
  });
  if (!assignment) return { file: shown, diagnostics: diagnostics.sort((x, y) => x.line - y.line || x.column - y.column) };
  if ('file' in assignment.secret) {
    const problem = secretFileProblem(secretFilePath(assignment.secret.file, path.dirname(abs)), root);
    if (problem) diagnostics.push({ path: shown, ...posOf(['secret', 'file']), severity: 'error', message: `secret.file: ${problem}` });
  }
  return diagnostics.length ? { file: shown, diagnostics } : { assignment, file: shown, diagnostics, warnings: warnings ?? [] };
}

/** The assignment files in a folder (not recursive: exercises/ keeps its samples at the top). */
export async function assignmentFilesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(ASSIGNMENT_SUFFIX))
    .map((e) => path.join(dir, e.name))
    .sort();
}
