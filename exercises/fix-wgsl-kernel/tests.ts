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
      // Both sized runs fail; the two-workgroup run may pass (some faults show only past the workgroups dispatched).
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
      // Deliberate change: a loop now scores 0 before the kernel runs (it was partial credit from the one-workgroup run, which the tester's kernels got round).
      name: 'a serial kernel (one invocation loops over every element) scores 0: the task is one element per invocation',
      withHidden: true,
      answers: (v) => ({ code: serialKernel(v.data) }),
      expect: { code: { status: 'wrong', score: 0, feedback: ['The task is one element per invocation', /^(?![\s\S]*global_invocation_id)/] } },
    },
    {
      name: "the tester's kernel: per element when num_workgroups is 1, one invocation looping otherwise, scores 0",
      withHidden: true,
      answers: (v) => ({ code: serialWhenMany(v.data) }),
      expect: { code: { status: 'wrong', score: 0, feedback: 'loop. The task is one element per invocation' } },
    },
    {
      name: "the tester's kernel: invocation 0 of each workgroup loops over its workgroup, scores 0",
      withHidden: true,
      answers: (v) => ({ code: perGroupSerial(v.data) }),
      expect: { code: { status: 'wrong', score: 0, feedback: 'loop. The task is one element per invocation' } },
    },
    {
      name: 'a kernel without a loop that also computes the element one grid further fails the fewer-workgroups run',
      answers: (v) => ({ code: twoPerInvocation(v.data) }),
      expect: { code: { status: 'partial', score: [0, 1 - 1e-9], feedback: 'an invocation computed more than its own element' } },
    },
    {
      name: 'the words for, while and loop in comments are no loop',
      answers: (v) => ({
        code: kernelCode(v.data.op, v.data.wg).replace(
          'fn main',
          '// for each element, no while and no loop\n/* a loop /* nested for */ is not here */\nfn main',
        ),
      }),
      expect: { code: { status: 'correct', score: 1 } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'a known cheat: serial work when more than one workgroup is dispatched', answers: (v) => ({ code: serialWhenMany(v.data) }) },
    { name: 'a known cheat: one invocation per workgroup loops over its elements', answers: (v) => ({ code: perGroupSerial(v.data) }) },
    { name: 'the starter unchanged', answers: (v) => ({ code: kernelCode(v.data.op, v.data.wg, v.data.bug) }) },
    {
      name: 'a constant: a kernel that writes nothing',
      answers: (v) => ({
        code: kernelCode(v.data.op, v.data.wg).replace(/out\[i\] = [^;]*;/, 'let unused = x[i] + y[i] + params.alpha; _ = unused;'),
      }),
    },
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
  return kernelCode(d.op, d.wg).replace(
    / {2}if \(i < params\.n\) \{\n {4}out\[i\] = ([^;]*);\n {2}\}/,
    (_, expr: string) => `  if (i == 0u) {\n    for (var k = 0u; k < params.n; k++) {\n      out[k] = ${expr.replaceAll('[i]', '[k]')};\n    }\n  }`,
  );
}

/** The body of the fixed kernel, `main` and all, replaced (the declarations kept). */
function withMain(d: FixWgslKernelData, builtins: string, body: string): string {
  const code = kernelCode(d.op, d.wg);
  const expr = /out\[i\] = ([^;]*);/.exec(code)![1]!.replaceAll('[i]', '[j]');
  return `${code.slice(0, code.indexOf('@compute'))}@compute @workgroup_size(WG)\nfn main(${builtins}) {\n${body.replaceAll('EXPR', expr)}\n}\n`;
}
const IDS = '@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u';

/** The tester's: right per element when one workgroup is dispatched, serial otherwise. */
function serialWhenMany(d: FixWgslKernelData): string {
  return withMain(
    d,
    `${IDS}, @builtin(num_workgroups) nwg: vec3u`,
    '  if (nwg.x == 1u) { let j = wid.x * WG + lid.x; if (j < params.n) { out[j] = EXPR; } return; }\n  if (wid.x == 0u && lid.x == 0u) { for (var j = 0u; j < params.n; j++) { out[j] = EXPR; } }',
  );
}

/** The tester's: invocation 0 of each workgroup computes the whole workgroup's elements. */
function perGroupSerial(d: FixWgslKernelData): string {
  return withMain(d, IDS, '  if (lid.x == 0u) { for (var k = 0u; k < WG; k++) { let j = wid.x * WG + k; if (j < params.n) { out[j] = EXPR; } } }');
}

/** No loop, but each invocation also computes the element one whole grid further on. */
function twoPerInvocation(d: FixWgslKernelData): string {
  return withMain(
    d,
    `${IDS}, @builtin(num_workgroups) nwg: vec3u`,
    '  let i = wid.x * WG + lid.x;\n  if (i < params.n) { let j = i; out[j] = EXPR; }\n  let k = i + nwg.x * WG;\n  if (k < params.n) { let j = k; out[j] = EXPR; }',
  );
}
