import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVariant } from '../../runtime/exercises/check.ts';
import { seedFor } from '../../runtime/exercises/seed.ts';
import { PROJECT_ROOT, loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';
import type { FixTimingHarnessData } from '../../exercises/fix-timing-harness/exercise.ts';

/**
 * Learner code that breaks limits, graded by the real command in a child process: each gets a
 * feedback line that says what happened, and nothing of QuickJS (an abort's assertion text) reaches
 * the grader's stderr.
 */

const SECRET = 'cli-sandbox-secret-0123456789abcdef';
const ASSIGNMENT = path.join(PROJECT_ROOT, 'test', 'fixtures', 'submissions', 'test.assignment.yaml');
const CASES: Record<string, { body: string; feedback: RegExp }> = {
  string16: {
    body: "const s = 'x'.repeat(16 * 1024 * 1024); return { samples: [s], batch: 1 };",
    feedback: /While running the test "returns the samples asked for": your code used more than 16 MiB of memory \(the limit of one run\)/,
  },
  hugeerror: {
    body: "throw new Error('y'.repeat(2 ** 20));",
    feedback: /"returns the samples asked for": y{1000}… \[cut: 1048\d{3} characters in all\]\n/,
  },
  logloop: {
    body: "for (;;) console.log('z'.repeat(1000));",
    feedback: /While running the test "returns the samples asked for": your code ran too long \(the limit of one test\): an endless loop/,
  },
  recursion: {
    body: 'function deeper(k) { return deeper(k + 1) + 1; } return deeper(0);',
    feedback: /"returns the samples asked for": InternalError: stack overflow \(thrown at line 2 of your code\)/,
  },
  endless: {
    body: 'for (;;) {}',
    feedback: /While running the test "returns the samples asked for": your code ran too long \(the limit of one test\): an endless loop/,
  },
};

describe('workbook grade on code that breaks the sandbox limits', () => {
  it('says why each run ended, in the feedback, with a clean stderr', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'grade-limits-'));
    const subs = path.join(dir, 'submissions');
    const out = path.join(dir, 'out');
    await mkdir(subs);
    const exercise = (await loadExerciseRegistry()).get('fix-timing-harness')!;
    for (const [learner, { body }] of Object.entries(CASES)) {
      const seed = seedFor({ courseSecret: SECRET, assignment: 'week-2-test', learner });
      const { name } = (createVariant(exercise, seed).data as FixTimingHarnessData).contract;
      const attempt = { id: `${learner}-1`, seed, answers: { code: `async function ${name}(work, clock, options) {\n  ${body}\n}\n` } };
      const file = {
        format: 'benchmark-carpentry/submission',
        version: 1,
        exportedAt: '2026-12-03T10:00:00.000Z',
        exercises: [
          { exercise: 'fix-timing-harness', attempts: [{ ...attempt, score: 0, parts: {}, complete: true, at: '2026-12-02T10:00:00.000Z' }] },
        ],
      };
      await writeFile(path.join(subs, `${learner}.submission.json`), JSON.stringify(file));
    }
    const cli = spawnSync(process.execPath, ['runtime/cli/bin.mjs', 'grade', ASSIGNMENT, subs, '--out', out, '--jobs', '2'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, WORKBOOK_TEST_SECRET: SECRET },
      timeout: 170_000,
    });
    expect(cli.status).toBe(0);
    // Only the summary line: no "Aborted(Assertion failed ...)", no stack trace.
    expect(cli.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^workbook grade: 5 learner\(s\): 5 graded, 0 missing, 0 error\(s\);/)]);
    for (const [learner, { feedback }] of Object.entries(CASES)) {
      const text = await readFile(path.join(out, 'feedback', `${learner}.md`), 'utf8');
      expect(text, learner).toMatch(/### Part code: wrong \(0%\)/);
      expect(text, learner).toMatch(feedback);
      expect(text.length, learner).toBeLessThan(4000);
    }
    await rm(dir, { recursive: true, force: true });
  }, 180_000);
});
