import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { gamedSpecText, LOOPHOLES, type RepairGamedSpecData } from './exercise.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export default defineExerciseTests<RepairGamedSpecData>({
  solve: (v) => ({ spec: gamedSpecText(v.data.base) }),
  cases: [
    {
      name: 'the vendor spec unchanged fails every loophole item',
      seeds: SEEDS,
      answers: (v) => ({ spec: gamedSpecText(v.data.base, v.data.loopholes) }),
      // validates (1, maybe) of 1 + 3 x 3 = 10 (the two gates carry no points)
      expect: { spec: { status: ['wrong', 'partial'], score: [0, 1 / 10 + 1e-9] } },
    },
    {
      name: 'closing two loopholes of three leaves the third, with its own feedback',
      seeds: SEEDS,
      // Not where the one left open is few-samples and best of N was closed: the tail a repair reports needs the
      // samples that loophole withholds, so closing best of N alone cannot pass (the rubric says so).
      answers: (v) =>
        v.data.loopholes[2] === 'few-samples' && v.data.loopholes.includes('best-of-n')
          ? undefined
          : { spec: gamedSpecText(v.data.base, [v.data.loopholes[2]!]) },
      expect: { spec: { status: 'partial', score: [6 / 10, 7 / 10 + 1e-9] } },
    },
    {
      name: 'best of N replaced by the mean still fails: the mean hides the tail',
      seeds: SEEDS,
      answers: (v) =>
        v.data.loopholes.includes('best-of-n')
          ? { spec: gamedSpecText(v.data.base).replace(/aggregation: \[median, p9\d\]/, 'aggregation: [mean]') }
          : undefined,
      expect: { spec: { status: ['partial', 'wrong'], feedback: 'luckiest query' } },
    },
    {
      name: 'the training split swapped for fresh digits counts (held out from every zoo model)',
      seeds: SEEDS,
      answers: (v) =>
        v.data.loopholes.includes('train-split') ? { spec: gamedSpecText(v.data.base).replace('split: test', 'split: fresh') } : undefined,
      expect: { spec: { status: 'correct' } },
    },
    {
      name: 'more samples but target-ci left at 0.5 still fails the samples item',
      seeds: SEEDS,
      answers: (v) =>
        v.data.loopholes.includes('few-samples') ? { spec: gamedSpecText(v.data.base).replace('target-ci: 0.02', 'target-ci: 0.5') } : undefined,
      expect: { spec: { status: 'partial', feedback: 'handful of samples' } },
    },
    {
      name: 'min kept first (the headline) beside median and the tail still fails best of N',
      seeds: SEEDS,
      answers: (v) =>
        v.data.loopholes.includes('best-of-n')
          ? { spec: gamedSpecText(v.data.base).replace(/aggregation: \[median, (p9\d)\]/, 'aggregation: [min, median, $1]') }
          : undefined,
      expect: { spec: { status: 'partial', feedback: 'luckiest query' } },
    },
    {
      name: 'deleting target-ci is no repair of the samples item',
      seeds: SEEDS,
      answers: (v) =>
        v.data.loopholes.includes('few-samples') ? { spec: gamedSpecText(v.data.base).replace(/ {2}target-ci: .*\n/, '') } : undefined,
      expect: { spec: { status: 'partial', feedback: 'handful of samples' } },
    },
    {
      name: 'a repair of a loophole this variant does not have (the sample rules changed) fails the gate',
      seeds: SEEDS,
      answers: (v) =>
        v.data.loopholes.includes('few-samples')
          ? undefined
          : { spec: gamedSpecText(v.data.base).replace(/min-samples: \d+/, `min-samples: ${v.data.base.minSamples + 100}`) },
      expect: { spec: { status: 'wrong', score: 0, feedback: 'no note points to them' } },
    },
    {
      name: 'deleting the latency metric fails "same benchmark"',
      answers: (v) => {
        const text = gamedSpecText(v.data.base);
        return { spec: text.slice(0, text.indexOf('  - name: latency')) + text.slice(text.indexOf('  - name: throughput')) };
      },
      expect: { spec: { status: 'wrong', score: 0, feedback: 'The metric latency is gone' } },
    },
    {
      name: 'other digits (a new seed) fail "same benchmark"',
      answers: (v) => ({ spec: gamedSpecText(v.data.base).replace(/seed: \d+ \}/, `seed: ${v.data.base.seed + 1} }`) }),
      expect: { spec: { status: 'wrong', score: 0, feedback: 'digits drawn changed' } },
    },
    {
      name: 'a YAML syntax error is a format error',
      answers: (v) => ({ spec: gamedSpecText(v.data.base).replace('targets: [', 'targets: [[') }),
      expect: { spec: { status: 'format-error', feedback: 'The YAML does not parse' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'the starter unchanged', answers: (v) => ({ spec: gamedSpecText(v.data.base, v.data.loopholes) }) },
    { name: 'a constant: an empty spec', answers: () => ({ spec: 'version: 2\n' }) },
    {
      name: 'a known cheat: every loophole closed by deleting the dataset and the latency',
      answers: (v) => {
        const text = gamedSpecText(v.data.base);
        return { spec: text.replace(/datasets:\n(.*\n){2}/, 'datasets: []\n').replace(/ {2}- name: latency\n(.*\n){5}/, '') };
      },
    },
    {
      name: 'the repaired spec of another seed (other digits)',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32).data;
          if (o.base.seed !== v.data.base.seed || o.base.batch !== v.data.base.batch) return { spec: gamedSpecText(o.base) };
        }
      },
    },
  ],
});
void LOOPHOLES;
