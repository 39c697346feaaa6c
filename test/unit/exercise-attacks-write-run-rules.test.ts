/**
 * write-run-rules against the tester's attacks: every gamed rule costs credit on every seed, the wrong
 * scenario too, ticking all shown rules scores 0, the rate's unit slips are wrong, the right rate alone (no
 * rule, or every rule) scores below half, and which rules are right depends on the variant's own target (the
 * accuracy threshold, the precision, the percentile and the query count it needs), so a key memorised from
 * another seed scores below half on average and full marks on no seed.
 */
import { describe, expect, it } from 'vitest';
import { correctRules, GAMED, GENERAL, GROUPS, type RulesData, rateOf, rightRules } from '../../exercises/write-run-rules/exercise.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const loaded = await loadExercise<RulesData>('write-run-rules');
const { variant, check } = loaded;
const SEEDS = seeds(1, 300);

describe('write-run-rules', () => {
  it('the right rules and rate score 1; each gamed rule shown, added, costs credit; all shown scores 0', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      expect(d.shown).toHaveLength(d.interactive ? 16 : 15);
      expect(new Set(d.shown).size).toBe(d.shown.length);
      const rules = correctRules(d);
      expect((await check(s, { rules, rate: String(rateOf(d)) })).score).toBe(1);
      for (const g of GAMED.filter((x) => d.shown.includes(x))) expect((await check(s, { rules: [...rules, g] })).parts.rules!.score).toBeLessThan(1);
      for (const wrong of d.shown.filter((x) => !rules.includes(x)))
        expect(
          (await check(s, { rules: [...rules.filter((x) => !Object.values(GROUPS).some((g) => g.includes(x) && g.includes(wrong))), wrong] })).parts
            .rules!.score,
        ).toBeLessThan(1);
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
  // The rules weigh 3 of 5 (they weighed 1 of 3: the rate alone scored 0.667). Another seed's key, kept to the
  // rules shown here, with its rate: mean 0.21 on seeds 1-300; 19 seeds (6%) at 0.5 or more (0.6 where every
  // parameter of the two targets agrees; one 0.8, the rates 0.05% apart), full marks on none.
  it("another seed's key (the rules right there, those shown here) and its rate: mean below half, full on none of seeds 1-300", async () => {
    const scores: number[] = [];
    for (const s of SEEDS) {
      const d = variant(s).data;
      const o = variant(s + 7919).data;
      scores.push((await check(s, { rules: rightRules(o).filter((id) => d.shown.includes(id)), rate: String(rateOf(o)) })).score);
    }
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(mean).toBeLessThan(0.25);
    expect(scores.filter((x) => x === 1)).toEqual([]);
    expect(scores.filter((x) => x >= 0.5).length).toBeLessThanOrEqual(20);
  });
  it("another seed's answers as they stand (rules not shown here are refused) score below half on seeds 1-300 but a few", async () => {
    const passed: number[] = [];
    for (const s of SEEDS) {
      const o = variant(s + 7919).data;
      if ((await check(s, { rules: correctRules(o), rate: String(rateOf(o)) })).score >= 0.5) passed.push(s);
    }
    expect(passed.length).toBeLessThanOrEqual(6);
  });
  it('the right rate with no rule, with nothing ticked, or with every rule shown ticked scores 0.4 on seeds 1-300', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      const rate = String(Math.ceil(rateOf(d)));
      expect((await check(s, { rate })).score, `seed ${s}`).toBeCloseTo(0.4, 9);
      expect((await check(s, { rules: [], rate })).score, `seed ${s}`).toBeCloseTo(0.4, 9);
      expect((await check(s, { rules: d.shown, rate })).score, `seed ${s}`).toBeCloseTo(0.4, 9);
    }
  });
  it('the key is not fixed: every parameterised rule is right on some seeds and wrong on others, and the right one of each group is shown', () => {
    const right = new Map<string, number>();
    const wrong = new Map<string, number>();
    for (const s of SEEDS) {
      const d = variant(s).data;
      const rules = correctRules(d);
      for (const id of d.shown) (rules.includes(id) ? right : wrong).set(id, ((rules.includes(id) ? right : wrong).get(id) ?? 0) + 1);
      for (const g of ['accuracy', 'precision', 'scenario', ...(d.interactive ? ['minimum'] : [])])
        expect(
          rules.filter((id) => GROUPS[g]!.includes(id)),
          `seed ${s} ${g}`,
        ).toHaveLength(1);
    }
    for (const id of Object.values(GROUPS).flat()) {
      expect(right.get(id) ?? 0, id).toBeGreaterThan(10);
      expect(wrong.get(id) ?? 0, id).toBeGreaterThan(10);
    }
  });
  it('the general rules alone, no parameter chosen, earn under half the rules part', async () => {
    for (const s of SEEDS.slice(0, 60)) {
      const d = variant(s).data;
      const r = await check(s, { rules: GENERAL.filter((id) => d.shown.includes(id)), rate: String(rateOf(d)) });
      expect(r.parts.rules!.score, `seed ${s}`).toBeLessThan(0.5);
    }
  });
  it('each version that does not state this target is named: another percentile, another threshold, the other precision', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      const rules = correctRules(d);
      const swap = (group: string, to: string) => [...rules.filter((id) => !GROUPS[group]!.includes(id)), to];
      const otherAcc = d.shown.find((id) => GROUPS.accuracy!.includes(id) && !rules.includes(id))!;
      expect((await check(s, { rules: swap('accuracy', otherAcc) })).parts.rules!.feedback).toContain('Which accuracy does the target state');
      const otherPrec = d.lowerOk ? 'precision-spec' : 'precision-lower';
      expect((await check(s, { rules: swap('precision', otherPrec) })).parts.rules!.feedback).toContain('precision');
      if (d.interactive) {
        const otherP = d.percentile === 99 ? 'server-p95' : 'server-p99';
        expect((await check(s, { rules: swap('scenario', otherP) })).parts.rules!.feedback).toContain('Which percentile');
        const otherMin = d.shown.find((id) => GROUPS.minimum!.includes(id) && !rules.includes(id))!;
        expect((await check(s, { rules: swap('minimum', otherMin) })).parts.rules!.feedback).toContain('ten beyond');
      }
    }
  });
  // The tester: every rule but the gamed ones (both scenarios) scored 0.85 of the rules part; a run has one
  // scenario (and a rule one version), so ticking two now earns nothing for the rules.
  it('every rule but the gamed ones (every version) earns nothing for the rules on every seed', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      const nonGamed = d.shown.filter((id) => !(GAMED as readonly string[]).includes(id));
      expect((await check(s, { rules: nonGamed })).parts.rules!.score, `seed ${s}`).toBe(0);
    }
  });
  it('both scenario rules ticked is named as a contradiction, apart from each gamed rule', async () => {
    for (const s of SEEDS.slice(0, 50)) {
      const r = await check(s, {
        rules: [...correctRules(variant(s).data).filter((id) => !GROUPS.scenario!.includes(id)), 'server-p99', 'offline-rank'],
      });
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
