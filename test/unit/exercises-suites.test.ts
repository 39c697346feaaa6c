/**
 * Every exercise of the registry: variants (same seed same variant, different seeds different numbers
 * and different answers), what render() shows, and the exercise's own tests.ts (its solution scores 1
 * on several seeds, with and without hidden tests; every case gets the status and feedback it names).
 * Exercises that run WGSL are checked in a child process with the SwiftShader driver, as
 * test/unit/runner-webgpu-node.test.ts explains.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAnswers, createVariant } from '../../runtime/exercises/check.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';
import { expandSelfTests, selfTestProblems } from '../../runtime/exercises/self-test.ts';
import type { AnyExercise, ExerciseTests } from '../../runtime/exercises/types.ts';
import { checkInChildProcess, nodeCheckHost } from '../../runtime/node/exercise-host.ts';
import { needsWebGpu } from '../../runtime/node/exercise-lint.ts';
import { swiftShaderEnv } from '../../runtime/node/webgpu.ts';
import { canonicalJson } from '../../runtime/spec/hash.ts';

const { exercises } = await loadExerciseRegistry();
const folderOf = (id: string) => fileURLToPath(new URL(`../../exercises/${id}`, import.meta.url));
const loadTests = async (id: string) => (await import(`../../exercises/${id}/tests.ts`)).default as ExerciseTests<unknown, unknown>;

describe.each(exercises.map((e) => [e.id, e] as [string, AnyExercise]))('exercise %s', (id, exercise) => {
  it('the same seed gives the same variant; ten seeds give ten different ones', () => {
    for (const seed of [0, 1, 2 ** 32 - 1]) expect(canonicalJson(createVariant(exercise, seed))).toBe(canonicalJson(createVariant(exercise, seed)));
    const variants = Array.from({ length: 10 }, (_, seed) => canonicalJson(createVariant(exercise, seed + 100).data));
    expect(new Set(variants).size).toBe(10);
  });

  it('different seeds need different answers, so answers cannot be copied', async () => {
    const tests = await loadTests(id);
    const keys = Array.from({ length: 6 }, (_, seed) => canonicalJson(tests.solve(createVariant(exercise, seed + 200))));
    expect(new Set(keys).size).toBeGreaterThanOrEqual(exercise.kind === 'code' ? 2 : 5);
  });

  it('render() shows only parts, options and items the definition has', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const view = exercise.render(createVariant(exercise, seed));
      expect(typeof view.intro).toBe('string');
      for (const [partId, rendered] of Object.entries(view.parts)) {
        const part = exercise.parts.find((p) => p.id === partId);
        expect(part, `render() part ${partId}`).toBeDefined();
        const known = part!.answer.type === 'choice' ? part!.answer.options : part!.answer.type === 'ordering' ? part!.answer.items : [];
        for (const o of [...(rendered.options ?? []), ...(rendered.items ?? [])]) expect(known.map((k) => k.id)).toContain(o.id);
        if (part!.answer.type === 'spec' || part!.answer.type === 'code')
          expect(rendered.starter ?? part!.answer.starter, `${partId} starter`).toBeTypeOf('string');
      }
      for (const part of exercise.parts) {
        if (part.answer.type === 'code' || (part.answer.type === 'spec' && !part.answer.starter))
          expect(view.parts[part.id]?.starter, `${part.id} has a starter`).toBeTruthy();
      }
    }
  });

  it('passes its own tests (tests.ts): the solution scores 1, every case says what it should', async () => {
    const tests = await loadTests(id);
    const jobs = expandSelfTests(exercise, tests);
    expect(jobs.length).toBeGreaterThan(tests.cases.length);
    const problems: string[] = [];
    if (needsWebGpu(exercise)) {
      const outcomes = await checkInChildProcess(jobs.map((j) => ({ folder: folderOf(id), seed: j.seed, answers: j.answers, hidden: j.hidden })));
      if (outcomes.every((o) => 'error' in o && o.unavailable) && !swiftShaderEnv()) return; // no GPU and no SwiftShader on this machine
      outcomes.forEach((o, i) => {
        if ('error' in o) problems.push(`"${jobs[i]!.name}" (seed ${jobs[i]!.seed}): ${o.error}`);
        else problems.push(...selfTestProblems(jobs[i]!, o.result));
      });
    } else {
      for (const job of jobs) {
        const variant = createVariant(exercise, job.seed);
        const hidden = job.hidden ? tests.hidden?.(variant) : undefined;
        problems.push(...selfTestProblems(job, await checkAnswers(exercise, variant, job.answers, { host: nodeCheckHost, hidden })));
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);
});

describe('self-test expectations can fail', () => {
  it('a wrong status, a missing feedback text and a score out of range are each reported', () => {
    const job = {
      name: 'case',
      seed: 1,
      answers: {},
      hidden: false,
      expect: { p: { status: 'correct' as const, feedback: 'needle', score: [0.5, 1] as [number, number] } },
    };
    const result = {
      exercise: 'x',
      seed: 1,
      parts: { p: { status: 'wrong' as const, score: 0, feedback: 'hay' } },
      score: 0,
      points: 0,
      complete: false,
      formatErrors: [],
    };
    const problems = selfTestProblems(job, result);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/part p is wrong, expected correct/);
    expect(selfTestProblems({ ...job, expect: 'all-correct' }, result)[0]).toMatch(/the solution scores 0/);
  });
});
