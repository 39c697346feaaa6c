import { attemptValue } from '../exercises/attempts.ts';
import { seedFor } from '../exercises/seed.ts';
import type { AnyExercise, Answers, CheckResult } from '../exercises/types.ts';
import { readSubmission, type Submission, type SubmissionEntry } from '../progress/submission.ts';
import { attemptPolicyOf, lateFactor, totalPoints, type Assignment } from './assignment.ts';
import { emptyExerciseGrade, roundPoints, type ExerciseGrade, type LearnerGrade, type PartGrade } from './grades.ts';
import { type Learner, learnerIdProblem } from './roster.ts';
import { capText, cleanText, MAX_FIELD } from './text.ts';
import { emptyCapstoneGrade, gradeCapstoneText } from '../capstone/grade.ts';
import { CAPSTONE_FORMAT, isCapstoneValue } from '../capstone/report.ts';
import type { CapstoneOptions } from '../capstone/rubric.ts';

/** The most attempts of a code exercise the grader runs per learner (the last ones; exercises/README.md). */
export const MAX_CODE_ATTEMPTS = 5;
/**
 * Sandbox steps one file's code checks may use together (runtime/node/classroom/quickjs-sandbox.ts
 * counts them: interrupt checks, promise jobs, console calls). Counted, not timed, so the same file
 * gets the same grade on any machine. 40,000 is about 16 CPU-s of the worked solution of
 * fix-timing-harness (~2,500 steps per CPU-s over seeds 1-200 here), 22x what 5 attempts of it
 * need on its costliest seed of those (354 steps, seed 129), and more than one check of an endless loop
 * (16,000 steps stop the test and, with it, the check's sandbox run), whose feedback then says so
 * (docs/classroom/README.md).
 */
