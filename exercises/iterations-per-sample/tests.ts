import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { batchOf, durationOf, type IterationsData, tailOf } from './exercise.ts';
import type { Variant } from '../../runtime/exercises/types.ts';

const solve = (v: Variant<IterationsData>) => ({
  batch: String(batchOf(v.data)),
  duration: `${durationOf(v.data).toPrecision(6)} s`,
  tail: tailOf(v.data),
});
const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

export default defineExerciseTests<IterationsData>({
  solve,
  cases: [
    {
      name: 'one tick instead of 1000 is named',
      seeds: SEEDS,
      answers: (v) => ({ batch: String(v.data.resolutionMs / (v.data.callUs / 1000)) }),
      expect: { batch: { status: 'wrong', feedback: 'lasts one tick' } },
    },
    {
      name: 'ms against µs, a thousand times too many, is named',
      answers: (v) => ({ batch: String(batchOf(v.data) * 1000) }),
      expect: { batch: { status: 'wrong', feedback: 'factor of a thousand' } },
    },
    {
      name: 'multiplying the times is named',
      seeds: SEEDS,
      answers: (v) => ({ batch: String(1000 * v.data.resolutionMs * v.data.callUs) }),
      expect: { batch: { status: 'wrong', feedback: 'Multiplying' } },
    },
    {
      name: 'the duration in ms is converted and accepted',
      answers: (v) => ({ duration: `${(durationOf(v.data) * 1000).toPrecision(6)} ms` }),
      expect: { duration: { status: 'correct' } },
    },
    {
      name: 'one sample instead of all is named',
      seeds: SEEDS,
      answers: (v) => ({ duration: `${(durationOf(v.data) / v.data.samples).toPrecision(6)} s` }),
      expect: { duration: { status: 'wrong', feedback: 'one sample lasts' } },
    },
    {
      name: 'a duration without its unit is a format error',
      answers: (v) => ({ duration: durationOf(v.data).toFixed(3) }),
      expect: { duration: { status: 'format-error', feedback: 'Give the unit too' } },
    },
    {
      name: 'the p99 of batch means taken for a single-call tail is the misconception named',
      seeds: SEEDS,
      answers: (v) => (batchOf(v.data) > 1 ? { tail: 'single' } : undefined),
      expect: { tail: { status: 'wrong', feedback: 'averaged in' } },
    },
    {
      name: 'batch means when one call is timed alone (batch 1) is named: look at the batch',
      seeds: SEEDS,
      answers: (v) => (batchOf(v.data) === 1 ? { tail: 'batch-means' } : undefined),
      expect: { tail: { status: 'wrong', feedback: 'Look at your batch' } },
    },
    {
      name: '1000 ticks per sample when one call lasts longer is named',
      seeds: SEEDS,
      answers: (v) => (batchOf(v.data) === 1 ? { duration: `${(v.data.samples * 1000 * v.data.resolutionMs) / 1000} s` } : undefined),
      expect: { duration: { status: 'wrong', feedback: 'one call already lasts longer' } },
    },
  ],
  degenerate: [
    { name: 'the p99 is always of batch means', answers: () => ({ tail: 'batch-means' }) },
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'constants', answers: () => ({ batch: '1000', duration: '1 s', tail: 'single' }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          const a = solve(o);
          if (Math.abs(batchOf(o.data) / batchOf(v.data) - 1) > 0.1 && Math.abs(durationOf(o.data) / durationOf(v.data) - 1) > 0.1)
            return { ...a, tail: 'single' };
        }
      },
    },
  ],
});
