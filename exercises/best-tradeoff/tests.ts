import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { choiceOf, dropOf, mostAccurate, speedupOf, type TradeoffData } from './exercise.ts';

const solve = (v: Variant<TradeoffData>) => ({
  choice: choiceOf(v.data),
  speedup: speedupOf(v.data).toPrecision(6),
  drop: dropOf(v.data).toPrecision(6),
});
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);
const fastestOverall = (d: TradeoffData) => d.models.reduce((a, b) => (b.latency < a.latency ? b : a)).letter;

export default defineExerciseTests<TradeoffData>({
  solve,
  cases: [
    {
      name: 'the fastest model overall, which misses the target, is named',
      seeds: SEEDS,
      answers: (v) => ({ choice: fastestOverall(v.data) }),
      expect: { choice: { status: 'wrong', feedback: 'below the target' } },
    },
    {
      name: 'the most accurate model is named: good enough, not the fastest that is',
      seeds: SEEDS,
      answers: (v) => ({ choice: mostAccurate(v.data).letter }),
      expect: { choice: { status: 'wrong', feedback: 'so do faster ones' } },
    },
    {
      name: 'the speed-up upside down is named',
      seeds: SEEDS,
      answers: (v) => ({ speedup: String(1 / speedupOf(v.data)) }),
      expect: { speedup: { status: 'wrong', feedback: 'below 1' } },
    },
    {
      name: 'the drop as a fraction is named',
      seeds: SEEDS,
      answers: (v) => ({ drop: String(dropOf(v.data) / 100) }),
      expect: { drop: { status: 'wrong', feedback: 'as a fraction' } },
    },
    {
      name: 'the drop as a relative change is named',
      seeds: SEEDS,
      answers: (v) => ({ drop: String((100 * dropOf(v.data)) / mostAccurate(v.data).accuracy) }),
      expect: { drop: { status: 'wrong', feedback: 'relative change' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'always model A', answers: () => ({ choice: 'a', speedup: '2', drop: '0.5' }) },
    { name: 'the most accurate, no trade-off', answers: (v) => ({ choice: mostAccurate(v.data).letter, speedup: '1', drop: '0' }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32) as Variant<TradeoffData>;
          if (
            choiceOf(o.data) !== choiceOf(v.data) &&
            Math.abs(speedupOf(o.data) / speedupOf(v.data) - 1) > 0.05 &&
            Math.abs(dropOf(o.data) / dropOf(v.data) - 1) > 0.05
          )
            return solve(o);
        }
      },
    },
  ],
});
