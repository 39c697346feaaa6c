import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { differingFields, type EnvDiffData, explanationOf, FIELD_OPTIONS } from './exercise.ts';
import type { Variant } from '../../runtime/exercises/types.ts';

const solve = (v: Variant<EnvDiffData>) => ({ fields: differingFields(v.data), explains: explanationOf(v.data) });
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const SEEDS_WIDE = Array.from({ length: 40 }, (_, i) => i + 1);

export default defineExerciseTests<EnvDiffData>({
  solve,
  cases: [
    {
      name: 'the fields that differ, by the engine’s diff, are correct',
      seeds: SEEDS,
      answers: (v) => ({ fields: differingFields(v.data) }),
      expect: { fields: { status: 'correct' } },
    },
    {
      name: 'missing the user agent’s build costs credit and says some are missing, without naming them',
      seeds: SEEDS,
      answers: (v) => {
        const f = differingFields(v.data);
        return f.includes('user-agent') ? { fields: f.filter((x) => x !== 'user-agent') } : undefined;
      },
      expect: { fields: { status: 'partial', feedback: ['Some options that apply are not picked', /^(?![\s\S]*userAgent)/] } },
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
      answers: (v) => (explanationOf(v.data) === 'thread-count' ? { explains: 'cores' } : undefined),
      expect: { explains: { status: 'wrong', feedback: 'what the machine could use' } },
    },
    {
      name: 'isolation as the cause is named',
      answers: () => ({ explains: 'isolation' }),
      expect: { explains: { status: 'wrong', feedback: "timer's grain" } },
    },
    {
      name: 'a thread count that cannot reach the ratio is named as such (perfect scaling is the most it gives)',
      seeds: SEEDS_WIDE,
      answers: (v) => (v.data.cause === 'threads-too-few' ? { explains: 'thread-count' } : undefined),
      expect: { explains: { status: 'wrong', feedback: 'at most' } },
    },
    {
      name: '"none" when the device or the threads do explain it is named, without saying which',
      seeds: SEEDS_WIDE,
      answers: (v) => (explanationOf(v.data) !== 'none' ? { explains: 'none' } : undefined),
      expect: { explains: { status: 'wrong', feedback: ['does change what does the work', /^(?![\s\S]*(software|fallback|SwiftShader))/i] } },
    },
    {
      name: 'the adapter when both runs have the same hardware adapter is wrong',
      seeds: SEEDS_WIDE,
      answers: (v) => (v.data.scenario === 'webgpu' && explanationOf(v.data) === 'none' ? { explains: 'adapter' } : undefined),
      expect: { explains: { status: 'wrong', feedback: 'adapter rows' } },
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
          if (o.data.scenario !== v.data.scenario && explanationOf(o.data) !== explanationOf(v.data)) return solve(o);
        }
      },
    },
  ],
});
