import { z } from 'zod';
import { formatPath, issueMessage } from '../spec/schema.ts';
import {
  assignmentRefSchema,
  attemptSchema,
  exerciseStateSchema,
  type Assignment,
  type Attempt,
  type ExerciseState,
  type ProgressSnapshot,
} from './records.ts';
import { summarize } from './summary.ts';

/**
 * The submission file: a learner's work on the exercises, exported from the progress page and imported
 * back (into another browser, or by the grader). Documented for authors and instructors in
 * exercises/README.md ("Submission files"). Versioned like result records: `format` names the kind of
 * file, `version` its layout; an older version is read through `migrations`, a newer one is refused
 * with a message that says so.
 *
 * The scores in it are what the learner's page computed: the grader recomputes every one of them from
 * the answers and the seed (`createVariant` + `checkAnswers`), so a hand-edited score gains nothing.
 */

export const SUBMISSION_FORMAT = 'benchmark-carpentry/submission';
export const SUBMISSION_VERSION = 1;
/** The file name the progress page suggests. */
export const SUBMISSION_FILE_SUFFIX = '.submission.json';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** An attempt as the file carries it: the stored attempt without its exercise id (the entry has it), with its points. */
const submittedAttemptSchema = attemptSchema
  .omit({ exercise: true })
  .extend({
    /** score x the exercise's points, as the page computed it (informative: the grader recomputes). */
    points: z.number().min(0).optional(),
  })
  .strict();

const submittedStateSchema = exerciseStateSchema.omit({ exercise: true, lastResult: true }).strict();

const submittedAssignmentSchema = assignmentRefSchema
  .extend({
    seed: attemptSchema.shape.seed,
    receivedAt: exerciseStateSchema.shape.updatedAt,
  })
  .strict();

const entrySchema = z
  .object({
    /** The exercise's id: its folder under exercises/. */
    exercise: z.string().regex(SLUG, 'must be an exercise id: lowercase words joined by hyphens, like read-two-runs'),
    /** The exercise's title when exported (informative). */
    title: z.string().optional(),
    /** The exercise's points when exported (informative). */
    points: z.number().min(0).optional(),
    /**
     * The grade as the page computed it (informative: the grader recomputes from `attempts`): the attempt that
     * gives it and its credited score, its score times what it was worth under the attempt policy.
     */
    best: z
      .object({ attempt: z.string(), seed: attemptSchema.shape.seed, score: z.number().min(0).max(1), points: z.number().min(0).optional() })
      .strict()
      .optional(),
    /** Where the learner is: the variant on screen, answers typed and not yet checked, hints shown. */
    state: submittedStateSchema.optional(),
    /** The course assignment of this exercise, when the learner has one. */
    assignment: submittedAssignmentSchema.optional(),
    /** Every attempt, oldest first: the seed, the answers, and the page's scores. */
    attempts: z.array(submittedAttemptSchema),
  })
  .strict();

export const submissionSchema = z
  .object({
    /** Always "benchmark-carpentry/submission". */
    format: z.literal(SUBMISSION_FORMAT),
    /** The layout of this file: 1. */
    version: z.literal(SUBMISSION_VERSION),
    /** When the file was exported. */
    exportedAt: exerciseStateSchema.shape.updatedAt,
    /** The site it was exported from (its origin), informative. */
    site: z.string().optional(),
    /** One entry per exercise the learner worked on, in the workbook's order. */
    exercises: z.array(entrySchema),
  })
  .strict();

export type Submission = z.infer<typeof submissionSchema>;
export type SubmissionEntry = z.infer<typeof entrySchema>;

/** What the page knows about an exercise when it exports: its title and points. */
export interface ExerciseMeta {
  title: string;
  points: number;
}

export interface BuildOptions {
  /** When the export happens (ISO time). */
  exportedAt: string;
  /** The site's origin, written into the file. */
  site?: string;
  /** Titles and points by exercise id, in the workbook's order (entries follow it; unknown ids go last). */
  exercises?: ReadonlyMap<string, ExerciseMeta>;
}

/** The submission for a snapshot of the store: one entry per exercise with a state, attempts or an assignment. */
export function buildSubmission(snapshot: ProgressSnapshot, options: BuildOptions): Submission {
  const meta = options.exercises ?? new Map<string, ExerciseMeta>();
  const ids = new Set<string>([
    ...snapshot.states.map((s) => s.exercise),
    ...snapshot.attempts.map((a) => a.exercise),
    ...snapshot.assignments.map((a) => a.exercise),
  ]);
  const order = [...meta.keys()];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const summaries = summarize(snapshot.attempts);
  const exercises = [...ids]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((id): SubmissionEntry => {
      const m = meta.get(id);
      const pointsOf = (score: number) => (m ? Math.round(score * m.points * 1000) / 1000 : undefined);
      const attempts = snapshot.attempts
        .filter((a) => a.exercise === id)
        .sort((x, y) => x.at.localeCompare(y.at))
        .map(({ exercise: _, ...a }) => ({ ...a, ...(m ? { points: pointsOf(a.score) } : {}) }));
      const state = snapshot.states.find((s) => s.exercise === id);
      const assignment = snapshot.assignments.find((a) => a.exercise === id);
      const summary = summaries.get(id);
      const bestAttempt = summary?.best !== undefined ? attempts.find((a) => a.id === summary.bestAttempt) : undefined;
      return {
        exercise: id,
        ...(m ? { title: m.title, points: m.points } : {}),
        ...(bestAttempt && summary?.best !== undefined
          ? { best: { attempt: bestAttempt.id, seed: bestAttempt.seed, score: summary.best, ...(m ? { points: pointsOf(summary.best) } : {}) } }
          : {}),
        ...(state
          ? {
              state: { seed: state.seed, seedSource: state.seedSource, draft: state.draft, hintsShown: state.hintsShown, updatedAt: state.updatedAt },
            }
          : {}),
        ...(assignment
          ? {
              assignment: {
                course: assignment.course,
                assignment: assignment.assignment,
                learner: assignment.learner,
                seed: assignment.seed,
                receivedAt: assignment.receivedAt,
              },
            }
          : {}),
        attempts,
      };
    });
  return {
    format: SUBMISSION_FORMAT,
    version: SUBMISSION_VERSION,
    exportedAt: options.exportedAt,
    ...(options.site ? { site: options.site } : {}),
    exercises,
  };
}

