import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../runtime/cli/main.ts';
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

  it('--shard needs i/n with 1 <= i <= n', async () => {
    expect(await main(['grade', ASSIGNMENT, CORPUS, '--shard', '5/4', '--out', os.tmpdir()])).toBe(2);
    expect(await main(['grade', ASSIGNMENT, CORPUS, '--shard', 'x', '--out', os.tmpdir()])).toBe(2);
  });
});

describe('workbook grade --classroom (one learner repository)', () => {
  it("prints the points and writes the reporter's result to $GITHUB_OUTPUT", async () => {
    const repo = await mkdtemp(path.join(os.tmpdir(), 'repo-'));
    await mkdir(path.join(repo, '.github'));
    await writeFile(path.join(repo, 'README.md'), '# my work\n');
    // The page names its export by date; the repository's owner is the learner.
    await copyFile(path.join(CORPUS, 'oscar.submission.json'), path.join(repo, 'benchmark-carpentry-2026-12-09.submission.json'));
    const output = path.join(repo, 'github-output.txt');
    process.env.GITHUB_OUTPUT = output;
    try {
      expect(await main(['grade', ASSIGNMENT, '--classroom', repo, '--learner', 'oscar'])).toBe(0);
    } finally {
      delete process.env.GITHUB_OUTPUT;
    }
    const line = (await readFile(output, 'utf8')).trim();
    expect(line).toMatch(/^result=[A-Za-z0-9+/=]+$/);
    const result = JSON.parse(Buffer.from(line.slice('result='.length), 'base64').toString('utf8'));
    expect(result).toMatchObject({ version: 1, status: 'fail', max_score: 30 });
    expect(result.tests.map((t: { score: number }) => t.score)).toEqual([8, 16]);
    // Graded as another learner, the stamp (oscar's) is refused: a classmate's file earns nothing.
    process.env.GITHUB_OUTPUT = output;
    try {
      expect(await main(['grade', ASSIGNMENT, '--classroom', repo, '--learner', 'ada'])).toBe(0);
    } finally {
      delete process.env.GITHUB_OUTPUT;
    }
    const second = (await readFile(output, 'utf8')).trim().split('\n')[1]!;
    expect(JSON.parse(Buffer.from(second.slice('result='.length), 'base64').toString('utf8'))).toMatchObject({
      status: 'error',
      tests: [{ score: 0 }],
    });
  }, 60_000);
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
