import { creditedScores } from '../exercises/attempts.ts';
import type { Attempt } from './records.ts';

/** One exercise's progress, as the progress page, the exercise and the exported submission show it. */
export interface ExerciseSummary {
  exercise: string;
  /** Attempts recorded (checks that cost one). */
  attempts: number;
  /**
   * The grade in [0, 1]: the best credited attempt under the attempt policy (runtime/exercises/attempts.ts,
   * the grader's too), so a repeat on the same variant counts for less; undefined before the first attempt.
   */
  best?: number;
  /** The attempt that gives the grade (the latest, among equals): its id and seed. */
  bestAttempt?: string;
  bestSeed?: number;
  /** Some attempt answered every part correctly. */
  complete: boolean;
  /** When the learner last checked an answer (ISO time), or undefined. */
  lastAt?: string;
}

/** Summaries by exercise id, for the exercises that have attempts. */
export function summarize(attempts: readonly Attempt[]): Map<string, ExerciseSummary> {
  const byExercise = new Map<string, Attempt[]>();
  // Oldest first: an attempt's worth depends on how many came before it on its variant.
  for (const a of [...attempts].sort((x, y) => x.at.localeCompare(y.at))) byExercise.set(a.exercise, [...(byExercise.get(a.exercise) ?? []), a]);
  const out = new Map<string, ExerciseSummary>();
  for (const [exercise, list] of byExercise) {
    const s: ExerciseSummary = { exercise, attempts: list.length, complete: list.some((a) => a.complete), lastAt: list.at(-1)!.at };
    creditedScores(list).forEach((credited, i) => {
      if (s.best === undefined || credited >= s.best) Object.assign(s, { best: credited, bestAttempt: list[i]!.id, bestSeed: list[i]!.seed });
    });
    out.set(exercise, s);
  }
  return out;
}

/** "7.5 of 10 points (75%)": a score in [0, 1] in the words the page uses. */
export function formatScore(score: number, points: number): string {
  const earned = Math.round(score * points * 10) / 10;
  return `${earned} of ${points} point${points === 1 ? '' : 's'} (${Math.round(score * 100)}%)`;
}
