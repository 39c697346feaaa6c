import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { ALWAYS, correctRules, type RulesData, rateOf } from './exercise.ts';

const solve = (v: Variant<RulesData>) => ({ rules: correctRules(v.data), rate: rateOf(v.data).toPrecision(6) });
const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

export default defineExerciseTests<RulesData>({
  solve,
  cases: [
    {
      name: 'the rate left per minute or per hour is named',
      seeds: SEEDS,
      answers: (v) => ({ rate: String(v.data.interactive ? v.data.perMinute : (v.data.items * 1e6) / v.data.hours) }),
      expect: { rate: { status: 'wrong', feedback: 'per second' } },
    },
    {
      name: 'the best of N is named',
      seeds: SEEDS,
      answers: (v) => (v.data.shown.includes('best-of-n') ? { rules: [...correctRules(v.data), 'best-of-n'] } : undefined),
      expect: { rules: { status: 'partial', feedback: 'luckiest run' } },
    },
    {
      name: 'the offline rule for an interactive service is named',
      seeds: SEEDS,
      answers: (v) => (v.data.interactive ? { rules: [...correctRules(v.data).filter((id) => id !== 'server-p99'), 'offline-rank'] } : undefined),
      expect: { rules: { status: 'partial', feedback: 'Users wait for each answer' } },
    },
    {
      name: 'both scenario rules ticked is named as a contradiction and earns nothing for the rules',
      seeds: SEEDS,
      answers: (v) => ({ rules: [...correctRules(v.data), v.data.interactive ? 'offline-rank' : 'server-p99'].filter((x, i, a) => a.indexOf(x) === i) }),
      expect: { rules: { status: 'wrong', feedback: 'contradict each other' } },
    },
    {
      name: 'the rate rounded up to a whole number, as the prompt asks, is accepted',
      seeds: SEEDS,
      answers: (v) => ({ rate: String(Math.ceil(rateOf(v.data))) }),
      expect: { rate: { status: 'correct' } },
    },
    {
      name: 'the server rule for a batch job is named',
      seeds: SEEDS,
      answers: (v) => (v.data.interactive ? undefined : { rules: [...correctRules(v.data).filter((id) => id !== 'offline-rank'), 'server-p99'] }),
      expect: { rules: { status: 'partial', feedback: 'does anyone wait' } },
    },
  ],
  degenerate: [
    {
      name: 'the right rules, the rate per minute or per hour',
      answers: (v) => ({ rules: correctRules(v.data), rate: String(v.data.interactive ? v.data.perMinute : (v.data.items * 1e6) / v.data.hours) }),
    },
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'nothing ticked', answers: () => ({ rules: [] }) },
    { name: 'every rule shown ticked', answers: (v) => ({ rules: v.data.shown }) },
    {
      name: 'every rule of the definition ticked',
      answers: (_v, exercise) => ({
        rules:
          exercise.parts[0]!.answer.type === 'choice' ? (exercise.parts[0]!.answer as { options: { id: string }[] }).options.map((o) => o.id) : [],
      }),
    },
    { name: 'the gamed rules and the wrong scenario', answers: (v) => ({ rules: v.data.shown.filter((id) => !correctRules(v.data).includes(id)) }) },
    { name: 'the six general rules, whichever are shown', answers: () => ({ rules: [...ALWAYS] }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => solve(createVariant(exercise, (v.seed + 7919) % 2 ** 32) as Variant<RulesData>),
    },
  ],
});
