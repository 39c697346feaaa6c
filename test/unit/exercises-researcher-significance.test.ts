/**
 * Episode 13's exercises over many seeds: the right answers are the engine's (runtime/results), and every
 * named mistake stays a mistake on every seed.
 */
import { quantileSorted } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { checkAnswers, createVariant } from '../../runtime/exercises/check.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';
import { bootstrapRatioCi } from '../../runtime/results/compare.ts';
import { bonferroni, holm } from '../../runtime/results/multiple-comparisons.ts';
import { interval, mistakes, type RatioIntervalData } from '../../exercises/ratio-interval/exercise.ts';
import { sets, type MultipleComparisonsData } from '../../exercises/multiple-comparisons/exercise.ts';

const registry = await loadExerciseRegistry();
const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);

describe('ratio-interval', () => {
  const ex = registry.get('ratio-interval');
  it('on 300 seeds: the bounds are the engine’s interval of the ratio, and each named mistake scores 0', async () => {
    for (const seed of SEEDS) {
      const v = createVariant<RatioIntervalData>(ex, seed);
      const { low, high } = interval(v.data);
      // The shown ratios are compare's own stream: the engine's interval from the same seed (to the 5 decimals shown).
      const [lo, hi] = bootstrapRatioCi(v.data.a, v.data.b, seed, v.data.ratios.length);
      expect(low).toBeCloseTo(lo, 4);
      expect(high).toBeCloseTo(hi, 4);
      expect(quantileSorted(v.data.ratios, 0.5)).toBeGreaterThan(0);
      const m = mistakes(v.data);
      for (const part of ['low', 'high'] as const)
        for (const wrong of Object.values(m[part]))
          expect((await checkAnswers(ex, v, { [part]: wrong.toFixed(5) })).parts[part]!.score, `seed ${seed}`).toBe(0);
    }
  });
});

describe('multiple-comparisons', () => {
  const ex = registry.get('multiple-comparisons');
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  it('on 300 seeds: the sets are runtime/results’ Bonferroni and Holm, Holm finds at least as much, and every named wrong set scores 0', async () => {
    for (const seed of SEEDS) {
      const v = createVariant<MultipleComparisonsData>(ex, seed);
      const s = sets(v.data);
      const ids = (f: boolean[]) => f.flatMap((x, i) => (x ? [`c-${i + 1}`] : []));
      expect(s.bonferroni).toEqual(ids(bonferroni(v.data.ps, v.data.alpha)));
      expect(s.holm).toEqual(ids(holm(v.data.ps, v.data.alpha)));
      // Deliberately changed: Holm's set may now equal Bonferroni's (it did never before, a tell).
      expect(s.holm.length).toBeGreaterThanOrEqual(s.bonferroni.length);
      for (const wrong of [s.uncorrected, s.dividedBySignificant]) expect(same(wrong, s.bonferroni)).toBe(false);
      for (const wrong of [s.uncorrected, s.dividedBySignificant, ...(same(s.holm, s.bonferroni) ? [] : [s.holm])])
        expect((await checkAnswers(ex, v, { bonferroni: wrong })).parts.bonferroni!.score).toBe(0);
      for (const wrong of [s.uncorrected, s.noStop, s.stepUp]) expect(same(wrong, s.holm)).toBe(false);
      for (const wrong of [s.uncorrected, s.noStop, s.stepUp, ...(same(s.holm, s.bonferroni) ? [] : [s.bonferroni])])
        expect((await checkAnswers(ex, v, { holm: wrong })).parts.holm!.score).toBe(0);
    }
  });
});
