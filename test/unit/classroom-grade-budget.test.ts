import { describe, expect, it } from 'vitest';
import { parseAssignment } from '../../runtime/classroom/assignment.ts';
import { FILE_STEP_BUDGET, gradeSubmissionText, learnerSeed, type GradeContext } from '../../runtime/classroom/grade-submission.ts';
import { feedbackMarkdown } from '../../runtime/classroom/render.ts';
import { createVariant } from '../../runtime/exercises/check.ts';
import { loadGraderExercises } from '../../runtime/node/classroom/grade-checks.ts';
import { harnessCode, type FixTimingHarnessData } from '../../exercises/fix-timing-harness/exercise.ts';

/**
 * A file's code checks share one budget of sandbox steps (counted, not timed): past it, the
 * remaining checks score 0 and say so, the newest attempt is checked first, the next file gets its
 * own budget, and the grade does not depend on the machine.
 */
const assignment = parseAssignment(
  'id: w\ncourse: c\ntitle: W\nexercises:\n  - id: fix-timing-harness\n    points: 20\ndue: 2026-12-07T23:59:00Z\nattempts: { policy: decay, limit: 10 }\nsecret: { env: S }\n',
).assignment!;
const secret = 's'.repeat(20);

async function context(fileStepBudget: number): Promise<GradeContext> {
  const loaded = await loadGraderExercises(['fix-timing-harness']);
  return { assignment, secret, exercises: loaded.exercises, check: loaded.check, fileStepBudget };
}

/** ada's file: `codes`, oldest first, one attempt each. */
function file(learner: string, codes: string[]): string {
  const seed = learnerSeed({ assignment, secret }, learner);
  return JSON.stringify({
    format: 'benchmark-carpentry/submission',
    version: 1,
    exportedAt: '2026-12-01T00:00:00.000Z',
    exercises: [
      {
        exercise: 'fix-timing-harness',
        attempts: codes.map((code, k) => ({
          id: `t${k}`,
          seed,
          answers: { code },
          score: 1,
          parts: {},
          complete: true,
          at: `2026-12-01T00:0${k}:00.000Z`,
        })),
      },
    ],
  });
}

async function contractOf(learner: string) {
  const { exercise } = { exercise: (await loadGraderExercises(['fix-timing-harness'])).exercises.get('fix-timing-harness')! };
  return (createVariant(exercise, learnerSeed({ assignment, secret }, learner)).data as FixTimingHarnessData).contract;
}

describe("a file's step budget across its code checks", () => {
  it('past the budget the remaining checks score 0 with a line saying so; the newest attempt is checked first', async () => {
    const ctx = await context(3000);
    const c = await contractOf('ada');
    const loop = (k: number) => `async function ${c.name}(work, clock, options) {\n  for (let i = ${k}; ; i++) {}\n}\n`;
    // Oldest first: three endless loops (distinct, so none is a cached repeat), then the fixed harness.
    const text = file('ada', [loop(0), loop(1), loop(2), harnessCode(c)]);
    const row = await gradeSubmissionText(ctx, { learner: 'ada' }, 'ada.submission.json', text);
    const ex = row.exercises[0]!;
    // The fixed harness ran first, in full; the first loop spent the rest (cut short), the others never ran.
    expect(ex).toMatchObject({ graded: 4, overBudget: 3, best: { attempt: 't3', score: 1 } });
    expect(row.status).toBe('graded');
    expect(row.message).toBe("fix-timing-harness: 3 code check(s) past the file's budget of 3,000 sandbox steps, scored 0");
    // The same file graded again gives the same row: steps, not seconds.
    expect(await gradeSubmissionText(ctx, { learner: 'ada' }, 'ada.submission.json', text)).toEqual(row);
    // With the loops as the newest attempts, the newest spends the budget and the fixed harness, older, goes without.
    const last = await gradeSubmissionText(ctx, { learner: 'ada' }, 'ada.submission.json', file('ada', [harnessCode(c), loop(0), loop(1)]));
    expect(last.exercises[0]).toMatchObject({ graded: 3, overBudget: 3, points: 0 });
    const feedback = feedbackMarkdown(
      {
        format: 'benchmark-carpentry/grades',
        version: 1,
        assignment: {
          id: 'w',
          course: 'c',
          title: 'W',
          due: assignment.due,
          max: 20,
          exercises: [{ id: 'fix-timing-harness', title: 'Fix', points: 20, parts: [] }],
        },
        learners: [last],
      } as never,
      last,
    );
    expect(feedback).toMatch(/3 code check\(s\) past the file's step budget scored 0/);
  }, 120_000);

  it('a check the budget stops part-way scores 0, whatever had passed; the next file has its own budget', async () => {
    const ctx = await context(20);
    const c = await contractOf('bob');
    // The fixed harness needs more than 20 steps on any variant, so the budget stops it during a test.
    const cut = await gradeSubmissionText(ctx, { learner: 'bob' }, 'bob.submission.json', file('bob', [harnessCode(c)]));
    expect(cut.exercises[0]).toMatchObject({ graded: 1, overBudget: 1, points: 0 });
    expect(cut.exercises[0]!.parts.code!.feedback).toMatch(
      /^Not graded: this file's code checks spent their budget of 20 sandbox steps while this attempt ran/,
    );
    const full = await gradeSubmissionText(
      { ...ctx, fileStepBudget: FILE_STEP_BUDGET },
      { learner: 'bob' },
      'bob.submission.json',
      file('bob', [harnessCode(c)]),
    );
    expect(full.exercises[0]).toMatchObject({ graded: 1, points: 20 });
    expect(full.exercises[0]!.overBudget).toBeUndefined();
  }, 120_000);

  it('five attempts of the worked solution on the costliest seed of 1-200 (129) fit the budget', async () => {
    const loaded = await loadGraderExercises(['fix-timing-harness']);
    const exercise = loaded.exercises.get('fix-timing-harness')!;
    const v = createVariant(exercise, 129);
    const meter = { used: 0, limit: FILE_STEP_BUDGET };
    const r = await loaded.check(exercise, 129, { code: harnessCode((v.data as FixTimingHarnessData).contract) }, meter);
    expect(r.score).toBe(1);
    expect(meter.used * 5).toBeLessThanOrEqual(FILE_STEP_BUDGET);
  }, 60_000);
});
