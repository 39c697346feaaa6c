import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { answers, verdictOf, type MemorisationData } from './exercise.ts';

const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);
const f = (x: number) => x.toFixed(2);

export default defineExerciseTests<MemorisationData>({
  solve: ({ data }) => ({ memorised: f(answers(data).memorised), verdict: data.verdict }),
  cases: [
    {
      name: 'the model’s own drop, without the twin, is named',
      seeds: SEEDS,
      answers: ({ data }) => ({ memorised: f(answers(data).modelDrop) }),
      expect: { memorised: { status: 'wrong', feedback: 'model’s own drop' } },
    },
    {
      name: 'the twin’s drop is named',
      seeds: SEEDS,
      answers: ({ data }) => ({ memorised: f(answers(data).twinDrop) }),
      expect: { memorised: { status: 'wrong', feedback: 'twin’s drop' } },
    },
    {
      name: 'the sign turned round is named',
      seeds: SEEDS,
      answers: ({ data }) => ({ memorised: f(-answers(data).memorised) }),
      expect: { memorised: { status: 'wrong', feedback: 'sign is turned round' } },
    },
    {
      name: 'the verdict follows the intervals, and a wrong pick gets the same feedback whatever it is',
      seeds: SEEDS,
      answers: ({ data }) => ({ verdict: data.verdict === 'memorisation' ? 'skill' : 'memorisation' }),
      expect: { verdict: { status: 'wrong', feedback: /^Not what these intervals support/ } },
    },
    {
      name: 'the generated verdict is what the intervals say',
      seeds: SEEDS,
      answers: ({ data }) => ({ verdict: verdictOf(data) }),
      expect: { verdict: { status: 'correct' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'zero and cannot tell', answers: () => ({ memorised: '0', verdict: 'cannot-tell' }) },
    { name: 'the static advantage and memorisation', answers: ({ data }) => ({ memorised: f(data.static.advantage[0]), verdict: 'memorisation' }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32).data;
          if (o.verdict !== v.data.verdict && Math.abs(answers(o).memorised - answers(v.data).memorised) > 0.2)
            return { memorised: f(answers(o).memorised), verdict: o.verdict };
        }
      },
    },
  ],
});
