import { describe, expect, it } from 'vitest';
import { createVariant } from '../../runtime/exercises/check.ts';
import { loadGraderExercises } from '../../runtime/node/classroom/grade-checks.ts';
import { kernelCode } from '../../exercises/fix-wgsl-kernel/exercise.ts';
import wgslTests from '../../exercises/fix-wgsl-kernel/tests.ts';

describe('the grader checks WGSL answers in Node through dawn (a child process with SwiftShader)', () => {
  it('the fixed kernel scores 1 with the hidden sizes; a kernel with a fault scores less and says why', async () => {
    const { exercises, check } = await loadGraderExercises(['fix-wgsl-kernel']);
    const exercise = exercises.get('fix-wgsl-kernel')!;
    const seed = 7;
    const v = createVariant(exercise, seed) as { data: { op: never; wg: number } };
    const right = await check(exercise, seed, wgslTests.solve(v as never) as never);
    expect(right.score).toBe(1);
    const wrong = await check(exercise, seed, { code: kernelCode(v.data.op, v.data.wg, 'guard') });
    expect(wrong.score).toBeLessThan(0.5);
    expect(wrong.parts.code!.feedback).toMatch(/past the end/);
  }, 120_000);
});
