import { z } from 'zod';
import type { Diagnostic } from '../diagnostics.ts';
import { ATTEMPT_POLICY } from '../exercises/attempts.ts';
import { issueMessage } from '../spec/schema.ts';
import { locateYaml } from '../yaml/locate.ts';

/**
 * The assignment file (`*.assignment.yaml`): which exercises, their points, when it is due and what
 * lateness costs, the attempt policy, and where the course secret is read from. The secret itself is
 * never in this file (nor in the site, a submission or the repo): only the name of an environment
 * variable or the path of a file outside the project. Core code: no Node, no DOM.
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

const exerciseEntry = z
  .object({
    /** The exercise's id: its folder under exercises/. */
    id: z.string().regex(SLUG, 'must be an exercise id: lowercase words joined by hyphens, like read-two-runs'),
    /** What the exercise is worth in this assignment (its score in [0, 1] times this). */
    points: z.number().positive('points must be more than 0').max(1000),
  })
  .strict();

const capstoneEntry = z
  .object({
    /** What the capstone report is worth in this assignment (the rubric's share of it is checked, the rest is the instructor's). */
    points: z.number().positive('points must be more than 0').max(1000),
  })
  .strict();

const latePolicy = z.discriminatedUnion('policy', [
  /** Late attempts count like any other. */
  z.object({ policy: z.literal('accept') }).strict(),
  /** Late attempts count for nothing. */
  z.object({ policy: z.literal('refuse') }).strict(),
  /** Each started day late takes `perDay` of the credit away, never more than `max`. */
  z
    .object({
      policy: z.literal('penalty'),
      perDay: z.number().gt(0).max(1),
      max: z.number().gt(0).max(1).default(1),
    })
    .strict(),
]);

/**
 * `attempts: final`: only each exercise's final attempt on the learner's variant is graded, at full
 * value. Without a server nothing stops a learner editing their file's attempt list and times or
 * opening a private window, so decay cannot hold where grades count; the final answer can.
 */
const finalPolicy = z.union([z.literal('final').transform(() => ({ policy: 'final' as const })), z.object({ policy: z.literal('final') }).strict()]);

const decayPolicy = z
  .object({
    /** The one policy the page and the grader share (runtime/exercises/attempts.ts): each attempt on a variant is worth 25% less, at least 25%. */
    policy: z.literal('decay'),
    /** At most this many counted attempts per exercise are graded; later ones are ignored (and said so). Absent: unlimited. */
    limit: z.number().int().positive().optional(),
  })
  .strict();

const attemptPolicy = z.union([finalPolicy, decayPolicy]);

