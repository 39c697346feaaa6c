import { mean } from 'd3-array';
import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { extraOf, steadyMedian, steadyOf, type FirstRunData } from './exercise.ts';
import type { Variant } from '../../runtime/exercises/types.ts';

const ms = (x: number) => `${x.toFixed(4)} ms`;
const solve = (v: Variant<FirstRunData>) => ({
  first: ms(v.data.trace[0]!),
  steady: ms(steadyMedian(v.data)),
  extra: ms(extraOf(v.data)),
  report: 'both',
});
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

export default defineExerciseTests<FirstRunData>({
  solve,
  cases: [
    {
      name: 'averaging the first run with the warm-up is named',
      seeds: SEEDS,
      answers: (v) => ({ first: ms(mean(v.data.trace.slice(0, 1 + v.data.warmup))!) }),
      expect: { first: { status: 'wrong', feedback: 'timed on its own' } },
    },
    {
      name: 'the mean of every call as the steady state is named',
      seeds: SEEDS,
      answers: (v) => ({ steady: ms(mean(v.data.trace)!) }),
      expect: { steady: { status: 'wrong', feedback: 'cold one included' } },
    },
    {
      name: 'the fastest call as the steady state is named',
      seeds: SEEDS,
      answers: (v) => ({ steady: ms(Math.min(...steadyOf(v.data))) }),
      expect: { steady: { status: 'wrong', feedback: 'fastest steady call' } },
    },
    {
      name: 'the ratio where a difference is asked is named',
      seeds: SEEDS,
      answers: (v) => ({ extra: ms(v.data.trace[0]! / steadyMedian(v.data)) }),
      expect: { extra: { status: 'wrong', feedback: 'ratio of the two times' } },
    },
    {
      name: 'the ratio without a unit is a format error',
      answers: (v) => ({ extra: (v.data.trace[0]! / steadyMedian(v.data)).toFixed(2) }),
      expect: { extra: { status: 'format-error', feedback: 'Give the unit too' } },
    },
    {
      name: 'the mean of all calls as the report is the misconception named',
      answers: () => ({ report: 'mean-all' }),
      expect: { report: { status: 'wrong', feedback: 'shrinks as the trace gets longer' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'constants', answers: () => ({ first: '100 ms', steady: '5 ms', extra: '95 ms', report: 'mean-all' }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          if (Math.abs(steadyMedian(o.data) / steadyMedian(v.data) - 1) > 0.05 && Math.abs(o.data.trace[0]! / v.data.trace[0]! - 1) > 0.05)
            return { ...solve(o), report: 'steady-only' };
        }
      },
    },
  ],
});
