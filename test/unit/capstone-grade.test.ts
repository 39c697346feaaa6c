import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAssignment } from '../../runtime/classroom/assignment.ts';
import { parseCsv } from '../../runtime/classroom/csv.ts';
import { feedbackMarkdown, plainGradebook } from '../../runtime/classroom/render.ts';
import { statistics } from '../../runtime/classroom/statistics.ts';
import { CAPSTONE_SECTIONS, emptyCapstoneReport, type CapstoneReport } from '../../runtime/capstone/report.ts';
import { CAPSTONE_STARTER_SPEC } from '../../runtime/capstone/starter.ts';
import type { GradesFile } from '../../runtime/classroom/grades.ts';
import { runGrading } from '../../runtime/node/classroom/grade-run.ts';
import { PROJECT_ROOT } from '../../runtime/node/exercise-folders.ts';
import { runOnNode } from '../../runtime/node/runners.ts';
import type { ResultRecord } from '../../runtime/results/record.ts';
import { loadSpec } from '../../runtime/spec/load.ts';

/**
 * `workbook grade` on capstone reports: the rubric's points in the gradebook, the instructor's share
 * named as pending in the row (never 0, never full), forged records flagged, degenerate reports low,
 * a bad file an error row naming its field, and an assignment mixing exercises and the capstone.
 */

const secret = 'capstone-test-secret-0123456789';
let dir: string;
let record: ResultRecord;
let specText: string;
let grades: GradesFile;

/** An honest short report as a learner writes it: every section passes the prose check. */
const sections = () =>
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/capstone/honest-sections.json'), 'utf8')) as CapstoneReport['sections'];
const report = (over: Partial<CapstoneReport> = {}): CapstoneReport => ({
  ...emptyCapstoneReport('2026-12-10T10:00:00Z', specText),
  domain: 'museum kiosks',
  records: [record],
  sections: sections(),
  ...over,
});

beforeAll(async () => {
  specText = await readFile(path.join(PROJECT_ROOT, 'test/unit/fixtures/capstone/kiosk-frame-blend.bench.yaml'), 'utf8');
  record = await runOnNode({ spec: loadSpec(specText).spec!, target: 'js' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'capstone-grade-'));
  const subs = path.join(dir, 'subs');
  await import('node:fs/promises').then((fs) => fs.mkdir(subs));
  const edited = structuredClone(record);
  edited.statistics.p90 = edited.statistics.p90 / 2;
  const files: Record<string, unknown> = {
    ada: report(),
    bob: emptyCapstoneReport('2026-12-10T10:00:00Z', CAPSTONE_STARTER_SPEC),
    cy: report({ records: [edited] }),
    dee: report({ spec: specText.replace('seed: 7', 'seed: 9') }),
    eve: { ...report(), exportedAt: 'last tuesday' },
    fay: report({ exportedAt: '2026-12-20T10:00:00Z' }),
  };
  for (const [who, value] of Object.entries(files)) await writeFile(path.join(subs, `${who}.submission.json`), JSON.stringify(value));
  const assignment = path.join(dir, 'capstone.assignment.yaml');
  await writeFile(assignment, await readFile(path.join(PROJECT_ROOT, 'exercises/capstone.assignment.yaml'), 'utf8'));
  const run = await runGrading({ assignmentPath: assignment, submissionsDir: subs, workers: 0, env: { COURSE_SECRET: secret } });
  if ('errors' in run) throw new Error(run.errors.join('\n'));
  grades = run.grades;
}, 60_000);

const rowOf = (who: string) => grades.learners.find((l) => l.learner === who)!;

describe('workbook grade on capstone reports', () => {
  it('gives the checked points and names the pending instructor points in the gradebook row', () => {
    const ada = rowOf('ada');
    expect(ada.status).toBe('graded');
    expect(ada.points).toBe(70);
    expect(ada.max).toBe(100);
    expect(ada.exercises.at(-1)!.pending).toEqual({ points: 30, items: ['domain-fit', 'interpretation', 'threats', 'authenticity'] });
    const csv = parseCsv(plainGradebook(grades)).map((r) => r.fields);
    expect(csv[0]).toEqual(['learner', 'name', 'email', 'status', 'points', 'max', 'capstone', 'message']);
    const line = csv.find((r) => r[0] === 'ada')!;
    expect(line.slice(3, 7)).toEqual(['graded', '70', '100', '70']);
    expect(line[7]).toBe(
      'capstone: 70 of 70 checked points; needs instructor: fit to the domain (0/10 pending), reading of the results (0/10 pending), threats to validity (0/10 pending), record authenticity',
    );
    const feedback = feedbackMarkdown(grades, ada);
    expect(feedback).toMatch(/Part record-matches-spec: correct/);
    expect(feedback).toMatch(/needs instructor/);
  });

  it('feeds the statistics page: the capstone column and its checked items', () => {
    const stats = statistics(grades);
    const cap = stats.exercises.find((e) => e.exercise === 'capstone')!;
    expect(cap.max).toBe(100);
    expect(cap.flagged).toBe(2);
    const matches = stats.parts.find((p) => p.exercise === 'capstone' && p.part === 'record-matches-spec')!;
    // ada, bob (no record), cy (edited, but a run of the spec), dee (another spec), fay: eve is an error row.
    expect([matches.answered, matches.correct, matches.wrong]).toEqual([5, 3, 2]);
    expect(stats.parts.some((p) => p.part === 'threats')).toBe(false);
  });

  it('scores the unchanged template 0 of the checked points, with the instructor points still pending', () => {
    const bob = rowOf('bob');
    expect(bob.points).toBe(0);
    expect(bob.message).toMatch(/^capstone: 0 of 70 checked points; needs instructor: fit to the domain \(0\/10 pending\)/);
  });

  it('flags edited numbers and a record of another spec', () => {
    expect(rowOf('cy').message).toMatch(/FLAGGED: the attached record's numbers were edited \(p90/);
    expect(rowOf('cy').points).toBe(60);
    expect(rowOf('dee').message).toMatch(/FLAGGED: the attached record is not a run of the submitted spec/);
    expect(rowOf('dee').points).toBe(50);
  });

  it('makes a bad report an error row naming the field, and applies the late policy', () => {
    expect(rowOf('eve').status).toBe('error');
    expect(rowOf('eve').message).toMatch(/eve\.submission\.json: exportedAt: must be an ISO time/);
    // Two started days late at 10% a day.
    expect(rowOf('fay').points).toBe(56);
  });
});

describe('the capstone in an assignment file', () => {
  it('accepts a capstone alone or beside exercises, and refuses an assignment with neither', () => {
    const head = 'id: w\ncourse: c\ntitle: T\ndue: 2026-12-01T00:00:00Z\nsecret: { env: S }\n';
    expect(parseAssignment(`${head}capstone: { points: 50 }\n`).diagnostics).toEqual([]);
    expect(parseAssignment(`${head}capstone: { points: 50 }\nexercises: [{ id: read-two-runs, points: 10 }]\n`).assignment?.capstone).toEqual({
      points: 50,
    });
    expect(parseAssignment(head).diagnostics[0]!.message).toMatch(/at least one exercise \(or a `capstone: \{ points: N \}`\)/);
    expect(parseAssignment(`${head}capstone: { points: 0 }\n`).diagnostics[0]!.message).toMatch(/capstone.points: expected more than 0/);
  });
});
