import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { answerOf, type CostData, machineMistakes } from './exercise.ts';

const solve = (v: Variant<CostData>) => {
  const f = answerOf(v.data);
  return { machine: f.id, instances: String(f.instances), cost: f.cost.toFixed(2) };
};
const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

export default defineExerciseTests<CostData>({
  solve,
  cases: [
    {
      name: 'the machine that missed its quality target is named',
      seeds: SEEDS,
      answers: (v) => ({ machine: machineMistakes(v.data)[0]!.id }),
      expect: { machine: { status: 'wrong', feedback: 'accuracy run' } },
    },
    {
      name: 'the cheapest per hour is named',
      seeds: SEEDS,
      answers: (v) => {
        const m = machineMistakes(v.data);
        return m[1]!.id !== m[0]!.id ? { machine: m[1]!.id } : undefined;
      },
      expect: { machine: { status: 'wrong' } },
    },
    {
      name: 'one instance priced is named',
      seeds: SEEDS,
      answers: (v) => ({ cost: String(v.data.machines.find((m) => m.id === answerOf(v.data).id)!.price) }),
      expect: { cost: { status: 'wrong', feedback: 'one instance' } },
    },
    {
      name: 'instances rounded down are named',
      seeds: SEEDS,
      answers: (v) => {
        const m = v.data.machines.find((x) => x.id === answerOf(v.data).id)!;
        return { instances: String(Math.floor(v.data.demandQps / m.serverQps)) };
      },
      expect: { instances: { status: 'wrong', feedback: 'Rounded down' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'constants', answers: () => ({ machine: 'a', instances: '1', cost: '1' }) },
    {
      name: 'the cheapest per hour, one instance',
      answers: (v) => {
        const m = v.data.machines.reduce((a, b) => (b.price < a.price ? b : a));
        return { machine: m.id, instances: '1', cost: String(m.price) };
      },
    },
    {
      name: 'the fastest machine, sized by offline throughput',
      answers: (v) => {
        const m = v.data.machines.reduce((a, b) => (b.offline > a.offline ? b : a));
        const n = Math.ceil(v.data.demandQps / m.offline);
        return { machine: m.id, instances: String(n), cost: String(n * m.price) };
      },
    },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => solve(createVariant(exercise, (v.seed + 7919) % 2 ** 32) as Variant<CostData>),
    },
  ],
});
