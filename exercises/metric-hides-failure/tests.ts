import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { type HidesData, hiding, METRIC_IDS, shortfalls, wellFormed } from './exercise.ts';

const solve = (v: Variant<HidesData>) => ({ hides: hiding(v.data), shortfall: shortfalls(v.data).right.toFixed(4), rule: 'worst' });
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
      name: 'the macro average as the release rule is named',
      answers: () => ({ rule: 'macro' }),
      expect: { rule: { status: 'wrong', feedback: 'others make up for it' } },
    },
    {
      name: 'the overall accuracy as the release rule is named',
      answers: () => ({ rule: 'overall' }),
      expect: { rule: { status: 'wrong', feedback: 'carry the overall accuracy' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'every metric, zero, and the overall accuracy', answers: () => ({ hides: [...METRIC_IDS], shortfall: '0', rule: 'overall' }) },
    { name: 'only the worst group, and the macro average', answers: () => ({ hides: ['worst'], rule: 'macro' }) },
    {
      name: 'another seed’s answer with a different set, and the median',
      answers: (v, exercise) => {
        const mine = hiding(v.data);
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32) as Variant<HidesData>;
          const theirs = hiding(o.data);
          if (theirs.filter((x) => mine.includes(x)).length * 2 < mine.length || theirs.length > 2 * mine.length)
            return { hides: theirs, shortfall: shortfalls(o.data).right.toFixed(4), rule: 'median-group' };
        }
      },
    },
  ],
});
