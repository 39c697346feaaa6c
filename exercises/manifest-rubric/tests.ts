import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { blocking, FIELD_OPTIONS, type ManifestData, missing } from './exercise.ts';

const solve = (v: Variant<ManifestData>) => ({ missing: blocking(v.data) });
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const NEEDED = ['spec-source', 'spec-hash', 'parameters', 'seed', 'target', 'environment-host', 'environment-target', 'samples-per-iteration'];

export default defineExerciseTests<ManifestData>({
  solve,
  cases: [
    {
      name: 'every missing field ticked (the harmless ones too) loses credit, and names the misconception without listing the fields',
      seeds: SEEDS,
      answers: (v) => ({ missing: missing(v.data) }),
      expect: {
        missing: { status: ['partial', 'wrong'], feedback: ['does not block anything', /^(?![\s\S]*(startedAt|spec\.title|stoppedBecause))/] },
      },
    },
    {
      name: 'keeping the statistics and not the raw samples: ticking statistics when it is missing is named',
      seeds: SEEDS,
      answers: (v) => (missing(v.data).includes('statistics') ? { missing: [...blocking(v.data), 'statistics'] } : undefined),
      expect: { missing: { status: 'partial', feedback: 'recomputed from the raw samples' } },
    },
    {
      name: 'a field the record still has, ticked, is named as present',
      seeds: SEEDS,
      answers: (v) => {
        const present = FIELD_OPTIONS.find((f) => !missing(v.data).includes(f))!;
        return { missing: [...blocking(v.data), present] };
      },
      expect: { missing: { status: 'partial', feedback: 'still in the record' } },
    },
    {
      name: 'one blocking field left out is partial, and says some are missing',
      seeds: SEEDS,
      answers: (v) => ({ missing: blocking(v.data).slice(1) }),
      expect: { missing: { status: 'partial', feedback: 'Some options that apply are not picked' } },
    },
    {
      name: 'every option ticked scores 0',
      answers: () => ({ missing: [...FIELD_OPTIONS] }),
      expect: { missing: { status: 'wrong', score: 0 } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'every option', answers: () => ({ missing: [...FIELD_OPTIONS] }) },
    { name: 'every field of the rubric that is needed (whatever is missing)', answers: () => ({ missing: NEEDED }) },
    { name: 'only the fields that are not needed', answers: () => ({ missing: FIELD_OPTIONS.filter((f) => !NEEDED.includes(f)) }) },
    {
      name: 'the answer of another seed',
      answers: (v, exercise) => {
        const mine = new Set(blocking(v.data));
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          if (blocking(o.data as ManifestData).every((f) => !mine.has(f))) return solve(o as Variant<ManifestData>);
        }
      },
    },
  ],
});
