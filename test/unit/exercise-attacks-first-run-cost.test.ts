/**
 * first-run-cost against the tester's attacks: named mistakes accepted because the tolerance was looser
 * than the noise, feedback naming the wrong mistake, and a report part with one answer for every variant.
 */
import { mean, median } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { type FirstRunData, steadyOf, verdictOf } from '../../exercises/first-run-cost/exercise.ts';
import { drawTrace, mistakesApart } from '../../exercises/first-run-cost/trace.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import { acceptedOn, loadExercise, seeds } from './exercise-attack-helpers.ts';

const { variant, check } = await loadExercise<FirstRunData>('first-run-cost');
const ms = (x: number) => `${x} ms`;
const SEEDS = seeds(1, 500);

/** The tester's mistakes, computed from the trace as a learner would. */
const MISTAKES: Record<string, (d: FirstRunData) => Record<string, string>> = {
  'extra = t0 - fastest steady': (d) => ({ extra: ms(d.trace[0]! - Math.min(...steadyOf(d))) }),
  'extra = t0 - last call': (d) => ({ extra: ms(d.trace[0]! - d.trace.at(-1)!) }),
  'steady = mean of the steady samples': (d) => ({ steady: ms(mean(steadyOf(d))!) }),
  'steady = median of the whole trace': (d) => ({ steady: ms(median(d.trace)!) }),
  'steady = median without dropping the warm-up': (d) => ({ steady: ms(median(d.trace.slice(1))!) }),
  'extra = t0 - mean of all': (d) => ({ extra: ms(d.trace[0]! - mean(d.trace)!) }),
  'first = the second call': (d) => ({ first: ms(d.trace[1]!) }),
};

describe('first-run-cost: every named mistake is rejected on every seed', () => {
  for (const [name, answer] of Object.entries(MISTAKES)) {
    it(`${name}: wrong on all of seeds 1-500 (was accepted on up to 497 of 500)`, async () => {
      const accepted = await acceptedOn(SEEDS, answer, variant, check);
      expect(accepted).toEqual([]);
    });
  }
  it('the whole-trace median is never told it is the mean of the steady samples', async () => {
    for (const s of SEEDS) {
      const r = await check(s, MISTAKES['steady = median of the whole trace']!(variant(s).data));
      expect(r.parts.steady!.feedback, `seed ${s}`).not.toMatch(/mean/i);
      expect(r.parts.steady!.feedback, `seed ${s}`).toMatch(/warm-up runs/);
    }
  });
  it('the generator finds a trace with every mistake apart on each of 2000 seeds', () => {
    for (const s of seeds(1, 2000)) expect(mistakesApart(drawTrace(variantRandom(s)))).toBe(true);
  });
});

describe('first-run-cost: the lazy recipe and the report part', () => {
  it('the lazy recipe (t0, mean of steady, t0 - last, the best single report) averages < 0.5 over 200 seeds (was 0.847)', async () => {
    let best = 0;
    for (const report of ['ok', 'mixed', 'no-first', 'no-steady']) {
      let total = 0;
      for (const s of seeds(1, 200)) {
        const t = variant(s).data.trace;
        total += (await check(s, { first: ms(t[0]!), steady: ms(mean(steadyOf(variant(s).data))!), extra: ms(t[0]! - t.at(-1)!), report })).score;
      }
      best = Math.max(best, total / 200);
    }
    console.log(`first-run-cost lazy recipe, best report: ${best.toFixed(3)}`);
    expect(best).toBeLessThan(0.5);
  });
  it('the right report varies with the variant: each verdict on at least 15% of 500 seeds', () => {
    const counts: Record<string, number> = {};
    for (const s of SEEDS) {
      const v = verdictOf(variant(s).data);
      counts[v] = (counts[v] ?? 0) + 1;
    }
    for (const v of ['ok', 'mixed', 'no-first', 'no-steady']) expect(counts[v] ?? 0, v).toBeGreaterThan(75);
  });
});
