import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkAnswers, createVariant } from '../../exercises/check.ts';
import type { AnyExercise, Answers, CheckResult, ExerciseTests, Variant } from '../../exercises/types.ts';
import { checkInChildProcess } from '../exercise-host.ts';
import { loadExerciseFolder, PROJECT_ROOT } from '../exercise-folders.ts';
import { graderCheckHost, graderCheckHostWith } from './grader-host.ts';
import type { Assignment } from '../../classroom/assignment.ts';
import type { CheckBudget, GradeContext } from '../../classroom/grade-submission.ts';
import { capstoneOptions } from '../capstone-specs.ts';

/**
 * The grader's checks: the exercise's own checker with its hidden tests (tests.ts `hidden`), learner
 * JavaScript in QuickJS-wasm, WGSL in a child process with dawn (the one way WebGPU works in Node
 * here, as `workbook lint` runs it). tests.ts is read only here, in the grader, never by the site.
 */

/** What grades.json says of each exercise (title, parts): read from the loaded exercises, by a worker or here. */
export type ExerciseMeta = { id: string; title: string; parts: { id: string; type: string }[] };

export function exerciseMeta(exercises: ReadonlyMap<string, AnyExercise>): ExerciseMeta[] {
  return [...exercises.values()].map((x) => ({ id: x.id, title: x.title, parts: x.parts.map((p) => ({ id: p.id, type: p.answer.type })) }));
}

export interface LoadedExercises {
  exercises: Map<string, AnyExercise>;
  check: (exercise: AnyExercise, seed: number, answers: Answers, budget?: CheckBudget) => Promise<CheckResult>;
}

export async function loadGraderExercises(ids: readonly string[], root = PROJECT_ROOT): Promise<LoadedExercises> {
  const exercises = new Map<string, AnyExercise>();
  const tests = new Map<string, ExerciseTests<unknown, unknown> | undefined>();
  for (const id of ids) {
    const dir = path.join(root, 'exercises', id);
    const { exercise, problems } = await loadExerciseFolder(dir);
    if (!exercise) throw new Error(`exercises/${id} does not load: ${problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('; ')}`);
    exercises.set(id, exercise);
    const mod = (await import(pathToFileURL(path.join(dir, 'tests.ts')).href).catch(() => ({}))) as { default?: ExerciseTests<unknown, unknown> };
    tests.set(id, mod.default);
  }
  const variants = new Map<string, Variant>();
  const needsGpu = (e: AnyExercise) => e.parts.some((p) => p.answer.type === 'code' && p.answer.language === 'wgsl');
  return {
    exercises,
    async check(exercise, seed, answers, budget) {
      if (needsGpu(exercise)) {
        const [outcome] = await checkInChildProcess([{ folder: path.join(root, 'exercises', exercise.id), seed, answers, hidden: true }]);
        if (!outcome || 'error' in outcome) throw new Error(outcome?.error ?? 'no result from the WebGPU check process');
        return outcome.result;
      }
      // A learner's attempts share one variant: drawn once (some generators run a bootstrap).
      const key = `${exercise.id}:${seed}`;
      let variant = variants.get(key);
      if (!variant) {
        variant = createVariant(exercise, seed);
        variants.set(key, variant);
        if (variants.size > 256) variants.delete(variants.keys().next().value!);
      }
      const hidden = tests.get(exercise.id)?.hidden?.(variant);
      return checkAnswers(exercise, variant, answers, { host: budget ? graderCheckHostWith(budget) : graderCheckHost, hidden });
    },
  };
}

/**
 * What a grading thread needs (a worker's, or this one's): the assignment's exercises with their checks,
 * and the capstone rubric's options (every spec of lessons/specs parsed, ~0.2 CPU-s) only where the
 * assignment has a capstone; and what grades.json says of the exercises.
 */
export async function graderContext(assignment: Assignment, secret: string, root: string): Promise<{ ctx: GradeContext; meta: ExerciseMeta[] }> {
  const loaded = await loadGraderExercises(
    assignment.exercises.map((e) => e.id),
    root,
  );
  const ctx: GradeContext = {
    assignment,
    secret,
    exercises: loaded.exercises,
    check: loaded.check,
    ...(assignment.capstone ? { capstone: await capstoneOptions(root) } : {}),
  };
  return { ctx, meta: exerciseMeta(loaded.exercises) };
}
