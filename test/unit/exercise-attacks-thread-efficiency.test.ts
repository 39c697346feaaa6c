/**
 * thread-efficiency against the tester's attacks: the named mistakes never land within the tolerance of the
 * answer, every answer of the choice part is common, and no constant answer passes on many variants.
 */
import { describe, expect, it } from 'vitest';
import {
  bestOf,
  efficiencyMistakes,
  efficiencyOf,
  meanSpeedupOf,
  speedupMistakes,
  speedupOf,
  type ThreadData,
} from '../../exercises/thread-efficiency/exercise.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const { variant, check } = await loadExercise<ThreadData>('thread-efficiency');
const SEEDS = seeds(1, 300);

describe('thread-efficiency: the data', () => {
  it('the median is the right summary: the busy run makes the mean speed-up larger on every seed', () => {
    for (const s of SEEDS) expect(meanSpeedupOf(variant(s).data), `seed ${s}`).toBeGreaterThan(speedupOf(variant(s).data) * 1.05);
  });
  it('each of the four answers of the last part is right on at least 15% of seeds', () => {
    const counts: Record<string, number> = {};
    for (const s of SEEDS) counts[bestOf(variant(s).data)] = (counts[bestOf(variant(s).data)] ?? 0) + 1;
    for (const id of ['t1', 't2', 't4', 't8']) expect(counts[id] ?? 0, id).toBeGreaterThan(0.15 * SEEDS.length);
  });
  it('the means give an efficiency above 1 on some seeds (the case the feedback questions)', () => {
    expect(SEEDS.some((s) => meanSpeedupOf(variant(s).data) / variant(s).data.threads > 1)).toBe(true);
  });
});

describe('thread-efficiency: named mistakes are never accepted', () => {
  it('on 300 seeds, every named mistake of both number parts scores 0 with its own feedback', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      for (const m of speedupMistakes(d)) {
        const r = await check(s, { speedup: m.value.toPrecision(6) });
        expect(r.parts.speedup!.score, `seed ${s}: ${m.feedback}`).toBe(0);
        expect(r.parts.speedup!.feedback).toContain(m.feedback.slice(0, 30));
      }
      for (const m of efficiencyMistakes(d)) {
        const r = await check(s, { efficiency: m.value.toPrecision(6) });
        expect(r.parts.efficiency!.score, `seed ${s}: ${m.feedback}`).toBe(0);
      }
      const right = await check(s, { speedup: speedupOf(d).toPrecision(3), efficiency: efficiencyOf(d).toPrecision(3), best: bestOf(d) });
      expect(right.score, `seed ${s}: three significant figures are enough`).toBe(1);
    }
  });
  it('no constant answer from a grid of plausible values scores half or more on over 10% of 300 seeds', async () => {
    const data = SEEDS.map((s) => variant(s).data);
    let worst = 0;
    for (const sp of [1.5, 2, 3, 4]) {
      for (const ef of [0.5, 0.6, 0.7, 0.8, 0.9]) {
        for (const best of ['t1', 't2', 't4', 't8']) {
          let passing = 0;
          for (const d of data) {
            // Scored here by the same rules as check (1% tolerance), to keep the sweep cheap.
            const hit = (x: number, y: number) => Math.abs(x - y) <= 0.01 * Math.abs(y);
            const score = (Number(hit(sp, speedupOf(d))) + Number(hit(ef, efficiencyOf(d))) + Number(best === bestOf(d))) / 3;
            if (score >= 0.5) passing++;
          }
          worst = Math.max(worst, passing / data.length);
        }
      }
    }
    expect(worst).toBeLessThan(0.1);
    // and the hand-made scoring above agrees with check on one constant
    const r = await check(1, { speedup: '2', efficiency: '0.8', best: 't4' });
    expect(r.parts.best!.score).toBe(bestOf(variant(1).data) === 't4' ? 1 : 0);
  });
});
