import type { Assignment, Attempt, ExerciseState, ProgressSnapshot } from './records.ts';

/**
 * Merging progress (an imported submission into the browser's store, or two browsers' exports): nothing
 * is ever lost.
 *
 * - Attempts: the union, one per id. An attempt is immutable, so two copies with the same id are the
 *   same attempt; the local copy is kept.
 * - Exercise states (seed on screen, draft answers, hints, last feedback): the later `updatedAt` wins,
 *   and the hints shown are the larger count of the two. The loser's seed is not lost when it was
 *   ever checked: its attempts carry it.
 * - Assignments: the later `receivedAt` wins.
 */

export interface MergeReport {
  /** Attempts the incoming side added. */
  attemptsAdded: number;
  /** Attempts already present (same id). */
  attemptsKnown: number;
  /** Exercises whose state the incoming side replaced (it was newer). */
  statesTaken: string[];
  /** Exercises whose local state was kept (it was newer, or as new). */
  statesKept: string[];
  /** Assignments the incoming side added or replaced. */
  assignmentsTaken: string[];
}

export interface MergeResult {
  merged: ProgressSnapshot;
  report: MergeReport;
}

/** Merges `incoming` into `local` by the rules above; neither argument is changed. */
export function mergeSnapshots(local: ProgressSnapshot, incoming: ProgressSnapshot): MergeResult {
  const report: MergeReport = { attemptsAdded: 0, attemptsKnown: 0, statesTaken: [], statesKept: [], assignmentsTaken: [] };

  const attempts = new Map<string, Attempt>(local.attempts.map((a) => [a.id, a]));
  for (const a of incoming.attempts) {
    if (attempts.has(a.id)) report.attemptsKnown += 1;
    else {
      attempts.set(a.id, a);
      report.attemptsAdded += 1;
    }
  }

  const states = new Map<string, ExerciseState>(local.states.map((s) => [s.exercise, s]));
  for (const theirs of incoming.states) {
    const ours = states.get(theirs.exercise);
    if (!ours) {
      states.set(theirs.exercise, theirs);
      report.statesTaken.push(theirs.exercise);
    } else if (theirs.updatedAt > ours.updatedAt) {
      states.set(theirs.exercise, { ...theirs, hintsShown: Math.max(ours.hintsShown, theirs.hintsShown) });
      report.statesTaken.push(theirs.exercise);
    } else {
      states.set(ours.exercise, { ...ours, hintsShown: Math.max(ours.hintsShown, theirs.hintsShown) });
      report.statesKept.push(ours.exercise);
    }
  }

  const assignments = new Map<string, Assignment>(local.assignments.map((a) => [a.exercise, a]));
  for (const theirs of incoming.assignments) {
    const ours = assignments.get(theirs.exercise);
    if (!ours || theirs.receivedAt > ours.receivedAt) {
      assignments.set(theirs.exercise, theirs);
      report.assignmentsTaken.push(theirs.exercise);
    }
  }

  return {
    merged: {
      attempts: [...attempts.values()].sort((x, y) => x.at.localeCompare(y.at) || x.id.localeCompare(y.id)),
      states: [...states.values()].sort((x, y) => x.exercise.localeCompare(y.exercise)),
      assignments: [...assignments.values()].sort((x, y) => x.exercise.localeCompare(y.exercise)),
    },
    report,
  };
}

/** "3 attempts added (2 already here); progress taken for write-a-spec": a report in a sentence. */
export function describeMerge(report: MergeReport): string {
  const parts = [`${report.attemptsAdded} attempt${report.attemptsAdded === 1 ? '' : 's'} added`];
  if (report.attemptsKnown) parts[0] += ` (${report.attemptsKnown} already here)`;
  if (report.statesTaken.length) parts.push(`newer progress taken for ${report.statesTaken.join(', ')}`);
  if (report.statesKept.length) parts.push(`your newer progress kept for ${report.statesKept.join(', ')}`);
  if (report.assignmentsTaken.length) parts.push(`assignment seeds taken for ${report.assignmentsTaken.join(', ')}`);
  return `${parts.join('; ')}.`;
}
