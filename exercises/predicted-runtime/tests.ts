import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { boundOf, errorPct, type ModelData, predictedMs } from './exercise.ts';
import { errorMistakes, namedMistakes, timeMistakes } from './model.ts';

const solve = (v: Variant<ModelData>) => ({
  time: `${predictedMs(v.data).toPrecision(8)} ms`,
  bound: boundOf(v.data),
  error: `${errorPct(v.data).toPrecision(8)} %`,
});
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

export default defineExerciseTests<ModelData>({
  solve,
  cases: [
    {
      name: 'adding the two terms is named where it differs from the maximum',
      seeds: SEEDS,
      answers: (v) => {
        const m = namedMistakes(predictedMs(v.data), timeMistakes(v.data))!.find((x) => x.feedback.startsWith('That adds'));
        return m ? { time: `${m.value.toPrecision(8)} ms` } : undefined;
      },
      expect: { time: { status: 'wrong', feedback: 'takes the larger of the two' } },
    },
    {
      name: 'leaving out the overhead is named where it matters',
      seeds: SEEDS,
      answers: (v) => {
        const m = namedMistakes(predictedMs(v.data), timeMistakes(v.data))!.find((x) => x.feedback.includes('fixed overhead'));
        return m ? { time: `${m.value.toPrecision(8)} ms` } : undefined;
      },
      expect: { time: { status: 'wrong', feedback: 'fixed overhead' } },
    },
    {
      name: 'the error relative to the measurement is named',
      seeds: SEEDS,
      answers: (v) => ({ error: `${errorMistakes(v.data)[0]!.value.toPrecision(8)} %` }),
      expect: { error: { status: 'wrong', feedback: 'relative to the prediction' } },
    },
    {
      name: 'the error as a fraction with a % sign is named',
      seeds: SEEDS,
      answers: (v) => ({ error: `${errorMistakes(v.data)[3]!.value.toPrecision(8)} %` }),
      expect: { error: { status: 'wrong', feedback: 'times 100' } },
    },
    {
      name: 'the error against the prediction without its overhead is named',
      seeds: SEEDS,
      answers: (v) => ({ error: `${errorMistakes(v.data)[4]!.value.toPrecision(8)} %` }),
      expect: { error: { status: 'wrong', feedback: 'without its overhead' } },
    },
    {
      name: 'GiB for GB is named where the memory term decides',
      seeds: SEEDS,
      answers: (v) => {
        const m = timeMistakes(v.data).find((x) => x.feedback.includes('2^30'));
        return m ? { time: `${m.value.toPrecision(8)} ms` } : undefined;
      },
      expect: { time: { status: 'wrong', feedback: 'not 2^30' } },
    },
    {
      name: 'the error with its sign turned is named',
      seeds: SEEDS,
      answers: (v) => ({ error: `${errorMistakes(v.data)[2]!.value.toPrecision(8)} %` }),
      expect: { error: { status: 'wrong', feedback: 'The sign' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'constants', answers: () => ({ time: '1 ms', bound: 'memory', error: '50 %' }) },
    {
      name: 'the measured time as the prediction',
      answers: (v) => ({ time: `${v.data.measuredMs} ms`, bound: boundOf(v.data) === 'memory' ? 'compute' : 'memory', error: '0 %' }),
    },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          if (
            Math.abs(predictedMs(o.data) / predictedMs(v.data) - 1) > 0.05 &&
            Math.abs(errorPct(o.data) / errorPct(v.data) - 1) > 0.05 &&
            boundOf(o.data) !== boundOf(v.data)
          )
            return solve(o);
        }
      },
    },
  ],
});
