import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Assignment } from '../../classroom/assignment.ts';
import { totalPoints } from '../../classroom/assignment.ts';
import { emptyRow, type GradeContext } from '../../classroom/grade-submission.ts';
import { GRADES_FORMAT, GRADES_VERSION, type GradesFile, type LearnerGrade } from '../../classroom/grades.ts';
import { byLearner } from '../../classroom/render.ts';
import { learnerIdProblem, parseRoster, type Learner } from '../../classroom/roster.ts';
import { formatDiagnostic } from '../../diagnostics.ts';
import { PROJECT_ROOT } from '../exercise-folders.ts';
import { loadAssignmentFile } from './assignment-file.ts';
import { graderContext, type ExerciseMeta } from './grade-checks.ts';
import { gradeJob, type GradeJob } from './grade-job.ts';
import { readCourseSecret } from './secret.ts';
import { codeExercisesOf, rowCosts } from './grade-cost.ts';
import { costOrder, dealShards } from '../../classroom/schedule.ts';
import { keyFingerprint, rowsFingerprint } from '../../classroom/shard-fingerprint.ts';
import { publicClassroomKey } from '../../classroom/github-classroom.ts';
import { SUBMISSION_FILE_SUFFIX } from '../../progress/submission.ts';
import { learnerOfFileName } from './submission-file.ts';
import { capstoneMeta } from '../../capstone/grade.ts';
import { withCompileCache } from '../compile-cache.ts';

/**
 * `workbook grade` without the command line: load the assignment, its secret and the roster, list the
 * learners (the roster's, and every file in the folder), take this shard's slice, grade each row on a
 * pool of worker threads (one per core), and put the rows back in learner order.
 */

export interface GradeRunOptions {
  assignmentPath: string;
  submissionsDir: string;
  rosterPath?: string;
  shard?: { index: number; count: number };
  /** Worker threads (default: every core); 0 grades in this thread. */
  workers?: number;
  env?: NodeJS.ProcessEnv;
  root?: string;
  /**
   * GitHub Classroom: the folder is one learner's repository; its one `*.submission.json` (whatever its
   * name, the page's export is named by date) is graded as this learner, whom the repository belongs to.
   */
  asLearner?: string;
  /** GitHub Classroom mode: variants from the public key (publicClassroomKey), no course secret read. */
  publicKey?: boolean;
}

export type GradeRunResult = { grades: GradesFile } | { errors: string[] };

export async function setupGrading(
  o: GradeRunOptions,
): Promise<{ assignment: Assignment; secret: string; jobs: GradeJob[]; total: number; rowsHash?: string } | { errors: string[] }> {
  const root = o.root ?? PROJECT_ROOT;
  const loaded = await loadAssignmentFile(path.resolve(o.assignmentPath), o.assignmentPath, root);
  if (!loaded.assignment) return { errors: loaded.diagnostics.map((d) => formatDiagnostic(d)) };
  const assignment = loaded.assignment;
  const secret = o.publicKey
    ? { secret: publicClassroomKey(assignment) }
    : await readCourseSecret(assignment, path.dirname(path.resolve(o.assignmentPath)), o.env ?? process.env, root);
  if ('error' in secret) return { errors: [`${o.assignmentPath}: ${secret.error}`] };
  let roster: Learner[] | undefined;
  if (o.rosterPath !== undefined) {
    const text = await readFile(o.rosterPath, 'utf8').catch((e: NodeJS.ErrnoException) => e);
    if (text instanceof Error) return { errors: [`${o.rosterPath}: cannot be read (${text.code ?? text.message})`] };
    const parsed = parseRoster(text);
    if (parsed.errors.length) return { errors: parsed.errors.map((e) => `${o.rosterPath}: ${e}`) };
    roster = parsed.learners;
  }
  const entries = await readdir(o.submissionsDir).catch((e: NodeJS.ErrnoException) => e);
  if (entries instanceof Error) return { errors: [`${o.submissionsDir}: cannot list the submissions folder (${entries.code ?? entries.message})`] };
  if (o.asLearner !== undefined) {
    const problem = learnerIdProblem(o.asLearner);
    if (problem) return { errors: [`--learner: ${problem}`] };
    const files = [...entries].filter((n) => n.endsWith(SUBMISSION_FILE_SUFFIX)).sort();
    if (files.length !== 1)
      return {
        errors: [
          `${o.submissionsDir}: a learner's repository holds one *${SUBMISSION_FILE_SUFFIX}; this one has ${files.length}${files.length ? ` (${files.join(', ')})` : ''}`,
        ],
      };
    const job: GradeJob = { index: 0, learner: { learner: o.asLearner }, file: files[0]!, abs: path.join(o.submissionsDir, files[0]!) };
    return { assignment, secret: secret.secret, jobs: [job], total: 1 };
  }
  const rows = new Map<string, Omit<GradeJob, 'index'>>();
  for (const l of roster ?? []) rows.set(l.learner, { learner: l });
  for (const name of [...entries].sort()) {
    const abs = path.join(o.submissionsDir, name);
    const who = learnerOfFileName(name);
    if ('error' in who) {
      const key = rows.has(name) ? `${name} (file)` : name;
      rows.set(key, { learner: { learner: key }, file: name, error: who.error });
    } else if (roster && !rows.has(who.learner)) {
      rows.set(who.learner, { learner: { learner: who.learner }, file: name, error: `${name}: "${who.learner}" is not on the roster` });
    } else rows.set(who.learner, { learner: rows.get(who.learner)?.learner ?? { learner: who.learner }, file: name, abs });
  }
  const all = [...rows.values()].sort((x, y) => byLearner(x.learner, y.learner));
  // Shards and workers are balanced by expected cost (code submissions dealt out evenly); rows keep learner order.
  const costs = await rowCosts(
    all,
    await codeExercisesOf(
      assignment.exercises.map((e) => e.id),
      root,
    ),
  );
  const shardOf = o.shard ? dealShards(costs, o.shard.count) : undefined;
  const picked = all.map((row, k) => ({ ...row, cost: costs[k]! })).filter((_, k) => !shardOf || shardOf[k] === o.shard!.index - 1);
  return {
    assignment,
    secret: secret.secret,
    jobs: picked.map((j, index) => ({ ...j, index })),
    total: all.length,
    rowsHash: rowsFingerprint(all.map((j) => ({ learner: j.learner.learner, ...(j.file !== undefined ? { file: j.file } : {}) }))),
  };
}

