import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber, parseQuantity } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { Answer, ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';
import {
  boundOf,
  bytesOf,
  DEVICES,
  drawModel,
  errorMistakes,
  errorPct,
  flopsOf,
  type Mistake,
  type ModelData,
  namedMistakes,
  predictedMs,
  timeMistakes,
} from './model.ts';

/**
 * Interpretation: predict a kernel's run time on a device the learner cannot use, from its peak compute, memory
 * bandwidth and launch overhead (model.ts: overhead + max(compute, memory), a convention of the workbook), then
 * compare with a measurement.
 */

export { boundOf, errorPct, type ModelData, predictedMs } from './model.ts';

function nearestFirst(answer: Answer, unit: string, mistakes: Mistake[]): Mistake[] {
  const parsed = typeof answer === 'string' ? parseQuantity(answer, unit) : undefined;
  if (!parsed?.ok) return mistakes;
  return [...mistakes].sort((a, b) => Math.abs(a.value - parsed.value) - Math.abs(b.value - parsed.value));
}

const WORK: Record<ModelData['kernel'], (n: number, degree: number) => string> = {
  'vector-add': (n: number) =>
    `The kernel adds two float32 vectors of ${n} elements: ${n} FLOPs, and ${12 * n} bytes moved (each element reads two 4-byte numbers and writes one).`,
  polynomial: (n: number, degree: number) =>
    `The kernel evaluates a polynomial of degree ${degree} at each of ${n} float32 numbers by Horner's rule (a multiply and an add per degree): ${2 * degree * n} FLOPs, and ${8 * n} bytes moved (each element reads one 4-byte number and writes one; the coefficients stay in registers).`,
  matmul: (n: number) =>
    `The kernel multiplies two ${n} x ${n} float32 matrices: 2n^3 = ${2 * n ** 3} FLOPs, and at least 12n^2 = ${12 * n ** 2} bytes moved (A and B read once, C written once).`,
};

export default defineExerciseLogic<ModelData>(({ parts }) => {
  const [time, bound, error] = ['time', 'bound', 'error'].map((id) => parts.find((p) => p.id === id)!.answer) as [
    NumberAnswerSpec,
    ChoiceAnswerSpec,
    NumberAnswerSpec,
  ];
  return {
    generate: (seed) => drawModel(variantRandom(seed)),
    render({ data }) {
      return {
        values: {
          kernel: { matmul: 'a matrix multiplication', polynomial: 'a polynomial evaluation', 'vector-add': 'a vector addition' }[data.kernel],
          n: data.n,
          device: DEVICES[data.device]!,
          peak: data.peakGflops,
          bandwidth: data.bandwidthGBs,
          overhead: data.overheadUs,
          work: WORK[data.kernel](data.n, data.degree ?? 0),
          measured: data.measuredMs,
        },
      };
    },
    async check({ data }, answers) {
      return gradeParts(answers, {
        time: (a) =>
          checkNumber(a, time, predictedMs(data), {
            misconceptions: nearestFirst(a, time.unit, namedMistakes(predictedMs(data), timeMistakes(data)) ?? []),
            wrong: 'Overhead plus the larger of the compute time and the memory time, in ms.',
          }),
        bound: (a) =>
          checkChoice(a, bound, boundOf(data), {
            why: {
              memory: 'Compare the two terms once more: which of them is larger for this size?',
              compute: 'Compare the two terms once more: which of them is larger for this size?',
            },
          }),
        error: (a) =>
          checkNumber(a, error, errorPct(data), {
            unitSlips: false,
            misconceptions: nearestFirst(a, error.unit, namedMistakes(errorPct(data), errorMistakes(data)) ?? []),
            wrong: '(measured − predicted) ÷ predicted × 100.',
          }),
      });
    },
  };
});
