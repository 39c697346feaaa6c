import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { bytesOf, countsOf, flopsOf, intensityOf, type IntensityData } from './exercise.ts';

const solve = (v: Variant<IntensityData>) => ({
  flops: String(flopsOf(v.data)),
  bytes: String(bytesOf(v.data)),
  intensity: intensityOf(v.data).toPrecision(6),
});
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

export default defineExerciseTests<IntensityData>({
  solve,
  cases: [
    {
      name: 'a multiply-add counted as one FLOP is named',
      seeds: SEEDS,
      answers: (v) => (v.data.kernel === 'vector-add' ? undefined : { flops: String(countsOf(v.data).fusedFlops) }),
      expect: { flops: { status: 'wrong', feedback: 'multiply-add as one' } },
    },
    {
      name: 'the output write forgotten is named',
      seeds: SEEDS,
      answers: (v) => ({ bytes: String(countsOf(v.data).read * v.data.elementBytes) }),
      expect: { bytes: { status: 'wrong', feedback: 'leaves out the output' } },
    },
    {
      name: 'element count for bytes is named',
      seeds: SEEDS,
      answers: (v) => ({ bytes: String(countsOf(v.data).read + countsOf(v.data).written) }),
      expect: { bytes: { status: 'wrong', feedback: 'count of elements' } },
    },
    {
      name: 'elements instead of bytes in the intensity is named',
      seeds: SEEDS,
      answers: (v) => ({ intensity: String(flopsOf(v.data) / (countsOf(v.data).read + countsOf(v.data).written)) }),
      expect: { intensity: { status: 'wrong', feedback: 'divides by elements' } },
    },
    {
      name: 'bytes per FLOP is named',
      seeds: SEEDS,
      answers: (v) => ({ intensity: String(1 / intensityOf(v.data)) }),
      expect: { intensity: { status: 'wrong', feedback: 'upside down' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'constants', answers: () => ({ flops: '1000000', bytes: '12000000', intensity: '0.0833' }) },
    { name: 'the matmul rule of thumb n/6 everywhere', answers: () => ({ flops: '0', bytes: '0', intensity: '42.7' }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32) as Variant<IntensityData>;
          if ([flopsOf, bytesOf, intensityOf].every((f) => Math.abs(f(o.data) / f(v.data) - 1) > 0.05)) return solve(o);
        }
      },
    },
  ],
});
