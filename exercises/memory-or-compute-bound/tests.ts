import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { attainableOf, IDS, memoryBoundOf, POOL, ridgeOf, type BoundData } from './exercise.ts';

const solve = (v: Variant<BoundData>) => ({
  ridge: ridgeOf(v.data).toPrecision(6),
  'memory-bound': memoryBoundOf(v.data),
  attainable: attainableOf(v.data).toPrecision(6),
});
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);
const intensity = (d: BoundData) => POOL[d.kernels[d.asked]!]!.intensity;

export default defineExerciseTests<BoundData>({
  solve,
  cases: [
    {
      name: 'the ridge upside down is named',
      seeds: SEEDS,
      answers: (v) => ({ ridge: String(v.data.bandwidth / v.data.peak) }),
      expect: { ridge: { status: 'wrong', feedback: 'upside down' } },
    },
    {
      name: 'bandwidth x intensity for a compute-bound kernel is named',
      seeds: SEEDS,
      answers: (v) => (intensity(v.data) >= ridgeOf(v.data) ? { attainable: String(v.data.bandwidth * intensity(v.data)) } : undefined),
      expect: { attainable: { status: 'wrong', feedback: 'more than the machine can compute' } },
    },
    {
      name: 'the peak for a memory-bound kernel is named',
      seeds: SEEDS,
      answers: (v) => (intensity(v.data) < ridgeOf(v.data) ? { attainable: String(v.data.peak) } : undefined),
      expect: { attainable: { status: 'wrong', feedback: 'left of the ridge' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'every kernel memory-bound, constants', answers: () => ({ ridge: '10', 'memory-bound': [...IDS], attainable: '100' }) },
    {
      name: 'the first three kernels, the peak',
      answers: (v) => ({ ridge: '1', 'memory-bound': ['k1', 'k2', 'k3'], attainable: String(v.data.peak) }),
    },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32) as Variant<BoundData>;
          if (
            memoryBoundOf(o.data).join() !== memoryBoundOf(v.data).join() &&
            Math.abs(ridgeOf(o.data) / ridgeOf(v.data) - 1) > 0.05 &&
            Math.abs(attainableOf(o.data) / attainableOf(v.data) - 1) > 0.05
          )
            return solve(o);
        }
      },
    },
  ],
});
