/// <reference types="@webgpu/types" />
import { uniformFloat32 } from '../../runtime/data/random.ts';
import { CheckUnavailableError, gradeParts } from '../../runtime/exercises/check.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { formatError, scored } from '../../runtime/exercises/checkers.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { CheckDetail, PartResult } from '../../runtime/exercises/types.ts';
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

const OPS: Record<
  Operation,
  { comment: string; expr: (xi: string, yi: string) => string; cpu: (x: number, y: number, alpha: number) => number; explain: string }
> = {
  add: { comment: 'out = x + y, element by element', expr: (x, y) => `${x} + ${y}`, cpu: (x, y) => Math.fround(x + y), explain: 'x + y' },
  saxpy: {
    comment: 'out = alpha * x + y, element by element (saxpy)',
    expr: (x, y) => `params.alpha * ${x} + ${y}`,
    cpu: (x, y, a) => Math.fround(Math.fround(a * x) + y),
    explain: 'alpha * x + y',
  },
  mul: { comment: 'out = x * y, element by element', expr: (x, y) => `${x} * ${y}`, cpu: (x, y) => Math.fround(x * y), explain: 'x * y' },
};

/** The kernel with the fault `bug` in it, or without a fault when `bug` is undefined. */
export function kernelCode(op: Operation, wg: number, bug?: WgslBug): string {
  const o = OPS[op];
  const index = bug === 'stride' ? `wid.x * ${wg / 2}u + lid.x` : 'wid.x * WG + lid.x';
  const value = bug === 'shifted-read' ? o.expr('x[i]', 'y[i + 1u]') : o.expr('x[i]', 'y[i]');
  const body = bug === 'guard' ? `  out[i] = ${value};` : `  if (i ${bug === 'bound' ? '<=' : '<'} params.n) {\n    out[i] = ${value};\n  }`;
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
async function runCase(
  gpu: GPU,
  code: string,
  data: FixWgslKernelData,
  n: number,
  label: string,
  partialGroups?: number,
): Promise<{ detail: CheckDetail; compile?: PartResult }> {
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
    workgroups: partialGroups ?? Math.ceil(n / data.wg),
    bindingsDescription: BINDINGS,
  });
  const id = partialGroups ? 'fewer-workgroups' : `n-${n}`;
  if (!outcome.ok) {
    if (outcome.stage === 'compile')
      return {
        detail: { id, label, passed: false, message: outcome.message },
        compile: formatError(`The kernel does not compile:\n\n${outcome.message}`, { diagnostics: outcome.diagnostics }),
      };
    if (outcome.stage === 'bind') return { detail: { id, label, passed: false, message: outcome.message }, compile: formatError(outcome.message) };
    return { detail: { id, label, passed: false, message: outcome.message } };
  }
  const o = OPS[data.op];
  const expected = Float64Array.from({ length: n }, (_, i) => o.cpu(x[i]!, y[i]!, data.alpha));
  const fmt = (v: number) => v.toPrecision(6);
  if (partialGroups) {
    // Fewer workgroups than the data needs: exactly their elements are written, each right; everything after stays FILL.
    const covered = partialGroups * data.wg;
    const written = outcome.output.findIndex((v, i) => i >= covered && v !== FILL);
    if (written >= 0) {
      return {
        detail: {
          id,
          label,
          passed: false,
          message: `With ${partialGroups} workgroups of ${data.wg} invocations dispatched, out[${written}] was written too: an invocation computed more than its own element. The task is one element per invocation, so that the GPU runs them in parallel.`,
        },
      };
    }
    const head = compareOutput(outcome.output.subarray(0, covered), expected.subarray(0, covered), covered, FILL, {
      explain: (i) => `${o.explain} at element ${i}`,
    });
    return { detail: { id, label, passed: head.ok, ...(head.ok ? {} : { message: head.problems.join(' ') }) } };
  }
  const comparison = compareOutput(outcome.output, expected, n, FILL, {
    explain: (i) => `${o.explain} with x[${i}] = ${fmt(x[i]!)}, y[${i}] = ${fmt(y[i]!)}${data.op === 'saxpy' ? `, alpha = ${data.alpha}` : ''}`,
  });
  return { detail: { id, label, passed: comparison.ok, ...(comparison.ok ? {} : { message: comparison.problems.join(' ') }) } };
}

/** What a learner without a WebGPU adapter is told: the documented fallback (exercise.md, Instructor notes). */
export const NO_WEBGPU_FALLBACK =
  'Your kernel is kept in your answers; the grader checks the same WGSL in Node (Dawn, with SwiftShader on the CPU), so export your submission from the progress page, or check it in a browser with WebGPU (Chrome, Edge; Firefox 141 and later).';