const secretSource = z.union([
  z.object({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name, like COURSE_SECRET') }).strict(),
  z.object({ file: z.string().min(1) }).strict(),
]);

export const assignmentSchema = z
  .object({
    /** The assignment's id, part of every learner's seed: changing it gives everyone new variants. */
    id: z.string().regex(SLUG, 'must be lowercase words joined by hyphens, like week-2'),
    /** The course's id, as the classroom names it. */
    course: z.string().regex(SLUG, 'must be lowercase words joined by hyphens, like bench-101'),
    title: z.string().min(1),
    exercises: z.array(exerciseEntry).default([]),
    /** The capstone report (runtime/capstone/): what it is worth; the rubric's instructor items stay pending. */
    capstone: capstoneEntry.optional(),
    /** When it is due: an ISO time with its zone (2026-12-01T23:59:00Z). */
    due: z.string().regex(ISO_TIME, 'must be an ISO time with its zone, like 2026-12-01T23:59:00Z'),
    late: latePolicy.default({ policy: 'accept' }),
    attempts: attemptPolicy.default({ policy: 'decay' }),
    /** Where the grader and `workbook assign` read the course secret: an environment variable, or a file outside the project. */
    secret: secretSource,
    /** The site the links point to (its origin and base path), e.g. https://workbook.example.org/. */
    site: z.string().url().optional(),
  })
  .strict();

export type Assignment = z.infer<typeof assignmentSchema>;
export type LatePolicy = z.infer<typeof latePolicy>;

/** The one message for a bad `secret` field: it never contains the field's value. */
export const SECRET_MESSAGE =
  'secret: write where the secret is read from (env: NAME or file: PATH), never the secret itself; like `secret: { env: COURSE_SECRET }`';

export interface AssignmentParse {
  assignment?: Assignment;
  diagnostics: Diagnostic[];
  /** Advice that does not stop the assignment being used (lint prints it). */
  warnings?: Diagnostic[];
}

/** The lint warning for decay: it is a self-paced incentive, not something a grade can rest on. */
export const DECAY_WARNING =
  'attempts: decay is a self-paced incentive, not enforceable: a learner can edit the attempt list and times in their file, or check a variant for free in a private window; for graded work write `attempts: final` (only the final answer per exercise counts)';

/** Parses an assignment file's text; every problem is a diagnostic at its line (`file` names it). */
export function parseAssignment(text: string, file?: string): AssignmentParse {
  const at = (pos: { line: number; column: number }, message: string): Diagnostic => ({
    ...(file ? { path: file } : {}),
    ...pos,
    severity: 'error',
    message,
  });
  const located = locateYaml(text);
  if (located.errors.length) return { diagnostics: located.errors.map((e) => at(e, e.message)) };
  const value = located.value;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return {
      diagnostics: [at({ line: 1, column: 1 }, 'an assignment is a mapping of `field: value` lines (id, course, title, exercises, due, secret)')],
    };
  const parsed = assignmentSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    return {
      diagnostics: parsed.error.issues
        .map((issue) => {
          const path = issue.path as (string | number)[];
          const unknown = issue.code === 'unrecognized_keys';
          const where = unknown ? located.posOf([...path, issue.keys[0]!], true) : located.posOf(path);
          const name = path.length ? `${path.join('.')}: ` : '';
          // Never echo a secret field's value (issueMessage quotes the input): say what belongs there.
          if (path[0] === 'secret')
            return path[1] === 'env' && issue.code === 'invalid_format'
              ? at(where, `secret.env: ${issue.message}`)
              : at(located.posOf(['secret']), SECRET_MESSAGE);
          const message = unknown
            ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
            : issueMessage(issue);
          return at(where, `${name}${message}`);
        })
        // One message per place, in line order (a union gives one issue per branch).
        .filter((d, k, all) => all.findIndex((x) => x.line === d.line && x.column === d.column && x.message === d.message) === k)
        .sort((x, y) => x.line - y.line || x.column - y.column),
    };
  }
  const a = parsed.data;
  const diagnostics: Diagnostic[] = [];
  if (a.exercises.length === 0 && !a.capstone)
    diagnostics.push(at(located.posOf(['exercises']), 'exercises: an assignment has at least one exercise (or a `capstone: { points: N }`)'));
  const seen = new Set<string>();
  a.exercises.forEach((e, i) => {
    if (seen.has(e.id))
      diagnostics.push(at(located.posOf(['exercises', i, 'id']), `exercises.${i}.id: "${e.id}" is listed twice; each exercise once`));
    seen.add(e.id);
  });
  if (Number.isNaN(Date.parse(a.due))) diagnostics.push(at(located.posOf(['due']), `due: "${a.due}" is not a real date`));
  if (diagnostics.length) return { diagnostics };
  const warnings = a.attempts.policy === 'decay' ? [{ ...at(located.posOf(['attempts']), DECAY_WARNING), severity: 'warning' as const }] : [];
  return { assignment: a, diagnostics: [], warnings };
}

/** The assignment's total points. */
export function totalPoints(a: Assignment): number {
  return a.exercises.reduce((s, e) => s + e.points, 0) + (a.capstone?.points ?? 0);
}

/** The share of credit an attempt made at `at` keeps under the late policy (1 when on time). */
export function lateFactor(a: Assignment, at: string): number {
  const late = Date.parse(at) - Date.parse(a.due);
  if (!(late > 0)) return 1;
  switch (a.late.policy) {
    case 'accept':
      return 1;
    case 'refuse':
      return 0;
    case 'penalty': {
      const days = Math.ceil(late / 86_400_000);
      return Math.max(0, 1 - Math.min(a.late.max, days * a.late.perDay));
    }
  }
}

/** The attempt policy the assignment uses: the workbook's decay with its limit, or `final` (one attempt at full value). */
export function attemptPolicyOf(a: Assignment): typeof ATTEMPT_POLICY & { limit: number | undefined; final: boolean } {
  if (a.attempts.policy === 'final') return { ...ATTEMPT_POLICY, limit: undefined, final: true };
  return { ...ATTEMPT_POLICY, limit: a.attempts.limit, final: false };
}
