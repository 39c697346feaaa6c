import { lateFactor, totalPoints, type Assignment } from '../classroom/assignment.ts';
import { emptyExerciseGrade, roundPoints, type ExerciseGrade, type LearnerGrade, type PartGrade } from '../classroom/grades.ts';
import type { Learner } from '../classroom/roster.ts';
import { capText } from '../classroom/text.ts';
import { readCapstoneReport } from './report.ts';
import { checkCapstone, INSTRUCTOR_ITEMS, pendingSummary, type CapstoneOptions } from './rubric.ts';

/**
 * The capstone in `workbook grade`: a capstone report file becomes a gradebook row. The rubric's checked
 * items give the points; its instructor items are pending, named in the row's message ("needs
 * instructor: threats (0/10 pending)"), so the row is neither silently 0 nor full. The capstone is the
 * last entry of the row's exercises, under the id `capstone`.
 */

export const CAPSTONE_ID = 'capstone';
export const CAPSTONE_TITLE = 'Capstone: a domain benchmark of your own';

/** The capstone's column in grades.json: its checked rubric items as parts (type `rubric`). */
export function capstoneMeta(a: Assignment): { id: string; title: string; points: number; parts: { id: string; type: string }[] } | undefined {
  if (!a.capstone) return undefined;
  // The checked items only: the instructor's are not graded here (each row names them as pending).
  const ids = checkCapstone({ spec: '', records: [], sections: {} as never })
    .items.filter((i) => i.group !== 'instructor')
    .map((i) => i.id);
  return { id: CAPSTONE_ID, title: CAPSTONE_TITLE, points: a.capstone.points, parts: ids.map((id) => ({ id, type: 'rubric' })) };
}

/** The capstone's entry in a row where it was not handed in (or the file was an exercise submission). */
export function emptyCapstoneGrade(a: Assignment): ExerciseGrade[] {
  if (!a.capstone) return [];
  const scale = a.capstone.points / 100;
  const pending = { points: roundPoints(INSTRUCTOR_ITEMS.reduce((s, i) => s + i.points, 0) * scale), items: INSTRUCTOR_ITEMS.map((i) => i.id) };
  return [{ ...emptyExerciseGrade(CAPSTONE_ID, a.capstone.points), pending }];
}

const emptyExercises = (a: Assignment): ExerciseGrade[] => a.exercises.map((e) => emptyExerciseGrade(e.id, e.points));

/** Grades a capstone report's text for a learner; never throws (a bad file is an error row naming the field). */
export function gradeCapstoneText(a: Assignment, learner: Learner, file: string, text: string, options: CapstoneOptions = {}): LearnerGrade {
  const row = (status: LearnerGrade['status'], message: string, capstone = emptyCapstoneGrade(a)): LearnerGrade => ({
    ...learner,
    file,
    status,
    points: roundPoints(capstone.reduce((s, c) => s + c.points, 0)),
    max: totalPoints(a),
    message: capText(message, 1000),
    exercises: [...emptyExercises(a), ...capstone],
  });
  if (!a.capstone)
    return row(
      'error',
      `${file}: a capstone report, but this assignment has no capstone (add \`capstone: { points: N }\` to it, or grade it with the capstone's assignment)`,
    );
  const read = readCapstoneReport(text, file);
  if (!read.report) return row('error', read.errors.slice(0, 5).join('; '));
  const check = checkCapstone(read.report, options);
  const late = lateFactor(a, read.report.exportedAt);
  const scale = a.capstone.points / check.max;
  const parts = Object.fromEntries(
    check.items
      .filter((i) => i.status !== 'pending')
      .map((i): [string, PartGrade] => [
        i.id,
        {
          status: i.status === 'passed' ? 'correct' : 'wrong',
          score: i.status === 'passed' ? 1 : 0,
          feedback: `${i.label} (${i.points} of ${check.max} rubric points)${i.message ? `: ${i.message}` : ''}`,
        },
      ]),
  );
  const capstone: ExerciseGrade = {
    exercise: CAPSTONE_ID,
    max: a.capstone.points,
    points: roundPoints(check.earned * scale * late),
    attempts: 1,
    graded: 1,
    flagged: check.flags.length,
    beyondLimit: 0,
    best: {
      attempt: 'capstone-report',
      at: read.report.exportedAt,
      score: roundPoints(check.earned / check.autoMax),
      value: 1,
      late: roundPoints(late),
    },
    parts,
    hintsShown: 0,
    wrong: [],
    formatErrors: [],
    pending: { points: roundPoints(check.pending * scale), items: check.items.filter((i) => i.status === 'pending').map((i) => i.id) },
  };
  const message = [
    `capstone: ${roundPoints(check.earned * scale)} of ${roundPoints(check.autoMax * scale)} checked points`,
    pendingSummary(check, scale),
    ...check.flags.map((f) => `FLAGGED: ${f}`),
  ]
    .filter(Boolean)
    .join('; ');
  return row('graded', message, [capstone]);
}
