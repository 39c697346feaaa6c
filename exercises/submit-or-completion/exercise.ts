import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: medians of two harnesses of one WebGPU kernel at five sizes (generated, seeded): one
 * stops the clock after submit (flat, a few hundredths of a ms), the other after onSubmittedWorkDone
 * (a fixed cost plus a cost per element). The learner tells them apart and reads slope and intercept.
 */

/**
 * The sizes: the smallest is 1/16 of the largest, so its elements cost 19-56% of the fixed cost and its
 * whole time is never a fair fixed cost (with 1/256 they cost 1-3.5%, inside the tolerance).
 */
export const SIZES = [262_144, 524_288, 1_048_576, 2_097_152, 4_194_304] as const;

/** Relative noise of each median: small enough that the slope from any two sizes stays within the part's tolerance. */
export const NOISE = 0.003;

export interface SubmitData {
  kernel: number;
  /** Which label the completion harness has. */
  completion: 'harness-a' | 'harness-b';
  /** Medians, ms, per size, of the completion and the submission harness. */
  done: number[];
  submitted: number[];
}

const KERNELS = ['vector addition', 'reduction (sum)', 'copy of a buffer', 'scaled addition (saxpy)'];

/** Slope (ms per element) and intercept (ms) from the smallest and the largest size. */
export function endpointsLine(done: readonly number[]): { slope: number; fixed: number } {
  const slope = (done.at(-1)! - done[0]!) / (SIZES.at(-1)! - SIZES[0]!);
  return { slope, fixed: done[0]! - slope * SIZES[0]! };
}

/** The least-squares line through all five points. */
export function leastSquares(done: readonly number[]): { slope: number; fixed: number } {
  const n = SIZES.length;
  const mx = SIZES.reduce((a, b) => a + b, 0) / n;
  const my = done.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  SIZES.forEach((x, i) => {
    sxy += (x - mx) * (done[i]! - my);
    sxx += (x - mx) ** 2;
  });
  const slope = sxy / sxx;
  return { slope, fixed: my - slope * mx };
}

export default defineExerciseLogic<SubmitData>(({ parts }) => {
  const [completion, perMillion, fixed] = ['completion', 'per-million', 'fixed'].map((id) => parts.find((p) => p.id === id)!.answer) as [
    ChoiceAnswerSpec,
    NumberAnswerSpec,
    NumberAnswerSpec,
  ];
  return {
    generate(seed) {
      const r = variantRandom(seed);
      // Log-uniform over a wide range, so no guessed constant is often right.
      const fixedMs = Math.exp(r.uniform(Math.log(0.2), Math.log(5)));
      // The largest size takes 4 to 10 times the fixed cost: dividing one time by its size is then clearly wrong.
      const perElement = (fixedMs * r.uniform(3, 9)) / SIZES.at(-1)!;
      const done = SIZES.map((n) => round((fixedMs + perElement * n) * r.uniform(1 - NOISE, 1 + NOISE), 4));
      const submitted = SIZES.map(() => round(r.uniform(0.015, 0.06), 4));
      return { kernel: r.int(0, KERNELS.length - 1), completion: r.pick(['harness-a', 'harness-b'] as const), done, submitted };
    },
    render({ data }) {
      const a = data.completion === 'harness-a' ? data.done : data.submitted;
      const b = data.completion === 'harness-a' ? data.submitted : data.done;
      return {
        values: { kernel: KERNELS[data.kernel]! },
        tables: [
          {
            id: 'medians',
            caption: 'Median time per run, ms',
            columns: ['elements', 'harness A', 'harness B'],
            rows: SIZES.map((n, i) => [n, a[i]!, b[i]!]),
          },
        ],
      };
    },
    async check({ data }, answers) {
      const ends = endpointsLine(data.done);
      const ls = leastSquares(data.done);
      const sub = endpointsLine(data.submitted);
      const n = SIZES.at(-1)!;
      return gradeParts(answers, {
        completion: (a) =>
          checkChoice(a, completion, data.completion, {
            wrong: 'The faster harness is not the more truthful one. Whose time grows with the work?',
            correct: 'Correct: its time grows with the work; the other measures only the hand-over to the GPU.',
          }),
        'per-million': (a) =>
          checkNumber(a, perMillion, ends.slope * 1e6, {
            alsoAccept: [{ value: ls.slope * 1e6 }],
            misconceptions: [
              {
                value: (data.done.at(-1)! / n) * 1e6,
                feedback: 'That divides one time by its size, so the fixed cost is still inside it. Take the change between two sizes.',
              },
              { value: sub.slope * 1e6, feedback: 'That is the slope of the harness that timed only the submission.' },
              { value: ends.slope, feedback: 'That is the cost of one element; the part asks for a million of them.' },
              {
                value: ends.slope * 2 ** 20,
                feedback: 'That is the cost of 2^20 elements (1,048,576), about 5% more than a million: multiply by 1,000,000.',
              },
            ],
            wrong: 'Take the change in time between the smallest and the largest size, divide by the change in elements, and multiply by a million.',
          }),
        fixed: (a) =>
          checkNumber(a, fixed, ends.fixed, {
            alsoAccept: [{ value: ls.fixed }],
            misconceptions: [
              { value: data.submitted[0]!, feedback: 'That is the submission harness: the hand-over, not the fixed cost of a run to completion.' },
              {
                value: data.done[0]!,
                feedback: "That is the smallest size's whole time: its elements are in it too. Take away what they cost.",
              },
            ],
            wrong: "The smallest size's time minus its elements times the cost per element.",
          }),
      });
    },
  };
});
