import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = path.resolve('runtime/cli/bin.mjs');
const run = (args: string[], cwd = process.cwd()) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });

describe('workbook lint (command line)', () => {
  // Lessons only: linting the exercises runs every worked solution over 200 seeds (minutes), which npm test's
  // lint step and exercises-lint.test.ts already do.
  it('passes on the lessons of this repository', () => {
    const r = run(['lint', 'lessons']);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/workbook lint: \d+ file\(s\), 0 error\(s\)/);
  });

  it('prints path:line:col: message and exits 1 on a broken lesson', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'bc-lint-'));
    mkdirSync(path.join(root, 'lessons', 'foundations'), { recursive: true });
    writeFileSync(
      path.join(root, 'lessons', 'foundations', 'broken.mdx'),
      '---\ntitle: Broken\nlevel: foundations\norder: 1\nteaching: 10\nexercises: 5\nquestions: [Why?]\nobjectives: [Do.]\nkeypoints: [Done.]\n---\n\n:::solution\nAlone.\n:::\n',
    );
    const r = run(['lint', 'lessons/foundations/broken.mdx'], root);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')).toContain(
      'lessons/foundations/broken.mdx:12:1: a solution block must be inside a challenge block (give the outer block more colons: ::::challenge ... :::solution ... ::: ... ::::)',
    );
    // The command line holds every episode to the quality bar (runtime/lessons/episode-checks.ts).
    expect(r.stdout).toContain('lessons/foundations/broken.mdx:2:8: an episode needs at least one runnable <BenchCell>');
    expect(r.stdout).toContain('lessons/foundations/broken.mdx:5:11: the instructor notes do not state the timing');
  });

  it('says so when a path does not exist, with exit 2', () => {
    const r = run(['lint', 'no/such/place']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no/such/place: no such file or folder');
  });
});
