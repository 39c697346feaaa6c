import { mean } from 'd3-array';
import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { extraOf, type FirstRunData, steadyMedian, steadyOf, verdictOf } from './exercise.ts';
import { extraMistakes, steadyMistakes } from './trace.ts';
import type { Variant } from '../../runtime/exercises/types.ts';

const ms = (x: number) => `${x.toFixed(4)} ms`;
const solve = (v: Variant<FirstRunData>) => ({
  first: ms(v.data.trace[0]!),
  steady: ms(steadyMedian(v.data)),
  extra: ms(extraOf(v.data)),
  report: verdictOf(v.data),
});
const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);
/** Any trace: the feedback of each mistake does not depend on the numbers. */
const SAMPLE = { trace: [9, 5, 4, 3, 2, 1, 2], warmup: 2 };

export default defineExerciseTests<FirstRunData>({
  solve,
  cases: [
    {
      name: 'averaging the first run with the warm-up is named',
      seeds: SEEDS,
      answers: (v) => ({ first: ms(mean(v.data.trace.slice(0, 1 + v.data.warmup))!) }),
      expect: { first: { status: 'wrong', feedback: 'timed on its own' } },
    },
    // Each named mistake is rejected, with its own feedback, on every seed tried:
    ...steadyMistakes(SAMPLE).map((m, i) => ({
      name: `steady mistake ${i + 1} is rejected with its own feedback: ${m.feedback.slice(0, 40)}...`,
      seeds: SEEDS,
      answers: (v: Variant<FirstRunData>) => ({ steady: ms(steadyMistakes(v.data)[i]!.value) }),
      expect: { steady: { status: 'wrong' as const, feedback: m.feedback } },
    })),
    ...extraMistakes(SAMPLE)
      .map((m, i) => ({ m, i }))
      .filter(({ i }) => i > 0) // the ratio as ms: the next case
      .map(({ m, i }) => ({
        name: `extra mistake ${i + 1} is rejected with its own feedback: ${m.feedback.slice(0, 40)}...`,
        seeds: SEEDS,
        answers: (v: Variant<FirstRunData>) => ({ extra: ms(extraMistakes(v.data)[i]!.value) }),
        expect: { extra: { status: 'wrong' as const, feedback: m.feedback } },
      })),
    {
      name: 'the ratio where a difference is asked is named',
      seeds: SEEDS,
      answers: (v) => ({ extra: ms(v.data.trace[0]! / steadyMedian(v.data)) }),
      expect: { extra: { status: 'wrong', feedback: 'ratio of the two times' } },
    },
    {
      name: 'the fastest call as the steady state is named',
      seeds: SEEDS,
      answers: (v) => ({ steady: ms(Math.min(...steadyOf(v.data))) }),
      expect: { steady: { status: 'wrong', feedback: 'fastest steady call' } },
    },
    {
      name: 'the ratio without a unit is a format error',
      answers: (v) => ({ extra: (v.data.trace[0]! / steadyMedian(v.data)).toFixed(2) }),
      expect: { extra: { status: 'format-error', feedback: 'Give the unit too' } },
    },
    {
      name: 'accepting a draft that reports the mean of all calls is named',
      seeds: SEEDS,
      answers: (v) => (verdictOf(v.data) === 'mixed' ? { report: 'ok' } : undefined),
      expect: { report: { status: 'wrong', feedback: 'which user it serves' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'constants', answers: () => ({ first: '100 ms', steady: '5 ms', extra: '95 ms', report: 'mixed' }) },
    { name: 'the draft is always right', answers: () => ({ report: 'ok' }) },
    {
      name: 'the lazy recipe: first call, mean of the steady calls, first minus last call (the first is right: 0.25)',
      answers: (v) => {
        const t = v.data.trace;
        return { first: ms(t[0]!), steady: ms(mean(steadyOf(v.data))!), extra: ms(t[0]! - t.at(-1)!) };
      },
      below: 0.26,
    },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          if (
            Math.abs(steadyMedian(o.data) / steadyMedian(v.data) - 1) > 0.05 &&
            Math.abs(o.data.trace[0]! / v.data.trace[0]! - 1) > 0.05 &&
            verdictOf(o.data) !== verdictOf(v.data)
          )
            return solve(o);
        }
      },
    },
  ],
});
