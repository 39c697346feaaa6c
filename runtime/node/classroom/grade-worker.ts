/**
 * One grading worker thread (runtime/node/classroom/grade-run.ts starts one per core): loads the
 * assignment's exercises and their hidden tests once, then grades the files it is sent, one at a time,
 * answering each with its index so the results can be put back in order whatever finishes first.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Assignment } from '../../classroom/assignment.ts';
import { gradeJob, type GradeJob } from './grade-job.ts';
import { graderContext } from './grade-checks.ts';

const { assignment, secret, root } = workerData as { assignment: Assignment; secret: string; root: string };
const { ctx, meta } = await graderContext(assignment, secret, root);
parentPort!.on('message', async (job: GradeJob | 'exit') => {
  if (job === 'exit') process.exit(0);
  parentPort!.postMessage({ index: job.index, row: await gradeJob(ctx, job) });
});
// Ready, with what grades.json says of the exercises, so the main thread need not load them too.
parentPort!.postMessage({ ready: meta });
