import { progressStore } from '../../runtime/browser/progress-db.ts';
import type { AssignmentLink } from '../../runtime/classroom/link.ts';
import type { AnyExercise, Answers, CheckResult, Part, Variant } from '../../runtime/exercises/types.ts';
import { countsAsAttempt } from '../../runtime/exercises/check.ts';
import type { Assignment, Attempt, ExerciseState, LastResult } from '../../runtime/progress/records.ts';
import { chooseSeed, parseUrlSeed } from '../../runtime/progress/seed-choice.ts';
import type { ProgressStore } from '../../runtime/progress/store.ts';

/**
 * The island's dealings with the progress store, apart from React: which variant to show, what a
 * check records, what counts as answered.
 */

export interface Session {
  store: ProgressStore;
  /** Why progress lasts only as long as the page, when it does. */
  storeProblem?: string;
  state: ExerciseState;
  assignment?: Assignment;
  /** This exercise's attempts, oldest first. */
  attempts: Attempt[];
  /** Why the page's ?seed= was ignored. */
  seedProblem?: string;
}

/** A fresh seed from the browser's random source. */
export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}

/** Opens the store, and picks the variant (seed-choice.ts) and the state that goes with it. */
export async function openSession(exerciseId: string, urlSeed: string | null, link?: AssignmentLink): Promise<Session> {
  const { store, problem } = await progressStore();
  let state: ExerciseState | undefined;
  let assignment: Assignment | undefined;
  let attempts: Attempt[] = [];
  let storeProblem = problem;
  try {
    [state, assignment, attempts] = await Promise.all([store.getState(exerciseId), store.getAssignment(exerciseId), store.attempts(exerciseId)]);
  } catch (e) {
    storeProblem = `Your saved progress could not be read (${e instanceof Error ? e.message : String(e)}).`;
  }
  // An assignment link (workbook assign) sets the course's variant for this exercise; a link for another
  // learner or assignment replaces the one stored (the page shows what the link says, the grader decides).
  if (link && !(assignment && sameAssignment(assignment, link))) {
    assignment = { exercise: exerciseId, ...link, receivedAt: new Date().toISOString() };
    await store.putAssignment(assignment).catch(() => undefined);
  }
  const choice = chooseSeed({ assignment, urlSeed, state, random: randomSeed });
  const now = new Date().toISOString();
  let next: ExerciseState;
  if (!state || choice.replacesState) {
    next = { exercise: exerciseId, seed: choice.seed, seedSource: choice.source, draft: {}, hintsShown: state?.hintsShown ?? 0, updatedAt: now };
  } else {
    next = { ...state, seedSource: choice.source };
  }
  // Opening a page changes nothing unless the variant changed: an unchanged state keeps its time (merges compare it).
  if (next !== state && (!state || choice.replacesState || state.seedSource !== choice.source)) {
    next = await save(store, next).catch(() => next);
  }
  return { store, storeProblem, state: next, assignment, attempts, seedProblem: parseUrlSeed(urlSeed).problem };
}

function sameAssignment(a: Assignment, l: AssignmentLink): boolean {
  return a.course === l.course && a.assignment === l.assignment && a.learner === l.learner && a.seed === l.seed;
}

/** Writes a state, stamped with the time. */
export async function save(store: ProgressStore, state: ExerciseState): Promise<ExerciseState> {
  const stamped = { ...state, updatedAt: new Date().toISOString() };
  await store.putState(stamped);
  return stamped;
}

/** The answers worth checking: parts with something typed or picked, in the definition's order. */
export function answeredOnly(parts: readonly Part[], draft: Answers): Answers {
  const out: Answers = {};
  for (const p of parts) {
    const a = draft[p.id];
    if (a === undefined) continue;
    if (typeof a === 'string' ? a.trim() !== '' : a.length > 0) out[p.id] = a;
  }
  return out;
}

/** Whether a check's result costs an attempt: some part was read (format errors cost none). */
export function resultCounts(result: CheckResult): boolean {
  return Object.values(result.parts).some(countsAsAttempt);
}

/** The attempt a counted check records. */
export function attemptOf(
  exercise: AnyExercise,
  variant: Variant,
  answers: Answers,
  result: CheckResult,
  at: string,
  assignment?: Assignment,
): Attempt {
  const clean: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(answers)) if (v !== undefined) clean[k] = v;
  return {
    id: crypto.randomUUID(),
    exercise: exercise.id,
    seed: variant.seed,
    answers: clean,
    score: result.score,
    parts: Object.fromEntries(Object.entries(result.parts).map(([id, p]) => [id, { status: p.status, score: p.score }])),
    complete: result.complete,
    at,
    ...(assignment ? { assignment: { course: assignment.course, assignment: assignment.assignment, learner: assignment.learner } } : {}),
  };
}

/** The check's result as the state keeps it, to show again after a reload. */
export function lastResultOf(result: CheckResult, counted: boolean, at: string): LastResult {
  return {
    seed: result.seed,
    score: result.score,
    points: result.points,
    complete: result.complete,
    formatErrors: result.formatErrors,
    parts: result.parts,
    counted,
    at,
  };
}
