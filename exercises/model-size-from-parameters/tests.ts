import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { biasesOf, fp32Of, int8Of, parametersOf, UNIT_BYTES, weightsOf, type SizeData } from './exercise.ts';

const solve = (v: Variant<SizeData>) => ({
  parameters: String(parametersOf(v.data)),
  fp32: fp32Of(v.data).toPrecision(6),
  int8: String(int8Of(v.data)),
});
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

export default defineExerciseTests<SizeData>({
  solve,
  cases: [
    {
      name: 'biases forgotten is named',
      seeds: SEEDS,
      answers: (v) => ({ parameters: String(weightsOf(v.data)) }),
      expect: { parameters: { status: 'wrong', feedback: 'weights only' } },
    },
    {
      name: 'neurons counted is named',
      seeds: SEEDS,
      answers: (v) => ({ parameters: String(v.data.layers.reduce((s, w) => s + w, 0)) }),
      expect: { parameters: { status: 'wrong', feedback: 'counts units' } },
    },
    {
      name: 'bits for bytes is named',
      seeds: SEEDS,
      answers: (v) => ({ fp32: String(8 * fp32Of(v.data)) }),
      expect: { fp32: { status: 'wrong', feedback: 'bits, not bytes' } },
    },
    {
      name: 'MB and MiB mixed up is named',
      seeds: SEEDS,
      answers: (v) => ({ fp32: String((4 * parametersOf(v.data)) / UNIT_BYTES[v.data.unit === 'MB' ? 'MiB' : 'MB']) }),
      expect: { fp32: { status: 'wrong', feedback: 'not in M' } },
    },
    {
      name: 'int8 for every number is named',
      seeds: SEEDS,
      answers: (v) => ({ int8: String(parametersOf(v.data)) }),
      expect: { int8: { status: 'wrong', feedback: 'every number in one byte' } },
    },
    {
      name: 'the scales forgotten is named',
      seeds: SEEDS,
      answers: (v) => ({ int8: String(weightsOf(v.data) + 4 * biasesOf(v.data)) }),
      expect: { int8: { status: 'wrong', feedback: 'scales are missing' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'constants', answers: () => ({ parameters: '50890', fp32: '0.2', int8: '52164' }) },
    {
      name: 'a quarter of float32 for int8, everything else wrong',
      answers: (v) => ({ parameters: '0', fp32: '0', int8: String(parametersOf(v.data)) }),
    },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32) as Variant<SizeData>;
          if (Math.abs(parametersOf(o.data) / parametersOf(v.data) - 1) > 0.05 && Math.abs(fp32Of(o.data) / fp32Of(v.data) - 1) > 0.05)
            return solve(o);
        }
      },
    },
  ],
});
