import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { answersFor, type IrtProbabilityData } from './exercise.ts';

const f = (x: number) => x.toFixed(5);
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export default defineExerciseTests<IrtProbabilityData>({
  solve: ({ data }) => ({ 'p-easy': f(answersFor(data, data.easy).right), 'p-hard': f(answersFor(data, data.hard).right) }),
  cases: [
    {
      name: 'three decimals are enough',
      seeds: SEEDS,
      answers: ({ data }) => ({ 'p-easy': answersFor(data, data.easy).right.toFixed(3), 'p-hard': answersFor(data, data.hard).right.toFixed(3) }),
      expect: { 'p-easy': { status: 'correct' }, 'p-hard': { status: 'correct' } },
    },
    {
      name: 'forgetting the discrimination is named',
      seeds: SEEDS,
      answers: ({ data }) => ({
        'p-easy': f(answersFor(data, data.easy).noDiscrimination),
        'p-hard': f(answersFor(data, data.hard).noDiscrimination),
      }),
      expect: {
        'p-easy': { status: 'wrong', feedback: 'leaves out the discrimination' },
        'p-hard': { status: 'wrong', feedback: 'leaves out the discrimination' },
      },
    },
    {
      name: 'the sign of (theta - b) reversed is named',
      seeds: SEEDS,
      answers: ({ data }) => ({ 'p-easy': f(answersFor(data, data.easy).sign), 'p-hard': f(answersFor(data, data.hard).sign) }),
      expect: {
        'p-easy': { status: 'wrong', feedback: 'sign is the wrong way round' },
        'p-hard': { status: 'wrong', feedback: 'sign is the wrong way round' },
      },
    },
    {
      name: 'the logit given as the probability is named',
      seeds: SEEDS,
      answers: ({ data }) => ({ 'p-easy': f(answersFor(data, data.easy).logit), 'p-hard': f(answersFor(data, data.hard).logit) }),
      expect: { 'p-easy': { status: 'wrong', feedback: 'That is the logit' }, 'p-hard': { status: 'wrong', feedback: 'That is the logit' } },
    },
    {
      name: 'the normal-ogive constant D = 1.7 is named',
      seeds: SEEDS,
      answers: ({ data }) => ({ 'p-easy': f(answersFor(data, data.easy).scaled) }),
      expect: { 'p-easy': { status: 'wrong', feedback: 'D = 1.7' } },
    },
    {
      name: 'the two items swapped: each is wrong',
      seeds: SEEDS,
      answers: ({ data }) => ({ 'p-easy': f(answersFor(data, data.hard).right), 'p-hard': f(answersFor(data, data.easy).right) }),
      expect: { 'p-easy': { status: 'wrong' }, 'p-hard': { status: 'wrong' } },
    },
    {
      name: 'a percentage is not read as a probability',
      answers: ({ data }) => ({ 'p-easy': `${(answersFor(data, data.easy).right * 100).toFixed(1)}` }),
      expect: { 'p-easy': { status: 'wrong' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'one half everywhere', answers: () => ({ 'p-easy': '0.5', 'p-hard': '0.5' }) },
    { name: 'certain and impossible', answers: () => ({ 'p-easy': '1', 'p-hard': '0' }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        // A copied variant whose numbers differ (two probabilities can agree to three decimals by chance).
        const mine = [answersFor(v.data, v.data.easy).right, answersFor(v.data, v.data.hard).right];
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32).data;
          const theirs = [answersFor(o, o.easy).right, answersFor(o, o.hard).right];
          if (theirs.every((t, i) => Math.abs(t - mine[i]!) > 0.02)) return { 'p-easy': f(theirs[0]!), 'p-hard': f(theirs[1]!) };
        }
      },
    },
  ],
});
