import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { ExerciseTestCase, Variant } from '../../runtime/exercises/types.ts';
import type { RegressionVerdict } from '../../runtime/results/regression.ts';
import { type CarData, type Comparison, callLinear, ROWS } from './exercise.ts';

const SEEDS = Array.from({ length: 16 }, (_, i) => i + 1);
const ids = Array.from({ length: ROWS }, (_, i) => `change-${i + 1}`);
const each = (v: Variant<CarData>, pick: (c: Comparison, t: number) => RegressionVerdict | undefined) =>
  Object.fromEntries(v.data.rows.flatMap((c, i) => (pick(c, v.data.threshold) ? [[ids[i]!, pick(c, v.data.threshold)!]] : [])));
/** The point-estimate reading: the ratio of the medians against the threshold, the interval ignored. */
const byPoint = (c: Comparison, t: number): RegressionVerdict => {
  const ratio = c.newMs / c.oldMs;
  return ratio > 1 + t ? 'regression' : ratio < 1 / (1 + t) ? 'improvement' : 'no-difference';
};
/** "Significant means regression": the interval against 1, the threshold ignored. */
const bySignificance = (c: Comparison): RegressionVerdict => (c.ci[0] > 1 ? 'regression' : c.ci[1] < 1 ? 'improvement' : 'no-difference');

const perRow = (name: string, pick: (c: Comparison, t: number) => RegressionVerdict | undefined, feedback: string): ExerciseTestCase<CarData>[] =>
  ids.map((id, i) => ({
    name: `${name} (${id})`,
    seeds: SEEDS,
    answers: (v: Variant<CarData>) => {
      const a = pick(v.data.rows[i]!, v.data.threshold);
      return a ? { [id]: a } : undefined;
    },
    expect: { [id]: { status: 'wrong', feedback } },
  }));

export default defineExerciseTests<CarData>({
  solve: (v) => each(v, (c) => c.verdict),
  cases: [
    ...perRow(
      'the point estimate beyond the threshold called, the interval crossing it',
      (c, t) => (c.verdict === 'no-evidence' ? byPoint(c, t) : undefined),
      'reads the point estimate',
    ),
    ...perRow(
      'a significant change inside the threshold called a regression or improvement',
      (c) => (c.verdict === 'no-difference' && (c.ci[0] > 1 || c.ci[1] < 1) ? bySignificance(c) : undefined),
      'the change is real; but is it larger than the threshold',
    ),
    ...perRow(
      'the direction read the wrong way round',
      (c) => (c.verdict === 'regression' ? 'improvement' : c.verdict === 'improvement' ? 'regression' : undefined),
      'above 1 is slower',
    ),
    ...perRow(
      'no evidence where the interval is wholly beyond the threshold',
      (c) => (c.verdict === 'regression' || c.verdict === 'improvement' ? 'no-evidence' : undefined),
      'wholly beyond it settles',
    ),
    ...perRow(
      'the faster edge of the band read as 1 - t',
      (c, t) => (callLinear(c.ci, t) !== c.verdict ? callLinear(c.ci, t) : undefined),
      'divides the time by 1 + t',
    ),
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    ...(['regression', 'improvement', 'no-difference', 'no-evidence'] as const).map((a) => ({
      name: `always ${a}`,
      answers: () => Object.fromEntries(ids.map((id) => [id, a])),
    })),
    { name: 'the interval against 1 everywhere (significant = regression)', answers: (v: Variant<CarData>) => each(v, bySignificance) },
    {
      name: 'the answers of another seed (one that agrees on at most two changes)',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32) as Variant<CarData>;
          if (o.data.rows.filter((c, i) => c.verdict === v.data.rows[i]!.verdict).length <= 2) return each(o, (c) => c.verdict);
        }
      },
    },
  ],
});
