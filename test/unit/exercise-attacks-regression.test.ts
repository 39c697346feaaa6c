/**
 * call-a-regression against its traps: on every seed each row's call is the engine's (regression.ts) from the
 * interval as shown, the point estimate lies inside it, and the rows that should trap the point-estimate and
 * the significance readings do; those readings are measured, not assumed, to fall short.
 */
import { describe, expect, it } from 'vitest';
import { type CarData, type Comparison, callLinear, ROWS } from '../../exercises/call-a-regression/exercise.ts';
import { callRegression } from '../../runtime/results/regression.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const car = await loadExercise<CarData>('call-a-regression');
const SEEDS = seeds(1, 300);
const ids = Array.from({ length: ROWS }, (_, i) => `change-${i + 1}`);

describe('call-a-regression', () => {
  it('on seeds 1-300 every row is the engine call of its interval, with the traps in place', () => {
    for (const s of SEEDS) {
      const { threshold: t, rows } = car.variant(s).data;
      expect(
        rows.filter((r) => r.verdict === 'no-evidence'),
        `seed ${s}`,
      ).toHaveLength(2);
      for (const r of rows) {
        expect(callRegression(r.ci, t), `seed ${s}`).toBe(r.verdict);
        const ratio = Number((r.newMs / r.oldMs).toFixed(3));
        expect(ratio, `seed ${s}: the shown ratio lies in its interval`).toBeGreaterThanOrEqual(r.ci[0]);
        expect(ratio, `seed ${s}`).toBeLessThanOrEqual(r.ci[1]);
        if (r.verdict === 'no-evidence') {
          expect(ratio > 1 + t || ratio < 1 / (1 + t), `seed ${s}: the point is beyond the threshold`).toBe(true);
          expect(r.ci[0] > 1 || r.ci[1] < 1, `seed ${s}: the interval excludes 1`).toBe(true);
        }
        if (r.verdict === 'no-difference') expect(r.ci[0] > 1 || r.ci[1] < 1, `seed ${s}: significant yet too small`).toBe(true);
      }
    }
  });
  it('the point-estimate reading scores at most 3/5 and the significance reading 2/5 on every seed', async () => {
    const byPoint = (c: Comparison, t: number) => {
      const ratio = c.newMs / c.oldMs;
      return ratio > 1 + t ? 'regression' : ratio < 1 / (1 + t) ? 'improvement' : 'no-difference';
    };
    const bySignificance = (c: Comparison) => (c.ci[0] > 1 ? 'regression' : c.ci[1] < 1 ? 'improvement' : 'no-difference');
    let worst = { point: 0, significance: 0 };
    for (const s of SEEDS.slice(0, 100)) {
      const { threshold: t, rows } = car.variant(s).data;
      const point = (await car.check(s, Object.fromEntries(rows.map((r, i) => [ids[i]!, byPoint(r, t)])))).score;
      const significance = (await car.check(s, Object.fromEntries(rows.map((r, i) => [ids[i]!, bySignificance(r)])))).score;
      worst = { point: Math.max(worst.point, point), significance: Math.max(worst.significance, significance) };
    }
    expect(worst.point).toBeCloseTo(0.6, 9);
    expect(worst.significance).toBeCloseTo(0.4, 9);
  });
  it('the linear band [1 - t, 1 + t] misses a faster row on every seed, gets its own feedback, and never scores 1', async () => {
    // Was 1.0 on 400/400 seeds: no variant had a row between 1 - t and 1/(1 + t).
    let total = 0;
    let best = 0;
    for (const s of SEEDS) {
      const { threshold: t, rows } = car.variant(s).data;
      const r = await car.check(s, Object.fromEntries(rows.map((c, i) => [ids[i]!, callLinear(c.ci, t)])));
      total += r.score;
      best = Math.max(best, r.score);
      for (const [i, c] of rows.entries())
        if (callLinear(c.ci, t) !== c.verdict) expect(r.parts[ids[i]!]!.feedback, `seed ${s}`).toContain('divides the time by 1 + t');
    }
    console.log(`call-a-regression: linear band averages ${(total / SEEDS.length).toFixed(3)}, best ${best}`);
    expect(best).toBeLessThanOrEqual(0.8);
    expect(total / SEEDS.length).toBeLessThan(0.8);
  });
});
