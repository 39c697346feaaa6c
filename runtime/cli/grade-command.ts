import { access, appendFile, constants, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GradesFile } from '../classroom/grades.ts';
import { mergeGrades } from '../classroom/render.ts';
import { cleanText } from '../classroom/text.ts';

/**
 * `workbook grade ASSIGNMENT SUBMISSIONS_DIR [--roster R] [--shard i/n] [--jobs N] --out DIR`
 * `workbook grade --merge SHARD_DIR... --out DIR`
 * `workbook grade ASSIGNMENT --classroom [DIR] [--learner ID]`: one learner's repository, scored for GitHub Classroom.
 */

const USAGE = `usage: workbook grade ASSIGNMENT SUBMISSIONS_DIR [--roster ROSTER.csv] [--shard i/n] [--jobs N] --out DIR
       workbook grade --merge SHARD_DIR... --out DIR
       workbook grade ASSIGNMENT --classroom [REPO_DIR] [--learner ID]`;

function fail(message: string, code = 2): number {
  process.stderr.write(`workbook grade: ${message}\n${code === 2 ? `${USAGE}\n` : ''}`);
  return code;
}

export async function gradeCommand(args: string[]): Promise<number> {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === '--merge' || a === '--classroom') flags[a.slice(2)] = true;
    else if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (!['roster', 'shard', 'jobs', 'out', 'learner'].includes(name)) return fail(`unknown option --${name}`);
      const value = inline ?? args[++k];
      if (value === undefined) return fail(`--${name} needs a value`);
      flags[name] = value;
    } else positional.push(a);
  }
  const out = typeof flags.out === 'string' ? flags.out : undefined;
  if (flags.merge) {
    if (!out) return fail('--merge needs --out DIR');
    if (positional.length === 0) return fail('--merge needs the shard folders (or their grades.json files)');
    const outProblem = await prepareOutDir(out);
    if (outProblem) return fail(outProblem, 1);
    return merge(positional, out);
  }
  if (flags.classroom) {
    if (positional.length < 1 || positional.length > 2) return fail('--classroom takes the assignment and the repository folder (default .)');
    const learner = typeof flags.learner === 'string' ? flags.learner : process.env.GITHUB_ACTOR;
    if (!learner) return fail('--classroom needs --learner ID (the repository owner; GITHUB_ACTOR when unset)');
    return classroom(positional[0]!, positional[1] ?? '.', learner);
  }
  if (positional.length !== 2) return fail('give the assignment file and the submissions folder');
  if (!out) return fail('--out DIR is required: where the gradebooks and feedback go');
  const outProblem = await prepareOutDir(out);
  if (outProblem) return fail(outProblem, 1);
  let shard: { index: number; count: number } | undefined;
  if (flags.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(String(flags.shard));
    if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) return fail(`--shard ${flags.shard}: write i/n with 1 <= i <= n, like 2/4`);
    shard = { index: Number(m[1]), count: Number(m[2]) };
  }
  let workers: number | undefined;
  if (flags.jobs !== undefined) {
    workers = Number(flags.jobs);
    if (!Number.isInteger(workers) || workers < 0) return fail(`--jobs ${flags.jobs}: a whole number (0 grades without worker threads)`);
  }
  const { runGrading } = await import('../node/classroom/grade-run.ts');
  const { writeGradeOutputs } = await import('../node/classroom/grade-output.ts');
  const started = performance.now();
  const result = await runGrading({
    assignmentPath: positional[0]!,
    submissionsDir: positional[1]!,
    ...(typeof flags.roster === 'string' ? { rosterPath: flags.roster } : {}),
    ...(shard ? { shard } : {}),
    ...(workers !== undefined ? { workers } : {}),
  });
  if ('errors' in result) return fail(result.errors.join('\n'), 1);
  await writeGradeOutputs(result.grades, out);
  summarize(result.grades, out, performance.now() - started);
  return 0;
}

