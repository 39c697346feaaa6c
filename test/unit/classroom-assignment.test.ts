import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lateFactor, parseAssignment, totalPoints, type Assignment } from '../../runtime/classroom/assignment.ts';
import { lintCommand } from '../../runtime/cli/lint-command.ts';
import { loadAssignmentFile } from '../../runtime/node/classroom/assignment-file.ts';
import { readCourseSecret } from '../../runtime/node/classroom/secret.ts';
import { PROJECT_ROOT } from '../../runtime/node/exercise-folders.ts';

const SAMPLE = path.join(PROJECT_ROOT, 'exercises', 'sample.assignment.yaml');
const base = `id: week-2
course: bench-101
title: Week 2
exercises:
  - id: read-two-runs
    points: 10
due: 2026-12-07T23:59:00Z
secret: { env: COURSE_SECRET }
`;

describe('assignment file', () => {
  it('the sample in the repo loads, with its defaults', async () => {
    const { assignment, diagnostics } = await loadAssignmentFile(SAMPLE);
    expect(diagnostics).toEqual([]);
    expect(assignment!.id).toBe('week-2');
    expect(totalPoints(assignment!)).toBe(40);
    expect(parseAssignment(base).assignment!.late).toEqual({ policy: 'accept' });
  });

  it('a bad field is named at its line', () => {
    const { diagnostics } = parseAssignment(base.replace('points: 10', 'points: -3'), 'a.assignment.yaml');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ path: 'a.assignment.yaml', line: 6, message: expect.stringContaining('exercises.0.points') });
  });

  it('an unknown field, a due date without a zone, a duplicate exercise: each at its line', () => {
    expect(parseAssignment(`${base}secrt: x\n`).diagnostics[0]).toMatchObject({ line: 9, message: expect.stringContaining('unknown field "secrt"') });
    expect(parseAssignment(base.replace('T23:59:00Z', 'T23:59:00')).diagnostics[0]).toMatchObject({
      line: 7,
      message: expect.stringContaining('with its zone'),
    });
    const dup = base.replace('due:', '  - id: read-two-runs\n    points: 5\ndue:');
    expect(parseAssignment(dup).diagnostics[0]).toMatchObject({ line: 7, message: expect.stringContaining('listed twice') });
  });

  it('a secret written into the file is refused (only env or file), and its value is never printed', () => {
    const { diagnostics } = parseAssignment(base.replace('secret: { env: COURSE_SECRET }', 'secret: { value: hunter2hunter2hunter2 }'));
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics[0]!.line).toBe(8);
    const inline = parseAssignment(base.replace('secret: { env: COURSE_SECRET }', 'secret: 0123456789abcdef0123456789abcdef')).diagnostics;
    for (const d of [...diagnostics, ...inline]) {
      expect(d.message).not.toMatch(/hunter2|0123456789abcdef|Invalid input/);
      expect(d.message).toContain('write where the secret is read from (env: NAME or file: PATH), never the secret itself');
    }
    expect(inline).toHaveLength(1);
    const env = parseAssignment(base.replace('COURSE_SECRET }', 'course_secret }')).diagnostics;
    expect(env[0]!.message).toMatch(/^secret\.env: must be an environment variable name/);
  });

  it('an unknown exercise is reported even when other fields fail, in line order', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'asg-'));
    const file = path.join(dir, 'x.assignment.yaml');
    await writeFile(file, base.replace('id: week-2', 'id: Bad').replace('read-two-runs', 'no-such-exercise'));
    const { assignment, diagnostics } = await loadAssignmentFile(file);
    expect(assignment).toBeUndefined();
    expect(diagnostics.map((d) => [d.line, d.message.split(':')[0]])).toEqual([
      [1, 'id'],
      [5, 'exercises.0.id'],
    ]);
  });

  it('diagnostics come in line order', () => {
    // zod reports an unknown field after the fields' own problems: the unknown one on line 1 comes first.
    const d = parseAssignment(`extra: 1\n${base.replace('points: 10', 'points: -1')}`).diagnostics;
    expect(d[0]).toMatchObject({ line: 1, message: expect.stringContaining('unknown field "extra"') });
    expect(d.length).toBe(2);
    expect(d.map((x) => x.line)).toEqual([...d.map((x) => x.line)].sort((x, y) => x - y));
  });

  it('an exercise the workbook lacks, and a secret file inside the project, are errors at their lines', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'assign-'));
    const file = path.join(dir, 'x.assignment.yaml');
    await writeFile(
      file,
      base.replace('read-two-runs', 'no-such-exercise').replace('{ env: COURSE_SECRET }', `{ file: ${path.join(PROJECT_ROOT, 'secret.txt')} }`),
    );
    const { assignment, diagnostics } = await loadAssignmentFile(file, 'x.assignment.yaml');
    expect(assignment).toBeUndefined();
    expect(diagnostics.map((d) => [d.line, d.message.split(':')[0]])).toEqual([
      [5, 'exercises.0.id'],
      [8, 'secret.file'],
    ]);
  });

  it('late policy: on time 1, penalty per started day up to its maximum, refuse 0', () => {
    const a = parseAssignment(base).assignment as Assignment;
    const pen: Assignment = { ...a, late: { policy: 'penalty', perDay: 0.1, max: 0.5 } };
    expect(lateFactor(pen, '2026-12-07T23:59:00Z')).toBe(1);
    expect(lateFactor(pen, '2026-12-08T00:00:00Z')).toBeCloseTo(0.9);
    expect(lateFactor(pen, '2026-12-09T23:59:01Z')).toBeCloseTo(0.7);
    expect(lateFactor(pen, '2027-01-30T00:00:00Z')).toBeCloseTo(0.5);
    expect(lateFactor({ ...a, late: { policy: 'refuse' } }, '2026-12-08T00:00:00Z')).toBe(0);
    expect(lateFactor(a, '2027-12-08T00:00:00Z')).toBe(1);
  });

  it('the secret: read from the env, refused when missing, short, or a file inside the project', async () => {
    const a = parseAssignment(base).assignment as Assignment;
    expect(await readCourseSecret(a, '.', { COURSE_SECRET: 'x'.repeat(32) })).toEqual({ secret: 'x'.repeat(32) });
    expect(await readCourseSecret(a, '.', {})).toMatchObject({ error: expect.stringContaining('COURSE_SECRET is not set') });
    expect(await readCourseSecret(a, '.', { COURSE_SECRET: 'short' })).toMatchObject({ error: expect.stringContaining('at least 16') });
    const inside = { ...a, secret: { file: 'package.json' } };
    expect(await readCourseSecret(inside, PROJECT_ROOT, {})).toMatchObject({ error: expect.stringContaining('inside the project') });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'secret-'));
    await writeFile(path.join(dir, 's.txt'), `${'k'.repeat(20)}\n`);
    expect(await readCourseSecret({ ...a, secret: { file: path.join(dir, 's.txt') } }, '.', {})).toEqual({ secret: 'k'.repeat(20) });
  });

  it('workbook lint covers assignment files: the sample passes, a broken one fails', async () => {
    expect(await lintCommand(['exercises/sample.assignment.yaml'], PROJECT_ROOT)).toBe(0);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lint-'));
    await writeFile(path.join(dir, 'bad.assignment.yaml'), base.replace('due: 2026-12-07T23:59:00Z', 'due: tomorrow'));
    expect(await lintCommand([path.join(dir, 'bad.assignment.yaml')], PROJECT_ROOT)).toBe(1);
  });
});
