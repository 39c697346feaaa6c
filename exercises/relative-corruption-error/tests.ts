import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { answersOf, mistakesOf, type RceData } from './exercise.ts';

const n = (x: number) => x.toFixed(5);
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

export default defineExerciseTests<RceData>({
  solve: (v) => ({ ce: n(answersOf(v.data).ce), 'relative-ce': n(answersOf(v.data).rel) }),
  cases: [
    {
      name: 'ratio of accuracies',
      seeds: SEEDS,
      answers: (v) => ({ ce: n(mistakesOf(v.data).ce.accuracies) }),
      expect: { ce: { status: 'wrong', feedback: 'built from accuracies' } },
    },
    {
      name: 'CE inverted',
      seeds: SEEDS,
      answers: (v) => ({ ce: n(mistakesOf(v.data).ce.inverted) }),
      expect: { ce: { status: 'wrong', feedback: 'baseline over the model' } },
    },
    {
      name: 'clean column in the sums',
      seeds: SEEDS,
      answers: (v) => ({ ce: n(mistakesOf(v.data).ce['with-clean']) }),
      expect: { ce: { status: 'wrong', feedback: 'includes the clean column' } },
    },
    {
      name: 'worst severity only (CE)',
      seeds: SEEDS,
      answers: (v) => ({ ce: n(mistakesOf(v.data).ce['worst-only']) }),
      expect: { ce: { status: 'wrong', feedback: 'strongest severity alone' } },
    },
    {
      name: 'relative CE given for CE',
      seeds: SEEDS,
      answers: (v) => ({ ce: n(mistakesOf(v.data).ce.relative) }),
      expect: { ce: { status: 'wrong', feedback: 'asks for CE' } },
    },
    {
      name: 'the CE answered where the relative CE is asked',
      seeds: SEEDS,
      answers: (v) => ({ 'relative-ce': n(mistakesOf(v.data).rel['ce-instead']) }),
      expect: { 'relative-ce': { status: 'wrong', feedback: 'That is CE' } },
    },
    {
      name: 'relative CE inverted',
      seeds: SEEDS,
      answers: (v) => ({ 'relative-ce': n(mistakesOf(v.data).rel.inverted) }),
      expect: { 'relative-ce': { status: 'wrong', feedback: 'baseline over the model' } },
    },
    {
      name: 'worst severity only (relative CE)',
      seeds: SEEDS,
      answers: (v) => ({ 'relative-ce': n(mistakesOf(v.data).rel['worst-only']) }),
      expect: { 'relative-ce': { status: 'wrong', feedback: 'strongest severity alone' } },
    },
    {
      name: 'a difference, not a ratio',
      seeds: SEEDS,
      answers: (v) => ({ 'relative-ce': n(mistakesOf(v.data).rel.difference) }),
      expect: { 'relative-ce': { status: 'wrong', feedback: 'difference of the two sums' } },
    },
    {
      name: 'normalised by its own errors',
      seeds: SEEDS,
      answers: (v) => ({ 'relative-ce': n(mistakesOf(v.data).rel['own-clean']) }),
      expect: { 'relative-ce': { status: 'wrong', feedback: "baseline's summed increase" } },
    },
    {
      name: 'a percentage is not a ratio',
      answers: (v) => ({ ce: `${(answersOf(v.data).ce * 100).toFixed(3)}` }),
      expect: { ce: { status: 'wrong' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'one for both (the baseline against itself)', answers: () => ({ ce: '1', 'relative-ce': '1' }) },
    { name: 'zero for both', answers: () => ({ ce: '0', 'relative-ce': '0' }) },
    {
      // A fixed pairing, skipping the rare neighbour whose answer lands within 1% of this one by chance
      // (test/unit/exercise-attacks-robustness.test.ts measures how rare: copied answers average < 0.05).
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        const mine = answersOf(v.data);
        for (let k = 1; ; k++) {
          const o = answersOf(createVariant(exercise, (v.seed + k * 7919) % 2 ** 32).data as RceData);
          if (Math.abs(o.ce / mine.ce - 1) > 0.02 && Math.abs(o.rel / mine.rel - 1) > 0.02) return { ce: n(o.ce), 'relative-ce': n(o.rel) };
        }
      },
    },
  ],
});
