import type { PartStatus } from '../exercises/types.ts';
import type { Learner } from './roster.ts';

/**
 * grades.json: what `workbook grade` found, per learner, per exercise and part. The gradebooks and the
 * feedback files are rendered from it alone (render.ts), so a merge of shards renders the same bytes
 * as a single run; the statistics page reads it in the browser.
 */

export const GRADES_FORMAT = 'benchmark-carpentry/grades';
export const GRADES_VERSION = 1;

export interface PartGrade {
  status: PartStatus;
  score: number;
  feedback: string;
}

export interface ExerciseGrade {
  exercise: string;
  /** The assignment's points for it. */
  max: number;
  /** Credited points: best (score x attempt value x late factor) x max. */
  points: number;
  /** Attempts in the file for this exercise. */
  attempts: number;
  /** Attempts the grader re-checked (on the learner's own variant, within the attempt limit). */
  graded: number;
  /** Attempts on another variant (someone else's, or a practice one): flagged, never scored. */
  flagged: number;
  /** Attempts past the assignment's limit: not graded. */
  beyondLimit: number;
  /** The attempt that gives the grade: its id, time, its score, its value under the attempt policy, its late factor. */
  best?: { attempt: string; at: string; score: number; value: number; late: number };
  /** The best attempt's parts as the grader checked them (the page's scores are never used). */
  parts: Record<string, PartGrade>;
  hintsShown: number;
  /** Answers that scored 0 (numbers, choices, orderings; code and specs are left out), by part, for the statistics. */
  wrong: { part: string; answer: string }[];
  /** Answers that were format errors, by part, with the feedback. */
  formatErrors: { part: string; feedback: string }[];
  /** Why the grader could not check this exercise (not the learner's fault): the row says so. */
  error?: string;
  /** The capstone: points the rubric leaves to the instructor (not in `points`), and which items. */
  pending?: { points: number; items: string[] };
  /** Code checks the file's step budget did not cover (scored 0); absent when none. */
  overBudget?: number;
}

export type RowStatus = 'graded' | 'missing' | 'error';

export interface LearnerGrade extends Learner {
  /** The submission's file name inside the folder, when there was one. */
  file?: string;
  status: RowStatus;
  points: number;
  max: number;
  /** Why the row is an error or missing; the flags of a graded row (attempts on other variants); '' otherwise. */
  message: string;
  exercises: ExerciseGrade[];
}

export interface GradesFile {
  format: typeof GRADES_FORMAT;
  version: typeof GRADES_VERSION;
  assignment: {
    id: string;
    course: string;
    title: string;
    due: string;
    max: number;
    exercises: { id: string; title: string; points: number; parts: { id: string; type: string }[] }[];
  };
  /** Present in a shard's file: which slice of the learners it holds. */
  shard?: {
    index: number;
    count: number;
    learners: number;
    /** How many rows (roster learners and files) the whole run has, over all shards. */
    total?: number;
    /** sha256 of every row's learner and file name, over all shards: shards that saw other folders disagree. */
    rows?: string;
    /** sha256 of the course secret (never the secret): shards graded with another secret disagree. */
    key?: string;
  };
  learners: LearnerGrade[];
}

/** Rounds points for the outputs: 3 decimals, no -0. */
export function roundPoints(x: number): number {
  const r = Math.round(x * 1000) / 1000;
  return r === 0 ? 0 : r;
}

/** An exercise's grade where nothing was checked (not handed in, or the row is an error): zero of its points. */
export function emptyExerciseGrade(id: string, max: number): ExerciseGrade {
  return { exercise: id, max, points: 0, attempts: 0, graded: 0, flagged: 0, beyondLimit: 0, parts: {}, hintsShown: 0, wrong: [], formatErrors: [] };
}
