import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { namedValues, type PrfData } from './exercise.ts';

// Answers as a learner types them: three decimals.
const x3 = (x: number) => x.toFixed(3);
const solve = (v: Variant<PrfData>) => {
  const n = namedValues(v.data);
  return { precision: x3(n.precision.right), recall: x3(n.recall.right), f1: x3(n.f1.right), 'macro-f1': x3(n.macro.right) };
};
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

export default defineExerciseTests<PrfData>({
  solve,
  cases: [
    {
      name: 'four decimals are right too',
      seeds: SEEDS,
      answers: (v) => {
        const n = namedValues(v.data);
        return { precision: n.precision.right.toFixed(4), 'macro-f1': n.macro.right.toFixed(4) };
      },
      expect: { precision: { status: 'correct' }, 'macro-f1': { status: 'correct' } },
    },
    {
      name: 'precision and recall swapped are named, both ways',
      seeds: SEEDS,
      answers: (v) => {
        const n = namedValues(v.data);
        return { precision: x3(n.precision.swapped), recall: x3(n.recall.swapped) };
      },
      expect: {
        precision: { status: 'wrong', feedback: 'That is the recall of digit' },
        recall: { status: 'wrong', feedback: 'That is the precision of digit' },
      },
    },
    {
      name: 'the accuracy given for a class’s precision or F1 is named',
      seeds: SEEDS,
      answers: (v) => ({ precision: x3(namedValues(v.data).precision.accuracy), f1: x3(namedValues(v.data).f1.accuracy) }),
      expect: {
        precision: { status: 'wrong', feedback: 'accuracy of the whole matrix' },
        f1: { status: 'wrong', feedback: 'accuracy of the whole matrix' },
      },
    },
    {
      name: 'the arithmetic mean of P and R for F1 is named',
      seeds: SEEDS,
      answers: (v) => ({ f1: x3(namedValues(v.data).f1.arithmetic) }),
      expect: { f1: { status: 'wrong', feedback: 'harmonic mean' } },
    },
    {
      name: 'the micro average (the accuracy) for the macro F1 is named',
      seeds: SEEDS,
      answers: (v) => ({ 'macro-f1': x3(namedValues(v.data).macro.micro) }),
      expect: { 'macro-f1': { status: 'wrong', feedback: 'micro average' } },
    },
    {
      name: 'the support-weighted average for the macro F1 is named',
      seeds: SEEDS,
      answers: (v) => ({ 'macro-f1': x3(namedValues(v.data).macro.weighted) }),
      expect: { 'macro-f1': { status: 'wrong', feedback: 'weighted' } },
    },
    {
      name: 'the F1 of the macro precision and recall is named as another definition',
      seeds: SEEDS,
      answers: (v) => ({ 'macro-f1': x3(namedValues(v.data).macro.ofMacros) }),
      expect: { 'macro-f1': { status: 'wrong', feedback: 'follows scikit-learn' } },
    },
    {
      name: 'the macro precision for the macro F1 is named',
      seeds: SEEDS,
      answers: (v) => ({ 'macro-f1': x3(namedValues(v.data).macro.macroPrecision) }),
      expect: { 'macro-f1': { status: 'wrong', feedback: 'That is the macro precision' } },
    },
    {
      name: 'the macro recall for the macro F1 is named',
      seeds: SEEDS,
      answers: (v) => ({ 'macro-f1': x3(namedValues(v.data).macro.macroRecall) }),
      expect: { 'macro-f1': { status: 'wrong', feedback: 'That is the macro recall' } },
    },
    {
      name: 'a percentage is named, not taken for a fraction',
      answers: (v) => ({ recall: (namedValues(v.data).recall.right * 100).toFixed(1) }),
      expect: { recall: { status: 'wrong', feedback: 'percentage' } },
    },
    {
      name: 'feedback never gives the answer',
      seeds: SEEDS,
      answers: () => ({ precision: '0.123', recall: '0.123', f1: '0.123', 'macro-f1': '0.123' }),
      // The only number is the tolerance, stated as the check applies it (atol + rtol).
      expect: {
        precision: { status: 'wrong', feedback: /^Not within 0\.001 \+ 0\.1% of the expected value\.(?![\s\S]*0\.\d{3})/ },
        'macro-f1': { status: 'wrong', feedback: /^Not within 0\.001 \+ 0\.1% of the expected value\.(?![\s\S]*0\.\d{3})/ },
      },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'a constant', answers: () => ({ precision: '0.5', recall: '0.5', f1: '0.5', 'macro-f1': '0.5' }) },
    { name: 'everything perfect', answers: () => ({ precision: '1', recall: '1', f1: '1', 'macro-f1': '1' }) },
    {
      name: 'the accuracy everywhere',
      answers: (v) => {
        const a = x3(namedValues(v.data).precision.accuracy);
        return { precision: a, recall: a, f1: a, 'macro-f1': a };
      },
    },
    {
      // A fixed pairing, no search for a seed that differs (rate over 500 pairs: test/unit/exercise-attacks-precision-recall-f1.test.ts).
      name: 'the answers of another seed',
      answers: (v, exercise) => solve(createVariant(exercise, (v.seed + 100_000) % 2 ** 32)),
    },
  ],
});
