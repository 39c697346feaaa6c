import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { publicClassroomKey } from '../../runtime/classroom/github-classroom.ts';
import { main } from '../../runtime/cli/main.ts';
import { seedFor } from '../../runtime/exercises/seed.ts';
import { PROJECT_ROOT } from '../../runtime/node/exercise-folders.ts';

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'submissions');
const ASSIGNMENT = path.join(FIXTURES, 'test.assignment.yaml');
const ROSTER = path.join(FIXTURES, 'roster.csv');
const CORPUS = path.join(FIXTURES, 'corpus');
process.env.WORKBOOK_TEST_SECRET = 'corpus-secret-0123456789abcdef';

/** Every file under a folder, by relative path. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[path.relative(dir, path.join(e.parentPath, e.name))] = await readFile(path.join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

describe('workbook grade --shard and --merge (the command line, files on disk)', () => {
  it('four shards (run by the Slurm example, in any order) merged are byte-identical to one run', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'shards-'));
    expect(await main(['grade', ASSIGNMENT, CORPUS, '--roster', ROSTER, '--out', path.join(work, 'single')])).toBe(0);
    // docs/classroom/slurm-grade.sh, as Slurm runs each array task.
    for (const task of [4, 2, 1, 3]) {
      await promisify(execFile)(
        'bash',
        [path.join(PROJECT_ROOT, 'docs', 'classroom', 'slurm-grade.sh'), ASSIGNMENT, CORPUS, ROSTER, path.join(work, 'grades')],
        {
          cwd: PROJECT_ROOT,
          env: { ...process.env, SLURM_ARRAY_TASK_ID: String(task), SLURM_ARRAY_TASK_COUNT: '4', SLURM_CPUS_PER_TASK: '1' },
        },
      );
    }
    const shards = [1, 2, 3, 4].map((k) => path.join(work, 'grades', `shard-${k}`));
    expect(await main(['grade', '--merge', ...shards, '--out', path.join(work, 'merged')])).toBe(0);
    const single = await tree(path.join(work, 'single'));
    expect(Object.keys(single)).toContain('gradebook.canvas.csv');
    expect(await tree(path.join(work, 'merged'))).toEqual(single);
    // Three of four shards are refused, naming the one missing.
    expect(await main(['grade', '--merge', ...shards.slice(1), '--out', path.join(work, 'bad')])).toBe(1);
  }, 240_000);

  it('--out that is a file, or cannot be written, is refused before anything is graded (not after)', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'out-'));
    const file = path.join(work, 'taken');
    await writeFile(file, 'x');
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      errors.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    const started = performance.now();
    try {
      expect(await main(['grade', ASSIGNMENT, CORPUS, '--out', file])).toBe(1);
      expect(await main(['grade', ASSIGNMENT, CORPUS, '--out', path.join(file, 'below')])).toBe(1);
      // Node's recursive mkdir never returns under /proc: this used to hang.
      expect(await main(['grade', ASSIGNMENT, CORPUS, '--out', '/proc/workbook-x/y'])).toBe(1);
      expect(await main(['grade', '--merge', work, '--out', file])).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    const text = errors.join('');
    expect(text).toContain(`--out ${file}: is a file, not a folder`);
    expect(text).toContain('/proc/workbook-x/y: cannot be written');
    expect(text).not.toMatch(/EEXIST|at .*\.ts:\d+/);
    // Refused up front: no submission was graded (grading the corpus takes seconds).
    expect(text).not.toContain('learner(s):');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a merge refuses shards that saw another file list, or another secret, naming the difference', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'drift-'));
    const folder = path.join(work, 'subs');
    await mkdir(folder);
    for (const name of (await readdir(CORPUS)).filter((n) => n.startsWith('oscar') || n.startsWith('ada'))) {
      await writeFile(path.join(folder, name), await readFile(path.join(CORPUS, name)));
    }
    const shard = (i: number) => main(['grade', ASSIGNMENT, folder, '--shard', `${i}/2`, '--jobs', '0', '--out', path.join(work, `s${i}`)]);
    expect(await shard(1)).toBe(0);
    // A learner's file arrives between the two shards' runs: it used to vanish from the merge.
    await writeFile(path.join(folder, 'zed.submission.json'), await readFile(path.join(CORPUS, 'oscar.submission.json')));
    expect(await shard(2)).toBe(0);
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      errors.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(await main(['grade', '--merge', path.join(work, 's1'), path.join(work, 's2'), '--out', path.join(work, 'm')])).toBe(1);
      // The same list, another secret.
      await rm(path.join(folder, 'zed.submission.json'));
      process.env.WORKBOOK_TEST_SECRET = 'another-secret-0123456789abcdef';
      expect(await shard(2)).toBe(0);
      expect(await main(['grade', '--merge', path.join(work, 's1'), path.join(work, 's2'), '--out', path.join(work, 'm')])).toBe(1);
    } finally {
      process.stderr.write = write;
      process.env.WORKBOOK_TEST_SECRET = 'corpus-secret-0123456789abcdef';
    }
    const text = errors.join('');
    expect(text).toMatch(/s2\/grades\.json: saw another list of learners and files than .*s1\/grades\.json \(3 rows against 2\)/);
    expect(text).toMatch(/s2\/grades\.json: graded with another course secret/);
    expect(await readFile(path.join(work, 's2', 'grades.json'), 'utf8')).not.toContain('another-secret');
    expect(await shard(2)).toBe(0);
    expect(await main(['grade', '--merge', path.join(work, 's1'), path.join(work, 's2'), '--out', path.join(work, 'm')])).toBe(0);
  }, 120_000);

  it('--shard needs i/n with 1 <= i <= n', async () => {
    expect(await main(['grade', ASSIGNMENT, CORPUS, '--shard', '5/4', '--out', os.tmpdir()])).toBe(2);
    expect(await main(['grade', ASSIGNMENT, CORPUS, '--shard', 'x', '--out', os.tmpdir()])).toBe(2);
  });
});

describe('workbook grade --classroom (one learner repository)', () => {
  /** oscar's corpus file, re-stamped for the public key's variant (what `workbook assign --classroom` links give). */
  async function publicKeyFile(learner: string): Promise<string> {
    const sub = JSON.parse(await readFile(path.join(CORPUS, 'oscar.submission.json'), 'utf8'));
    const seed = seedFor({ courseSecret: publicClassroomKey({ course: 'bench-101', id: 'week-2-test' }), assignment: 'week-2-test', learner });
    for (const e of sub.exercises) {
      if (e.assignment) e.assignment = { ...e.assignment, learner, seed };
      if (e.state) e.state.seed = seed;
      for (const t of e.attempts ?? []) t.seed = seed;
    }
    return JSON.stringify(sub);
  }

  it("prints the points and writes the reporter's result to $GITHUB_OUTPUT, with no course secret in reach", async () => {
    const repo = await mkdtemp(path.join(os.tmpdir(), 'repo-'));
    await mkdir(path.join(repo, '.github'));
    await writeFile(path.join(repo, 'README.md'), '# my work\n');
    // The page names its export by date; the repository's owner is the learner.
    await writeFile(path.join(repo, 'benchmark-carpentry-2026-12-09.submission.json'), await publicKeyFile('oscar'));
    const output = path.join(repo, 'github-output.txt');
    process.env.GITHUB_OUTPUT = output;
    // The learner's workflow has no secret: grading there must not need one (it used to fail without it).
    const secret = process.env.WORKBOOK_TEST_SECRET;
    delete process.env.WORKBOOK_TEST_SECRET;
    try {
      expect(await main(['grade', ASSIGNMENT, '--classroom', repo, '--learner', 'oscar'])).toBe(0);
    } finally {
      delete process.env.GITHUB_OUTPUT;
    }
    const line = (await readFile(output, 'utf8')).trim();
    expect(line).toMatch(/^result=[A-Za-z0-9+/=]+$/);
    const result = JSON.parse(Buffer.from(line.slice('result='.length), 'base64').toString('utf8'));
    expect(result).toMatchObject({ version: 1, max_score: 30 });
    expect(result.status).not.toBe('error');
    expect(result.tests).toHaveLength(2);
    // The corpus file as it was (stamped with the secret's variant) is not this mode's variant: refused.
    await writeFile(path.join(repo, 'benchmark-carpentry-2026-12-09.submission.json'), await readFile(path.join(CORPUS, 'oscar.submission.json')));
    process.env.GITHUB_OUTPUT = output;
    try {
      expect(await main(['grade', ASSIGNMENT, '--classroom', repo, '--learner', 'oscar'])).toBe(0);
    } finally {
      delete process.env.GITHUB_OUTPUT;
      process.env.WORKBOOK_TEST_SECRET = secret;
    }
    const second = (await readFile(output, 'utf8')).trim().split('\n')[1]!;
    expect(JSON.parse(Buffer.from(second.slice('result='.length), 'base64').toString('utf8'))).toMatchObject({
      status: 'error',
      tests: [{ score: 0 }],
    });
    // Graded as another learner, the stamp (oscar's) is refused: a classmate's file earns nothing.
    await writeFile(path.join(repo, 'benchmark-carpentry-2026-12-09.submission.json'), await publicKeyFile('oscar'));
    process.env.GITHUB_OUTPUT = output;
    try {
      expect(await main(['grade', ASSIGNMENT, '--classroom', repo, '--learner', 'ada'])).toBe(0);
    } finally {
      delete process.env.GITHUB_OUTPUT;
    }
    const third = (await readFile(output, 'utf8')).trim().split('\n')[2]!;
    expect(JSON.parse(Buffer.from(third.slice('result='.length), 'base64').toString('utf8'))).toMatchObject({
      status: 'error',
      tests: [{ score: 0 }],
    });
  }, 60_000);

  it('the shipped workflow carries no secret and no token (it runs where the learner can edit it)', async () => {
    const text = await readFile(path.join(PROJECT_ROOT, 'docs', 'classroom', 'github-classroom.yml'), 'utf8');
    const { parse } = await import('yaml');
    const steps: { with?: Record<string, unknown>; env?: Record<string, string> }[] = parse(text).jobs['run-autograding-tests'].steps;
    expect(text).not.toMatch(/\$\{\{\s*secrets\./);
    for (const s of steps) expect(s.with?.token).toBeUndefined();
    expect(steps.flatMap((s) => Object.keys(s.env ?? {}))).not.toContain('COURSE_SECRET');
  });
});

describe('docs/classroom/github-actions-grade.yml', () => {
  it('its matrix covers every shard of its count, and the merge joins all of them', async () => {
    const { parse } = await import('yaml');
    const wf = parse(await readFile(path.join(PROJECT_ROOT, 'docs', 'classroom', 'github-actions-grade.yml'), 'utf8'));
    const shards: number[] = wf.jobs.shard.strategy.matrix.shard;
    const grade = wf.jobs.shard.steps.map((s: { run?: string }) => s.run ?? '').find((r: string) => r.includes('--shard'))!;
    const count = Number(/--shard \$\{\{ matrix\.shard \}\}\/(\d+)/.exec(grade)![1]);
    expect(shards).toEqual(Array.from({ length: count }, (_, k) => k + 1));
    const merge = wf.jobs.merge.steps.map((s: { run?: string }) => s.run ?? '').find((r: string) => r.includes('--merge'))!;
    for (const k of shards) expect(merge).toContain(`shards/shard-${k}`);
    expect(wf.jobs.merge.needs).toBe('shard');
  });
});
