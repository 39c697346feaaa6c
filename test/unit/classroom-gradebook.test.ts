import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../runtime/classroom/csv.ts';
import { cleanText } from '../../runtime/classroom/text.ts';
import { classroomResult } from '../../runtime/classroom/github-classroom.ts';
import type { GradesFile, LearnerGrade } from '../../runtime/classroom/grades.ts';
import { canvasGradebook, feedbackFileName, moodleGradebook, plainGradebook } from '../../runtime/classroom/render.ts';
import { parseRoster } from '../../runtime/classroom/roster.ts';

const row = (learner: string, status: LearnerGrade['status'], points: number, extra: Partial<LearnerGrade> = {}): LearnerGrade => ({
  learner,
  status,
  points,
  max: 30,
  message: status === 'graded' ? '' : 'why',
  exercises: [
    {
      exercise: 'a',
      max: 10,
      points: Math.min(10, points),
      attempts: 1,
      graded: 1,
      flagged: 0,
      beyondLimit: 0,
      parts: {},
      hintsShown: 0,
      wrong: [],
      formatErrors: [],
    },
    {
      exercise: 'b',
      max: 20,
      points: Math.max(0, points - 10),
      attempts: 1,
      graded: 1,
      flagged: 0,
      beyondLimit: 0,
      parts: {},
      hintsShown: 0,
      wrong: [],
      formatErrors: [],
    },
  ],
  ...extra,
});
const grades = (learners: LearnerGrade[]): GradesFile => ({
  format: 'benchmark-carpentry/grades',
  version: 1,
  assignment: {
    id: 'w2',
    course: 'c',
    title: 'Week 2',
    due: '2026-12-07T23:59:00Z',
    max: 30,
    exercises: [
      { id: 'a', title: 'A', points: 10, parts: [] },
      { id: 'b', title: 'B', points: 20, parts: [] },
    ],
  },
  learners,
});

describe('CSV', () => {
  it('quotes what needs quoting, defuses formulas, and reads back what it wrote', () => {
    // A line break in a field is a forged row to a careless importer: it becomes a space (issue 13.3).
    const text = toCsv([['a,b', 'say "hi"', 'two\nlines', '=1+1', 3]]);
    expect(text).toBe('"a,b","say ""hi""",two lines,\'=1+1,3\r\n');
    expect(parseCsv(text)[0]!.fields).toEqual(['a,b', 'say "hi"', 'two lines', "'=1+1", '3']);
    expect(() => parseCsv('a,b\n"open,c\n')).toThrow('line 2: a quoted field is never closed');
  });

  it('strips control, bidi and zero-width characters and cuts every field at 200 characters', () => {
    const hostile = `\u001b[2J\u001b[31mada\r\nbob,0\u0000\u202eevil\u200b${'x'.repeat(500)}`;
    const [field] = parseCsv(toCsv([[hostile]]))[0]!.fields;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(field).not.toMatch(/[\u0000-\u001f\u202e\u200b]/u);
    expect(field!.startsWith('[2J[31mada bob,0evil')).toBe(true);
    expect([...field!]).toHaveLength(200);
    expect(field!.endsWith('…')).toBe(true);
    expect(cleanText('short')).toBe('short');
  });

  it('identifier columns keep +, - and @ ids verbatim (LMS import matches them); free text is still guarded', () => {
    const g = grades([row('+eve', 'graded', 5, { email: '@bob.example', message: '=HYPERLINK("x")' }), row('-1', 'graded', 1)]);
    const plain = parseCsv(plainGradebook(g)).map((r) => r.fields);
    expect(plain[1]!.slice(0, 3)).toEqual(['+eve', '', '@bob.example']);
    expect(plain[1]!.at(-1)).toBe('\'=HYPERLINK("x")');
    expect(plain[2]![0]).toBe('-1');
    const moodle = parseCsv(moodleGradebook(g)).map((r) => r.fields);
    expect(moodle[1]!.slice(0, 2)).toEqual(['@bob.example', '+eve']);
    const canvas = parseCsv(canvasGradebook(g)).map((r) => r.fields);
    // Student (a name: free text) is guarded; SIS Login ID (the id) is not.
    expect(canvas[2]![0]).toBe("'+eve");
    expect(canvas[2]![3]).toBe('+eve');
    // An identifier cell with characters outside the id rules is guarded like free text.
    expect(toCsv([['=cmd|x', 'a']], [0])).toBe("'=cmd|x,a\r\n");
  });
});

