import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { concurrencyOf, type LittleData, latencyOf, rateOf } from './exercise.ts';

const solve = (v: Variant<LittleData>) => ({
  concurrency: concurrencyOf(v.data).toPrecision(5),
  latency: `${latencyOf(v.data).toPrecision(5)} ms`,
  rate: rateOf(v.data).toPrecision(5),
});
const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

export default defineExerciseTests<LittleData>({
  solve,
  cases: [
    {
      name: 'requests/s times ms is named',
      seeds: SEEDS,
      answers: (v) => ({ concurrency: String(v.data.rate * v.data.latencyMs) }),
      expect: { concurrency: { status: 'wrong', feedback: 'same time unit' } },
    },
    {
      name: 'the rate over the time is named',
      seeds: SEEDS,
      answers: (v) => ({ concurrency: String(v.data.rate / (v.data.latencyMs / 1000)) }),
      expect: { concurrency: { status: 'wrong', feedback: 'per second squared' } },
    },
    {
      name: 'seconds written as ms is named',
      seeds: SEEDS,
      answers: (v) => ({ latency: `${v.data.clients / v.data.closedRate} ms` }),
      expect: { latency: { status: 'wrong', feedback: 'gives seconds' } },
    },
    {
      name: 'the latency ratio upside down is named',
      seeds: SEEDS,
      answers: (v) => ({ latency: `${v.data.closedRate / v.data.clients} s` }),
      expect: { latency: { status: 'wrong', feedback: 'upside down' } },
    },
    {
      name: 'requests per millisecond is named',
      seeds: SEEDS,
      answers: (v) => ({ rate: String(v.data.workers / v.data.serviceMs) }),
      expect: { rate: { status: 'wrong', feedback: 'per millisecond' } },
    },
    {
      name: 'one worker for the whole server is named',
      seeds: SEEDS,
      answers: (v) => ({ rate: String(1000 / v.data.serviceMs) }),
      expect: { rate: { status: 'wrong', feedback: 'one worker' } },
    },
    {
      name: 'the latency in seconds is converted and accepted',
      answers: (v) => ({ latency: `${latencyOf(v.data) / 1000} s` }),
      expect: { latency: { status: 'correct' } },
    },
    {
      name: 'a latency without its unit is a format error',
      answers: (v) => ({ latency: String(latencyOf(v.data)) }),
      expect: { latency: { status: 'format-error' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'constants', answers: () => ({ concurrency: '1', latency: '100 ms', rate: '100' }) },
    {
      name: 'the given numbers copied',
      answers: (v) => ({ concurrency: String(v.data.rate), latency: `${v.data.latencyMs} ms`, rate: String(v.data.closedRate) }),
    },
    {
      name: 'the clients as the concurrency, the rate as the latency',
      answers: (v) => ({ concurrency: String(v.data.clients), latency: `${v.data.closedRate} ms`, rate: String(v.data.workers) }),
    },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => solve(createVariant(exercise, (v.seed + 7919) % 2 ** 32) as Variant<LittleData>),
    },
  ],
});
