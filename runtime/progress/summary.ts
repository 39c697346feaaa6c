import type { Attempt } from './records.ts';

/** One exercise's progress, as the progress page lists it. */
export interface ExerciseSummary {
  exercise: string;
  /** Attempts recorded (checks that cost one). */
  attempts: number;
  /** The best score in [0, 1] over all attempts and variants, or undefined before the first attempt. */
  best?: number;
  /** The seed of the best attempt (the latest, among equals). */
  bestSeed?: number;
  /** Some attempt answered every part correctly. */
  complete: boolean;
  /** When the learner last checked an answer (ISO time), or undefined. */
  lastAt?: string;
}

/** Summaries by exercise id, for the exercises that have attempts. */
export function summarize(attempts: readonly Attempt[]): Map<string, ExerciseSummary> {
  const out = new Map<string, ExerciseSummary>();
  for (const a of [...attempts].sort((x, y) => x.at.localeCompare(y.at))) {
    const s = out.get(a.exercise) ?? { exercise: a.exercise, attempts: 0, complete: false };
    s.attempts += 1;
    if (s.best === undefined || a.score >= s.best) {
      s.best = a.score;
      s.bestSeed = a.seed;
    }
    s.complete ||= a.complete;
    s.lastAt = a.at;
    out.set(a.exercise, s);
  }
  return out;
}

/** "7.5 of 10 points (75%)": a score in [0, 1] in the words the page uses. */
export function formatScore(score: number, points: number): string {
  const earned = Math.round(score * points * 10) / 10;
  return `${earned} of ${points} point${points === 1 ? '' : 's'} (${Math.round(score * 100)}%)`;
}
