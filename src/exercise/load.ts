import type { AnyExercise } from '../../runtime/exercises/types.ts';

/**
 * The exercises' own code (generate, render, check), one chunk per exercise, loaded when an island needs
 * it. Only `exercise.ts` files match: an exercise's hidden tests (tests.ts) never reach the site.
 * runtime/exercises/registry.ts lists the same folders (test/unit/exercises-registry.test.ts checks it
 * against exercises/); an id missing here fails the build in Exercise.astro first, through the registry.
 */
const modules = import.meta.glob<{ default: AnyExercise }>('../../exercises/*/exercise.ts');

export async function loadExercise(id: string): Promise<AnyExercise> {
  const load = modules[`../../exercises/${id}/exercise.ts`];
  if (!load) throw new Error(`"${id}" is not an exercise of this workbook (no exercises/${id}/exercise.ts)`);
  const exercise = (await load()).default;
  if (exercise?.id !== id) throw new Error(`exercises/${id}/exercise.ts does not export the exercise "${id}" as its default`);
  return exercise;
}
