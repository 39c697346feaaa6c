import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { ExerciseDefinition, Variant } from '../../runtime/exercises/types.ts';
import type { ValidComparisonsData } from './exercise.ts';

const PAIRS = ['a-b', 'a-c', 'a-d', 'b-c', 'b-d', 'c-d'];
const CONFOUNDERS = ['size', 'adapter', 'isolation', 'browser', 'seed'];
/** A variant of another seed whose answers differ from this one's (the copied answer). */
// biome-ignore lint/suspicious/noExplicitAny: any answer type: the case only reads the variant
function otherVariant(v: Variant<ValidComparisonsData>, exercise: ExerciseDefinition<ValidComparisonsData, any>): Variant<ValidComparisonsData> {
  for (let k = 1; ; k++) {
    const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
    if (o.data.valid !== v.data.valid && o.data.reasons.join() !== v.data.reasons.join()) return o;
  }
}
/** Feedback that names no option or column of the table (the answer). */
const NAMES_NO_COLUMN = /^(?![\s\S]*\b(matrix size|adapter|isolat|browser version|seed|the n column)\b)/i;

export default defineExerciseTests<ValidComparisonsData>({
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
      // The notes name what a step needs, never where it goes ("first", "last", "the end").
      expect: {
        order: {
          status: 'partial',
          score: 1 / 7,
          feedback: ['1 of 7 items', /^(?![\s\S]*\b(first|last|comes? (before|after)|at the (start|end)|the end)\b)/i],
        },
      },
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
      // Deliberate change: the feedback says that some are missing, never how many or which.
      expect: { 'why-invalid': { status: 'partial', score: 0.5, feedback: 'Some options that apply are not picked' } },
    },
    {
      name: 'a reason that does not apply is not named: the feedback sends the learner back to the rows',
      seeds: [1, 2, 3, 4, 5, 6, 7, 8],
      answers: (v) => {
        const wrong = CONFOUNDERS.find((c) => !v.data.reasons.includes(c as never))!;
        return { 'why-invalid': [...v.data.reasons, wrong] };
      },
      expect: {
        'why-invalid': {
          status: ['partial', 'wrong'],
          feedback: [/^Some of your picks do not apply here\. Go along the two rows column by column/, NAMES_NO_COLUMN],
        },
      },
    },
    {
      name: 'ticking every option scores 0 and names no option, so the second try learns nothing from it',
      answers: () => ({ 'why-invalid': [...CONFOUNDERS, 'kernel', 'medians'] }),
      expect: { 'why-invalid': { status: 'wrong', score: 0, feedback: ['Every option is ticked', NAMES_NO_COLUMN] } },
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
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    {
      name: 'every option ticked, and the first pair',
      answers: () => ({ 'valid-pair': 'a-b', 'why-invalid': [...CONFOUNDERS, 'kernel', 'medians'] }),
    },
    { name: 'the same constant answer for every variant', answers: () => ({ 'valid-pair': 'c-d', 'why-invalid': ['size', 'adapter'] }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => ({ 'valid-pair': otherVariant(v, exercise).data.valid, 'why-invalid': otherVariant(v, exercise).data.reasons }),
    },
  ],
});
