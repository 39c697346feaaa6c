import { defineExerciseTests } from '../../runtime/exercises/check.ts';
import exercise, { kernelCode, WGSL_BUGS, type WgslBug } from './exercise.ts';

/** What the check must say about each fault. */
const SAYS: Record<WgslBug, RegExp> = {
  bound: /out\[\d+\] was written, but the data has only \d+ elements.*1 write landed past the end/,
  guard: /writes landed past the end/,
  stride: /was never written/,
  'shifted-read': /out\[0\] is .* but should be/,
};

export default defineExerciseTests(exercise, {
  solve: (v) => ({ code: kernelCode(v.data.op, v.data.wg) }),
  // The grader adds a size that is a whole number of workgroups, and a single element.
  hidden: (v) => ({ sizes: [v.data.wg * 8, 1] }),
  cases: [
    ...WGSL_BUGS.map((bug) => ({
      name: `the "${bug}" fault fails both runs and says what went wrong`,
      answers: (v: Parameters<typeof exercise.render>[0]) => ({ code: kernelCode(v.data.op, v.data.wg, bug) }),
      expect: { code: { status: 'wrong' as const, score: 0, feedback: SAYS[bug] } },
    })),
    {
      name: 'a bound of arrayLength instead of params.n writes past the data',
      answers: (v) => ({ code: kernelCode(v.data.op, v.data.wg).replace('i < params.n', 'i < arrayLength(&out)') }),
      expect: { code: { status: 'wrong', feedback: 'landed past the end' } },
    },
    {
      name: 'a compile error is a format error with the line and a caret',
      answers: (v) => ({ code: kernelCode(v.data.op, v.data.wg).replace(/out\[i\] = .*;/, 'out[i] = i;') }),
      expect: { code: { status: 'format-error', feedback: [/kernel\.wgsl:\d+:\d+: /, '^'] } },
    },
    {
      name: 'a binding declared as the wrong kind is a format error that names the bindings',
      answers: (v) => ({ code: kernelCode(v.data.op, v.data.wg).replace('var<storage, read> y', 'var<storage, read_write> y') }),
      expect: { code: { status: 'format-error', feedback: '@binding(0) x, @binding(1) y' } },
    },
    {
      name: 'the fixed kernel passes the hidden sizes too',
      withHidden: true,
      answers: (v) => ({ code: kernelCode(v.data.op, v.data.wg) }),
      expect: { code: { status: 'correct', score: 1 } },
    },
  ],
});
