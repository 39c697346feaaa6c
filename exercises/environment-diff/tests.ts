import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { differingFields, type EnvDiffData, explanationOf, FIELD_OPTIONS } from './exercise.ts';
import type { Variant } from '../../runtime/exercises/types.ts';

const solve = (v: Variant<EnvDiffData>) => ({ fields: differingFields(v.data), explains: explanationOf(v.data) });
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

export default defineExerciseTests<EnvDiffData>({
  solve,
  cases: [
    {
      name: 'four fields differ in every variant, by the engine’s diff',
      seeds: SEEDS,
      answers: (v) => {
        if (differingFields(v.data).length !== 4) throw new Error(`seed ${v.seed}: ${differingFields(v.data).length} fields differ`);
        return { fields: differingFields(v.data) };
      },
      expect: { fields: { status: 'correct' } },
    },
    {
      name: 'missing the user agent’s build costs credit and says some are missing, without naming them',
      seeds: SEEDS,
      answers: (v) => {
        const f = differingFields(v.data);
        return f.includes('user-agent') ? { fields: f.filter((x) => x !== 'user-agent') } : undefined;
      },
      expect: { fields: { status: 'partial', score: 0.75, feedback: ['Some options that apply are not picked', /^(?![\s\S]*userAgent)/] } },
    },
    {
      name: 'adapter fields ticked for a WebAssembly run are named as not recorded',
      seeds: SEEDS,
      answers: (v) => (v.data.scenario === 'threads' ? { fields: [...differingFields(v.data), 'adapter-vendor'] } : undefined),
      expect: { fields: { status: 'partial', feedback: 'Neither record has an adapter' } },
    },
    {
      name: 'every field ticked scores 0',
      answers: () => ({ fields: [...FIELD_OPTIONS] }),
      expect: { fields: { status: 'wrong', score: 0 } },
    },
    {
      name: 'the core count for a thread-count slowdown is the misconception named',
      seeds: SEEDS,
      answers: (v) => (v.data.scenario === 'threads' ? { explains: 'cores' } : undefined),
      expect: { explains: { status: 'wrong', feedback: 'what the machine could use' } },
    },
    {
      name: 'isolation as the cause is named',
      answers: () => ({ explains: 'isolation' }),
      expect: { explains: { status: 'wrong', feedback: "timer's grain" } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    ...FIELD_OPTIONS.map((f) => ({ name: `only ${f}, and the adapter`, answers: () => ({ fields: [f], explains: 'adapter' }) })),
    { name: 'everything ticked, and threads', answers: () => ({ fields: [...FIELD_OPTIONS], explains: 'thread-count' }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          if (o.data.scenario !== v.data.scenario) return solve(o);
        }
      },
    },
  ],
});
