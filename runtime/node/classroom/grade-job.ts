import { emptyRow, gradeSubmissionText, type GradeContext } from '../../classroom/grade-submission.ts';
import type { LearnerGrade } from '../../classroom/grades.ts';
import type { Learner } from '../../classroom/roster.ts';
import { readSubmissionFile } from './submission-file.ts';

/** One row to grade: a learner with their file, without one (missing), or a file refused before reading (its reason). */
export interface GradeJob {
  index: number;
  learner: Learner;
  /** The file's name in the submissions folder, and its absolute path. */
  file?: string;
  abs?: string;
  /** Why the row is an error before the file is read (a bad name, not on the roster). */
  error?: string;
  /** Expected cost (runtime/classroom/schedule.ts): where and when the row is graded, never its grade. */
  cost?: number;
}

export async function gradeJob(ctx: GradeContext, job: GradeJob): Promise<LearnerGrade> {
  if (job.error !== undefined) return emptyRow(ctx, job.learner, 'error', job.error, job.file);
  if (job.file === undefined || job.abs === undefined) return emptyRow(ctx, job.learner, 'missing', 'no submission received');
  const read = await readSubmissionFile(job.abs, job.file);
  if ('error' in read) return emptyRow(ctx, job.learner, 'error', read.error, job.file);
  return gradeSubmissionText(ctx, job.learner, job.file, read.text);
}
