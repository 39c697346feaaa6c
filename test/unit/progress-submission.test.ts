import { describe, expect, it } from 'vitest';
import { buildSubmission, readSubmission, submissionFileName, submissionToSnapshot, SUBMISSION_FORMAT } from '../../runtime/progress/submission.ts';
import { attempt, assignment, state } from './progress-fixtures.ts';

const meta = new Map([
  ['read-two-runs', { title: 'Read two runs', points: 10 }],
  ['write-a-spec', { title: 'Write a spec', points: 15 }],
]);
const snapshot = {
  attempts: [
    attempt({ id: 'a2', score: 1, complete: true, at: '2025-03-01T11:00:00.000Z' }),
    attempt(),
    attempt({
      id: 's1',
      exercise: 'write-a-spec',
      seed: 5,
      answers: { spec: 'version: 1\n' },
      score: 0.1,
      parts: { spec: { status: 'partial', score: 0.1 } },
    }),
  ],
  states: [state(), state({ exercise: 'write-a-spec', seed: 5, draft: { spec: 'version: 1\nid: x\n' } })],
  assignments: [assignment({ exercise: 'write-a-spec', seed: 5 })],
};

describe('submission files', () => {
  const sub = buildSubmission(snapshot, { exportedAt: '2025-03-02T08:00:00.000Z', site: 'http://127.0.0.1:4329', exercises: meta });

  it('carries each exercise in the workbook order, with attempts oldest first, seeds, answers and page scores', () => {
    expect(sub.format).toBe(SUBMISSION_FORMAT);
    expect(sub.version).toBe(1);
    expect(sub.exercises.map((e) => e.exercise)).toEqual(['read-two-runs', 'write-a-spec']);
    const read = sub.exercises[0]!;
    expect(read.attempts.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(read.attempts[1]).toMatchObject({ seed: 123, score: 1, points: 10, answers: { median: '4.2 ms' } });
    // a2 is the second attempt on seed 123: its 1.0 is credited 0.75 (attempt policy), above a1's 0.5.
    expect(read.best).toEqual({ attempt: 'a2', seed: 123, score: 0.75, points: 7.5 });
    expect(read.state).toMatchObject({ seed: 123, hintsShown: 1 });
    expect(sub.exercises[1]!.assignment).toMatchObject({ course: 'bench-101', seed: 5 });
    expect(sub.exercises[1]!.attempts[0]!.points).toBeCloseTo(1.5);
  });

  it('reads back to the same records (round trip through JSON)', () => {
    const r = readSubmission(JSON.stringify(sub), { knownExercises: ['read-two-runs', 'write-a-spec'] });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const back = submissionToSnapshot(r.submission!);
    expect(back.attempts.sort((x, y) => x.id.localeCompare(y.id))).toEqual([...snapshot.attempts].sort((x, y) => x.id.localeCompare(y.id)));
    expect(back.states).toEqual(snapshot.states);
    expect(back.assignments).toEqual(snapshot.assignments);
  });

  it('refuses text that is not JSON, another kind of file, a newer version, and says which', () => {
    expect(readSubmission('{oops', { file: 'x.json' }).errors[0]).toMatch(/^x\.json is not JSON/);
    expect(readSubmission(JSON.stringify({ format: 'benchmark-carpentry/result', version: 1 })).errors[0]).toMatch(
      /not a Benchmark Carpentry submission \(it says "format": "benchmark-carpentry\/result"\)/,
    );
    expect(readSubmission(JSON.stringify({ ...sub, version: 7 })).errors[0]).toMatch(/version 7, newer than this workbook reads \(up to 1\)/);
    expect(readSubmission(JSON.stringify({ ...sub, version: 'one' })).errors[0]).toMatch(/"version" is missing or not a whole number/);
  });

  it('names the place of a bad field', () => {
    const bad = structuredClone(sub);
    (bad.exercises[0]!.attempts[1] as { seed: unknown }).seed = -4;
    (bad.exercises[1] as Record<string, unknown>).grade = 'A+';
    const errors = readSubmission(JSON.stringify(bad), { file: 'mine.json' }).errors;
    expect(errors).toContainEqual(expect.stringMatching(/^mine\.json: exercises\[0\]\.attempts\[1\]\.seed: a seed is a whole number/));
    expect(errors).toContainEqual('mine.json: exercises[1]: unknown field "grade"');
  });

  it('refuses duplicate entries and attempt ids, and an assignment seed without its assignment', () => {
    const dup = { ...sub, exercises: [sub.exercises[0]!, sub.exercises[0]!] };
    const errors = readSubmission(JSON.stringify(dup)).errors;
    expect(errors).toContainEqual(expect.stringMatching(/exercises\[1\]: "read-two-runs" has another entry/));
    expect(errors).toContainEqual(expect.stringMatching(/attempts\[0\]\.id: "a1" is the id of another attempt/));
    const orphan = structuredClone(sub);
    orphan.exercises[0]!.state!.seedSource = 'assignment';
    expect(readSubmission(JSON.stringify(orphan)).errors[0]).toMatch(/seedSource: "assignment", but the entry has no assignment/);
  });

  it('keeps an exercise this workbook does not know, with a warning', () => {
    const other = { ...sub, exercises: [{ ...sub.exercises[0]!, exercise: 'retired-exercise' }] };
    const r = readSubmission(JSON.stringify(other), { knownExercises: ['read-two-runs'] });
    expect(r.errors).toEqual([]);
    expect(r.warnings[0]).toMatch(/"retired-exercise" is not an exercise of this workbook/);
  });

  it('names the file after the export date', () => {
    expect(submissionFileName('2025-03-02T08:00:00.000Z')).toBe('benchmark-carpentry-2025-03-02.submission.json');
  });
});