/** Migrations from older submission versions: version -> function giving the next version's file. Empty while 1 is the only version. */
export const migrations: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

export interface ReadOptions {
  /** The file's name, for messages. */
  file?: string;
  /** The exercises this workbook has: entries for others are kept, with a warning. */
  knownExercises?: readonly string[];
}

export interface ReadResult {
  submission?: Submission;
  /** Why the file cannot be read; empty when `submission` is set. */
  errors: string[];
  /** What was read but deserves a word (unknown exercises). */
  warnings: string[];
}

/** Reads a submission file's text: JSON, format, version (migrating older ones), then the schema; every problem names its place. */
export function readSubmission(text: string, options: ReadOptions = {}): ReadResult {
  const file = options.file ?? 'the file';
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return {
      errors: [`${file} is not JSON (${(e as Error).message}): choose a file exported from the progress page (it ends in ${SUBMISSION_FILE_SUFFIX})`],
      warnings: [],
    };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data) || (data as { format?: unknown }).format !== SUBMISSION_FORMAT) {
    const other =
      data && typeof data === 'object' && typeof (data as { format?: unknown }).format === 'string'
        ? ` (it says "format": "${(data as { format: string }).format}")`
        : '';
    return { errors: [`${file} is not a Benchmark Carpentry submission${other}: a submission has "format": "${SUBMISSION_FORMAT}"`], warnings: [] };
  }
  let obj = data as Record<string, unknown>;
  if (typeof obj.version !== 'number' || !Number.isInteger(obj.version))
    return { errors: [`${file}: "version" is missing or not a whole number`], warnings: [] };
  let version: number = obj.version;
  if (version > SUBMISSION_VERSION) {
    return {
      errors: [
        `${file} is a submission of version ${version}, newer than this workbook reads (up to ${SUBMISSION_VERSION}): open the newer workbook it came from`,
      ],
      warnings: [],
    };
  }
  while (version < SUBMISSION_VERSION) {
    const step = migrations[version];
    if (!step) return { errors: [`${file}: submission version ${version} can no longer be read`], warnings: [] };
    obj = step(obj);
    version = obj.version as number;
  }
  const parsed = submissionSchema.safeParse(obj);
  if (!parsed.success) {
    const errors = parsed.error.issues.slice(0, 8).map((issue) => {
      const where = formatPath(issue.path as (string | number)[]) || '(the file)';
      const what =
        issue.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
          : issueMessage(issue);
      return `${file}: ${where}: ${what}`;
    });
    if (parsed.error.issues.length > 8) errors.push(`${file}: ... and ${parsed.error.issues.length - 8} more problems`);
    return { errors, warnings: [] };
  }
  const submission = parsed.data;
  const errors: string[] = [];
  const seenExercises = new Set<string>();
  const seenAttempts = new Set<string>();
  submission.exercises.forEach((entry, i) => {
    if (seenExercises.has(entry.exercise))
      errors.push(`${file}: exercises[${i}]: "${entry.exercise}" has another entry before this one; each exercise has one entry`);
    seenExercises.add(entry.exercise);
    entry.attempts.forEach((a, k) => {
      if (seenAttempts.has(a.id)) errors.push(`${file}: exercises[${i}].attempts[${k}].id: "${a.id}" is the id of another attempt; ids are unique`);
      seenAttempts.add(a.id);
    });
    if (entry.state?.seedSource === 'assignment' && !entry.assignment)
      errors.push(`${file}: exercises[${i}].state.seedSource: "assignment", but the entry has no assignment`);
  });
  if (errors.length) return { errors, warnings: [] };
  const warnings = options.knownExercises
    ? submission.exercises
        .filter((e) => !options.knownExercises!.includes(e.exercise))
        .map((e) => `${file}: "${e.exercise}" is not an exercise of this workbook; its attempts are kept but not listed`)
    : [];
  return { submission, errors: [], warnings };
}

/** The store's records for a submission, ready to merge (merge.ts). */
export function submissionToSnapshot(submission: Submission): ProgressSnapshot {
  const attempts: Attempt[] = [];
  const states: ExerciseState[] = [];
  const assignments: Assignment[] = [];
  for (const entry of submission.exercises) {
    for (const { points: _, ...a } of entry.attempts) attempts.push({ ...a, exercise: entry.exercise });
    if (entry.state) states.push({ ...entry.state, exercise: entry.exercise });
    if (entry.assignment) assignments.push({ ...entry.assignment, exercise: entry.exercise });
  }
  return { attempts, states, assignments };
}

/** The file name for an export: `benchmark-carpentry-2025-01-31.submission.json` (the date of the export). */
export function submissionFileName(exportedAt: string, prefix = 'benchmark-carpentry'): string {
  return `${prefix}-${exportedAt.slice(0, 10)}${SUBMISSION_FILE_SUFFIX}`;
}
