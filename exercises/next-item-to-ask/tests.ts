import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { informationOf, picks, type NextItemData } from './exercise.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const id = (n: number) => `item-${n}`;

export default defineExerciseTests<NextItemData>({
  solve: ({ data }) => ({ next: id(picks(data).right), information: informationOf(data).right.toFixed(5) }),
  cases: [
    {
      name: 'the item whose difficulty is closest to the estimate, ignoring a, is named',
      seeds: SEEDS,
      answers: ({ data }) => (picks(data).closestB === picks(data).right ? undefined : { next: id(picks(data).closestB) }),
      expect: { next: { status: 'wrong', feedback: 'closest to the estimate' } },
    },
    {
      name: 'the hardest item is named',
      seeds: SEEDS,
      answers: ({ data }) =>
        picks(data).hardest === picks(data).closestB || picks(data).hardest === picks(data).right ? undefined : { next: id(picks(data).hardest) },
      expect: { next: { status: 'wrong', feedback: 'hardest item' } },
    },
    {
      name: 'an item already asked is named',
      seeds: SEEDS,
      answers: ({ data }) => ({ next: id(picks(data).alreadyAsked) }),
      expect: { next: { status: 'wrong', feedback: 'already been given' } },
    },
    {
      name: 'P (1 - P) without a squared is named',
      seeds: SEEDS,
      answers: ({ data }) => ({ information: informationOf(data).noA.toFixed(5) }),
      expect: { information: { status: 'wrong', feedback: 'without the discrimination' } },
    },
    {
      name: 'a P (1 - P) with a once is named',
      seeds: SEEDS,
      answers: ({ data }) => ({ information: informationOf(data).aOnce.toFixed(5) }),
      expect: { information: { status: 'wrong', feedback: 'counts squared' } },
    },
    {
      name: 'the probability given as the information is named',
      seeds: SEEDS,
      answers: ({ data }) => ({ information: informationOf(data).p.toFixed(5) }),
      expect: { information: { status: 'wrong', feedback: 'probability of a right answer' } },
    },
    {
      name: 'the peak a²/4 given as the information is named',
      seeds: SEEDS,
      answers: ({ data }) => ({ next: id(picks(data).right), information: informationOf(data).peak.toFixed(5) }),
      expect: { information: { status: 'wrong', feedback: 'a²/4' } },
    },
    {
      name: 'a wrong pick with the right item’s information scores nothing for the number',
      seeds: SEEDS,
      answers: ({ data }) => ({ next: id(picks(data).alreadyAsked), information: informationOf(data).right.toFixed(5) }),
      expect: { next: { status: 'wrong' }, information: { status: 'wrong', feedback: 'item you picked' } },
    },
    {
      name: 'three decimals are enough',
      seeds: SEEDS,
      answers: ({ data }) => ({ information: informationOf(data).right.toFixed(3) }),
      expect: { information: { status: 'correct' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'the first item and a constant', answers: () => ({ next: 'item-1', information: '0.25' }) },
    { name: 'the closest difficulty and its information', answers: ({ data }) => ({ next: id(picks(data).closestB), information: '0.25' }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        const mine = picks(v.data).right;
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32).data;
          const theirs = informationOf(o).right;
          if (picks(o).right !== mine && Math.abs(theirs - informationOf(v.data).right) > 0.02)
            return { next: id(picks(o).right), information: theirs.toFixed(5) };
        }
      },
    },
  ],
});
