import { defineExerciseTests } from '../../runtime/exercises/check.ts';
import exercise, { specText } from './exercise.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export default defineExerciseTests(exercise, {
  solve: (v) => ({ spec: specText(v.data.base) }),
  cases: [
    {
      name: 'the spec as the colleague left it fails every fault item',
      seeds: SEEDS,
      answers: (v) => ({ spec: specText(v.data.base, v.data.bugs) }),
      // validates (2, maybe) + same-benchmark (1) of 2 + 3 x 2 + 1 = 9 points
      expect: { spec: { status: ['wrong', 'partial'], score: [0, 3 / 9 + 1e-9] } },
    },
    {
      name: 'repairing two faults of three leaves the third, with its own feedback',
      seeds: SEEDS,
      answers: (v) => ({ spec: specText(v.data.base, [v.data.bugs[2]!]) }),
      expect: { spec: { status: 'partial', score: [5 / 9, 7 / 9 + 1e-9] } },
    },
    {
      name: 'a p99 repaired by taking 1000 samples counts',
      seeds: SEEDS,
      answers: (v) =>
        v.data.bugs.includes('too-few-samples')
          ? { spec: specText(v.data.base, ['too-few-samples']).replace(/min-samples: \d+/, 'min-samples: 1000') }
          : undefined,
      expect: { spec: { status: 'correct' } },
    },
    {
      name: 'deleting a metric instead of repairing it fails "same benchmark"',
      answers: (v) => {
        const text = specText(v.data.base);
        const last = v.data.base.metrics.at(-1)!;
        const start = text.indexOf(`  - name: ${last.name}\n`);
        const end = text.indexOf('constraints:');
        return { spec: text.slice(0, start) + text.slice(end) };
      },
      expect: { spec: { status: 'partial', feedback: 'repair a metric rather than delete it' } },
    },
    {
      name: 'changing the task fails "same benchmark"',
      answers: (v) => ({ spec: specText(v.data.base).replace(/(size|batch): (\d+)/, (_, k: string, n: string) => `${k}: ${Number(n) * 2}`) }),
      expect: { spec: { status: 'partial', feedback: 'a repair must not change what is measured' } },
    },
    {
      name: 'a YAML syntax error is a format error',
      answers: (v) => ({ spec: specText(v.data.base).replace('targets: [', 'targets: [[') }),
      expect: { spec: { status: 'format-error', feedback: 'The YAML does not parse' } },
    },
  ],
});