export const FILE_STEP_BUDGET = 40_000;
/** What the file has spent of its budget so far; shared by all its code checks. */
export interface CheckBudget {
  used: number;
  limit: number;
}
/** A row's message in grades.json is cut here (the CSVs and feedback cut further). */
const MAX_MESSAGE = 1000;
/** Course and assignment ids, as the assignment file's rules write them. */
const STAMP_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Grades one learner's submission text against an assignment: every attempt on the learner's own
 * variant is checked again by the grader (`check`: the exercise's checker plus its hidden tests, in
 * the grader's sandbox); the scores in the file are never used. Attempts on another variant are
 * flagged, not scored; a stamp for another learner or another variant makes the file an error row.
 * Never throws: whatever goes wrong is the row's message, and the batch goes on.
 */

export interface GradeContext {
  assignment: Assignment;
  secret: string;
  exercises: ReadonlyMap<string, AnyExercise>;
  /**
   * Checks answers on a variant with the hidden tests; may throw (the exercise is then marked not
   * checked). A code check counts its sandbox steps against `budget` and stops when it is spent.
   */
  check: (exercise: AnyExercise, seed: number, answers: Answers, budget?: CheckBudget) => Promise<CheckResult>;
  /** Steps per file (FILE_STEP_BUDGET unless a test sets a smaller one). */
  fileStepBudget?: number;
  /** The capstone rubric's options (design keys of the workbook's own specs), where the assignment has a capstone. */
  capstone?: CapstoneOptions;
}

/** Keys that would reach an object's prototype when a parsed object is copied: refused anywhere in a submission. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Why the JSON text holds a forbidden key (prototype pollution), or undefined. */
export function forbiddenKeyProblem(text: string): string | undefined {
  let found: string | undefined;
  try {
    JSON.parse(text, (key, value: unknown) => {
      if (found === undefined && FORBIDDEN_KEYS.has(key)) found = key;
      return value;
    });
  } catch {
    return undefined; // not JSON: readSubmission says so
  }
  return found === undefined
    ? undefined
    : `the file has a field named "${found}", which no submission has (an attempt to reach the grader's objects' prototypes); refused`;
}

function isCapstoneText(text: string): boolean {
  try {
    return isCapstoneValue(JSON.parse(text));
  } catch {
    return false;
  }
}

/** The seed of this learner's variants in this assignment. */
export function learnerSeed(ctx: Pick<GradeContext, 'assignment' | 'secret'>, learner: string): number {
  return seedFor({ courseSecret: ctx.secret, assignment: ctx.assignment.id, learner });
}

/** A row with nothing graded: missing, or an error with its reason. */
export function emptyRow(ctx: GradeContext, learner: Learner, status: 'missing' | 'error', message: string, file?: string): LearnerGrade {
  return {
    ...learner,
    ...(file !== undefined ? { file } : {}),
    status,
    points: 0,
    max: totalPoints(ctx.assignment),
    message: capText(message, MAX_MESSAGE),
    exercises: [...ctx.assignment.exercises.map((e) => emptyExerciseGrade(e.id, e.points)), ...emptyCapstoneGrade(ctx.assignment)],
  };
}

export async function gradeSubmissionText(ctx: GradeContext, learner: Learner, file: string, text: string): Promise<LearnerGrade> {
  try {
    const pollution = forbiddenKeyProblem(text);
    if (pollution) return emptyRow(ctx, learner, 'error', `${file}: ${pollution}`, file);
    // A capstone report (runtime/capstone/) is graded by the capstone rubric, not as exercise attempts.
    if (text.includes(CAPSTONE_FORMAT) && isCapstoneText(text)) return gradeCapstoneText(ctx.assignment, learner, file, text, ctx.capstone);
    const read = readSubmission(text, { file });
    if (!read.submission) return emptyRow(ctx, learner, 'error', read.errors.join('; '), file);
    return await gradeSubmission(ctx, learner, file, read.submission);
  } catch (e) {
    return emptyRow(
      ctx,
      learner,
      'error',
      `the grader failed on this file (${e instanceof Error ? e.message : String(e)}); nothing of it was graded`,
      file,
    );
  }
}

async function gradeSubmission(ctx: GradeContext, learner: Learner, file: string, submission: Submission): Promise<LearnerGrade> {
  const a = ctx.assignment;
  const seed = learnerSeed(ctx, learner.learner);
  // A stamp says whose variant the page showed: for another learner or another variant, the file is not this learner's work.
  for (const [i, entry] of submission.exercises.entries()) {
    const stamp = entry.assignment;
    if (!stamp || !a.exercises.some((e) => e.id === entry.exercise)) continue;
    const where = `${file}: exercises[${i}].assignment`;
    // A stamp's fields are ids: anything else (a control sequence, a megabyte) is refused, never echoed whole.
    const badField = (['learner', 'course', 'assignment'] as const).find((k) =>
      k === 'learner' ? learnerIdProblem(String(stamp.learner)) !== undefined : !STAMP_SLUG.test(String(stamp[k])),
    );
    if (badField)
      return emptyRow(
        ctx,
        learner,
        'error',
        `${where}.${badField}: "${cleanText(String(stamp[badField]), 60)}" is not an id (the page writes ids only): forged, not graded`,
        file,
      );
    if (stamp.course !== a.course || stamp.assignment !== a.id)
      return emptyRow(
        ctx,
        learner,
        'error',
        `${where}: stamped for ${stamp.course}/${stamp.assignment}, not ${a.course}/${a.id}: the file is from another assignment`,
        file,
      );
    if (stamp.learner !== learner.learner)
      return emptyRow(
        ctx,
        learner,
        'error',
        `${where}: stamped for the learner "${stamp.learner}", submitted as "${learner.learner}": forged or swapped, not graded`,
        file,
      );
    if (stamp.seed !== seed)
      return emptyRow(ctx, learner, 'error', `${where}: the stamped variant (seed ${stamp.seed}) is not this learner's: forged, not graded`, file);
  }
  const exercises: ExerciseGrade[] = [];
  const flags: string[] = [];
  const errors: string[] = [];
  const budget: CheckBudget = { used: 0, limit: ctx.fileStepBudget ?? FILE_STEP_BUDGET };
  for (const e of a.exercises) {
    const entry = submission.exercises.find((x) => x.exercise === e.id);
    const exercise = ctx.exercises.get(e.id);
    if (!exercise) throw new Error(`the exercise "${e.id}" is not loaded`);
    const grade = entry ? await gradeExercise(ctx, exercise, e.points, entry, seed, budget) : emptyExerciseGrade(e.id, e.points);
    if (grade.flagged) flags.push(`${e.id}: ${grade.flagged} attempt(s) on another variant, not scored`);
    if (grade.overBudget)
      flags.push(`${e.id}: ${grade.overBudget} code check(s) past the file's budget of ${budget.limit.toLocaleString('en')} sandbox steps, scored 0`);
    if (grade.error) errors.push(`${e.id}: ${grade.error}`);
    exercises.push(grade);
  }
  exercises.push(...emptyCapstoneGrade(a));
  const points = roundPoints(exercises.reduce((s, x) => s + x.points, 0));
  return {
    ...learner,
    file,
    status: errors.length ? 'error' : 'graded',
    points,
    max: totalPoints(a),
    message: capText([...errors, ...flags].join('; '), MAX_MESSAGE),
    exercises,
  };
}

/** The result of a code check the file's budget did not cover: every part 0, and why. */
function overBudgetResult(exercise: AnyExercise, seed: number, limit: number, cut: boolean): CheckResult {
  const feedback = `Not graded: this file's code checks spent their budget of ${limit.toLocaleString('en')} sandbox steps ${cut ? 'while this attempt ran' : 'before this attempt'}. The newest attempts are checked first; an endless loop spends 16,000 steps per test it stops.`;
  return {
    exercise: exercise.id,
    seed,
    parts: Object.fromEntries(exercise.parts.map((p) => [p.id, { score: 0, status: 'wrong' as const, feedback }])),
    score: 0,
    points: 0,
    complete: false,
    formatErrors: [],
  };
}

async function gradeExercise(
  ctx: GradeContext,
  exercise: AnyExercise,
  max: number,
  entry: SubmissionEntry,
  seed: number,
  budget: CheckBudget,
): Promise<ExerciseGrade> {
  const policy = attemptPolicyOf(ctx.assignment);
  // Oldest first, ties by id: the order the attempt policy counts in, the same on every run.
  const attempts = [...entry.attempts].sort((x, y) => x.at.localeCompare(y.at) || x.id.localeCompare(y.id));
  const own = attempts.filter((t) => t.seed === seed);
  const limited = policy.final ? own.slice(-1) : policy.limit === undefined ? own : own.slice(0, policy.limit);
  // A code attempt runs the learner's program in the sandbox (about a CPU-second): only the last
  // MAX_CODE_ATTEMPTS are graded, each at its true place on the variant (its decay value).
  const isCode = exercise.parts.some((p) => p.answer.type === 'code');
  const counted = isCode ? limited.slice(-MAX_CODE_ATTEMPTS) : limited;
  const offset = own.indexOf(counted[0]!);
  const grade: ExerciseGrade = {
    ...emptyExerciseGrade(exercise.id, max),
    attempts: attempts.length,
    flagged: attempts.length - own.length,
    // Under `final` the earlier attempts are drafts, not attempts past a limit.
    beyondLimit: policy.final ? 0 : own.length - counted.length,
    hintsShown: entry.state?.hintsShown ?? 0,
  };
  const results: CheckResult[] = new Array(counted.length);
  const cache = new Map<string, CheckResult>();
  let overBudget = 0;
  // Code checks share the file's step budget: the newest attempt is checked first, so it is the last to go without.
  const order = counted.map((_, k) => (isCode ? counted.length - 1 - k : k));
  try {
    for (const k of order) {
      const t = counted[k]!;
      const key = JSON.stringify(t.answers);
      let r = cache.get(key);
      if (!r) {
        if (isCode && budget.used >= budget.limit) {
          r = overBudgetResult(exercise, seed, budget.limit, false);
          overBudget++;
        } else {
          r = await ctx.check(exercise, seed, t.answers as Answers, isCode ? budget : undefined);
          // Past the limit, the sandbox stopped this check part-way: it is not graded on what had passed.
          if (isCode && budget.used > budget.limit) {
            r = overBudgetResult(exercise, seed, budget.limit, true);
            overBudget++;
          }
        }
        cache.set(key, r);
      }
      results[k] = r;
    }
  } catch (e) {
    const why = capText(e instanceof Error ? e.message : String(e), MAX_FIELD);
    return { ...grade, error: `could not be checked by the grader (${why}); regrade where it can be` };
  }
  grade.graded = results.length;
  if (overBudget) grade.overBudget = overBudget;
  // `final`: the one graded attempt keeps its whole score (no decay).
  const credited = (policy.final ? results.map((r) => r.score) : results.map((r, k) => r.score * attemptValue(offset + k + 1, policy))).map(
    (c, k) => c * lateFactor(ctx.assignment, counted[k]!.at),
  );
  let best = -1;
  credited.forEach((c, k) => {
    if (best < 0 || c > credited[best]!) best = k;
  });
  if (best >= 0) {
    const r = results[best]!;
    const t = counted[best]!;
    // Every counted attempt is on the learner's one variant: attempt k is the variant's (offset + k + 1)-th.
    const value = policy.final ? 1 : attemptValue(offset + best + 1, policy);
    grade.best = { attempt: t.id, at: t.at, score: r.score, value: roundPoints(value), late: roundPoints(lateFactor(ctx.assignment, t.at)) };
    grade.points = roundPoints(credited[best]! * max);
    grade.parts = Object.fromEntries(
      exercise.parts
        .filter((p) => r.parts[p.id])
        .map((p): [string, PartGrade] => [
          p.id,
          { status: r.parts[p.id]!.status, score: roundPoints(r.parts[p.id]!.score), feedback: r.parts[p.id]!.feedback },
        ]),
    );
  }
  results.forEach((r, k) => {
    for (const p of exercise.parts) {
      const pr = r.parts[p.id];
      if (!pr) continue;
      const answer = counted[k]!.answers[p.id];
      if (pr.status === 'format-error') grade.formatErrors.push({ part: p.id, feedback: pr.feedback.split('\n')[0]!.slice(0, 200) });
      else if (pr.status === 'wrong' && ['number', 'choice', 'ordering'].includes(p.answer.type) && answer !== undefined)
        grade.wrong.push({ part: p.id, answer: (Array.isArray(answer) ? answer.join(', ') : String(answer)).slice(0, 100) });
    }
  });
  return grade;
}
