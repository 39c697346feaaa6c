import { z } from 'zod';
import { isSeed, MAX_SEED } from '../exercises/seed.ts';

/**
 * What the browser keeps about a learner's work on the exercises (IndexedDB, runtime/browser/progress-db.ts)
 * and what a submission file carries (submission.ts). Plain JSON throughout; the grader recomputes every
 * score from the answers and the seed, so nothing here is trusted as a grade.
 *
 *   Attempt        one press of "Check" that cost an attempt: the answers, the seed, the scores the page computed.
 *   ExerciseState  where the learner is in one exercise: the variant's seed, the answers being typed,
 *                  hints shown, the last feedback.
 *   Assignment     a course's seed for one exercise (the classroom sets it; it overrides the local seed).
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const exerciseId = z.string().regex(SLUG, 'must be an exercise id: lowercase words joined by hyphens, like read-two-runs');
const seed = z.number().refine(isSeed, `a seed is a whole number from 0 to ${MAX_SEED}`);
const isoTime = z.iso.datetime({ offset: true, message: 'must be a date and time in ISO 8601 (2025-01-31T14:05:00.000Z)' });
const score = z.number().min(0).max(1);

/** One part's answer: text (number, spec, code, one choice) or a list of ids (several choices, an ordering). */
export const answerSchema = z.union([z.string(), z.array(z.string())]);
/** Answers by part id, as checkAnswers takes them. */
export const answersSchema = z.record(z.string(), answerSchema);

export const PART_STATUSES = ['correct', 'partial', 'wrong', 'format-error'] as const;

export const partScoreSchema = z
  .object({
    /** correct, partial, wrong, or format-error (read as no attempt for that part). */
    status: z.enum(PART_STATUSES),
    /** 0 to 1, as the page's checker gave it. */
    score,
  })
  .strict();

/** Where a seed came from: drawn by this browser, given in the page's address (?seed=), or by a course assignment. */
export const SEED_SOURCES = ['local', 'url', 'assignment'] as const;
export type SeedSource = (typeof SEED_SOURCES)[number];

export const assignmentRefSchema = z
  .object({
    /** The course's id, as the classroom names it. */
    course: z.string().min(1),
    /** The assignment's id within the course. */
    assignment: z.string().min(1),
    /** The learner's id as the course knows it. */
    learner: z.string().min(1),
  })
  .strict();

export const attemptSchema = z
  .object({
    /** A unique id (a random UUID): merging two copies of the same attempt keeps one. */
    id: z.string().min(1),
    /** The exercise's id (its folder under exercises/). */
    exercise: exerciseId,
    /** The variant's seed: with the answers, all the grader needs to recompute the score. */
    seed,
    /** The answers checked, by part id. */
    answers: answersSchema,
    /** The exercise's score in [0, 1] as the page computed it (weighted over all parts; unanswered parts 0). */
    score,
    /** Each checked part's status and score. */
    parts: z.record(z.string(), partScoreSchema),
    /** Every part answered and correct. */
    complete: z.boolean(),
    /** When the learner pressed Check. */
    at: isoTime,
    /** The course assignment the variant belonged to, when it did. */
    assignment: assignmentRefSchema.optional(),
  })
  .strict();
export type Attempt = z.infer<typeof attemptSchema>;

/** The last feedback shown, kept so a reload shows it again (the page's CheckResult, as JSON). */
export const lastResultSchema = z
  .object({
    seed,
    score,
    points: z.number().min(0),
    complete: z.boolean(),
    formatErrors: z.array(z.string()),
    /** Per part: status, score, feedback and the optional details and diagnostics. */
    parts: z.record(
      z.string(),
      z.object({
        status: z.enum(PART_STATUSES),
        score,
        feedback: z.string(),
        details: z
          .array(z.object({ id: z.string(), label: z.string(), passed: z.boolean(), points: z.number().optional(), message: z.string().optional() }))
          .optional(),
        diagnostics: z
          .array(z.object({ line: z.number(), column: z.number(), severity: z.enum(['error', 'warning']), message: z.string() }))
          .optional(),
      }),
    ),
    /** Whether this check cost an attempt. */
    counted: z.boolean(),
    at: isoTime,
  })
  .loose();
export type LastResult = z.infer<typeof lastResultSchema>;

export const exerciseStateSchema = z
  .object({
    exercise: exerciseId,
    /** The seed of the variant on screen. */
    seed,
    /** Where that seed came from. */
    seedSource: z.enum(SEED_SOURCES),
    /** The answers as typed so far for this seed (checked or not). */
    draft: answersSchema,
    /** How many hints the learner has revealed (hints are the same for every variant). */
    hintsShown: z.number().int().min(0),
    /** The feedback of the last check, for this seed. */
    lastResult: lastResultSchema.optional(),
    /** When this state last changed: on merge, the later state wins. */
    updatedAt: isoTime,
  })
  .strict();
export type ExerciseState = z.infer<typeof exerciseStateSchema>;

/**
 * A course's seed for one exercise: the hook for the classroom. While one exists for an exercise, the page
 * shows that variant (not the local seed) and offers no "New variant".
 */
export const assignmentSchema = assignmentRefSchema
  .extend({
    exercise: exerciseId,
    /** seedFor({ courseSecret, assignment, learner }), computed by the course. */
    seed,
    /** When the page received it. */
    receivedAt: isoTime,
  })
  .strict();
export type Assignment = z.infer<typeof assignmentSchema>;

/** Everything a store holds: what an export writes and an import merges. */
export interface ProgressSnapshot {
  attempts: Attempt[];
  states: ExerciseState[];
  assignments: Assignment[];
}

export function emptySnapshot(): ProgressSnapshot {
  return { attempts: [], states: [], assignments: [] };
}
