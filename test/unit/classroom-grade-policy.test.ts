import { describe, expect, it } from 'vitest';
import { parseAssignment, type Assignment } from '../../runtime/classroom/assignment.ts';
import { FEEDBACK_MAX, feedbackMarkdown } from '../../runtime/classroom/render.ts';
import { MAX_CODE_ATTEMPTS, gradeSubmissionText, learnerSeed, type GradeContext } from '../../runtime/classroom/grade-submission.ts';
import type { AnyExercise, CheckResult } from '../../runtime/exercises/types.ts';

// The grading rules on a one-part exercise whose check is "the answer is 42": the attempt policy and its
// limit, lateness, another variant's attempts, and the page's scores never read.
const exercise = {
  id: 'answer',
  title: 'Answer',
  points: 1,
  parts: [{ id: 'n', prompt: '', answer: { type: 'number', unit: '' } }],
} as unknown as AnyExercise;
const assignment = (extra = ''): Assignment =>
  parseAssignment(`id: w\ncourse: c\ntitle: W\nexercises:\n  - id: answer\n    points: 10\ndue: 2026-12-07T23:59:00Z\nsecret: { env: S }\n${extra}`)
    .assignment!;
const checked: string[] = [];
const ctx = (a: Assignment): GradeContext => ({
  assignment: a,
  secret: 's'.repeat(20),
  exercises: new Map([['answer', exercise]]),
  check: async (_e, seed, answers): Promise<CheckResult> => {
    checked.push(String(answers.n));
    const score = answers.n === '42' ? 1 : answers.n === '41' ? 0.5 : 0;
    return {
      exercise: 'answer',
      seed,
      parts: { n: { status: score === 1 ? 'correct' : score ? 'partial' : 'wrong', score, feedback: 'fb' } },
      score,
      points: score,
      complete: score === 1,
      formatErrors: [],
    };
  },
});
const file = (a: Assignment, attempts: { n: string; at: string; seed?: number; score?: number }[]) =>
  JSON.stringify({
    format: 'benchmark-carpentry/submission',
    version: 1,
    exportedAt: '2026-12-01T00:00:00.000Z',
    exercises: [
      {
        exercise: 'answer',
        attempts: attempts.map((t, k) => ({
          id: `t${k}`,
          seed: t.seed ?? learnerSeed({ assignment: a, secret: 's'.repeat(20) }, 'ada'),
          answers: { n: t.n },
          score: t.score ?? 1,
          parts: {},
          complete: true,
          at: t.at,
        })),
      },
    ],
  });
const grade = (a: Assignment, attempts: Parameters<typeof file>[1]) =>
  gradeSubmissionText(ctx(a), { learner: 'ada' }, 'ada.submission.json', file(a, attempts));
const ON_TIME = '2026-12-01T00:00:00.000Z';

