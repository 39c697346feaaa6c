import { isSeed } from '../exercises/seed.ts';
import { attemptSchema, exerciseStateSchema, type Attempt, type ExerciseState } from './records.ts';

/**
 * The layouts of the browser's progress database (runtime/browser/progress-db.ts), and how the records
 * of an older layout become the current ones. Pure functions, so the upgrade is tested without a browser.
 *
 * Version 1 (the first layout):
 *   attempts     out-of-line auto-increment keys; { exercise, seed, answers, score, at: epoch ms }
 *   seeds        key `exercise`; { exercise, seed }: the local seed of each exercise
 *
 * Version 2 (current):
 *   attempts     key `id`, index `exercise`; Attempt (records.ts): an id, per-part scores, ISO times
 *   exercises    key `exercise`; ExerciseState: seed and its source, draft answers, hints, last feedback
 *   assignments  key `exercise`; Assignment: a course's seed for the exercise (the classroom's hook)
 *
 * A new layout adds a version here, a step in progress-db.ts's upgrade, and a test that opens a database
 * of the previous version with the new code (test/unit/progress-db.test.ts).
 */
export const PROGRESS_DB_VERSION = 2;
export const PROGRESS_DB_NAME = 'benchmark-carpentry-progress';

/** An attempt as layout 1 stored it. */
export interface AttemptV1 {
  exercise: string;
  seed: number;
  answers: Record<string, string | string[]>;
  score: number;
  /** Epoch milliseconds. */
  at: number;
}

/** A local seed as layout 1 stored it. */
export interface SeedV1 {
  exercise: string;
  seed: number;
}

/**
 * A layout-1 attempt as a current Attempt, its id made from its old key (`v1-<key>`, so upgrading
 * twice, or in two browsers, gives the same id). Returns undefined for a record too damaged to read
 * (no exercise, no seed): nothing a learner could have written.
 */
export function upgradeAttemptV1(old: unknown, key: number | string): Attempt | undefined {
  if (!old || typeof old !== 'object') return undefined;
  const o = old as Partial<AttemptV1>;
  if (typeof o.exercise !== 'string' || !isSeed(o.seed)) return undefined;
  const score = typeof o.score === 'number' && Number.isFinite(o.score) ? Math.min(1, Math.max(0, o.score)) : 0;
  const at = typeof o.at === 'number' && Number.isFinite(o.at) ? new Date(o.at).toISOString() : new Date(0).toISOString();
  const answers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(o.answers ?? {})) {
    if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) answers[k] = v;
  }
  const parsed = attemptSchema.safeParse({
    id: `v1-${String(key)}`,
    exercise: o.exercise,
    seed: o.seed,
    answers,
    score,
    parts: {},
    complete: score >= 1,
    at,
  });
  return parsed.success ? parsed.data : undefined;
}

/** A layout-1 local seed as the current ExerciseState (no draft, no hints), or undefined when damaged. */
export function upgradeSeedV1(old: unknown, now: string): ExerciseState | undefined {
  if (!old || typeof old !== 'object') return undefined;
  const o = old as Partial<SeedV1>;
  const parsed = exerciseStateSchema.safeParse({ exercise: o.exercise, seed: o.seed, seedSource: 'local', draft: {}, hintsShown: 0, updatedAt: now });
  return parsed.success ? parsed.data : undefined;
}
