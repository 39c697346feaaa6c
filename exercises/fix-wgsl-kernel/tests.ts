import { defineExerciseTests } from '../../runtime/exercises/check.ts';
import { createVariant } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { kernelCode, WGSL_BUGS, type FixWgslKernelData, type WgslBug, type WgslHidden } from './exercise.ts';

/** What the check must say about each fault. */
const SAYS: Record<WgslBug, RegExp> = {
  bound: /out\[\d+\] was written, but the data has only \d+ elements.*1 write landed past the end/,
  guard: /writes landed past the end/,
  stride: /was never written/,
  'shifted-read': /out\[0\] is .* but should be/,
};

export default defineExerciseTests<FixWgslKernelData, WgslHidden>({
  solve: (v) => ({ code: kernelCode(v.data.op, v.data.wg) }),
  // The grader adds a size that is a whole number of workgroups, and a single element.
  hidden: (v) => ({ sizes: [v.data.wg * 8, 1] }),
  cases: [
    ...WGSL_BUGS.map((bug) => ({
      name: `the "${bug}" fault fails both runs and says what went wrong`,
      answers: (v: Variant<FixWgslKernelData>) => ({ code: kernelCode(v.data.op, v.data.wg, bug) }),
      // Both sized runs fail; the one-workgroup run may pass (the fault shows only past the first workgroup).
      expect: { code: { status: ['wrong' as const, 'partial' as const], score: [0, 1 / 3 + 1e-9] as [number, number], feedback: SAYS[bug] } },
    })),
    {
      name: 'a bound of arrayLength instead of params.n writes past the data',
      answers: (v) => ({ code: kernelCode(v.data.op, v.data.wg).replace('i < params.n', 'i < arrayLength(&out)') }),
      expect: { code: { status: ['wrong', 'partial'], score: [0, 1 / 3 + 1e-9], feedback: 'landed past the end' } },
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
      {
      name: 'a serial kernel (one invocation loops over every element) fails the one-workgroup run',
      withHidden: true,
      answers: (v) => ({ code: serialKernel(v.data) }),
      expect: { code: { status: 'partial', score: [0, 1 - 1e-9], feedback: 'an invocation computed more than its own element' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'the starter unchanged', answers: (v) => ({ code: kernelCode(v.data.op, v.data.wg, v.data.bug) }) },
    { name: 'a constant: a kernel that writes nothing', answers: (v) => ({ code: kernelCode(v.data.op, v.data.wg).replace(/out\[i\] = [^;]*;/, 'let unused = x[i] + y[i] + params.alpha; _ = unused;') }) },
    {
      name: 'the fixed kernel of another seed (another operation)',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32).data;
          if (o.op !== v.data.op) return { code: kernelCode(o.op, v.data.wg) };
        }
      },
    },
  ],
});

/** The right numbers, computed by invocation 0 alone in a loop. */
function serialKernel(d: FixWgslKernelData): string {
  return kernelCode(d.op, d.wg).replace(/  if \(i < params\.n\) \{\n    out\[i\] = ([^;]*);\n  \}/, (_, expr: string) => `  if (i == 0u) {\n    for (var k = 0u; k < params.n; k++) {\n      out[k] = ${expr.replaceAll('[i]', '[k]')};\n    }\n  }`);
}
