/**
 * One grading worker thread (runtime/node/classroom/grade-run.ts starts one per core): loads the
 * assignment's exercises and their hidden tests once, then grades the files it is sent, one at a time,
 * answering each with its index so the results can be put back in order whatever finishes first.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Assignment } from '../../classroom/assignment.ts';
import { gradeJob, type GradeJob } from './grade-job.ts';
import { exerciseMeta, loadGraderExercises } from './grade-checks.ts';
import { capstoneOptions } from '../capstone-specs.ts';

const { assignment, secret, root } = workerData as { assignment: Assignment; secret: string; root: string };
const loaded = await loadGraderExercises(
  assignment.exercises.map((e) => e.id),
  root,
);
// The capstone rubric's options (every spec of lessons/specs parsed: ~0.2 CPU-s) only where the assignment has a capstone.
const ctx = {
  assignment,
  secret,
  exercises: loaded.exercises,
  check: loaded.check,
  ...(assignment.capstone ? { capstone: await capstoneOptions(root) } : {}),
};
parentPort!.on('message', async (job: GradeJob | 'exit') => {
  if (job === 'exit') process.exit(0);
  parentPort!.postMessage({ index: job.index, row: await gradeJob(ctx, job) });
});
// Ready, with what grades.json says of the exercises, so the main thread need not load them too.
parentPort!.postMessage({ ready: exerciseMeta(loaded.exercises) });
