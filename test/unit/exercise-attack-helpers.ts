/**
 * Shared by the attack tests of the Foundations exercises (test/unit/exercise-attacks-*.test.ts): load an
 * exercise folder as the grader does, and check answers for a seed.
 */
import { fileURLToPath } from 'node:url';
import { checkAnswers, createVariant } from '../../runtime/exercises/check.ts';
import type { AnyExercise, Answers, CheckResult, Variant } from '../../runtime/exercises/types.ts';
import { loadExerciseFolder } from '../../runtime/node/exercise-folders.ts';

export async function loadExercise<V>(id: string) {
  const folder = await loadExerciseFolder(fileURLToPath(new URL(`../../exercises/${id}`, import.meta.url)));
  if (!folder.exercise) throw new Error(`${id}: ${JSON.stringify(folder.problems)}`);
  const exercise = folder.exercise as AnyExercise;
  return {
    exercise,
    variant: (seed: number) => createVariant(exercise, seed) as Variant<V>,
    check: (seed: number, answers: Answers) => checkAnswers(exercise, createVariant(exercise, seed), answers),
    view: (seed: number) => exercise.render(createVariant(exercise, seed)),
  };
}

export const seeds = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/**
 * The seeds on which `answer` (a named mistake: one part's answer from the variant's data) scores above
 * 0 on that part, with the test file's own `variant` and `check` (which may keep variants drawn once).
 */
export async function acceptedOn<V>(
  seedList: readonly number[],
  answer: (data: V) => Answers,
  variant: (seed: number) => Variant<V>,
  check: (seed: number, answers: Answers) => Promise<CheckResult>,
): Promise<number[]> {
  const accepted: number[] = [];
  for (const s of seedList) {
    const a = answer(variant(s).data);
    if ((await check(s, a)).parts[Object.keys(a)[0]!]!.score > 0) accepted.push(s);
  }
  return accepted;
}
