import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../runtime/classroom/csv.ts';
import { learnerSeed } from '../../runtime/classroom/grade-submission.ts';
import { assignmentCode, linkFor, parseAssignmentLink } from '../../runtime/classroom/link.ts';
import { parseAssignment } from '../../runtime/classroom/assignment.ts';
import { main } from '../../runtime/cli/main.ts';
import { PROJECT_ROOT } from '../../runtime/node/exercise-folders.ts';

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'submissions');
const SECRET = 'corpus-secret-0123456789abcdef';

describe('assignment links', () => {
  it('a link carries the learner and their code, and the page reads back the seed the grader recomputes', () => {
    const url = linkFor('https://w.example.org/base/', 'read-two-runs', {
      course: 'bench-101',
      assignment: 'w2',
      learner: 'ada@x.org',
      seed: 0xdeadbeef,
    });
    expect(url).toBe('https://w.example.org/base/exercises/read-two-runs/?course=bench-101&assignment=w2&learner=ada%40x.org&code=deadbeef');
    expect(parseAssignmentLink(new URL(url).search)).toEqual({
      link: { course: 'bench-101', assignment: 'w2', learner: 'ada@x.org', seed: 0xdeadbeef },
    });
    expect(assignmentCode(5)).toBe('00000005');
  });

  it('an incomplete or altered link is refused with a message, a page without one has none', () => {
    expect(parseAssignmentLink('?seed=3')).toEqual({});
    expect(parseAssignmentLink('?course=c&assignment=a&learner=l').problem).toMatch(/incomplete \(code missing\)/);
    expect(parseAssignmentLink('?course=c&assignment=a&learner=l&code=xyz').problem).toMatch(/not one a course gives/);
  });

  it('workbook assign writes each learner a link per exercise, with no secret in it', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'assign-'));
    process.env.WORKBOOK_TEST_SECRET = SECRET;
    const code = await main([
      'assign',
      path.join(FIXTURES, 'test.assignment.yaml'),
      path.join(FIXTURES, 'roster.csv'),
      '--out',
      out,
      '--site',
      'https://w.example.org/',
    ]);
    expect(code).toBe(0);
    const text = await readFile(path.join(out, 'links.csv'), 'utf8');
    expect(text).not.toContain(SECRET);
    const rows = parseCsv(text);
    expect(rows[0]!.fields).toEqual(['learner', 'name', 'email', 'exercise', 'url']);
    expect(rows).toHaveLength(1 + 14 * 2);
    const ada = rows.find((r) => r.fields[0] === 'ada' && r.fields[3] === 'fix-timing-harness')!;
    const link = parseAssignmentLink(new URL(ada.fields[4]!).search).link!;
    const assignment = parseAssignment(await readFile(path.join(FIXTURES, 'test.assignment.yaml'), 'utf8')).assignment!;
    expect(link).toEqual({
      course: 'bench-101',
      assignment: 'week-2-test',
      learner: 'ada',
      seed: learnerSeed({ assignment, secret: SECRET }, 'ada'),
    });
  });

  it('workbook assign without the secret, or without a site, says so', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'assign-'));
    delete process.env.WORKBOOK_TEST_SECRET;
    expect(
      await main(['assign', path.join(FIXTURES, 'test.assignment.yaml'), path.join(FIXTURES, 'roster.csv'), '--out', out, '--site', 'https://x/']),
    ).toBe(1);
    process.env.WORKBOOK_TEST_SECRET = SECRET;
    expect(await main(['assign', path.join(FIXTURES, 'test.assignment.yaml'), path.join(FIXTURES, 'roster.csv'), '--out', out])).toBe(2);
  });
});
