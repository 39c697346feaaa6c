/**
 * detect-cherry-picking and repair-gamed-spec against the mistakes their feedback names: every named
 * mistake is wrong on every seed, the honest figure is right, and each variant's log really shows its trick.
 */
import { describe, expect, it } from 'vitest';
import { type CherryData, honestOf, mistakesApart, mistakesOf } from '../../exercises/detect-cherry-picking/exercise.ts';
import { gamedSpecText, LOOPHOLES, type RepairGamedSpecData } from '../../exercises/repair-gamed-spec/exercise.ts';
import { loadSpec } from '../../runtime/spec/load.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const cherry = await loadExercise<CherryData>('detect-cherry-picking');
const gamed = await loadExercise<RepairGamedSpecData>('repair-gamed-spec');
const ms = (x: number) => `${x} ms`;

describe('detect-cherry-picking', () => {
  it('every named mistake is wrong, and the honest figure right, on seeds 1-300', async () => {
    const accepted: string[] = [];
    for (const s of seeds(1, 300)) {
      const d = cherry.variant(s).data;
      expect(mistakesApart(d), `seed ${s}`).toBe(true);
      const h = honestOf(d);
      for (const [name, x] of Object.entries(mistakesOf(d))) {
        if (Math.abs(x - h) < 1e-9) continue; // the same figure as the honest one in this variant (e.g. nothing dropped)
        if ((await cherry.check(s, { honest: ms(x) })).parts.honest!.score > 0) accepted.push(`${s}:${name}`);
      }
      expect((await cherry.check(s, { honest: ms(h), how: d.trick })).score, `seed ${s}`).toBe(1);
    }
    expect(accepted).toEqual([]);
  });

  it('each log shows its trick: the claim is the fastest run, the kept runs, or the other seed', () => {
    for (const s of seeds(1, 300)) {
      const d = cherry.variant(s).data;
      const own = d.runs.filter((r) => r.seed === d.registeredSeed);
      if (d.trick === 'best-of-n') expect(d.claim).toBe(Math.min(...own.map((r) => r.median)));
      if (d.trick === 'dropped-runs') {
        const dropped = own.filter((r) => r.note).map((r) => r.median);
        const kept = own.filter((r) => !r.note).map((r) => r.median);
        expect(Math.min(...dropped)).toBeGreaterThanOrEqual(Math.max(...kept));
      }
      if (d.trick === 'changed-seed') expect(d.runs.some((r) => r.seed !== d.registeredSeed)).toBe(true);
      expect(d.claim).toBeLessThan(honestOf(d));
    }
  });
});

describe('repair-gamed-spec', () => {
  it('the repaired spec validates, and each loophole alone fails its own item, on seeds 1-100', async () => {
    for (const s of seeds(1, 100)) {
      const d = gamed.variant(s).data;
      expect(
        loadSpec(gamedSpecText(d.base)).diagnostics.filter((x) => x.severity === 'error'),
        `seed ${s}`,
      ).toEqual([]);
      for (const hole of d.loopholes) {
        const r = await gamed.check(s, { spec: gamedSpecText(d.base, [hole]) });
        const item = r.parts.spec!.details!.find((x) => x.id === hole)!;
        expect(item.passed, `seed ${s}: ${hole}`).toBe(false);
        expect(r.score, `seed ${s}: ${hole}`).toBeLessThan(1);
      }
    }
    expect(LOOPHOLES).toHaveLength(5);
  });
});
