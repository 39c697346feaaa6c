import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { LAYERS, type MeterData, OPTIONS_ORDER } from './exercise.ts';

const solve = (v: Variant<MeterData>) => Object.fromEntries(v.data.meters.map(([layer], k) => [`meter-${k + 1}`, layer]));
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);
/** The named mistakes: [the meter's layer, the wrong pick, the feedback it must get, what it shows]. */
export const MISTAKES: [string, string, string, string][] = [
  ['dram', 'board', 'does not see a GPU card', "the CPU's DRAM taken for the GPU's memory is named"],
  ['board', 'wall', 'cannot see the rest of the machine', 'the GPU reading taken for the wall is named'],
  ['wall', 'package', 'outside the box', 'the wall analyzer taken for the package is named'],
  ['package', 'dram', 'memory controller sits on the processor die', 'the package taken for the DRAM (its memory controller) is named'],
];

export default defineExerciseTests<MeterData>({
  solve,
  // Each named mistake, on every meter position where the variant has that layer.
  cases: MISTAKES.flatMap(([layer, pick, feedback, name]) =>
    [1, 2, 3, 4, 5].map((k) => ({
      name: `${name} (meter-${k})`,
      seeds: SEEDS,
      answers: (v: Variant<MeterData>) => (v.data.meters[k - 1]![0] === layer ? { [`meter-${k}`]: pick } : undefined),
      expect: { [`meter-${k}`]: { status: 'wrong' as const, feedback } },
    })),
  ),
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    ...LAYERS.map((layer) => ({
      name: `every meter ${layer}`,
      answers: () => Object.fromEntries([1, 2, 3, 4, 5].map((k) => [`meter-${k}`, layer])),
    })),
    {
      name: 'the layers in the order of the options',
      answers: () => Object.fromEntries(OPTIONS_ORDER.map((l, k) => [`meter-${k + 1}`, l])),
    },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          const same = o.data.meters.filter(([l], i) => l === v.data.meters[i]![0]).length;
          if (same <= 2) return solve(o);
        }
      },
    },
  ],
});