describe('grading rules', () => {
  it('each attempt on the variant is worth 25% less; the best credited one counts; the page scores are ignored', async () => {
    const a = assignment();
    const r = await grade(a, [
      { n: '1', at: '2026-12-01T00:00:00.000Z', score: 1 },
      { n: '41', at: '2026-12-01T00:01:00.000Z' },
      { n: '42', at: '2026-12-01T00:02:00.000Z' },
    ]);
    // 0, 0.5 x 0.75, 1 x 0.5: the best is 0.5 x 10 points (the third attempt; the second gives 0.375).
    expect(r.points).toBe(5);
    expect(r.exercises[0]).toMatchObject({ graded: 3, best: { attempt: 't2', score: 1, value: 0.5 } });
  });

  it('attempts past the limit are not graded', async () => {
    const a = assignment('attempts: { policy: decay, limit: 2 }');
    const r = await grade(a, [
      { n: '1', at: '2026-12-01T00:00:00.000Z' },
      { n: '2', at: '2026-12-01T00:01:00.000Z' },
      { n: '42', at: '2026-12-01T00:02:00.000Z' },
    ]);
    expect(r.points).toBe(0);
    expect(r.exercises[0]).toMatchObject({ graded: 2, beyondLimit: 1 });
  });

  it('attempts: final grades only the final answer, at full value: deleting wrong probes or editing times earns nothing extra', async () => {
    const a = assignment('attempts: final');
    checked.length = 0;
    const probed = await grade(a, [
      { n: '1', at: '2026-12-01T00:00:00.000Z' },
      { n: '2', at: '2026-12-01T00:01:00.000Z' },
      { n: '42', at: '2026-12-01T00:02:00.000Z' },
    ]);
    // One check (the final attempt), no decay: 10 of 10, the same as a file with only that attempt.
    expect(checked).toEqual(['42']);
    expect(probed.points).toBe(10);
    expect(probed.exercises[0]).toMatchObject({ graded: 1, beyondLimit: 0, best: { attempt: 't2', value: 1 } });
    expect((await grade(a, [{ n: '42', at: ON_TIME }])).points).toBe(10);
    // A final wrong answer is what counts, even after a right one.
    expect(
      (
        await grade(a, [
          { n: '42', at: ON_TIME },
          { n: '1', at: '2026-12-01T00:05:00.000Z' },
        ])
      ).points,
    ).toBe(0);
    // The same file under decay: 0.5 of 10 (third attempt on the variant).
    expect(
      (
        await grade(assignment(), [
          { n: '1', at: ON_TIME },
          { n: '2', at: '2026-12-01T00:01:00.000Z' },
          { n: '42', at: '2026-12-01T00:02:00.000Z' },
        ])
      ).points,
    ).toBe(5);
  });

  it('lint warns that decay is a self-paced incentive; final has no warning', () => {
    const text = (p: string) =>
      `id: w\ncourse: c\ntitle: W\nexercises:\n  - id: answer\n    points: 10\ndue: 2026-12-07T23:59:00Z\nsecret: { env: S }\n${p}`;
    const decay = parseAssignment(text('attempts: { policy: decay }'));
    expect(decay.warnings).toHaveLength(1);
    expect(decay.warnings![0]).toMatchObject({ line: 9, severity: 'warning' });
    expect(decay.warnings![0]!.message).toMatch(/self-paced incentive, not enforceable.*attempts: final/);
    expect(parseAssignment(text('attempts: final')).warnings).toEqual([]);
    expect(parseAssignment(text('attempts: { policy: final }')).assignment?.attempts).toEqual({ policy: 'final' });
  });

  it('a stamp whose fields are not ids is an error row that never echoes them whole or raw', async () => {
    const a = assignment();
    const seed = learnerSeed({ assignment: a, secret: 's'.repeat(20) }, 'ada');
    const stamped = (learner: string, course = 'c') =>
      JSON.stringify({
        format: 'benchmark-carpentry/submission',
        version: 1,
        exportedAt: '2026-12-01T00:00:00.000Z',
        exercises: [{ exercise: 'answer', assignment: { course, assignment: 'w', learner, seed, receivedAt: ON_TIME }, attempts: [] }],
      });
    const esc = await gradeSubmissionText(ctx(a), { learner: 'ada' }, 'ada.submission.json', stamped(`\u001b[2J\u202e${'x'.repeat(5000)}`));
    expect(esc.status).toBe('error');
    expect(esc.message).toMatch(/exercises\[0\]\.assignment\.learner: ".*" is not an id/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(esc.message).not.toMatch(/[\u001b\u202e]/u);
    expect(esc.message.length).toBeLessThan(300);
    const course = await gradeSubmissionText(ctx(a), { learner: 'ada' }, 'ada.submission.json', stamped('ada', 'C\r\nforged'));
    expect(course.message).toMatch(/assignment\.course: "C forged" is not an id/);
  });

  it("a part's feedback is cut in the learner's file (a checker quoting a 1 MB error)", () => {
    const g = {
      assignment: { title: 'W', exercises: [{ id: 'answer', title: 'Answer', points: 10 }] },
    } as unknown as Parameters<typeof feedbackMarkdown>[0];
    const l = {
      learner: 'ada',
      status: 'graded',
      points: 0,
      max: 10,
      message: '',
      exercises: [
        {
          exercise: 'answer',
          max: 10,
          points: 0,
          attempts: 1,
          graded: 1,
          flagged: 0,
          beyondLimit: 0,
          best: { attempt: 't', at: ON_TIME, score: 0, value: 1, late: 1 },
          parts: { n: { status: 'wrong', score: 0, feedback: `Error: ${'e'.repeat(2 ** 20)}\u001b[0m` } },
          hintsShown: 0,
          wrong: [],
          formatErrors: [],
        },
      ],
    } as unknown as Parameters<typeof feedbackMarkdown>[1];
    const md = feedbackMarkdown(g, l);
    expect(md.length).toBeLessThan(FEEDBACK_MAX + 500);
    expect(md).toContain('…');
  });

  it('a code exercise: only the last MAX_CODE_ATTEMPTS distinct attempts are run, each at its true decay value', async () => {
    const a = assignment();
    const code = { ...exercise, parts: [{ id: 'n', prompt: '', answer: { type: 'code', language: 'js' } }] } as unknown as AnyExercise;
    const c = { ...ctx(a), exercises: new Map([['answer', code]]) };
    checked.length = 0;
    const attempts = Array.from({ length: 12 }, (_, k) => ({
      n: k === 11 ? '42' : String(k),
      at: `2026-12-01T00:${String(k).padStart(2, '0')}:00.000Z`,
    }));
    const r = await gradeSubmissionText(c, { learner: 'ada' }, 'ada.submission.json', file(a, attempts));
    // 12 distinct attempts used to mean 12 sandbox runs; now 5, the last ones, the newest first (it is
    // the last to go without when the file's step budget runs out).
    expect(checked).toEqual(['42', '10', '9', '8', '7']);
    expect(MAX_CODE_ATTEMPTS).toBe(5);
    // The 12th attempt on the variant keeps its place: worth the floor (25%), as if all 12 were run.
    expect(r.exercises[0]).toMatchObject({ graded: 5, beyondLimit: 7, best: { attempt: 't11', value: 0.25 } });
    expect(r.points).toBe(2.5);
  });

  it('a late attempt loses its share; refuse makes it worth nothing', async () => {
    const late = [{ n: '42', at: '2026-12-09T00:00:00.000Z' }];
    expect((await grade(assignment('late: { policy: penalty, perDay: 0.25, max: 0.5 }'), late)).points).toBe(5);
    expect((await grade(assignment('late: { policy: penalty, perDay: 0.1 }'), late)).points).toBe(8);
    expect((await grade(assignment('late: { policy: refuse }'), late)).points).toBe(0);
    expect((await grade(assignment('late: { policy: refuse }'), [{ n: '42', at: ON_TIME }])).points).toBe(10);
  });

  it("another variant's attempts are flagged and never checked", async () => {
    checked.length = 0;
    const r = await grade(assignment(), [{ n: 'copied', at: ON_TIME, seed: 1 }]);
    expect(checked).toEqual([]);
    expect(r).toMatchObject({ status: 'graded', points: 0, message: 'answer: 1 attempt(s) on another variant, not scored' });
  });

  it('the same answers twice are checked once', async () => {
    checked.length = 0;
    await grade(assignment(), [
      { n: '41', at: ON_TIME },
      { n: '41', at: '2026-12-01T00:01:00.000Z' },
    ]);
    expect(checked).toEqual(['41']);
  });

  it('a check that fails (the host cannot check) makes the row an error that says so, not a 0 without a word', async () => {
    const c = { ...ctx(assignment()), check: async () => Promise.reject(new Error('no WebGPU here')) };
    const r = await gradeSubmissionText(c, { learner: 'ada' }, 'ada.submission.json', file(c.assignment, [{ n: '42', at: ON_TIME }]));
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/answer: could not be checked by the grader \(no WebGPU here\)/);
  });
});
