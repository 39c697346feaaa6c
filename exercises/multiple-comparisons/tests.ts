import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { sets, type MultipleComparisonsData } from './exercise.ts';

const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export default defineExerciseTests<MultipleComparisonsData>({
  solve: ({ data }) => ({ bonferroni: sets(data).bonferroni, holm: sets(data).holm }),
  cases: [
    {
      name: 'no correction is named in both parts',
      seeds: SEEDS,
      answers: ({ data }) => ({ bonferroni: sets(data).uncorrected, holm: sets(data).uncorrected }),
      expect: {
        bonferroni: { status: ['partial', 'wrong'], feedback: 'no correction' },
        holm: { status: ['partial', 'wrong'], feedback: 'no correction' },
      },
    },
    {
      name: 'alpha divided by the number of significant-looking comparisons is named',
      seeds: SEEDS,
      answers: ({ data }) => ({ bonferroni: sets(data).dividedBySignificant }),
      expect: { bonferroni: { status: ['partial', 'wrong'], feedback: 'looked significant' } },
    },
    {
      name: "Holm's set given for Bonferroni is named where they differ",
      seeds: SEEDS,
      answers: ({ data }) => (same(sets(data).holm, sets(data).bonferroni) ? undefined : { bonferroni: sets(data).holm }),
      expect: { bonferroni: { status: ['partial', 'wrong'], feedback: 'Holm’s set' } },
    },
    {
      name: "Bonferroni's set given for Holm is named where they differ",
      seeds: SEEDS,
      answers: ({ data }) => (same(sets(data).holm, sets(data).bonferroni) ? undefined : { holm: sets(data).bonferroni }),
      expect: { holm: { status: ['partial', 'wrong'], feedback: 'Bonferroni’s set' } },
    },
    {
      name: 'Holm without its stop is named',
      seeds: SEEDS,
      answers: ({ data }) => ({ holm: sets(data).noStop }),
      expect: { holm: { status: ['partial', 'wrong'], feedback: 'without stopping' } },
    },
    {
      name: "stepping up (Hochberg's) is named where it differs from Holm",
      seeds: SEEDS,
      answers: ({ data }) => {
        const s = sets(data);
        return same(s.stepUp, s.holm) ? undefined : { holm: s.stepUp };
      },
      expect: { holm: { status: ['partial', 'wrong'], feedback: 'Hochberg' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    {
      name: 'every comparison ticked',
      answers: ({ data }) => ({ bonferroni: data.ps.map((_, i) => `c-${i + 1}`), holm: data.ps.map((_, i) => `c-${i + 1}`) }),
    },
    { name: 'only the first comparison', answers: () => ({ bonferroni: ['c-1'], holm: ['c-1'] }) },
    { name: 'no correction for both', answers: ({ data }) => ({ bonferroni: sets(data).uncorrected, holm: sets(data).uncorrected }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32).data;
          const s = sets(o);
          const mine = sets(v.data);
          if (!same(s.holm, mine.holm) && !same(s.bonferroni, mine.bonferroni)) return { bonferroni: s.bonferroni, holm: s.holm };
        }
      },
    },
  ],
});
