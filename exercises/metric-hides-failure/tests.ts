import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { belowBar, failing, type HidesData, hiding, METRIC_IDS, NAMES, optionOf, shortfalls, wellFormed } from './exercise.ts';

const solve = (v: Variant<HidesData>) => ({ hides: hiding(v.data), shortfall: shortfalls(v.data).right.toFixed(4), rule: belowBar(v.data) });
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

export default defineExerciseTests<HidesData>({
  solve,
  cases: [
    {
      name: 'every variant has a failing group, a metric that hides it, and every metric clear of the threshold',
      seeds: SEEDS,
      answers: (v) => {
        if (!wellFormed(v.data)) throw new Error(`seed ${v.seed}: the variant is not well formed`);
        return solve(v);
      },
      expect: { hides: { status: 'correct' }, shortfall: { status: 'correct' }, rule: { status: 'correct' } },
    },
    {
      name: 'ticking the worst-group accuracy as hiding is the misconception named',
      seeds: SEEDS,
      answers: (v) => (hiding(v.data).length < 4 ? { hides: [...hiding(v.data), 'worst'] } : undefined),
      expect: { hides: { status: ['partial', 'wrong'], feedback: 'smallest group accuracy' } },
    },
    {
      name: 'the macro average ticked where it stays below the threshold is sent back to the table',
      seeds: SEEDS,
      answers: (v) => (hiding(v.data).includes('macro') ? undefined : { hides: [...hiding(v.data), 'macro'] }),
      expect: { hides: { status: ['partial', 'wrong'], feedback: 'on this test set it stays below' } },
    },
    {
      name: 'the shortfall measured from the overall accuracy is named',
      seeds: SEEDS,
      answers: (v) => ({ shortfall: shortfalls(v.data).againstOverall.toFixed(4) }),
      expect: { shortfall: { status: 'wrong', feedback: 'overall accuracy is from the bar' } },
    },
    {
      name: 'the group accuracy itself as the shortfall is named',
      seeds: SEEDS,
      answers: (v) => ({ shortfall: shortfalls(v.data).worst.toFixed(4) }),
      expect: { shortfall: { status: 'wrong', feedback: 'accuracy itself' } },
    },
    {
      name: 'only the weakest group ticked where more groups are below the bar is told every group must reach it',
      seeds: SEEDS,
      answers: (v) => (belowBar(v.data).length > 1 ? { rule: [optionOf(failing(v.data).name)] } : undefined),
      expect: { rule: { status: 'wrong', feedback: 'weakest group alone' } },
    },
    {
      name: 'a group above the bar ticked as one to improve is named',
      seeds: SEEDS,
      answers: (v) => ({ rule: [belowBar(v.data)[0]!, v.data.groups.map((g) => optionOf(g.name)).find((id) => !belowBar(v.data).includes(id))!] }),
      expect: { rule: { status: ['partial', 'wrong'], feedback: 'compare each group’s own accuracy' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    {
      name: 'every metric, zero, and the overall accuracy',
      answers: (v) => ({ hides: [...METRIC_IDS], shortfall: '0', rule: NAMES.slice(0, v.data.groups.length).map(optionOf) }),
    },
    { name: 'only the worst group, and group G1', answers: () => ({ hides: ['worst'], rule: ['g1'] }) },
    {
      name: 'another seed’s answer with a different set, and the median',
      answers: (v, exercise) => {
        const mine = hiding(v.data);
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32) as Variant<HidesData>;
          const theirs = hiding(o.data);
          if (theirs.filter((x) => mine.includes(x)).length * 2 < mine.length || theirs.length > 2 * mine.length)
            return {
              hides: theirs,
              shortfall: shortfalls(o.data).right.toFixed(4),
              rule: belowBar(o.data).filter((x) => x !== optionOf(failing(v.data).name)),
            };
        }
      },
    },
  ],
});
