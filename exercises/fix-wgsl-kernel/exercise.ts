/// <reference types="@webgpu/types" />
import { uniformFloat32 } from '../../runtime/data/random.ts';
import { CheckUnavailableError, defineExercise, gradeParts } from '../../runtime/exercises/check.ts';
import { formatError, scored } from '../../runtime/exercises/checkers.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { CheckDetail, CodeAnswerSpec, PartResult } from '../../runtime/exercises/types.ts';
import { compareOutput, gpuProblem, runWgslKernel } from '../../runtime/exercises/wgsl.ts';

/**
 * Code: a WGSL element-wise kernel with one seeded fault (a bound check off by one, no bound check, a
 * wrong index stride, a shifted read). The learner fixes it; the check runs it on WebGPU and compares
 * every element with a CPU reference, with a guard zone after the data to catch writes past the end.
 */

export const WGSL_BUGS = ['bound', 'guard', 'stride', 'shifted-read'] as const;
export type WgslBug = (typeof WGSL_BUGS)[number];
export type Operation = 'add' | 'saxpy' | 'mul';

export interface FixWgslKernelData {
  op: Operation;
  bug: WgslBug;
  /** Workgroup size of the kernel (the check dispatches ceil(n / wg) workgroups). */
  wg: number;
  /** The two element counts the visible tests run, neither a multiple of wg; each shows every fault. */
  sizes: [number, number];
  alpha: number;
  /** Seed of the inputs x and y. */
  inputSeed: number;
}

/** What the grader's hidden tests add: more element counts. */
export interface WgslHidden {
  sizes: number[];
}

const OPS: Record<Operation, { comment: string; expr: (xi: string, yi: string) => string; cpu: (x: number, y: number, alpha: number) => number; explain: string }> = {
  add: { comment: 'out = x + y, element by element', expr: (x, y) => `${x} + ${y}`, cpu: (x, y) => Math.fround(x + y), explain: 'x + y' },
  saxpy: { comment: 'out = alpha * x + y, element by element (saxpy)', expr: (x, y) => `params.alpha * ${x} + ${y}`, cpu: (x, y, a) => Math.fround(Math.fround(a * x) + y), explain: 'alpha * x + y' },
  mul: { comment: 'out = x * y, element by element', expr: (x, y) => `${x} * ${y}`, cpu: (x, y) => Math.fround(x * y), explain: 'x * y' },
};

/** The kernel with the fault `bug` in it, or without a fault when `bug` is undefined. */
export function kernelCode(op: Operation, wg: number, bug?: WgslBug): string {
  const o = OPS[op];
  const index = bug === 'stride' ? `wid.x * ${wg / 2}u + lid.x` : 'wid.x * WG + lid.x';
  const value = bug === 'shifted-read' ? o.expr('x[i]', 'y[i + 1u]') : o.expr('x[i]', 'y[i]');
  const body =
    bug === 'guard'
      ? `  out[i] = ${value};`
      : `  if (i ${bug === 'bound' ? '<=' : '<'} params.n) {\n    out[i] = ${value};\n  }`;
  return `// ${o.comment}, one element per invocation.
struct Params {
  n: u32,      // the number of elements
  alpha: f32,  // a scale factor (saxpy uses it)
}

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> y: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

const WG = ${wg}u;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let i = ${index};
${body}
}
`;
}

/** The value the output is filled with before a run: anything still equal to it was never written. */
export const FILL = -7777;
const BINDINGS = '@binding(0) x, @binding(1) y, @binding(2) out, @binding(3) params';

/** One run of the kernel on n elements: its checklist line. */
async function runCase(gpu: GPU, code: string, data: FixWgslKernelData, n: number, label: string): Promise<{ detail: CheckDetail; compile?: PartResult }> {
  const slack = data.wg; // room for a whole extra workgroup's writes after the data
  const x = uniformFloat32(n + slack, data.inputSeed);
  const y = uniformFloat32(n + slack, data.inputSeed + 1);
  const uniform = new ArrayBuffer(16);
  new Uint32Array(uniform, 0, 1)[0] = n;
  new Float32Array(uniform, 4, 1)[0] = data.alpha;
  const outcome = await runWgslKernel(gpu, code, {
    label: 'kernel.wgsl',
    inputs: [x, y],
    outputLength: n + slack,
    fill: FILL,
    uniform,
    workgroups: Math.ceil(n / data.wg),
    bindingsDescription: BINDINGS,
  });
  const id = `n-${n}`;
  if (!outcome.ok) {
    if (outcome.stage === 'compile') return { detail: { id, label, passed: false, message: outcome.message }, compile: formatError(`The kernel does not compile:\n\n${outcome.message}`, { diagnostics: outcome.diagnostics }) };
    if (outcome.stage === 'bind') return { detail: { id, label, passed: false, message: outcome.message }, compile: formatError(outcome.message) };
    return { detail: { id, label, passed: false, message: outcome.message } };
  }
  const o = OPS[data.op];
  const expected = Float64Array.from({ length: n }, (_, i) => o.cpu(x[i]!, y[i]!, data.alpha));
  const fmt = (v: number) => v.toPrecision(6);
  const comparison = compareOutput(outcome.output, expected, n, FILL, {
    explain: (i) => `${o.explain} with x[${i}] = ${fmt(x[i]!)}, y[${i}] = ${fmt(y[i]!)}${data.op === 'saxpy' ? `, alpha = ${data.alpha}` : ''}`,
  });
  return { detail: { id, label, passed: comparison.ok, ...(comparison.ok ? {} : { message: comparison.problems.join(' ') }) } };
}

