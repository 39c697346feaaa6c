import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { LAYERS, type MeterData } from './exercise.ts';

const solve = (v: Variant<MeterData>) => Object.fromEntries(v.data.meters.map(([layer], k) => [`meter-${k + 1}`, layer]));
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

export default defineExerciseTests<MeterData>({
  solve,
  cases: [
    {
      name: "the CPU's DRAM taken for the GPU's memory is named",
      seeds: SEEDS,
      answers: (v) => (v.data.meters[0]![0] === 'dram' ? { 'meter-1': 'board' } : undefined),
      expect: { 'meter-1': { status: 'wrong', feedback: 'does not see a GPU card' } },
    },
    {
      name: 'the GPU reading taken for the wall is named',
      seeds: SEEDS,
      answers: (v) => (v.data.meters[1]![0] === 'board' ? { 'meter-2': 'wall' } : undefined),
      expect: { 'meter-2': { status: 'wrong', feedback: 'cannot see the rest of the machine' } },
    },
    {
      name: 'the wall analyzer taken for the package is named',
      seeds: SEEDS,
      answers: (v) => (v.data.meters[2]![0] === 'wall' ? { 'meter-3': 'package' } : undefined),
      expect: { 'meter-3': { status: 'wrong', feedback: 'outside the box' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    ...LAYERS.map((layer) => ({
      name: `every meter ${layer}`,
      answers: () => ({ 'meter-1': layer, 'meter-2': layer, 'meter-3': layer, 'meter-4': layer }),
    })),
    {
      name: 'the layers in the order of the options',
      answers: () => ({ 'meter-1': 'package', 'meter-2': 'dram', 'meter-3': 'board', 'meter-4': 'wall' }),
    },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          const same = o.data.meters.filter(([l], i) => l === v.data.meters[i]![0]).length;
          if (same <= 1) return solve(o);
        }
      },
    },
  ],
});
