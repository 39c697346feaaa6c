import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CheckUnavailableError, checkAnswers } from '../exercises/check.ts';
import { lintExercises, type ExerciseFolder, type ExerciseLintResult, type SolutionChecker } from '../exercises/lint.ts';
import type { AnyExercise, CheckResult } from '../exercises/types.ts';
import { checkInChildProcess, nodeCheckHost } from './exercise-host.ts';
import { readExerciseFolder } from './exercise-folders.ts';

/**
 * `workbook lint` for exercise folders in Node: reads each folder (runtime/node/exercise-folders.ts)
 * and imports its tests.ts, then runs runtime/exercises/lint.ts. Solutions of exercises that need WebGPU are checked
 * in a child process with the SwiftShader driver (runtime/node/exercise-host.ts); the others here,
 * JavaScript in the worker sandbox.
 */

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

export async function lintExerciseFolders(
  root: string,
  dirs: readonly string[],
  options: { seeds?: number[]; solutionSeeds?: number } = {},
): Promise<ExerciseLintResult> {
  const folders: ExerciseFolder[] = [];
  for (const dir of dirs) {
    const folder: ExerciseFolder = { path: path.relative(root, dir).split(path.sep).join('/'), input: await readExerciseFolder(dir) };
    const abs = path.join(dir, 'tests.ts');
    folder.testsSource = await readFile(abs, 'utf8').catch(() => undefined);
    if (folder.testsSource !== undefined) {
      try {
        folder.testsModule = (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
      } catch (e) {
        folder.testsImportError = e instanceof Error ? e.message.split('\n')[0]! : String(e);
      }
    }
    folders.push(folder);
  }
  return lintExercises(folders, {
    checkSolutions: nodeSolutionChecker(root),
    ...(options.seeds ? { seeds: options.seeds } : {}),
    ...(options.solutionSeeds ? { solutionSeeds: options.solutionSeeds } : {}),
  });
}

/** WebGPU exercises in a child process, the others in this one with the Node host. */
function nodeSolutionChecker(root: string): SolutionChecker {
  return async (folder, exercise, tests, runs) => {
    if (needsWebGpu(exercise)) {
      const dir = path.join(root, folder.path);
      const outcomes = await checkInChildProcess(
        runs.map((r) => ({ folder: dir, seed: r.variant.seed, answers: r.answers, hidden: r.hidden })),
        { jobTimeoutMs: 120_000 },
      );
      return outcomes.map((o): CheckResult | Error =>
        'result' in o ? o.result : o.unavailable ? new CheckUnavailableError(o.error) : new Error(o.error),
      );
    }
    const out: (CheckResult | Error)[] = [];
    for (const r of runs) {
      try {
        out.push(
          await checkAnswers(exercise, r.variant, r.answers, {
            host: nodeCheckHost,
            ...(r.hidden && tests.hidden ? { hidden: tests.hidden(r.variant) } : {}),
          }),
        );
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