const code: CodeAnswerSpec = { type: 'code', language: 'wgsl' };

function caseLabel(n: number, wg: number): string {
  const groups = Math.ceil(n / wg);
  return `n = ${n}: ${groups} workgroup${groups === 1 ? '' : 's'} of ${wg}${n % wg ? ` (${groups * wg - n} invocation${groups * wg - n === 1 ? '' : 's'} past the end)` : ''}`;
}

export default defineExercise<FixWgslKernelData, WgslHidden>({
  id: 'fix-wgsl-kernel',
  title: 'Fix a WGSL kernel before you time it',
  level: 'practitioner',
  kind: 'code',
  points: 15,
  summary: 'A WebGPU compute kernel with one classic indexing fault: find it and fix it, checked element by element against a CPU reference.',
  minutes: 20,
  parts: [
    {
      id: 'code',
      prompt:
        'This kernel has one fault, so its output is wrong (and a benchmark of it would time a wrong answer). Fix it. Keep the bindings, the `Params` struct, the entry point `main` and the workgroup size: the check dispatches `ceil(n / WG)` workgroups and compares every element with a CPU reference. The output buffer is longer than the data and pre-filled with -7777, so writes past the end and elements never written show up.',
      answer: code,
    },
  ],
  hints: [
    'Work out, for the first and the last workgroup, which elements their invocations touch: i for lid.x = 0 and for lid.x = WG - 1.',
    'The grid is rounded up to whole workgroups, so some invocations have i >= n. What must they do? And is i = n a valid element?',
    'Check each index in the assignment: does every invocation read the element with its own index?',
  ],
  solution: `
The correct kernel computes one element per invocation at \`i = wid.x * WG + lid.x\` (the same as
\`global_invocation_id.x\`) and does nothing when \`i >= params.n\`:

\`\`\`wgsl
${kernelCode('saxpy', 64)}\`\`\`

The possible faults: \`i <= params.n\` lets invocation n write one element past the end; no bound check lets
every invocation of the last workgroup write, past the end, whenever n is not a multiple of WG; \`wid.x * 32u\`
with a workgroup of 64 makes workgroups overlap, so the second half of the data is never written; \`y[i + 1u]\`
reads the neighbour's element, so every value is wrong. WebGPU does not catch the first two when the buffer is
larger than the data (buffers are often padded or pooled): that is why the bound is \`params.n\` and never
\`arrayLength\`.
`,
  generate(seed) {
    const r = variantRandom(seed);
    const wg = r.pick([64, 128]);
    const notMultiple = (lo: number, hi: number) => {
      const n = r.int(lo, hi);
      return n % wg === 0 ? n + 1 + r.int(0, wg - 2) : n;
    };
    return {
      op: r.pick<Operation>(['add', 'saxpy', 'mul']),
      bug: r.pick(WGSL_BUGS),
      wg,
      // The second is between 1.5 and 2 workgroups: small, yet every fault shows in it.
      sizes: [notMultiple(1000, 4000), r.int(wg * 1.5 + 1, wg * 2 - 1)],
      alpha: round(r.uniform(0.5, 3), 2),
      inputSeed: r.int(1, 1_000_000),
    };
  },
  render(variant) {
    const d = variant.data;
    return {
      intro: `The kernel computes ${OPS[d.op].comment}${d.op === 'saxpy' ? ` with alpha = ${d.alpha}` : ''}, on float32 inputs uniform in [-1, 1) drawn from seed ${d.inputSeed}. It is run on WebGPU in your browser (on the CPU when there is no GPU).`,
      parts: {
        code: {
          starter: kernelCode(d.op, d.wg, d.bug),
          tests: d.sizes.map((n) => ({ name: caseLabel(n, d.wg), description: `Every one of the ${n} elements equals the CPU reference, and nothing past out[${n - 1}] is written.` })),
        },
      },
    };
  },
  async check(variant, answers, context) {
    const d = variant.data;
    return gradeParts(answers, {
      code: async (answer) => {
        const gpu = await context.host?.gpu?.();
        const problem = await gpuProblem(gpu);
        if (problem || !gpu) throw new CheckUnavailableError(problem ?? 'WebGPU is not available here.');
        const sizes = [...d.sizes, ...(context.hidden?.sizes ?? [])];
        const details: CheckDetail[] = [];
        for (const [k, n] of sizes.entries()) {
          const label = `${caseLabel(n, d.wg)}${k >= d.sizes.length ? ' (hidden)' : ''}`;
          const { detail, compile } = await runCase(gpu, String(answer), d, n, label);
          if (compile) return compile;
          details.push(detail);
        }
        const passed = details.filter((x) => x.passed).length;
        const first = details.find((x) => !x.passed);
        return scored(passed / details.length, first ? `${passed} of ${details.length} runs are right. With ${first.label}: ${first.message}` : 'Every element is right in every run, and nothing is written past the end: now it is worth timing.', { details });
      },
    });
  },
});
