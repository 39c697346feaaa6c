import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { correctRules, GENERAL, GROUPS, type RulesData, rateOf, rightRules } from './exercise.ts';

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
      answers: (v) =>
        v.data.interactive ? { rules: [...correctRules(v.data).filter((id) => !GROUPS.scenario!.includes(id)), 'offline-rank'] } : undefined,
      expect: { rules: { status: 'partial', feedback: 'Users wait for each answer' } },
    },
    {
      name: 'both scenario rules ticked is named as a contradiction and earns nothing for the rules',
      seeds: SEEDS,
      answers: (v) => ({
        rules: [...correctRules(v.data), v.data.interactive ? 'offline-rank' : 'server-p99'].filter((x, i, a) => a.indexOf(x) === i),
      }),
      expect: { rules: { status: 'wrong', feedback: 'contradict each other' } },
    },
    {
      name: 'the rate rounded up to a whole number, as the prompt asks, is accepted',
      seeds: SEEDS,
      answers: (v) => ({ rate: String(Math.ceil(rateOf(v.data))) }),
      expect: { rate: { status: 'correct' } },
    },
    {
      name: 'another percentile than the service level bounds is named',
      seeds: SEEDS,
      answers: (v) =>
        v.data.interactive
          ? {
              rules: correctRules(v.data).map((id) => (id === `server-p${v.data.percentile}` ? `server-p${v.data.percentile === 99 ? 95 : 99}` : id)),
            }
          : undefined,
      expect: { rules: { status: 'partial', feedback: 'Which percentile' } },
    },
    {
      name: 'another accuracy threshold than the target states is named',
      seeds: SEEDS,
      answers: (v) => {
        const other = v.data.shown.find((id) => GROUPS.accuracy!.includes(id) && !correctRules(v.data).includes(id))!;
        return { rules: [...correctRules(v.data).filter((id) => !GROUPS.accuracy!.includes(id)), other] };
      },
      expect: { rules: { status: 'partial', feedback: 'Which accuracy does the target state' } },
    },
    {
      name: 'the precision rule the target contradicts is named',
      seeds: SEEDS,
      answers: (v) => ({
        rules: [...correctRules(v.data).filter((id) => !GROUPS.precision!.includes(id)), v.data.lowerOk ? 'precision-spec' : 'precision-lower'],
      }),
      expect: { rules: { status: 'partial', feedback: 'precision' } },
    },
    {
      name: 'the server rule for a batch job is named',
      seeds: SEEDS,
      answers: (v) => (v.data.interactive ? undefined : { rules: [...correctRules(v.data).filter((id) => id !== 'offline-rank'), 'server-p99'] }),
      expect: { rules: { status: 'partial', feedback: 'does anyone wait' } },
    },
  ],
  degenerate: [
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
    { name: 'the general rules shown, no parameter chosen', answers: (v) => ({ rules: GENERAL.filter((id) => v.data.shown.includes(id)) }) },
    { name: 'the right rate, no rule ticked', answers: (v) => ({ rate: rateOf(v.data).toPrecision(6) }) },
    { name: 'the right rate, every rule shown ticked', answers: (v) => ({ rules: v.data.shown, rate: rateOf(v.data).toPrecision(6) }) },
    {
      name: "another seed's rules key (those shown here) and its rate",
      answers: (v, exercise) => {
        const o = createVariant(exercise, (v.seed + 7919) % 2 ** 32) as Variant<RulesData>;
        return { rules: rightRules(o.data).filter((id) => v.data.shown.includes(id)), rate: rateOf(o.data).toPrecision(6) };
      },
    },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => solve(createVariant(exercise, (v.seed + 7919) % 2 ** 32) as Variant<RulesData>),
    },
  ],
});
