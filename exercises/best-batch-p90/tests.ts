import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { answerRow, type BestBatchData, batchMistakes, bestWithin, gainOf } from './exercise.ts';

const solve = (v: Variant<BestBatchData>) => ({
  batch: String(answerRow(v.data).batch),
  gain: gainOf(v.data).toFixed(3),
  wait: `${answerRow(v.data).p90Ms} ms`,
});
const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

export default defineExerciseTests<BestBatchData>({
  solve,
  cases: [
    {
      name: 'the fastest batch of the table, ignoring the bound, is named',
      seeds: SEEDS,
      answers: (v) => ({ batch: String(bestWithin(v.data.rows, () => true)!.batch) }),
      expect: { batch: { status: 'wrong', feedback: 'does it meet the bound' } },
    },
    {
      name: 'the mean held to the bound instead of the p90 is named',
      seeds: SEEDS,
      answers: (v) => ({ batch: String(bestWithin(v.data.rows, (r) => r.meanMs <= v.data.boundMs)!.batch) }),
      expect: { batch: { status: 'wrong', feedback: 'on average' } },
    },
    {
      name: 'the smallest batch is named',
      seeds: SEEDS,
      answers: () => ({ batch: '1' }),
      expect: { batch: { status: 'wrong', feedback: 'smallest batch' } },
    },
    {
      name: 'the batch ratio as the gain is named',
      seeds: SEEDS,
      answers: (v) => ({ gain: String(answerRow(v.data).batch) }),
      expect: { gain: { status: 'wrong', feedback: 'ratio of the batch sizes' } },
    },
    {
      name: 'the gain upside down is named',
      seeds: SEEDS,
      answers: (v) => ({ gain: (1 / gainOf(v.data)).toFixed(4) }),
      expect: { gain: { status: 'wrong', feedback: 'upside down' } },
    },
    {
      name: 'the query latency divided by the batch is named',
      seeds: SEEDS,
      answers: (v) => ({ wait: `${answerRow(v.data).p90Ms / answerRow(v.data).batch} ms` }),
      expect: { wait: { status: 'wrong', feedback: 'whole batch comes back' } },
    },
    {
      name: 'the mean latency as the wait is named',
      seeds: SEEDS,
      answers: (v) => ({ wait: `${answerRow(v.data).meanMs} ms` }),
      expect: { wait: { status: 'wrong', feedback: 'mean latency' } },
    },
    {
      name: 'the wait in seconds is converted and accepted',
      answers: (v) => ({ wait: `${answerRow(v.data).p90Ms / 1000} s` }),
      expect: { wait: { status: 'correct' } },
    },
    {
      name: 'a wait without its unit is a format error',
      answers: (v) => ({ wait: String(answerRow(v.data).p90Ms) }),
      expect: { wait: { status: 'format-error' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'constants', answers: () => ({ batch: '100', gain: '1', wait: '1 ms' }) },
    { name: 'the smallest batch and no gain', answers: (v) => ({ batch: '1', gain: '1', wait: `${v.data.rows[0]!.p90Ms} ms` }) },
    {
      name: 'the table fastest, everywhere',
      answers: (v) => {
        const top = bestWithin(v.data.rows, () => true)!;
        return { batch: String(top.batch), gain: String(top.throughput / v.data.rows[0]!.throughput), wait: `${top.p90Ms} ms` };
      },
    },
    {
      name: 'the mean picks',
      answers: (v) => ({ batch: String(batchMistakes(v.data)[1]!.value), gain: '1', wait: `${answerRow(v.data).meanMs} ms` }),
    },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => solve(createVariant(exercise, (v.seed + 7919) % 2 ** 32) as Variant<BestBatchData>),
    },
  ],
});
