import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: successive readings of a coarsened performance.now() from a spin loop (repeats within a
 * tick, and now and then an interruption of several ticks). The learner finds the resolution (the smallest
 * non-zero step), whether the page was isolated (MDN: 5 µs isolated, 100 µs not) and the ticks that passed.
 */

export interface TimerData {
  resolutionMs: 0.005 | 0.1;
  /** The readings, ms, as the page printed them (rounded to 4 decimals: the tick is exact). */
  readings: number[];
}

const decimals = 4;
export const steps = (d: TimerData) => d.readings.slice(1).map((x, i) => round(x - d.readings[i]!, decimals));
export const ticksOf = (d: TimerData) => Math.round((d.readings.at(-1)! - d.readings[0]!) / d.resolutionMs);

export default defineExerciseLogic<TimerData>(({ parts }) => {
  const [resolution, isolated, ticks] = ['resolution', 'isolated', 'ticks'].map((id) => parts.find((p) => p.id === id)!.answer) as [
    NumberAnswerSpec,
    ChoiceAnswerSpec,
    NumberAnswerSpec,
  ];
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const resolutionMs = r.pick([0.005, 0.1] as const);
      let tick = r.int(20_000, 400_000); // the page has been open a while: the first reading is some seconds in
      const readings: number[] = [];
      const count = r.int(36, 48);
      // At least one repeat, one single-tick step and one interruption, so every misconception is distinguishable.
      while (readings.length < count) {
        readings.push(round(tick * resolutionMs, decimals));
        const roll = r.next();
        tick += roll < 0.45 ? 0 : roll < 0.85 ? 1 : r.int(2, 5);
      }
      const d: TimerData = { resolutionMs, readings };
      const s = steps(d);
      if (!s.includes(0)) d.readings.splice(1, 0, d.readings[0]!);
      if (!steps(d).some((x) => x > 1.5 * resolutionMs)) d.readings.push(round(d.readings.at(-1)! + 3 * resolutionMs, decimals));
      if (!steps(d).some((x) => Math.abs(x - resolutionMs) < resolutionMs / 10)) d.readings.push(round(d.readings.at(-1)! + resolutionMs, decimals));
      return d;
    },
    render({ data }) {
      return {
        values: { count: data.readings.length },
        datasets: [{ id: 'readings', label: 'performance.now() readings, in the order taken', unit: 'ms', values: data.readings }],
      };
    },
    async check({ data }, answers) {
      const s = steps(data);
      const nonZero = s.filter((x) => x > 0);
      const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      return gradeParts(answers, {
        resolution: (a) =>
          checkNumber(a, resolution, data.resolutionMs, {
            misconceptions: [
              {
                value: meanOf(nonZero),
                feedback: 'That is the average of the steps. Interruptions make some steps several ticks long; one tick is the smallest step.',
              },
              {
                value: meanOf(s),
                feedback:
                  'That is the average of all differences, zeros included: it mixes repeats and interruptions. Look for the smallest step that is not zero.',
              },
              { value: Math.max(...s), feedback: 'That is the largest step: an interruption of the loop, not the grain of the clock.' },
            ],
            wrong: 'Take the differences of consecutive readings, drop the zeros, and find the smallest.',
            correct: 'Correct: the smallest non-zero step is one tick of the clock.',
          }),
        isolated: (a) =>
          checkChoice(a, isolated, data.resolutionMs === 0.005 ? 'isolated' : 'not-isolated', {
            why: {
              'cannot-tell':
                'The readings do tell: browsers coarsen the timer differently in isolated and in non-isolated pages, and you have just measured the grain.',
            },
            wrong: 'Compare the resolution you found with the two values MDN gives for isolated and non-isolated pages.',
          }),
        ticks: (a) =>
          checkNumber(a, ticks, ticksOf(data), {
            misconceptions: [
              {
                value: data.readings.length,
                feedback: 'That is the number of readings. Many readings fall within one tick; count the time that passed, in ticks.',
              },
              { value: nonZero.length, feedback: 'That counts the steps, but some steps are several ticks long.' },
            ],
            wrong: 'Divide the time between the first and the last reading by the resolution.',
          }),
      });
    },
  };
});
