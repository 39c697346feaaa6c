import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CheckUnavailableError, checkAnswers } from '../exercises/check.ts';
import { lintExercises, type ExerciseFolder, type ExerciseLintResult, type SolutionChecker } from '../exercises/lint.ts';
import type { AnyExercise, CheckResult } from '../exercises/types.ts';
import { checkInChildProcess, nodeCheckHost } from './exercise-host.ts';

/**
 * `workbook lint` for exercise folders in Node: reads and imports each folder's exercise.ts and
 * tests.ts, then runs runtime/exercises/lint.ts. Solutions of exercises that need WebGPU are checked
 * in a child process with the SwiftShader driver (runtime/node/exercise-host.ts); the others here,
 * JavaScript in the worker sandbox.
 */

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The exercise folders under `abs`: exercises/ itself gives all of them, exercises/<id> (or a file in it) that one. */
export async function exerciseFoldersUnder(root: string, abs: string): Promise<string[]> {
  const base = path.join(path.resolve(root), 'exercises');
  const rel = path.relative(base, path.resolve(abs));
  if (rel === '') {
    const entries = await readdir(base, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_'))
      .map((e) => path.join(base, e.name))
      .sort();
  }
  const parts = rel.split(path.sep);
  // A file directly in exercises/ (its README) is not an exercise.
  if (parts.length === 1 && !(await stat(abs)).isDirectory()) return [];
  return [path.join(base, parts[0]!)];
}

/** Is `abs` the exercises/ folder of `root` or inside it? */
export function isUnderExercises(root: string, abs: string): boolean {
  const rel = path.relative(path.join(path.resolve(root), 'exercises'), path.resolve(abs));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export async function lintExerciseFolders(root: string, dirs: readonly string[], options: { seeds?: number[] } = {}): Promise<ExerciseLintResult> {
  const folders: ExerciseFolder[] = [];
  for (const dir of dirs) {
    const folder: ExerciseFolder = { path: path.relative(root, dir).split(path.sep).join('/') };
    const load = async (file: string) => {
      const abs = path.join(dir, file);
      const source = await readFile(abs, 'utf8').catch(() => undefined);
      if (source === undefined) return { source };
      try {
        return { source, module: (await import(pathToFileURL(abs).href)) as Record<string, unknown> };
      } catch (e) {
        return { source, error: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
      }
    };
    const main = await load('exercise.ts');
    const tests = await load('tests.ts');
    Object.assign(folder, { source: main.source, module: main.module, importError: main.error, testsSource: tests.source, testsModule: tests.module, testsImportError: tests.error });
    folders.push(folder);
  }
  let registry: { ids: readonly string[]; complete: boolean } | undefined;
  if (path.resolve(root) === path.resolve(PROJECT_ROOT)) {
    try {
      const all = await exerciseFoldersUnder(root, path.join(root, 'exercises'));
      registry = { ids: (await import('../exercises/registry.ts')).EXERCISE_IDS, complete: all.length === dirs.length };
    } catch {
      // An exercise that does not load breaks the registry too; that exercise is reported on its own.
    }
  }
  return lintExercises(folders, { registry, checkSolutions: nodeSolutionChecker(root), ...(options.seeds ? { seeds: options.seeds } : {}) });
}

/** WebGPU exercises in a child process, the others in this one with the Node host. */
function nodeSolutionChecker(root: string): SolutionChecker {
  return async (folder, exercise, runs) => {
    if (needsWebGpu(exercise)) {
      const exerciseFile = path.join(root, folder.path, 'exercise.ts');
      const outcomes = await checkInChildProcess(runs.map((r) => ({ exerciseFile, seed: r.variant.seed, answers: r.answers })));
      return outcomes.map((o): CheckResult | Error => ('result' in o ? o.result : o.unavailable ? new CheckUnavailableError(o.error) : new Error(o.error)));
    }
    const out: (CheckResult | Error)[] = [];
    for (const r of runs) {
      try {
        out.push(await checkAnswers(exercise, r.variant, r.answers, { host: nodeCheckHost }));
      } catch (e) {
        out.push(e instanceof Error ? e : new Error(String(e)));
      }
    }
    return out;
  };
}

/** Does checking this exercise run WGSL? */
export function needsWebGpu(exercise: AnyExercise): boolean {
  return exercise.parts.some((p) => p.answer.type === 'code' && p.answer.language === 'wgsl');
}
