import type { AnyExercise } from './types.ts';

/**
 * The exercises of the workbook, found by the hosts in the folders of `exercises/` (no hand-kept list):
 * src/exercise/catalog.ts in the site, runtime/node/exercise-folders.ts in Node. Both build one of these.
 */
export interface ExerciseRegistry {
  /** Every exercise, ordered by level, then id. */
  exercises: readonly AnyExercise[];
  ids: readonly string[];
  /** The exercise with this id, or undefined. */
  find(id: string): AnyExercise | undefined;
  /** The exercise with this id; throws UnknownExerciseError naming the known ids when there is none. */
  get(id: string): AnyExercise;
}

/** Raised for an id that is not an exercise; the message lists the ones that are. */
export class UnknownExerciseError extends Error {
  override name = 'UnknownExerciseError';
}

const LEVEL_ORDER = ['foundations', 'practitioner', 'researcher', 'professional'];

export function createRegistry(list: readonly AnyExercise[]): ExerciseRegistry {
  const exercises = [...list].sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.id.localeCompare(b.id));
  const ids = exercises.map((e) => e.id);
  const find = (id: string) => exercises.find((e) => e.id === id);
  return {
    exercises,
    ids,
    find,
    get(id) {
      const found = find(id);
      if (!found)
        throw new UnknownExerciseError(
          `"${id}" is not an exercise of this workbook; the exercises are ${ids.join(', ')} (the folders of exercises/)`,
        );
      return found;
    },
  };
}
