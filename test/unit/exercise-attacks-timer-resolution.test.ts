/**
 * timer-resolution against the tester's attacks: named mistakes that were right by a coincidence of the
 * readings (the mean of all differences equal to one tick; as many ticks as readings, or as differences).
 */
import { describe, expect, it } from 'vitest';
import { mistakesApart, steps, type TimerData } from '../../exercises/timer-resolution/exercise.ts';
import { acceptedOn, loadExercise, seeds } from './exercise-attack-helpers.ts';

const { variant, check } = await loadExercise<TimerData>('timer-resolution');
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const SEEDS = seeds(1, 500);

const MISTAKES: Record<string, (d: TimerData) => Record<string, string>> = {
  'resolution = mean of all differences (was right on 19/500)': (d) => ({ resolution: `${mean(steps(d))} ms` }),
  'resolution = mean of the non-zero steps': (d) => ({ resolution: `${mean(steps(d).filter((x) => x > 0))} ms` }),
  'resolution = the largest step': (d) => ({ resolution: `${Math.max(...steps(d))} ms` }),
  'ticks = number of readings (was right on 21/500)': (d) => ({ ticks: String(d.readings.length) }),
  'ticks = readings - 1 (was right on 19/500)': (d) => ({ ticks: String(d.readings.length - 1) }),
  'ticks = non-zero steps': (d) => ({ ticks: String(steps(d).filter((x) => x > 0).length) }),
};

describe('timer-resolution: every named mistake is wrong on every seed', () => {
  for (const [name, answer] of Object.entries(MISTAKES)) {
    it(`${name}: wrong on all of seeds 1-500`, async () => {
      const accepted = await acceptedOn(SEEDS, answer, variant, check);
      expect(accepted).toEqual([]);
    });
  }
  it('the generator keeps them apart on 2000 seeds', () => {
    for (const s of seeds(1, 2000)) expect(mistakesApart(variant(s).data), `seed ${s}`).toBe(true);
  });
});
