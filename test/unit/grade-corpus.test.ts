import { cp, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GradesFile } from '../../runtime/classroom/grades.ts';
import { gradesJson, mergeGrades } from '../../runtime/classroom/render.ts';
import { writeGradeOutputs } from '../../runtime/node/classroom/grade-output.ts';
import { runGrading } from '../../runtime/node/classroom/grade-run.ts';
import { MAX_SUBMISSION_BYTES } from '../../runtime/node/classroom/submission-file.ts';
import { PROJECT_ROOT } from '../../runtime/node/exercise-folders.ts';

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'submissions');
const env = { WORKBOOK_TEST_SECRET: 'corpus-secret-0123456789abcdef' };
let corpus: string;
const run = (extra: { workers?: number; shard?: { index: number; count: number } } = {}) =>
  runGrading({
    assignmentPath: path.join(FIXTURES, 'test.assignment.yaml'),
    submissionsDir: corpus,
    rosterPath: path.join(FIXTURES, 'roster.csv'),
    env,
    ...extra,
  });

/** Every file a run writes, by path: what "byte-identical" compares. */
async function outputsOf(grades: GradesFile): Promise<Record<string, string>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'grade-out-'));
  const written = await writeGradeOutputs(grades, dir);
  return Object.fromEntries(await Promise.all(written.map(async (f) => [f, await readFile(path.join(dir, f), 'utf8')] as const)));
}

beforeAll(async () => {
  // The corpus, plus what cannot sit in the repo: a file past the size limit, and a link to the hidden tests.
  corpus = await mkdtemp(path.join(os.tmpdir(), 'corpus-'));
  await cp(path.join(FIXTURES, 'corpus'), corpus, { recursive: true });
  await writeFile(path.join(corpus, 'erin.submission.json'), Buffer.alloc(MAX_SUBMISSION_BYTES + 1, 0x20));
  await symlink(path.join(PROJECT_ROOT, 'exercises', 'fix-timing-harness', 'tests.ts'), path.join(corpus, 'peggy.submission.json'));
});

describe('workbook grade over the corpus of bad submissions', () => {
  let single: GradesFile;

  it('gives each file its expected row, every roster learner a row, and the batch goes on', async () => {
    const result = await run({ workers: 2 });
    if ('errors' in result) throw new Error(result.errors.join('\n'));
    single = result.grades;
    const expected = JSON.parse(await readFile(path.join(FIXTURES, 'expected.json'), 'utf8')) as {
      learner: string;
      status: string;
      points: number;
      message: string;
    }[];
    expect(single.learners.map((l) => l.learner)).toEqual(expected.map((e) => e.learner));
    for (const [k, e] of expected.entries()) {
      const row = single.learners[k]!;
      expect({ learner: row.learner, status: row.status, points: row.points }).toEqual({ learner: e.learner, status: e.status, points: e.points });
      if (e.message) expect(row.message).toContain(e.message);
      else expect(row.message).toBe('');
    }
    // The prototype-pollution file reached no prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // ada's grade is the grader's own: the file said 0 for the right answers and 1 for the wrong ones.
    const ada = single.learners.find((l) => l.learner === 'ada')!;
    // The first attempt (3 of 4 parts right) and the second (all right, worth 75%) tie at 0.75: the first is kept.
    expect(ada.exercises[0]).toMatchObject({ graded: 2, best: { attempt: 'ada-r2-0', score: 0.75, value: 1, late: 1 }, hintsShown: 2 });
    expect(ada.exercises[0]!.wrong).toEqual([{ part: 'median', answer: '999 ms' }]);
    const oscar = single.learners.find((l) => l.learner === 'oscar')!;
    expect(oscar.exercises.map((e) => e.best?.late)).toEqual([0.8, 0.8]);
  }, 120_000);

  it('re-grading gives byte-identical outputs, with or without worker threads (order independent of completion)', async () => {
    const again = await run({ workers: 0 });
    if ('errors' in again) throw new Error(again.errors.join('\n'));
    expect(gradesJson(again.grades)).toBe(gradesJson(single));
    const a = await outputsOf(single);
    expect(await outputsOf(again.grades)).toEqual(a);
    expect(Object.keys(a).sort()).toContain('feedback/ada.md');
    expect(Object.keys(a)).not.toContain('feedback/..submission.json.md');
    expect(a['feedback/ada.md']).toMatch(/27\.5 of 30 points/);
    expect(a['feedback/ada.md']).not.toContain('corpus-secret');
  }, 120_000);

  it('three shards merged give the single run, byte for byte; a missing or doubled shard is refused', async () => {
    const shards: { name: string; grades: GradesFile }[] = [];
    for (const index of [3, 1, 2]) {
      const r = await run({ workers: 0, shard: { index, count: 3 } });
      if ('errors' in r) throw new Error(r.errors.join('\n'));
      expect(r.grades.shard).toMatchObject({ index, count: 3 });
      shards.push({ name: `shard-${index}`, grades: JSON.parse(gradesJson(r.grades)) as GradesFile });
    }
    const merged = mergeGrades(shards);
    expect(merged.errors).toEqual([]);
    expect(await outputsOf(merged.grades!)).toEqual(await outputsOf(single));
    expect(mergeGrades(shards.slice(0, 2)).errors).toEqual(['shard(s) 2 of 3 missing']);
    expect(mergeGrades([...shards, shards[0]!]).errors[0]).toMatch(/shard 3 is also shard-3/);
  }, 180_000);

  it('the secret is in no output', async () => {
    const out = await outputsOf(single);
    for (const text of Object.values(out)) expect(text).not.toContain(env.WORKBOOK_TEST_SECRET);
    expect((await readdir(corpus)).length).toBe(16);
  });
});
