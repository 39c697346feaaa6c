import { formatError } from './checkers.ts';
import { assertSeed } from './seed.ts';
import type {
  AnyExercise,
  Answer,
  Answers,
  CheckContext,
  CheckResult,
  ExerciseDefinition,
  ExerciseTests,
  Part,
  PartResult,
  Variant,
} from './types.ts';

/**
 * The calls the page and the grader make, around an exercise's own generate / render / check:
 *
 *   const variant = createVariant(exercise, seed);
 *   const view = exercise.render(variant);
 *   const result = await checkAnswers(exercise, variant, answers, { host });
 */

/** Types an assembled definition written in one piece (unit tests); folders use exercise.md + defineExerciseLogic. */
export function defineExercise<V, H = never>(definition: ExerciseDefinition<V, H>): ExerciseDefinition<V, H> {
  return definition;
}

/** Types an exercise's hidden side (exercises/<id>/tests.ts): `defineExerciseTests<Data>({ solve, cases, degenerate })`. */
export function defineExerciseTests<V, H = never>(tests: ExerciseTests<V, H>): ExerciseTests<V, H> {
  return tests;
}

/** Raised by a check when the host lacks what a part needs (a sandbox, WebGPU): not the learner's fault, no attempt. */
export class CheckUnavailableError extends Error {
  override name = 'CheckUnavailableError';
}

/** The variant of `exercise` for `seed`: generate(seed) with the exercise's id and the seed. */
export function createVariant<V>(exercise: ExerciseDefinition<V, unknown>, seed: number): Variant<V> {
  assertSeed(seed, `exercise ${exercise.id}`);
  return { exercise: exercise.id, seed, data: exercise.generate(seed) };
}

/** Is this part answered at all? Empty text and empty lists are not answers. */
function isAnswered(answer: Answer | undefined): answer is Answer {
  if (answer === undefined || answer === null) return false;
  if (typeof answer === 'string') return answer.trim() !== '';
  return !Array.isArray(answer) || answer.length > 0;
}

/** Why an answer has the wrong JSON type for its part (a broken form or a hand-edited submission), or undefined. */
export function answerShapeProblem(part: Part, answer: unknown): string | undefined {
  const text = typeof answer === 'string';
  const ids = Array.isArray(answer) && answer.every((a) => typeof a === 'string');
  switch (part.answer.type) {
    case 'number':
      return text ? undefined : 'Type a number with its unit.';
    case 'spec':
    case 'code':
      return text ? undefined : 'The answer must be the text from the editor.';
    case 'choice':
      if (part.answer.multiple) return ids || text ? undefined : 'Pick one or more options.';
      return text || (ids && (answer as string[]).length === 1) ? undefined : 'Pick one option.';
    case 'ordering':
      return ids ? undefined : 'Put the items in order.';
  }
}

/**
 * Checks the answered parts of a submission and adds up the score. Parts not answered (absent, empty)
 * are left out of `parts` and score 0; answers of the wrong JSON type are format errors; answers for
 * unknown part ids are ignored. Throws when the variant belongs to another exercise, when the exercise
 * returns no result for an answered part (a bug in the exercise), or CheckUnavailableError.
 */
export async function checkAnswers(
  exercise: AnyExercise,
  variant: Variant,
  answers: Answers,
  context: CheckContext<unknown> = {},
): Promise<CheckResult> {
  if (variant.exercise !== exercise.id)
    throw new Error(`checkAnswers: this variant belongs to the exercise "${variant.exercise}", not "${exercise.id}"`);
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers))
    throw new TypeError('checkAnswers: answers must be an object of part id -> answer');
  const parts: Record<string, PartResult> = {};
  const toCheck: Answers = {};
  for (const part of exercise.parts) {
    const answer = answers[part.id];
    if (!isAnswered(answer)) continue;
    const problem = answerShapeProblem(part, answer);
    if (problem) parts[part.id] = formatError(problem);
    else toCheck[part.id] = part.answer.type === 'choice' && !part.answer.multiple && Array.isArray(answer) ? answer[0] : answer;
  }
  if (Object.keys(toCheck).length) {
    const checked = await exercise.check(variant, toCheck, context as CheckContext<never>);
    for (const id of Object.keys(toCheck)) {
      const r = checked[id];
      if (!r) throw new Error(`exercise ${exercise.id}: check() returned no result for the answered part "${id}"; this is a bug in the exercise`);
      parts[id] = normalize(r);
    }
  }
  const weights = exercise.parts.map((p) => p.weight ?? 1);
  const total = weights.reduce((s, w) => s + w, 0);
  const score = exercise.parts.reduce((s, p, i) => s + (parts[p.id]?.score ?? 0) * weights[i]!, 0) / total;
  return {
    exercise: exercise.id,
    seed: variant.seed,
    parts,
    score,
    points: score * exercise.points,
    complete: exercise.parts.every((p) => parts[p.id]?.status === 'correct'),
    formatErrors: exercise.parts.filter((p) => parts[p.id]?.status === 'format-error').map((p) => p.id),
  };
}

/** A part result with its score in [0, 1] and a status that agrees with it. */
function normalize(r: PartResult): PartResult {
  if (r.status === 'format-error') return { ...r, score: 0 };
  const score = Number.isFinite(r.score) ? Math.min(1, Math.max(0, r.score)) : 0;
  const status = score >= 1 ? 'correct' : score <= 0 ? 'wrong' : 'partial';
  return { ...r, score, status };
}

/** Does this result cost an attempt? Format errors do not. */
export function countsAsAttempt(result: PartResult): boolean {
  return result.status !== 'format-error';
}

/**
 * Runs the grader of each answered part, in the order given: what an exercise's check() is made of.
 * Only parts present in `answers` are checked.
 */
export async function gradeParts(
  answers: Answers,
  graders: Record<string, (answer: Answer) => PartResult | Promise<PartResult>>,
): Promise<Record<string, PartResult>> {
  const out: Record<string, PartResult> = {};
  for (const [id, grade] of Object.entries(graders)) {
    const answer = answers[id];
    if (answer !== undefined) out[id] = await grade(answer);
  }
  return out;
}
