import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { bestOf, efficiencyOf, meanSpeedupOf, speedupOf, type ThreadData } from './exercise.ts';

const solve = (v: Variant<ThreadData>) => ({
  speedup: speedupOf(v.data).toPrecision(6),
  efficiency: efficiencyOf(v.data).toPrecision(6),
  best: bestOf(v.data),
});
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

export default defineExerciseTests<ThreadData>({
  solve,
  cases: [
    {
      name: 'the ratio upside down is named',
      seeds: SEEDS,
      answers: (v) => ({ speedup: String(1 / speedupOf(v.data)) }),
      expect: { speedup: { status: 'wrong', feedback: 'upside down' } },
    },
    {
      name: 'the mean of the runs (the busy run in the baseline) is named',
      seeds: SEEDS,
      answers: (v) => ({ speedup: String(meanSpeedupOf(v.data)) }),
      expect: { speedup: { status: 'wrong', feedback: 'means of the runs' } },
    },
    {
      name: 'the speed-up given as the efficiency is named',
      seeds: SEEDS,
      answers: (v) => ({ efficiency: String(speedupOf(v.data)) }),
      expect: { efficiency: { status: 'wrong', feedback: 'speed-up itself' } },
    },
    {
      name: 'multiplying by the thread count is named',
      seeds: SEEDS,
      answers: (v) => ({ efficiency: String(speedupOf(v.data) * v.data.threads) }),
      expect: { efficiency: { status: 'wrong', feedback: 'Multiplying' } },
    },
    {
      name: 'an efficiency above 1 from the means is questioned',
      seeds: SEEDS,
      answers: (v) => (meanSpeedupOf(v.data) / v.data.threads > 1 ? { efficiency: String(meanSpeedupOf(v.data) / v.data.threads) } : undefined),
      expect: { efficiency: { status: 'wrong', feedback: 'above 1' } },
    },
    {
      name: 'eight threads because they are fastest is named, where 8 is not the answer',
      seeds: SEEDS,
      answers: (v) => (bestOf(v.data) !== 't8' && bestOf(v.data, (d, t) => meanSpeedupOf(d, t) / t) !== 't8' ? { best: 't8' } : undefined),
      expect: { best: { status: 'wrong', feedback: 'fastest here' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'constants', answers: () => ({ speedup: '1.5', efficiency: '0.5', best: 't2' }) },
    { name: 'the ideal everywhere', answers: (v) => ({ speedup: String(v.data.threads), efficiency: '1', best: 't8' }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32) as Variant<ThreadData>;
          if (
            bestOf(o.data) !== bestOf(v.data) &&
            Math.abs(speedupOf(o.data) / speedupOf(v.data) - 1) > 0.1 &&
            Math.abs(efficiencyOf(o.data) / efficiencyOf(v.data) - 1) > 0.1
          )
            return solve(o);
        }
      },
    },
  ],
});
