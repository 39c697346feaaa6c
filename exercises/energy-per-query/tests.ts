import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { type EnergyData, resultOf } from './exercise.ts';
import { netMistakes, perQueryMistakes } from './trace.ts';

const num = (x: number, unit: string) => `${x.toPrecision(8)} ${unit}`;
const solve = (v: Variant<EnergyData>) => {
  const r = resultOf(v.data);
  return { idle: num(r.idleW, 'W'), net: num(r.netJ, 'J'), 'per-query': num(r.joulesPerQuery, 'J') };
};
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);
const NET = ['idle included', 'idle power in W', 'That is a power (W)'];
const PER_QUERY = ['idle included', 'divides a power (W)', 'whole trace, idle before and after', "whole trace's length", 'idle power in W'];

export default defineExerciseTests<EnergyData>({
  solve,
  cases: [
    ...NET.map((f, i) => ({
      name: `net mistake ${i + 1} is named: ${f}`,
      seeds: SEEDS,
      answers: (v: Variant<EnergyData>) => ({ net: num(netMistakes(v.data)[i]!.value, 'J') }),
      expect: { net: { status: 'wrong' as const, feedback: f } },
    })),
    ...PER_QUERY.map((f, i) => ({
      name: `per-query mistake ${i + 1} is named: ${f}`,
      seeds: SEEDS,
      answers: (v: Variant<EnergyData>) => ({ 'per-query': num(perQueryMistakes(v.data)[i]!.value, 'J') }),
      expect: { 'per-query': { status: 'wrong' as const, feedback: f } },
    })),
    {
      name: 'energy per query in mJ is read as mJ',
      answers: (v) => ({ 'per-query': num(resultOf(v.data).joulesPerQuery * 1000, 'mJ') }),
      expect: { 'per-query': { status: 'correct' } },
    },
    {
      name: 'an energy given in W is a format error that names the unit',
      answers: (v) => ({ net: num(resultOf(v.data).netJ, 'W') }),
      expect: { net: { status: 'format-error' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'constants', answers: () => ({ idle: '20 W', net: '300 J', 'per-query': '0.1 J' }) },
    {
      name: 'the lazy recipe: the first sample as idle, no idle subtraction',
      answers: (v) => {
        const r = resultOf(v.data);
        return { idle: num(v.data.watts[0]!, 'W'), net: num(r.grossJ, 'J'), 'per-query': num(r.grossJ / v.data.run.queries, 'J') };
      },
      below: 0.26,
    },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          const [a, b] = [resultOf(o.data), resultOf(v.data)];
          if ([a.idleW / b.idleW, a.netJ / b.netJ, a.joulesPerQuery / b.joulesPerQuery].every((x) => Math.abs(x - 1) > 0.05)) return solve(o);
        }
      },
    },
  ],
});
