/**
 * detect-cherry-picking and repair-gamed-spec against the mistakes their feedback names: every named
 * mistake is wrong on every seed, the honest figure is right, and each variant's log really shows its trick.
 */
import { describe, expect, it } from 'vitest';
import { type CherryData, honestOf, mistakesApart, mistakesOf, TRICKS, trickFigures } from '../../exercises/detect-cherry-picking/exercise.ts';
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

  it('each log shows its trick only in its numbers: the claim is the fastest run, the kept runs, or the other seed', () => {
    for (const s of seeds(1, 300)) {
      const d = cherry.variant(s).data;
      const own = d.runs.filter((r) => r.seed === d.registeredSeed);
      // Every log carries notes and other-seed runs (surface features that gave the trick away before).
      expect(own.some((r) => r.note) && d.runs.some((r) => r.seed !== d.registeredSeed), `seed ${s}`).toBe(true);
      if (d.trick === 'best-of-n') expect(d.claim).toBe(Math.min(...own.map((r) => r.median)));
      if (d.trick === 'dropped-runs') {
        const dropped = own.filter((r) => r.note).map((r) => r.median);
        const kept = own.filter((r) => !r.note).map((r) => r.median);
        expect(Math.min(...dropped)).toBeGreaterThanOrEqual(Math.max(...kept));
      }
      expect(d.claim).toBeLessThan(honestOf(d));
    }
  });

  it('one right answer per log: only its own trick gives the claim, and outside best-of-n the claim is no registered run (seed 163 had two)', () => {
    for (const s of [...seeds(1, 300), 315, 316, 346]) {
      const d = cherry.variant(s).data;
      const f = trickFigures(d);
      expect(Math.abs(f[d.trick] - d.claim) <= 0.006, `seed ${s}`).toBe(true);
      for (const t of TRICKS) if (t !== d.trick) expect(Math.abs(f[t] - d.claim) > 0.03 * d.claim, `seed ${s}: ${t} fits too`).toBe(true);
      if (d.trick !== 'best-of-n')
        for (const r of d.runs.filter((x) => x.seed === d.registeredSeed))
          expect(Math.abs(r.median - d.claim) > 0.01 * d.claim, `seed ${s}: ${r.id} is the claim`).toBe(true);
    }
  });

  it('the tricks are balanced, and reading the surface of the log is chance, on seeds 1-300', async () => {
    const count: Record<string, number> = {};
    let surface = 0;
    for (const s of seeds(1, 300)) {
      const d = cherry.variant(s).data;
      count[d.trick] = (count[d.trick] ?? 0) + 1;
      // The tester's heuristic: a note means dropped runs, another seed means changed seed, else best of N (was 400/400).
      const how = d.runs.some((r) => r.note) ? 'dropped-runs' : d.runs.some((r) => r.seed !== d.registeredSeed) ? 'changed-seed' : 'best-of-n';
      surface += (await cherry.check(s, { how })).parts.how!.score;
    }
    for (const t of TRICKS) expect(count[t]! / 300, t).toBeGreaterThan(0.3);
    for (const t of TRICKS) expect(count[t]! / 300, t).toBeLessThan(0.37);
    expect(surface / 300).toBeLessThan(0.4);
  });

  it("the worked solution (compute each trick's figure, name the one that gives the claim) has full marks on every seed", async () => {
    for (const s of seeds(1, 300)) {
      const d = cherry.variant(s).data;
      const f = trickFigures(d);
      const how = TRICKS.reduce((best, t) => (Math.abs(f[t] - d.claim) < Math.abs(f[best] - d.claim) ? t : best));
      expect((await cherry.check(s, { how, honest: ms(honestOf(d)) })).score, `seed ${s}`).toBe(1);
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

  /** The tester's fixed edit script: the same five edits on every starter, without reading the notes. */
  const script = (t: string, q: string, agg = '[median, p99]') => {
    let x = t
      .replace('split: train', 'split: test')
      .replace('aggregation: [min]', `aggregation: ${agg}`)
      .replace(/record: \[(?!backend)/, 'record: [backend, ')
      .replace('min-samples: 3', 'min-samples: 200')
      .replace('target-ci: 0.5', 'target-ci: 0.02');
    if (!/quality:/.test(x)) x += `  quality: { metric: accuracy, min: ${q} }\n`;
    return x;
  };
  const starterOf = (s: number) => (gamed.view(s).parts.spec as { starter: string }).starter;

  it('a fixed edit script that does not read the notes averages below 0.5 on seeds 1-300 (was 0.822)', async () => {
    for (const [q, agg] of [
      ['0.92', '[median, p99]'],
      ['0.94', '[median, p95]'],
      ['0.9', '[median, p90]'],
    ] as const) {
      let total = 0;
      for (const s of seeds(1, 300)) total += (await gamed.check(s, { spec: script(starterOf(s), q, agg) })).score;
      expect(total / 300, `${q} ${agg}`).toBeLessThan(0.5);
    }
  });

  it('the contract level shows in every variant; min first, or target-ci deleted, is not a repair; the worked solution has full marks, on seeds 1-300', async () => {
    for (const s of seeds(1, 300)) {
      const d = gamed.variant(s).data;
      const view = JSON.stringify(gamed.view(s));
      expect(view.includes(String(d.base.quality)) && view.includes(`p${d.base.percentile}`), `seed ${s}`).toBe(true);
      const fixed = gamedSpecText(d.base);
      expect((await gamed.check(s, { spec: fixed })).score, `seed ${s}`).toBe(1);
      if (d.loopholes.includes('best-of-n')) {
        const r = await gamed.check(s, { spec: fixed.replace(/aggregation: \[median, (p9\d)\]/, 'aggregation: [min, median, $1]') });
        expect(r.parts.spec!.details!.find((x) => x.id === 'best-of-n')!.passed, `seed ${s}`).toBe(false);
      }
      if (d.loopholes.includes('few-samples')) {
        const r = await gamed.check(s, { spec: fixed.replace(/ {2}target-ci: .*\n/, '') });
        expect(r.parts.spec!.details!.find((x) => x.id === 'few-samples')!.passed, `seed ${s}`).toBe(false);
      }
    }
  });
});