describe('roster', () => {
  it('refuses a doubled header column, a UTF-16 file, invisible characters and ids that differ only in case', () => {
    expect(parseRoster('learner,name,learner\nada,Ada,bob\n').errors).toEqual([
      'line 1: the column(s) "learner" appear twice in the header; each once',
    ]);
    const utf16 = Buffer.from('\ufefflearner\nada\n', 'utf16le').toString('utf8');
    expect(parseRoster(utf16).errors).toEqual(['line 1: the roster is not UTF-8 (it looks like UTF-16: NUL bytes); save the roster as UTF-8']);
    expect(parseRoster('learner\nada\nad\u200ba\n').errors).toEqual([
      'line 3: the learner id has an invisible character (U+200B) at position 3; retype it',
    ]);
    const cased = parseRoster('learner\nada\nAda\nada\n');
    expect(cased.errors).toEqual([
      'line 3: "Ada" is already on line 2 as "ada" (ids that differ only in case collide as file names)',
      'line 4: "ada" is already on line 2',
    ]);
    expect(cased.learners.map((l) => l.learner)).toEqual(['ada']);
  });

  it('reads learners and names each problem at its line', () => {
    expect(parseRoster('learner,email\nada,ada@x.org\n').learners).toEqual([{ learner: 'ada', email: 'ada@x.org' }]);
    expect(parseRoster('name\nAda\n').errors).toEqual(['line 1: the header has no "learner" column']);
    const bad = parseRoster('learner\nada\n../etc/passwd\nada\n\n"a b"\n');
    expect(bad.errors).toEqual([
      expect.stringMatching(/^line 3: "..\/etc\/passwd" is not a learner id/),
      'line 4: "ada" is already on line 2',
      expect.stringMatching(/^line 6: "a b" is not a learner id/),
    ]);
  });
  it('a learner id that could leave the feedback folder names no file', () => {
    expect(feedbackFileName('ada@example.org')).toBe('ada@example.org.md');
    for (const bad of ['..', '../x', '.hidden', 'a/b', 'a\\b', '']) expect(feedbackFileName(bad)).toBeUndefined();
  });
});

describe('gradebooks', () => {
  const g = grades([
    row('ada', 'graded', 27.5, { name: 'Ada', email: 'ada@x.org', canvasId: '101', sisLoginId: 'ada1', section: 'A' }),
    row('bob', 'error', 0),
    row('cy', 'missing', 0),
  ]);
  it('plain: every learner, every exercise, the status and why', () => {
    expect(plainGradebook(g).split('\r\n')).toEqual([
      'learner,name,email,status,points,max,a,b,message',
      'ada,Ada,ada@x.org,graded,27.5,30,10,17.5,',
      'bob,,,error,0,30,0,0,why',
      'cy,,,missing,0,30,0,0,why',
      '',
    ]);
  });
  it('Canvas: its import columns and a Points Possible row; an error is left blank, a missing one is 0', () => {
    expect(canvasGradebook(g).split('\r\n')).toEqual([
      'Student,ID,SIS User ID,SIS Login ID,Section,Week 2',
      'Points Possible,,,,,30',
      'Ada,101,,ada1,A,27.5',
      'bob,,,bob,,',
      'cy,,,cy,,0',
      '',
    ]);
  });
  it('Moodle: Email address and Username to identify, the grade, and Feedback', () => {
    const lines = moodleGradebook(g).split('\r\n');
    expect(lines[0]).toBe('Email address,Username,Week 2,Feedback');
    expect(lines[1]).toBe('ada@x.org,ada,27.5,27.5 of 30 points');
    expect(lines[2]).toBe(',bob,,error: why');
  });
});

describe('GitHub Classroom', () => {
  it('one test per exercise, scored in points, max_score the assignment total, as the autograding reporter reads it', () => {
    const r = classroomResult(grades([row('ada', 'graded', 25)]));
    if ('error' in r) throw new Error(r.error);
    expect(r.result).toEqual({
      version: 1,
      status: 'fail',
      max_score: 30,
      tests: [
        { name: 'A', status: 'pass', score: 10, message: '10 of 10 points' },
        { name: 'B', status: 'fail', score: 15, message: '15 of 20 points' },
      ],
    });
    expect(r.lines.at(-1)).toBe('Points 25/30');
    // What the reporter does with it: sum of scores over max_score.
    expect(r.result.tests.reduce((s, t) => s + t.score, 0)).toBe(25);
  });
  it('a repository with two submissions, or a file that is an error, is reported so', () => {
    expect(
      classroomResult(grades([row('a', 'graded', 1, { file: 'a.submission.json' }), row('b', 'graded', 1, { file: 'b.submission.json' })])),
    ).toMatchObject({ error: expect.stringContaining('has 2') });
    const err = classroomResult(grades([row('a', 'error', 0, { file: 'a.submission.json' })]));
    expect(err).toMatchObject({ result: { status: 'error', tests: [{ score: 0, message: 'why' }] } });
  });
});
