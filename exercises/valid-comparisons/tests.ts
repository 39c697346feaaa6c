import { defineExerciseTests } from '../../runtime/exercises/check.ts';
import exercise from './exercise.ts';

const PAIRS = ['a-b', 'a-c', 'a-d', 'b-c', 'b-d', 'c-d'];

export default defineExerciseTests(exercise, {
  solve: (v) => ({ order: v.data.steps, 'valid-pair': v.data.valid, 'why-invalid': v.data.reasons }),
  cases: [
    {
      name: 'one step out of place earns partial credit by LCS',
      answers: (v) => {
        const order = [...v.data.steps];
        const [first] = order.splice(0, 1);
        order.push(first!); // the first step moved to the end: all others still in order
        return { order };
      },
      expect: { order: { status: 'partial', score: 6 / 7, feedback: ['6 of 7 items', 'moving 1 item'] } },
    },
    {
      name: 'the reversed order scores 1/7 and explains a step',
      answers: (v) => ({ order: [...v.data.steps].reverse() }),
      expect: { order: { status: 'partial', score: 1 / 7, feedback: '1 of 7 items' } },
    },
    {
      name: 'an ordering that leaves out a step is a format error',
      answers: (v) => ({ order: v.data.steps.slice(1) }),
      expect: { order: { status: 'format-error', feedback: 'Use every item' } },
    },
    {
      name: 'an ordering with a repeated step is a format error',
      answers: (v) => ({ order: [v.data.steps[0]!, ...v.data.steps.slice(0, -1)] }),
      expect: { order: { status: 'format-error', feedback: 'appears twice' } },
    },
    {
      name: 'a pair that ran the same kernel is wrong, and says so',
      answers: (v) => {
        const same = PAIRS.find((p) => v.data.runs[p[0] as 'a'].kernel === v.data.runs[p[2] as 'a'].kernel)!;
        return { 'valid-pair': same };
      },
      expect: { 'valid-pair': { status: 'wrong', feedback: /ran the (naive|tiled) kernel/ } },
    },
    {
      name: 'the confounded pair is wrong, without naming the column',
      answers: (v) => ({ 'valid-pair': v.data.asked }),
      expect: { 'valid-pair': { status: 'wrong', feedback: 'column by column' } },
    },
    {
      name: 'picking "different kernels" as a reason costs credit and explains why',
      answers: (v) => ({ 'why-invalid': [...v.data.reasons, 'kernel'] }),
      expect: { 'why-invalid': { status: ['partial', 'wrong'], score: [0, 0.5], feedback: 'point of the comparison' } },
    },
    {
      name: 'one reason of two is half the credit, the other missing but not named',
      seeds: [1, 2, 3, 4, 5, 6, 7, 8],
      answers: (v) => (v.data.reasons.length === 2 ? { 'why-invalid': [v.data.reasons[0]!] } : undefined),
      expect: { 'why-invalid': { status: 'partial', score: 0.5, feedback: '1 option that applies is not picked' } },
    },
    {
      name: 'a reason that does not apply sends the learner back to its column',
      seeds: [1, 2, 3, 4, 5, 6, 7, 8],
      answers: (v) => {
        const wrong = ['size', 'adapter', 'isolation', 'browser', 'seed'].find((c) => !v.data.reasons.includes(c as never))!;
        return { 'why-invalid': [...v.data.reasons, wrong] };
      },
      expect: { 'why-invalid': { status: ['partial', 'wrong'], feedback: /Look at the .* column again/ } },
    },
    {
      name: 'a single id for a multiple choice is read as a list of one',
      answers: (v) => ({ 'why-invalid': v.data.reasons[0]! }),
      expect: { 'why-invalid': { status: ['partial', 'correct'] } },
    },
    {
      name: 'a list of two for a single choice is a format error',
      answers: (v) => ({ 'valid-pair': [v.data.valid, v.data.asked] }),
      expect: { 'valid-pair': { status: 'format-error', feedback: 'Pick one option' } },
    },
  ],
});
