import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assembleExercise, isSandboxFile, type AssembledFolder, type FolderInput } from '../exercises/folder.ts';
import { createRegistry, type ExerciseRegistry } from '../exercises/registry.ts';

/**
 * The Node side of the exercise loader (runtime/exercises/folder.ts does the work): reads each folder
 * of `exercises/` with fs and imports its exercise.ts. Used by `workbook lint`, the unit tests and the
 * browser tests; the site reads the same folders through src/exercise/catalog.ts.
 */

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The folders of `<root>/exercises/` that are exercises (not starting with `.` or `_`), sorted. */
export async function exerciseFolderNames(root = PROJECT_ROOT): Promise<string[]> {
  const entries = await readdir(path.join(root, 'exercises'), { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !/^[._]/.test(e.name))
    .map((e) => e.name)
    .sort();
}

/** What the loader needs from one folder, read from disk. */
export async function readExerciseFolder(dir: string): Promise<FolderInput> {
  const input: FolderInput = { name: path.basename(dir), files: {} };
  input.markdown = await readFile(path.join(dir, 'exercise.md'), 'utf8').catch(() => undefined);
  try {
    input.logic = ((await import(pathToFileURL(path.join(dir, 'exercise.ts')).href)) as { default?: unknown }).default;
  } catch (e) {
    input.logicError = e instanceof Error ? e.message.split('\n')[0]! : String(e);
  }
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (!e.isFile()) continue;
    const rel = path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    if (isSandboxFile(rel)) input.files[rel] = await readFile(path.join(dir, rel), 'utf8');
  }
  return input;
}

export async function loadExerciseFolder(dir: string): Promise<AssembledFolder> {
  return assembleExercise(await readExerciseFolder(dir));
}

/** Every exercise under `<root>/exercises/`; throws, naming each file and line, when a folder does not load. */
export async function loadExerciseRegistry(root = PROJECT_ROOT): Promise<ExerciseRegistry> {
  const names = await exerciseFolderNames(root);
  const loaded = await Promise.all(names.map((n) => loadExerciseFolder(path.join(root, 'exercises', n))));
  const problems = loaded.flatMap((l, i) => l.problems.map((p) => `exercises/${names[i]}/${p.file}:${p.line}:${p.column}: ${p.message}`));
  if (problems.length) throw new Error(`exercise folders that do not load:\n${problems.join('\n')}`);
  return createRegistry(loaded.map((l) => l.exercise!));
}
