import { createVariant } from './check.ts';
import type { AnyExercise, Answers, CheckResult, ExerciseTests, ExpectedPart } from './types.ts';

/**
 * An exercise's own tests (exercises/<id>/tests.ts), as plain jobs: the unit tests run them, and the
 * grader can run them before grading to make sure every exercise still checks what it should.
 * Expanding is pure (answers are computed here), so the checks themselves may run anywhere: in this
 * process, or in a child process with WebGPU.
 */

export interface SelfTestJob {
  /** "solve" for the solution, else the case's name. */
  name: string;
  seed: number;
  answers: Answers;
  hidden: boolean;
  /** What the result must be, per part; for the solution: every part correct. */
  expect: Record<string, ExpectedPart> | 'all-correct';
}

/** Seeds the cases run on when they name none. */
export const DEFAULT_TEST_SEEDS = [1, 2, 3];

/** The solution (on `seeds`, with and without hidden tests when there are any) and every case, on its seeds. */
export function expandSelfTests(
  exercise: AnyExercise,
  tests: ExerciseTests<unknown, unknown>,
  seeds: readonly number[] = DEFAULT_TEST_SEEDS,
): SelfTestJob[] {
  const jobs: SelfTestJob[] = [];
  for (const seed of seeds) {
    const variant = createVariant(exercise, seed);
    jobs.push({ name: 'solve', seed, answers: tests.solve(variant), hidden: false, expect: 'all-correct' });
    if (tests.hidden) jobs.push({ name: 'solve (with hidden tests)', seed, answers: tests.solve(variant), hidden: true, expect: 'all-correct' });
  }
  for (const c of tests.cases) {
    for (const seed of c.seeds ?? seeds) {
      const answers = c.answers(createVariant(exercise, seed), exercise);
      if (answers) jobs.push({ name: c.name, seed, answers, hidden: c.withHidden ?? false, expect: c.expect });
    }
  }
  return jobs;
}

/** What is wrong with a result against a job's expectations, in sentences; empty when it is right. */
export function selfTestProblems(job: SelfTestJob, result: CheckResult): string[] {
  const where = `"${job.name}" (seed ${job.seed})`;
  if (job.expect === 'all-correct') {
    return result.complete
      ? []
      : [
          `${where}: the solution scores ${result.score}: ${Object.entries(result.parts)
            .filter(([, p]) => p.status !== 'correct')
            .map(([id, p]) => `${id}: ${p.status}: ${p.feedback}`)
            .join(' | ')}`,
        ];
  }
  const problems: string[] = [];
  for (const [id, want] of Object.entries(job.expect)) {
    const got = result.parts[id];
    if (!got) {
      problems.push(`${where}: part ${id} has no result`);
      continue;
    }
    const statuses = Array.isArray(want.status) ? want.status : [want.status];
    if (!statuses.includes(got.status))
      problems.push(`${where}: part ${id} is ${got.status}, expected ${statuses.join(' or ')} (feedback: ${got.feedback})`);
    const text = [got.feedback, ...(got.details ?? []).map((d) => d.message ?? '')].join('\n');
    const patterns = want.feedback === undefined ? [] : Array.isArray(want.feedback) ? want.feedback : [want.feedback];
    for (const p of patterns) {
      const ok = typeof p === 'string' ? text.includes(p) : p.test(text);
      if (!ok) problems.push(`${where}: part ${id}'s feedback does not ${typeof p === 'string' ? 'contain' : 'match'} ${String(p)}: ${text}`);
    }
    if (want.score !== undefined) {
      const [lo, hi] = typeof want.score === 'number' ? [want.score, want.score] : want.score;
      if (!(got.score >= lo - 1e-9 && got.score <= hi + 1e-9))
        problems.push(`${where}: part ${id} scores ${got.score}, expected ${lo === hi ? lo : `${lo} to ${hi}`}`);
    }
  }
  return problems;
}
