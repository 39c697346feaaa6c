import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { steps, ticksOf, type TimerData } from './exercise.ts';
import type { Variant } from '../../runtime/exercises/types.ts';

const solve = (v: Variant<TimerData>) => ({
  resolution: `${v.data.resolutionMs} ms`,
  isolated: v.data.resolutionMs === 0.005 ? 'isolated' : 'not-isolated',
  ticks: String(ticksOf(v.data)),
});
const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

export default defineExerciseTests<TimerData>({
  solve,
  cases: [
    {
      name: 'the mean non-zero step is named',
      seeds: SEEDS,
      answers: (v) => {
        const nz = steps(v.data).filter((x) => x > 0);
        return { resolution: `${nz.reduce((a, b) => a + b, 0) / nz.length} ms` };
      },
      expect: { resolution: { status: 'wrong', feedback: 'average of the steps' } },
    },
    {
      name: 'the largest step is an interruption',
      seeds: SEEDS,
      answers: (v) => ({ resolution: `${Math.max(...steps(v.data))} ms` }),
      expect: { resolution: { status: 'wrong', feedback: 'largest step' } },
    },
    {
      name: 'the resolution in µs is converted and accepted',
      answers: (v) => ({ resolution: `${v.data.resolutionMs * 1000} µs` }),
      expect: { resolution: { status: 'correct' } },
    },
    {
      name: '"cannot tell" is the teaching distractor, named',
      answers: () => ({ isolated: 'cannot-tell' }),
      expect: { isolated: { status: 'wrong', feedback: 'The readings do tell' } },
    },
    {
      name: 'counting readings instead of ticks is named',
      seeds: SEEDS,
      // No variant is skipped any more: the generator keeps the count of readings away from the ticks.
      answers: (v) => ({ ticks: String(v.data.readings.length) }),
      expect: { ticks: { status: 'wrong', feedback: 'number of readings' } },
    },
    {
      name: 'counting the differences instead of ticks is named',
      seeds: SEEDS,
      answers: (v) => ({ ticks: String(v.data.readings.length - 1) }),
      expect: { ticks: { status: 'wrong', feedback: 'number of differences' } },
    },
    {
      name: 'the mean of all differences, zeros included, is named and never right',
      seeds: SEEDS,
      answers: (v) => {
        const s = steps(v.data);
        return { resolution: `${s.reduce((a, b) => a + b, 0) / s.length} ms` };
      },
      expect: { resolution: { status: 'wrong', feedback: 'zeros included' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'constants', answers: () => ({ resolution: '1 ms', isolated: 'cannot-tell', ticks: '100' }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          if (o.data.resolutionMs !== v.data.resolutionMs && ticksOf(o.data) !== ticksOf(v.data)) return solve(o);
        }
      },
    },
  ],
});
