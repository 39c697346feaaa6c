import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { counts, type CountLeakedData } from './exercise.ts';

const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);

export default defineExerciseTests<CountLeakedData>({
  solve: ({ data }) => ({ leaked: String(counts(data).leaked), share: (counts(data).leaked / data.test.length).toFixed(4) }),
  cases: [
    {
      name: 'copies in training counted instead of test items',
      seeds: SEEDS,
      answers: ({ data }) => ({ leaked: String(counts(data).occurrences), share: (counts(data).occurrences / data.test.length).toFixed(4) }),
      expect: {
        leaked: { status: 'wrong', feedback: 'counts copies in the training split' },
        share: { status: 'wrong', feedback: 'count leaked test items' },
      },
    },
    {
      name: 'distinct hashes counted instead of items',
      seeds: SEEDS,
      answers: ({ data }) => ({ leaked: String(counts(data).distinct) }),
      expect: { leaked: { status: 'wrong', feedback: 'distinct contents' } },
    },
    {
      name: 'test items duplicated within the test split counted as leaked',
      seeds: SEEDS,
      answers: ({ data }) => ({ leaked: String(counts(data).withTestDuplicates) }),
      expect: { leaked: { status: 'wrong', feedback: 'within the test split' } },
    },
    {
      name: 'the share over the training split is named',
      seeds: SEEDS,
      answers: ({ data }) => ({ share: (counts(data).leaked / data.train.length).toFixed(4) }),
      expect: { share: { status: 'wrong', feedback: 'size of the training split' } },
    },
    {
      name: 'a percentage for the share is wrong',
      answers: ({ data }) => ({ share: ((100 * counts(data).leaked) / data.test.length).toFixed(1) }),
      expect: { share: { status: 'wrong', feedback: 'looks like a percentage' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'zero leaked', answers: () => ({ leaked: '0', share: '0' }) },
    { name: 'every test item leaked', answers: ({ data }) => ({ leaked: String(data.test.length), share: '1' }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32).data;
          const c = counts(o);
          if (c.leaked !== counts(v.data).leaked && Math.abs(c.leaked / o.test.length - counts(v.data).leaked / v.data.test.length) > 0.01)
            return { leaked: String(c.leaked), share: (c.leaked / o.test.length).toFixed(4) };
        }
      },
    },
  ],
});
