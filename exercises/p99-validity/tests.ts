import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { correctVerdict, overOf, p99Of, type QueryLog } from './exercise.ts';
import { fromIssueOf, latenciesOf, p99Mistakes } from './log.ts';

const ms = (x: number) => `${x.toFixed(3)} ms`;
const solve = (v: Variant<QueryLog>) => ({ p99: ms(p99Of(v.data)), over: String(overOf(v.data)), verdict: correctVerdict(v.data) });
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);
const FEEDBACK = ['mean latency', 'from when each query was issued', 'the maximum', 'p90', 'median', "the run's latency bound"];

export default defineExerciseTests<QueryLog>({
  solve,
  cases: [
    // Each named p99 mistake is rejected with its own feedback on every seed tried.
    ...FEEDBACK.map((f, i) => ({
      name: `p99 mistake ${i + 1} (${f}) is rejected with its feedback`,
      seeds: SEEDS,
      answers: (v: Variant<QueryLog>) => ({ p99: ms(p99Mistakes(v.data)[i]!.value) }),
      expect: { p99: { status: 'wrong' as const, feedback: f } },
    })),
    {
      name: 'a count that is not a whole number is a format error, not a near miss',
      seeds: SEEDS,
      answers: (v) => ({ over: `${overOf(v.data) + 0.5}` }),
      expect: { over: { status: 'format-error', feedback: 'whole number' } },
    },
    {
      name: 'a run with a p99 inside the bound but too few queries, called VALID, is told to count',
      seeds: SEEDS,
      answers: (v) => (correctVerdict(v.data).includes('too-few') && p99Of(v.data) <= v.data.boundMs ? { verdict: ['valid'] } : undefined),
      expect: { verdict: { status: 'wrong', feedback: 'count the queries' } },
    },
    {
      name: 'a run short of early stopping, called VALID, is sent to the table',
      seeds: SEEDS,
      answers: (v) => (correctVerdict(v.data).join() === 'early-stopping' ? { verdict: ['valid'] } : undefined),
      expect: { verdict: { status: 'wrong', feedback: 'how many queries does the table ask for' } },
    },
    {
      name: 'the count over the bound from issue times is named where it differs',
      seeds: SEEDS,
      answers: (v) => {
        const n = fromIssueOf(v.data).filter((x) => x > v.data.boundMs).length;
        return n !== overOf(v.data) ? { over: String(n) } : undefined;
      },
      expect: { over: { status: 'wrong', feedback: 'from the issue time' } },
    },
    {
      name: 'a p99 without a unit is a format error',
      answers: (v) => ({ p99: p99Of(v.data).toFixed(3) }),
      expect: { p99: { status: 'format-error' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'every verdict ticked', answers: () => ({ verdict: ['valid', 'too-few', 'over-bound', 'early-stopping'] }) },
    { name: 'constants', answers: () => ({ p99: '20 ms', over: '0', verdict: ['valid'] }) },
    {
      name: 'the lazy recipe: the mean, latencies from issue, always VALID',
      answers: (v) => {
        const lat = latenciesOf(v.data);
        return { p99: ms(lat.reduce((s, x) => s + x, 0) / lat.length), over: '0', verdict: ['valid'] };
      },
    },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          if (
            Math.abs(p99Of(o.data) / p99Of(v.data) - 1) > 0.05 &&
            overOf(o.data) !== overOf(v.data) &&
            correctVerdict(o.data).join() !== correctVerdict(v.data).join()
          )
            return solve(o);
        }
      },
    },
  ],
});
