import type { GradesFile } from './grades.ts';

/**
 * GitHub Classroom runs its workflow in the learner's own repository, which the learner can edit: a
 * secret handed to it can be printed (base64 gets past the log mask) and a token that reads the course
 * repository reads the hidden tests. So that mode has no secret: variants derive from this public key,
 * the assignment and the learner's login, and anyone who reads this line can compute any classmate's
 * variant. The score it prints is feedback; the grade that counts is the instructor's own run.
 */
export function publicClassroomKey(a: { course: string; id: string }): string {
  return `github-classroom-public-key:${a.course}:${a.id}`;
}

/**
 * GitHub Classroom's autograding reporter (education/autograding-grading-reporter) reads each runner's
 * result as base64 JSON in `<RUNNER>_RESULTS`: { version: 1, status: pass | fail | error, max_score,
 * tests: [{ name, status, score, message }] }; the points it posts are the sum of the tests' scores over
 * the sum of max_score. One test per exercise, scored in the assignment's points.
 */

export interface ClassroomResult {
  version: 1;
  status: 'pass' | 'fail' | 'error';
  max_score: number;
  tests: { name: string; status: 'pass' | 'fail' | 'error'; score: number; message: string }[];
}

export function classroomResult(g: GradesFile): { result: ClassroomResult; lines: string[] } | { error: string } {
  const rows = g.learners.filter((l) => l.file !== undefined || l.status !== 'missing');
  if (rows.length !== 1)
    return {
      error: `a GitHub Classroom repository holds one <learner>.submission.json; this one has ${rows.length} (${rows.map((r) => r.file ?? r.learner).join(', ') || 'none'})`,
    };
  const l = rows[0]!;
  if (l.status === 'error') {
    return {
      result: {
        version: 1,
        status: 'error',
        max_score: g.assignment.max,
        tests: [{ name: 'submission', status: 'error', score: 0, message: l.message }],
      },
      lines: [`Not graded: ${l.message}`, `Points 0/${g.assignment.max}`],
    };
  }
  const tests = l.exercises.map((e) => {
    const meta = g.assignment.exercises.find((x) => x.id === e.exercise);
    const status: 'pass' | 'fail' = e.points >= e.max ? 'pass' : 'fail';
    return {
      name: meta?.title ?? e.exercise,
      status,
      score: e.points,
      message: `${e.points} of ${e.max} points${e.flagged ? `; ${e.flagged} attempt(s) on another variant not scored` : ''}`,
    };
  });
  const status = tests.every((t) => t.status === 'pass') ? 'pass' : 'fail';
  return {
    result: { version: 1, status, max_score: g.assignment.max, tests },
    lines: [
      ...tests.map((t, k) => `${t.status === 'pass' ? '✓' : '✗'} ${t.name}: ${t.score}/${l.exercises[k]!.max}`),
      `Points ${l.points}/${g.assignment.max}`,
    ],
  };
}