export async function runGrading(o: GradeRunOptions): Promise<GradeRunResult> {
  const setup = await setupGrading(o);
  if ('errors' in setup) return setup;
  const { assignment, secret, jobs, total, rowsHash } = setup;
  const root = o.root ?? PROJECT_ROOT;
  const toGrade = jobs.filter((j) => j.abs !== undefined && j.error === undefined).length;
  const workers = Math.max(0, Math.min(o.workers ?? os.availableParallelism(), toGrade));
  const { rows, meta } =
    workers === 0 ? await gradeHere(assignment, secret, jobs, root) : await gradeOnWorkers(assignment, secret, jobs, root, workers);
  const byId = new Map(meta.map((m) => [m.id, m]));
  const grades: GradesFile = {
    format: GRADES_FORMAT,
    version: GRADES_VERSION,
    assignment: {
      id: assignment.id,
      course: assignment.course,
      title: assignment.title,
      due: assignment.due,
      max: totalPoints(assignment),
      exercises: [
        ...assignment.exercises.map((e) => {
          const x = byId.get(e.id)!;
          return { id: e.id, title: x.title, points: e.points, parts: x.parts };
        }),
        ...(assignment.capstone ? [capstoneMeta(assignment)!] : []),
      ],
    },
    ...(o.shard ? { shard: { ...o.shard, learners: rows.length, total, ...(rowsHash ? { rows: rowsHash } : {}), key: keyFingerprint(secret) } } : {}),
    learners: rows,
  };
  return { grades };
}

async function gradeHere(
  assignment: Assignment,
  secret: string,
  jobs: GradeJob[],
  root: string,
): Promise<{ rows: LearnerGrade[]; meta: ExerciseMeta[] }> {
  const { ctx, meta } = await graderContext(assignment, secret, root);
  const rows: LearnerGrade[] = [];
  for (const job of jobs) rows.push(await gradeJob(ctx, job));
  return { rows, meta };
}

/**
 * A pool of worker threads; each takes the next job when it finishes one, the costliest first (so no
 * worker is left alone with a code submission at the end), and rows land at their job's index, so the
 * output does not depend on which finishes first. A worker that dies costs only the row it was grading
 * (an error row) and is replaced.
 */
async function gradeOnWorkers(
  assignment: Assignment,
  secret: string,
  jobs: GradeJob[],
  root: string,
  count: number,
): Promise<{ rows: LearnerGrade[]; meta: ExerciseMeta[] }> {
  const rows: LearnerGrade[] = new Array(jobs.length);
  let meta: ExerciseMeta[] = [];
  const queue = costOrder(jobs.map((j) => j.cost ?? 1)).map((k) => jobs[k]!);
  let next = 0;
  const url = new URL('./grade-worker.ts', import.meta.url);
  const env = withCompileCache();
  const lane = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(url, { workerData: { assignment, secret, root }, env });
      let current: GradeJob | undefined;
      let done = false;
      const feed = () => {
        current = queue[next++];
        if (current) worker.postMessage(current);
        else {
          done = true;
          worker.postMessage('exit');
          resolve();
        }
      };
      worker.on('message', (m: { ready: ExerciseMeta[] } | { index: number; row: LearnerGrade }) => {
        if ('ready' in m) meta = m.ready;
        else rows[m.index] = m.row;
        feed();
      });
      worker.on('error', (e) => {
        if (done) return;
        done = true;
        // Failing before its first job is the grader's setup failing (an exercise that does not load), not a file's fault.
        if (!current) return reject(new Error(`a grading worker could not start: ${e.message}`));
        {
          const why = `the grader's worker died while grading this file (${e.message}); nothing of it was graded`;
          rows[current.index] = emptyRow({ assignment } as GradeContext, current.learner, 'error', why, current.file);
        }
        void worker.terminate();
        resolve(lane());
      });
    });
  await Promise.all(Array.from({ length: count }, lane));
  return { rows, meta };
}
