import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: an MLP's parameter count from its widths, its float32 size in MB or MiB, and its tensors'
 * bytes with int8 weights (the zoo's scheme: int8 weights, float32 biases, one float32 scale per output column).
 */

export interface SizeData {
  /** Layer widths, input first. */
  layers: number[];
  unit: 'MB' | 'MiB';
}

const pairs = (d: SizeData) => d.layers.slice(1).map((n, i) => [d.layers[i]!, n] as const);
export const weightsOf = (d: SizeData) => pairs(d).reduce((s, [m, n]) => s + m * n, 0);
export const biasesOf = (d: SizeData) => pairs(d).reduce((s, [, n]) => s + n, 0);
export const parametersOf = (d: SizeData) => weightsOf(d) + biasesOf(d);
export const UNIT_BYTES = { MB: 1e6, MiB: 2 ** 20 } as const;
export const fp32Of = (d: SizeData) => (4 * parametersOf(d)) / UNIT_BYTES[d.unit];
/** Scales: one per output column of each weight matrix, which is as many as the biases. */
export const int8Of = (d: SizeData) => weightsOf(d) + 4 * biasesOf(d) + 4 * biasesOf(d);

// As the frontmatter: the counts are whole numbers, checked within 0.5 (plus a billionth); fp32 to four significant
// figures, whose rounding is at most 0.05%. Mistakes must clear 2.5 times that, a miscount by more than 1.
const TOL = { parameters: 0.5, fp32: 0.0006, int8: 0.5 };

export function parameterMistakes(d: SizeData) {
  return [
    { value: weightsOf(d), feedback: 'That counts the weights only: every unit of a layer also has a bias.' },
    {
      value: d.layers.reduce((s, w) => s + w, 0),
      feedback: 'That counts units (neurons); parameters are the connections between layers, plus a bias per unit.',
    },
    { value: d.layers.slice(1).reduce((s, w) => s + w, 0), feedback: 'That is the biases alone; the weight matrices hold most of the parameters.' },
  ];
}

export function fp32Mistakes(d: SizeData) {
  const other = d.unit === 'MB' ? 'MiB' : 'MB';
  const bytes = 4 * parametersOf(d);
  return [
    { value: (8 * bytes) / UNIT_BYTES[d.unit], feedback: 'That is 8 times too large: bits, not bytes. A float32 is 32 bits, which is 4 bytes.' },
    {
      value: bytes / UNIT_BYTES[other],
      feedback: `That is the size in ${other}, not in ${d.unit}: ${d.unit === 'MB' ? '1 MB is 10^6 bytes' : '1 MiB is 2^20 bytes'}.`,
    },
    { value: parametersOf(d) / UNIT_BYTES[d.unit], feedback: 'That gives each parameter one byte; a float32 takes four.' },
    { value: (4 * weightsOf(d)) / UNIT_BYTES[d.unit], feedback: 'The biases are parameters too, and float32 as well.' },
  ];
}

export function int8Mistakes(d: SizeData) {
  return [
    { value: parametersOf(d), feedback: 'That puts every number in one byte; only the weights are int8, the biases and scales stay float32.' },
    { value: weightsOf(d) + 4 * biasesOf(d), feedback: 'The scales are missing: every output column of a weight matrix has a float32 scale.' },
    { value: 8 * int8Of(d), feedback: 'That is 8 times too large: bits, not bytes.' },
    { value: int8Of(d) - 3 * biasesOf(d), feedback: 'The biases are still float32: four bytes each, not one.' },
  ];
}

export function mistakesApart(d: SizeData): boolean {
  const apart = (right: number, tol: number, ms: { value: number }[]) => ms.every((m) => Math.abs(m.value - right) > 2.5 * tol);
  return (
    apart(parametersOf(d), TOL.parameters + 1e-9 * parametersOf(d), parameterMistakes(d)) &&
    apart(fp32Of(d), TOL.fp32 * fp32Of(d), fp32Mistakes(d)) &&
    apart(int8Of(d), TOL.int8 + 1e-9 * int8Of(d), int8Mistakes(d))
  );
}

export default defineExerciseLogic<SizeData>(({ parts }) => {
  const [parameters, fp32, int8] = ['parameters', 'fp32', 'int8'].map((id) => parts.find((p) => p.id === id)!.answer) as NumberAnswerSpec[];
  return {
    generate(seed) {
      const r = variantRandom(seed);
      for (let attempt = 0; attempt < 200; attempt++) {
        // Wide enough that two learners rarely share an architecture (measured in the attack tests): ten
        // inputs, one to four hidden layers of 16 to 1024 units in steps of 16, seven outputs, two units.
        // (Architectures where forgetting the biases stays within four figures of fp32 are drawn again.)
        const input = r.pick([64, 100, 144, 196, 256, 400, 576, 784, 1024, 3072]);
        const hidden = Array.from({ length: r.pick([1, 2, 2, 3, 3, 4]) }, () => 16 * r.int(1, 64));
        const d: SizeData = { layers: [input, ...hidden, r.pick([2, 3, 5, 10, 20, 100, 1000])], unit: r.pick(['MB', 'MiB'] as const) };
        if (mistakesApart(d)) return d;
      }
      throw new Error('model-size-from-parameters: no architecture with every mistake apart in 200 draws; the generator needs a look');
    },
    render({ data }) {
      return {
        values: {
          layers: data.layers.join(' → '),
          'parameters-label': `MLP ${data.layers.join('-')}, ReLU between layers`,
          unit: data.unit,
          'unit-definition': data.unit === 'MB' ? '1 MB = 10^6 bytes' : '1 MiB = 2^20 = 1,048,576 bytes',
        },
      };
    },
    async check({ data }, answers) {
      return gradeParts(answers, {
        parameters: (a) =>
          checkNumber(a, parameters!, parametersOf(data), {
            misconceptions: parameterMistakes(data),
            // A count has no unit to slip: a thousandfold error here is a miscount, not ms against µs.
            unitSlips: false,
            wrong: 'For each pair of neighbouring layers, count the weights between them and the biases of the second.',
          }),
        fp32: (a) =>
          checkNumber(a, fp32!, fp32Of(data), {
            misconceptions: fp32Mistakes(data),
            wrong: `Bytes are 4 per parameter; then convert to ${data.unit}.`,
          }),
        int8: (a) =>
          checkNumber(a, int8!, int8Of(data), {
            misconceptions: int8Mistakes(data),
            wrong: 'Count the weights (1 byte each), the biases (4 bytes each) and the scales (4 bytes per output column) apart.',
          }),
      });
    },
  };
});
