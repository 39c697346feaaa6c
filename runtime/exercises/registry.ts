import fixTimingHarness from '../../exercises/fix-timing-harness/exercise.ts';
import fixWgslKernel from '../../exercises/fix-wgsl-kernel/exercise.ts';
import readTwoRuns from '../../exercises/read-two-runs/exercise.ts';
import repairASpec from '../../exercises/repair-a-spec/exercise.ts';
import validComparisons from '../../exercises/valid-comparisons/exercise.ts';
import writeASpec from '../../exercises/write-a-spec/exercise.ts';
import type { AnyExercise } from './types.ts';

/**
 * Every exercise of the workbook: one static import per folder of `exercises/`, so a bundler sees them
 * all (an `<Exercise id="...">` in a lesson is resolved at build time). A unit test and `workbook lint`
 * check that this list and the folders agree. Hidden tests (exercises/<id>/tests.ts) are never imported here.
 */
export const exercises: readonly AnyExercise[] = [readTwoRuns, writeASpec, fixTimingHarness, validComparisons, repairASpec, fixWgslKernel];

/** The ids, in the order above. */
export const EXERCISE_IDS: readonly string[] = exercises.map((e) => e.id);

/** Raised for an id that is not an exercise; the message lists the ones that are. */
export class UnknownExerciseError extends Error {
  override name = 'UnknownExerciseError';
}

/** The exercise with this id, or undefined. */
export function findExercise(id: string): AnyExercise | undefined {
  return exercises.find((e) => e.id === id);
}

/** The exercise with this id; throws UnknownExerciseError naming the known ids when there is none. */
export function getExercise(id: string): AnyExercise {
  const found = findExercise(id);
  if (!found) throw new UnknownExerciseError(`"${id}" is not an exercise of this workbook; the exercises are ${EXERCISE_IDS.join(', ')} (folders of exercises/, listed in runtime/exercises/registry.ts)`);
  return found;
}
