/**
 * checkInChildProcess gives one result per job whatever a check does: a check that never ends (an
 * endless WGSL loop can hold the GPU driver, and with it the process) is stopped at the per-job limit
 * and scores 0, naming the limit; a process that dies costs only the job it was running; the jobs
 * after either run in a fresh process. The fixture exercise hangs or kills its process on request.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInChildProcess, jobTimeoutMessage } from '../../runtime/node/exercise-host.ts';

const root = mkdtempSync(path.join(tmpdir(), 'child-check-'));
const folder = path.join(root, 'exercises', 'stuck-check');
mkdirSync(folder, { recursive: true });
const runtime = (file: string) => JSON.stringify(path.resolve('runtime/exercises', file));
writeFileSync(
  path.join(folder, 'exercise.md'),
  `---
id: stuck-check
title: A check that can hang
level: foundations
kind: interpretation
points: 5
summary: A fixture for the child process.
minutes: 1
parts:
  - id: n
    answer: { type: number, unit: '' }
---

## Introduction

Type 42.

## Part n

The number.

## Hints

1. 42.

## Worked solution

42.

## Instructor notes

A fixture.
`,
);
writeFileSync(
  path.join(folder, 'exercise.ts'),
  `import { gradeParts } from ${runtime('check.ts')};
import { scored } from ${runtime('checkers.ts')};
import { defineExerciseLogic } from ${runtime('folder.ts')};
export default defineExerciseLogic(() => ({
  generate: (seed) => ({ seed }),
  render: () => ({ values: {} }),
  check: async (v, answers) => gradeParts(answers, {
    n: (a) => {
      if (a === 'hang') for (;;) {}
      if (a === 'die') process.exit(3);
      return scored(a === '42' ? 1 : 0, 'checked');
    },
  }),
}));
`,
);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('checkInChildProcess', () => {
  it('a check that never ends scores 0 at the limit, naming it, and the next job still runs', async () => {
    const job = (n: string, seed: number) => ({ folder, seed, answers: { n } });
    const t0 = Date.now();
    const out = await checkInChildProcess([job('42', 1), job('hang', 2), job('42', 3), job('die', 4), job('41', 5)], { jobTimeoutMs: 3000 });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({ result: { score: 1, seed: 1 } });
    expect(out[1]).toEqual({
      timedOut: true,
      result: {
        exercise: 'stuck-check',
        seed: 2,
        parts: { n: { status: 'wrong', score: 0, feedback: jobTimeoutMessage(3000) } },
        score: 0,
        points: 0,
        complete: false,
        formatErrors: [],
      },
    });
    expect(jobTimeoutMessage(3000)).toMatch(/within 3 s, the time limit of one check/);
    expect(out[2]).toMatchObject({ result: { score: 1, seed: 3 } });
    expect(out[3]).toMatchObject({ error: expect.stringMatching(/stopped during job 3 \(seed 4\) without a result \(exit 3\)/) });
    expect(out[4]).toMatchObject({ result: { score: 0, seed: 5 } });
  }, 30_000);
});
