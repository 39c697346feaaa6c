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

const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The wrong resolutions the exercise names: the mean of the non-zero steps, the mean of all differences, the largest step. */
export function resolutionMistakes(d: TimerData): { value: number; feedback: string }[] {
  const s = steps(d);
  return [
    {
      value: meanOf(s.filter((x) => x > 0)),
      feedback: 'That is the average of the steps. Interruptions make some steps several ticks long; one tick is the smallest step.',
    },
    {
      value: meanOf(s),
      feedback:
        'That is the average of all differences, zeros included: it mixes repeats and interruptions. Look for the smallest step that is not zero.',
    },
    { value: Math.max(...s), feedback: 'That is the largest step: an interruption of the loop, not the grain of the clock.' },
  ];
}

/** The wrong tick counts the exercise names: the readings, the differences, the non-zero steps. */
export function ticksMistakes(d: TimerData): { value: number; feedback: string }[] {
  return [
    {
      value: d.readings.length,
      feedback: 'That is the number of readings. Many readings fall within one tick; count the time that passed, in ticks.',
    },
    {
      value: d.readings.length - 1,
      feedback: 'That is the number of differences between readings. Many of them are zero, and some are several ticks: count the time that passed.',
    },
    { value: steps(d).filter((x) => x > 0).length, feedback: 'That counts the steps, but some steps are several ticks long.' },
  ];
}

/** How far (in tolerances) every named mistake must be from the right value: none is ever right by coincidence. */
export const MARGIN = 2.5;
const RTOL = { resolution: 0.01, ticks: 0.001 };

export function mistakesApart(d: TimerData): boolean {
  const far = (right: number, wrong: number, rtol: number) => Math.abs(wrong - right) > MARGIN * rtol * Math.abs(right);
  const ticks = ticksOf(d);
  return (
    resolutionMistakes(d).every((m) => far(d.resolutionMs, m.value, RTOL.resolution)) &&
    // Whole numbers: a different count is at least one tick off, far more than 0.1% of ~50.
    ticksMistakes(d).every((m) => m.value !== ticks && far(ticks, m.value, RTOL.ticks))
  );
}

/**
 * Draws readings with at least one repeat, one single-tick step and one interruption, and keeps drawing
 * until every named mistake is apart from the right answer (the mean of all differences equals one tick
 * when as many ticks passed as there are differences; the count of readings can equal the ticks).
 */
function drawReadings(r: ReturnType<typeof variantRandom>): TimerData {
  for (let attempt = 0; attempt < 200; attempt++) {
    const resolutionMs = r.pick([0.005, 0.1] as const);
    let tick = r.int(20_000, 400_000); // the page has been open a while: the first reading is some seconds in
    const readings: number[] = [];
    const count = r.int(36, 48);
    while (readings.length < count) {
      readings.push(round(tick * resolutionMs, decimals));
      const roll = r.next();
      tick += roll < 0.45 ? 0 : roll < 0.85 ? 1 : r.int(2, 5);
    }
    const d: TimerData = { resolutionMs, readings };
    if (!steps(d).includes(0)) d.readings.splice(1, 0, d.readings[0]!);
    if (!steps(d).some((x) => x > 1.5 * resolutionMs)) d.readings.push(round(d.readings.at(-1)! + 3 * resolutionMs, decimals));
    if (!steps(d).some((x) => Math.abs(x - resolutionMs) < resolutionMs / 10)) d.readings.push(round(d.readings.at(-1)! + resolutionMs, decimals));
    if (mistakesApart(d)) return d;
  }
  throw new Error('timer-resolution: no readings with every mistake apart in 200 draws; the generator needs a look');
}

export default defineExerciseLogic<TimerData>(({ parts }) => {
  const [resolution, isolated, ticks] = ['resolution', 'isolated', 'ticks'].map((id) => parts.find((p) => p.id === id)!.answer) as [
    NumberAnswerSpec,
    ChoiceAnswerSpec,
    NumberAnswerSpec,
  ];
  return {
    generate(seed) {
      return drawReadings(variantRandom(seed));
    },
    render({ data }) {
      return {
        values: { count: data.readings.length },
        datasets: [{ id: 'readings', label: 'performance.now() readings, in the order taken', unit: 'ms', values: data.readings }],
      };
    },
    async check({ data }, answers) {
      return gradeParts(answers, {
        resolution: (a) =>
          checkNumber(a, resolution, data.resolutionMs, {
            misconceptions: resolutionMistakes(data),
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
            misconceptions: ticksMistakes(data),
            wrong: 'Divide the time between the first and the last reading by the resolution.',
          }),
      });
    },
  };
});