/** Workgroups dispatched by the run that dispatches fewer than the data needs (more than one, so a kernel cannot tell it by num_workgroups == 1). */
export const PARTIAL_GROUPS = 2;

function partialLabel(wg: number): string {
  return `${PARTIAL_GROUPS} workgroups only: exactly ${PARTIAL_GROUPS * wg} elements written`;
}

/** WGSL without its comments (line comments, and block comments, which nest), lines kept. */
export function stripWgslComments(code: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const two = code.slice(i, i + 2);
    if (depth === 0 && two === '//') {
      while (i < code.length && code[i] !== '\n') i++;
      out += '\n';
    } else if (two === '/*') {
      depth++;
      i++;
      out += '  ';
    } else if (depth > 0 && two === '*/') {
      depth--;
      i++;
      out += '  ';
    } else out += depth > 0 && code[i] !== '\n' ? ' ' : code[i];
  }
  return out;
}

/** The first loop statement (`for`, `while`, `loop`) of a kernel, with its line and column, or undefined. */
export function firstLoop(code: string): { keyword: string; line: number; column: number } | undefined {
  const text = stripWgslComments(code);
  const m = /\b(for|while|loop)\b/.exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index).split('\n');
  return { keyword: m[1]!, line: before.length, column: before.at(-1)!.length + 1 };
}

/** What a kernel with a loop is told: what the task asks, not how to write it. */
export function loopFeedback(loop: { keyword: string; line: number }): string {
  return `Line ${loop.line} has a \`${loop.keyword}\` loop. The task is one element per invocation: every invocation computes its own element, and the GPU runs them in parallel. A loop means some invocation computes more than its own element, serially, and a benchmark of that kernel would time one thread. The kernel was not run.`;
}

function caseLabel(n: number, wg: number): string {
  const groups = Math.ceil(n / wg);
  return `n = ${n}: ${groups} workgroup${groups === 1 ? '' : 's'} of ${wg}${n % wg ? ` (${groups * wg - n} invocation${groups * wg - n === 1 ? '' : 's'} past the end)` : ''}`;
}

export default defineExerciseLogic<FixWgslKernelData, WgslHidden>(() => ({
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
      values: { operation: `${OPS[d.op].comment}${d.op === 'saxpy' ? ` with alpha = ${d.alpha}` : ''}`, 'input-seed': d.inputSeed, wg: d.wg },
      parts: {
        code: {
          starter: kernelCode(d.op, d.wg, d.bug),
          tests: [
            ...d.sizes.map((n) => ({
              name: caseLabel(n, d.wg),
              description: `Every one of the ${n} elements equals the CPU reference, and nothing past out[${n - 1}] is written.`,
            })),
            {
              name: partialLabel(d.wg),
              description: `With only ${PARTIAL_GROUPS} workgroups dispatched on ${d.sizes[0]} elements, out[0] to out[${PARTIAL_GROUPS * d.wg - 1}] are right and nothing else is written: one element per invocation.`,
            },
            { name: 'no loop', description: 'The kernel has no loop (for, while, loop): one element per invocation needs none.' },
          ],
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
        if (problem || !gpu) throw new CheckUnavailableError(`${problem ?? 'WebGPU is not available here.'} ${NO_WEBGPU_FALLBACK}`);
        const loop = firstLoop(String(answer));
        if (loop) {
          // Checked before the kernel runs: one element per invocation needs no loop, and a kernel without one cannot run forever.
          return scored(0, loopFeedback(loop), {
            details: [{ id: 'no-loop', label: 'no loop', passed: false, message: loopFeedback(loop) }],
            diagnostics: [{ line: loop.line, column: loop.column, severity: 'error', message: `a loop: the task is one element per invocation` }],
          });
        }
        const sizes = [...d.sizes, ...(context.hidden?.sizes ?? [])];
        const details: CheckDetail[] = [];
        for (const [k, n] of sizes.entries()) {
          const label = `${caseLabel(n, d.wg)}${k >= d.sizes.length ? ' (hidden)' : ''}`;
          const { detail, compile } = await runCase(gpu, String(answer), d, n, label);
          if (compile) return compile;
          details.push(detail);
        }
        const one = await runCase(gpu, String(answer), d, d.sizes[0], partialLabel(d.wg), PARTIAL_GROUPS);
        if (one.compile) return one.compile;
        details.push(one.detail);
        const passed = details.filter((x) => x.passed).length;
        const first = details.find((x) => !x.passed);
        return scored(
          passed / details.length,
          first
            ? `${passed} of ${details.length} runs are right. With ${first.label}: ${first.message}`
            : 'Every element is right in every run, and nothing is written past the end: now it is worth timing.',
          {
            details: [...details, { id: 'no-loop', label: 'no loop', passed: true }],
          },
        );
      },
    });
  },
}));
