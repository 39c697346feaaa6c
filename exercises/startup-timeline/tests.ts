import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { firstResult, gateOf, mistakesOf, orderOf, type StlData } from './exercise.ts';

const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);
const ms = (x: number) => `${x.toFixed(1)} ms`;
const LOGICAL = ['js', 'wasm', 'compile', 'model', 'digits', 'session', 'first', 'steady'];

export default defineExerciseTests<StlData>({
  solve: (v) => ({ order: orderOf(v.data), 'first-result': ms(firstResult(v.data)), gate: gateOf(v.data) }),
  cases: [
    {
      name: 'durations added up',
      seeds: SEEDS,
      answers: (v) => ({ 'first-result': ms(mistakesOf(v.data)['sum-of-durations']) }),
      expect: { 'first-result': { status: 'wrong', feedback: 'the phases overlap' } },
    },
    {
      name: 'the first query alone',
      seeds: SEEDS,
      answers: (v) => ({ 'first-result': ms(mistakesOf(v.data)['first-duration']) }),
      expect: { 'first-result': { status: 'wrong', feedback: 'how long the first query itself took' } },
    },
    {
      name: 'the end of the session',
      seeds: SEEDS,
      answers: (v) => ({ 'first-result': ms(mistakesOf(v.data)['session-end']) }),
      expect: { 'first-result': { status: 'wrong', feedback: 'when the session was ready' } },
    },
    {
      name: 'the steady-state query',
      seeds: SEEDS,
      answers: (v) => ({ 'first-result': ms(mistakesOf(v.data)['steady-end']) }),
      expect: { 'first-result': { status: 'wrong', feedback: 'steady-state query' } },
    },
    {
      name: 'the rows as printed',
      seeds: SEEDS,
      answers: (v) => (v.data.trace.map((p) => p.id).join() === orderOf(v.data).join() ? undefined : { order: v.data.trace.map((p) => p.id) }),
      expect: { order: { status: ['partial', 'wrong'], feedback: 'are in the order of their starts' } },
    },
    {
      name: 'the longer phase named as the gate',
      seeds: SEEDS,
      answers: (v) => {
        const dur = (id: string) => v.data.trace.find((p) => p.id === id)!;
        const longer = dur('compile').end - dur('compile').start > dur('model').end - dur('model').start ? 'compile' : 'model';
        return longer === gateOf(v.data) ? undefined : { gate: longer };
      },
      expect: { gate: { status: 'wrong', feedback: 'Compare when each of the two ended' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'the logical order, a constant and the runtime', answers: () => ({ order: LOGICAL, 'first-result': '1000 ms', gate: 'compile' }) },
    { name: 'the logical order, a constant and the model', answers: () => ({ order: LOGICAL, 'first-result': '500 ms', gate: 'model' }) },
    {
      // A fixed pairing, skipping neighbours with the same gate (a coin flip): the order part alone then scores at most 1/4.
      name: 'the answers of another seed (one with the other gate)',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32) as Variant<StlData>;
          if (gateOf(o.data) !== gateOf(v.data)) return { order: orderOf(o.data), 'first-result': ms(firstResult(o.data)), gate: gateOf(o.data) };
        }
      },
    },
  ],
});
