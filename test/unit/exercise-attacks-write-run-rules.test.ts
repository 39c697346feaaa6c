/**
 * write-run-rules against the tester's attacks: every gamed rule costs credit on every seed, the wrong
 * scenario too, ticking all shown rules scores 0, the rate's unit slips are wrong, and another seed's answers
 * (same words, other numbers and other rules shown) score below half.
 */
import { describe, expect, it } from 'vitest';
import { correctRules, GAMED, type RulesData, rateOf } from '../../exercises/write-run-rules/exercise.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const loaded = await loadExercise<RulesData>('write-run-rules');
const { variant, check } = loaded;
const SEEDS = seeds(1, 300);

describe('write-run-rules', () => {
  it('the right rules and rate score 1; each gamed rule shown, added, costs credit; all shown scores 0', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      expect(d.shown).toHaveLength(9);
      expect(new Set(d.shown).size).toBe(9);
      const rules = correctRules(d);
      expect((await check(s, { rules, rate: String(rateOf(d)) })).score).toBe(1);
      for (const g of GAMED.filter((x) => d.shown.includes(x))) expect((await check(s, { rules: [...rules, g] })).parts.rules!.score).toBeLessThan(1);
      const wrongScenario = d.interactive ? 'offline-rank' : 'server-p99';
      expect((await check(s, { rules: [...rules, wrongScenario] })).parts.rules!.score).toBeLessThan(1);
      expect((await check(s, { rules: d.shown })).parts.rules!.score).toBe(0);
    }
  });
  it('the rate per minute, per hour or without the millions is wrong on every seed', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      const slips = d.interactive ? [d.perMinute] : [(d.items * 1e6) / d.hours, (d.items * 1e6) / (d.hours * 60), d.items / (d.hours * 3600)];
      for (const x of slips) expect((await check(s, { rate: String(x) })).parts.rate!.score, `seed ${s}`).toBe(0);
    }
  });
  // The rate weighs 2 of 3: another seed's rate within 0.5% of this one's passes, rarely. Kept under 3%.
  it("another seed's answers (a fixed pairing, no search) score below half on all but a few of seeds 1-300", async () => {
    const passed: number[] = [];
    for (const s of SEEDS) {
      const o = variant(s + 7919).data;
      if ((await check(s, { rules: correctRules(o), rate: String(rateOf(o)) })).score >= 0.5) passed.push(s);
    }
    expect(passed.length).toBeLessThan(9);
  });
  // The tester: every rule but the gamed ones (both scenarios) scored 0.85 of the rules part; a run has one
  // scenario, so ticking both now earns nothing for the rules.
  it('every rule but the gamed ones (both scenarios) earns nothing for the rules on every seed', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      const nonGamed = d.shown.filter((id) => !(GAMED as readonly string[]).includes(id));
      expect((await check(s, { rules: nonGamed })).parts.rules!.score, `seed ${s}`).toBe(0);
    }
  });
  it('both scenario rules ticked is named as a contradiction, apart from each gamed rule', async () => {
    for (const s of SEEDS.slice(0, 50)) {
      const r = await check(s, { rules: [...correctRules(variant(s).data).filter((id) => id !== 'server-p99' && id !== 'offline-rank'), 'server-p99', 'offline-rank'] });
      expect(r.parts.rules!.score).toBe(0);
      expect(r.parts.rules!.feedback).toContain('contradict each other');
    }
  });
  it('the rate rounded up to a whole number (as the prompt asks) is accepted on every seed; rounded down, where that is over 0.5% off, is not', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      expect((await check(s, { rate: String(Math.ceil(rateOf(d))) })).parts.rate!.status, `seed ${s}`).toBe('correct');
      const down = Math.floor(rateOf(d));
      if (Math.abs(down - rateOf(d)) > 0.006 * rateOf(d)) expect((await check(s, { rate: String(down) })).parts.rate!.score, `seed ${s}`).toBe(0);
    }
  });
  it('a batch job is always nightly, as its target says (a "weekly" job had to be done "every night")', () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      if (d.interactive) continue;
      const view = loaded.view(s);
      expect(JSON.stringify(view), `seed ${s}`).not.toMatch(/weekly/);
      expect(JSON.stringify(view), `seed ${s}`).toMatch(/every night/);
    }
  });
});