/**
 * Makes the output folder and proves it writable BEFORE grading, so a batch is never graded and then
 * lost to an --out that is a file or read-only. Levels are made one by one: Node's recursive mkdir
 * never returns under /proc (it loops on ENOENT).
 */
export async function prepareOutDir(out: string): Promise<string | undefined> {
  const abs = path.resolve(out);
  const missing: string[] = [];
  let at = abs;
  for (;;) {
    const s = await stat(at).catch(() => undefined);
    if (s) {
      if (!s.isDirectory())
        return `--out ${out}: ${at === abs ? 'is a file, not a folder' : `${at} is a file, not a folder`}; give a folder for the gradebooks`;
      break;
    }
    missing.unshift(at);
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  try {
    for (const dir of missing) await mkdir(dir);
    await access(abs, constants.W_OK);
    const probe = path.join(abs, `.workbook-write-test-${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
  } catch (e) {
    return `--out ${out}: cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing was graded`;
  }
  return undefined;
}

function summarize(g: GradesFile, out: string, ms: number): void {
  const count = (s: string) => g.learners.filter((l) => l.status === s).length;
  const what = g.shard ? `shard ${g.shard.index}/${g.shard.count}: ` : '';
  process.stderr.write(
    `workbook grade: ${what}${g.learners.length} learner(s): ${count('graded')} graded, ${count('missing')} missing, ${count('error')} error(s); ${(ms / 1000).toFixed(1)} s; wrote ${out}/\n`,
  );
  // Ids and messages can carry a submission's text: cleaned and cut before they reach a terminal.
  for (const l of g.learners) if (l.status === 'error') process.stderr.write(`  ${cleanText(l.learner)}: ${cleanText(l.message, 500)}\n`);
}

async function merge(inputs: string[], out: string): Promise<number> {
  const files: { name: string; grades: GradesFile }[] = [];
  for (const input of inputs) {
    const isDir = await stat(input).then(
      (s) => s.isDirectory(),
      () => false,
    );
    const file = isDir ? path.join(input, 'grades.json') : input;
    try {
      files.push({ name: file, grades: JSON.parse(await readFile(file, 'utf8')) as GradesFile });
    } catch (e) {
      return fail(`${file}: cannot be read as JSON (${(e as Error).message})`, 1);
    }
  }
  const merged = mergeGrades(files);
  if (!merged.grades) return fail(merged.errors.join('\n'), 1);
  const { writeGradeOutputs } = await import('../node/classroom/grade-output.ts');
  await writeGradeOutputs(merged.grades, out);
  summarize(merged.grades, out, 0);
  return 0;
}

/**
 * GitHub Classroom: grades the one submission in a learner's repository and reports it the way the
 * autograding reporter (education/autograding-grading-reporter) reads a runner: `result=` base64 of
 * { version: 1, status, max_score, tests: [{ name, status, score, message }] } in $GITHUB_OUTPUT.
 */
async function classroom(assignmentPath: string, dir: string, learner: string): Promise<number> {
  const { runGrading } = await import('../node/classroom/grade-run.ts');
  // No course secret in this mode: it runs where the learner can edit the workflow (publicClassroomKey).
  const result = await runGrading({ assignmentPath, submissionsDir: dir, workers: 0, asLearner: learner, publicKey: true });
  if ('errors' in result) return fail(result.errors.join('\n'), 1);
  const { classroomResult } = await import('../classroom/github-classroom.ts');
  const report = classroomResult(result.grades);
  if ('error' in report) return fail(report.error, 1);
  const encoded = Buffer.from(JSON.stringify(report.result)).toString('base64');
  if (process.env.GITHUB_OUTPUT) await appendFile(process.env.GITHUB_OUTPUT, `result=${encoded}\n`);
  process.stdout.write(
    `${report.lines.join('\n')}\nFeedback only: the grade that counts is the instructor's own run of workbook grade.\nresult=${encoded}\n`,
  );
  return 0;
}
