/**
 * The researcher exercises against a tester's attacks (a learner hunting for a cheap full score, told nothing
 * of the design). Each figure in a comment is what the attack got before the fix; the assertions are what it
 * gets now. Attacks are computed here from the table the learner sees, not from the exercise's own answer.
 */
import { describe, expect, it } from 'vitest';
import { counts, type CountLeakedData } from '../../exercises/count-leaked-items/exercise.ts';
import { sets, type MultipleComparisonsData } from '../../exercises/multiple-comparisons/exercise.ts';
import { answers as memorisationAnswers, type MemorisationData } from '../../exercises/memorisation-or-skill/exercise.ts';
import { informationOf, picks, type NextItemData } from '../../exercises/next-item-to-ask/exercise.ts';
import { interval, mistakes, percentileReadings, type RatioIntervalData } from '../../exercises/ratio-interval/exercise.ts';
import { checkAnswers } from '../../runtime/exercises/check.ts';
import type { Answers, Variant } from '../../runtime/exercises/types.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const SEEDS = seeds(1, 400);

/** An exercise with its variants drawn once per seed (drawing one can cost a bootstrap), checked as the grader does. */
async function cached<V>(id: string) {
  const loaded = await loadExercise<V>(id);
  const variants = new Map<number, Variant<V>>();
  const variant = (s: number) => variants.get(s) ?? variants.set(s, loaded.variant(s)).get(s)!;
  return { variant, data: (s: number) => variant(s).data, check: (s: number, a: Answers) => checkAnswers(loaded.exercise, variant(s), a) };
}
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Mean score and the share of seeds scored 1, for an attack over SEEDS. */
async function sweep(check: (seed: number, a: Answers) => Promise<{ score: number }>, attack: (seed: number) => Answers | undefined) {
  let total = 0;
  let full = 0;
  let n = 0;
  for (const s of SEEDS) {
    const a = attack(s);
    if (!a) continue;
    const { score } = await check(s, a);
    total += score;
    if (score >= 1) full++;
    n++;
  }
  return { mean: total / n, full: full / n, n };
}

const suite1 = await cached<MultipleComparisonsData>('multiple-comparisons');
describe('multiple-comparisons', () => {
  const { variant, check } = suite1;
  const ranked = (d: MultipleComparisonsData) =>
    d.ps
      .map((p, i) => ({ p, i }))
      .sort((x, y) => x.p - y.p)
      .map((o) => `c-${o.i + 1}`);

  it('ticking the b smallest for Bonferroni and the b+h smallest for Holm, without alpha (2/3 was 1 on 332/400, mean 0.95)', async () => {
    // Full score needs exactly the right counts: at most ~6% of seeds for any pair (b, h) (the most common is 25/400).
    for (let b = 1; b <= 5; b++)
      for (let h = 0; h <= 4; h++) {
        let full = 0;
        for (const s of SEEDS) {
          const x = sets(variant(s).data);
          const order = ranked(variant(s).data);
          if (same(order.slice(0, b), x.bonferroni) && same(order.slice(0, b + h), x.holm)) full++;
        }
        expect(full / SEEDS.length, `${b}+${h}`).toBeLessThanOrEqual(0.065);
      }
    // The partial score is low on average, checked through the checker (was 0.95 for 2/3).
    for (const [b, h] of [
      [1, 1],
      [2, 1],
      [1, 2],
      [2, 2],
    ] as const) {
      const r = await sweep(check, (s) => ({ bonferroni: ranked(variant(s).data).slice(0, b), holm: ranked(variant(s).data).slice(0, b + h) }));
      expect(r.mean, `${b}+${h}`).toBeLessThan(0.35);
      expect(r.full, `${b}+${h}`).toBeLessThanOrEqual(0.065);
    }
  });

  it('Bonferroni has 1 to 5, Holm the same or 1 to 4 more, each pair of counts on some seeds', () => {
    const seen = new Map<string, number>();
    for (const s of SEEDS) {
      const x = sets(variant(s).data);
      const key = `${x.bonferroni.length}+${x.holm.length - x.bonferroni.length}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (let b = 1; b <= 5; b++)
      for (let h = 0; h <= 4; h++) if (!(b === 5 && h === 0)) expect(seen.get(`${b}+${h}`) ?? 0, `${b}+${h}`).toBeGreaterThan(5);
  });

  // Net-partial scoring gave these 0.84, 0.84, 0.76, 0.73, 0.68 on average; each is now a wrong procedure, 0 for its part.
  const NAMED: { name: string; part: 'bonferroni' | 'holm'; set: (x: ReturnType<typeof sets>) => string[]; feedback: string }[] = [
    { name: 'no correction (Bonferroni part)', part: 'bonferroni', set: (x) => x.uncorrected, feedback: 'no correction' },
    { name: 'no correction (Holm part)', part: 'holm', set: (x) => x.uncorrected, feedback: 'no correction' },
    { name: 'alpha divided by the significant count', part: 'bonferroni', set: (x) => x.dividedBySignificant, feedback: 'looked significant' },
    { name: 'Holm’s set for Bonferroni', part: 'bonferroni', set: (x) => x.holm, feedback: 'That is Holm’s set' },
    { name: 'Bonferroni’s set for Holm', part: 'holm', set: (x) => x.bonferroni, feedback: 'That is Bonferroni’s set' },
    { name: 'Holm without the stop', part: 'holm', set: (x) => x.noStop, feedback: 'without stopping' },
    { name: 'Hochberg’s step-up', part: 'holm', set: (x) => x.stepUp, feedback: 'Hochberg' },
  ];
  for (const m of NAMED)
    it(`${m.name}: scores 0 for its part with its own feedback wherever it differs from the answer`, async () => {
      let named = 0;
      for (const s of SEEDS) {
        const x = sets(variant(s).data);
        const right = m.part === 'bonferroni' ? x.bonferroni : x.holm;
        if (same(m.set(x), right)) continue; // Holm = Bonferroni on this variant: not a mistake here
        const r = (await check(s, { [m.part]: m.set(x) })).parts[m.part]!;
        expect(r.score, `seed ${s}`).toBe(0);
        expect(r.feedback, `seed ${s}`).toContain(m.feedback);
        named++;
      }
      expect(named).toBeGreaterThan(SEEDS.length / 2);
    });

  it('the smallest p-value only (was 0.40) and the k smallest for every k stay well below half', async () => {
    for (const k of [1, 2, 3])
      expect(
        (await sweep(check, (s) => ({ bonferroni: ranked(variant(s).data).slice(0, k), holm: ranked(variant(s).data).slice(0, k) }))).mean,
      ).toBeLessThan(0.35);
  });

  it('the worked solution scores 1 on every seed', async () => {
    for (const s of SEEDS) {
      const x = sets(variant(s).data);
      expect((await check(s, { bonferroni: x.bonferroni, holm: x.holm })).score, `seed ${s}`).toBe(1);
    }
  });
});

const suite2 = await cached<CountLeakedData>('count-leaked-items');
describe('count-leaked-items', () => {
  const { data, check } = suite2;
  const share = (k: number, s: number) => (k / data(s).test.length).toFixed(4);

  it('a constant count with its share over the printed n (6 was 1 on 110/400) scores 1 on at most ~6% of seeds', async () => {
    const tally = new Map<number, number>();
    for (const s of SEEDS) tally.set(counts(data(s)).leaked, (tally.get(counts(data(s)).leaked) ?? 0) + 1);
    const mode = [...tally.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    for (const k of new Set([4, 6, 15, 28, mode])) {
      const r = await sweep(check, (s) => ({ leaked: String(k), share: share(k, s) }));
      expect(r.full, `leaked ${k}`).toBeLessThanOrEqual(0.065);
      expect(r.mean, `leaked ${k}`).toBeLessThan(0.1);
    }
    expect(Math.max(...tally.values()) / SEEDS.length).toBeLessThanOrEqual(0.065);
    expect(Math.min(...tally.keys())).toBe(4);
    expect(Math.max(...tally.keys())).toBe(28);
  });

  it('the share as a percentage (19.23 got the generic message) is named on every seed, to 2 decimals and to a whole percent', async () => {
    for (const s of SEEDS) {
      const pct = (100 * counts(data(s)).leaked) / data(s).test.length;
      for (const text of [pct.toFixed(2), pct.toFixed(0)]) {
        const r = (await check(s, { share: text })).parts.share!;
        expect(r.score, `seed ${s}: ${text}`).toBe(0);
        expect(r.feedback, `seed ${s}: ${text}`).toContain('looks like a percentage');
      }
    }
  });

  it('every named mistake scores 0 with its own feedback on every seed', async () => {
    for (const s of SEEDS) {
      const d = data(s);
      const c = counts(d);
      const n = d.test.length;
      const expectNamed = async (part: 'leaked' | 'share', text: string, feedback: string) => {
        const r = (await check(s, { [part]: text })).parts[part]!;
        expect(r.score, `seed ${s} ${part} ${text}`).toBe(0);
        expect(r.feedback, `seed ${s} ${part} ${text}`).toContain(feedback);
      };
      await expectNamed('leaked', String(c.occurrences), 'counts copies in the training split');
      await expectNamed('leaked', String(c.distinct), 'distinct contents');
      await expectNamed('leaked', String(c.withTestDuplicates), 'within the test split');
      await expectNamed('share', (c.leaked / d.train.length).toFixed(4), 'size of the training split');
      await expectNamed('share', (c.occurrences / n).toFixed(4), 'count leaked test items');
      await expectNamed('share', (c.distinct / n).toFixed(4), 'distinct contents');
    }
  });

  it('the worked solution scores 1 on every seed', async () => {
    for (const s of SEEDS)
      expect((await check(s, { leaked: String(counts(data(s)).leaked), share: share(counts(data(s)).leaked, s) })).score, `seed ${s}`).toBe(1);
  });
});

const suite3 = await cached<RatioIntervalData>('ratio-interval');
describe('ratio-interval', () => {
  const { data, check } = suite3;
  const x5 = (x: number) => x.toFixed(5);

  it('only the percentile conventions are accepted: every other rank is wrong on every seed (ranks 8 and 11 were accepted on 138 and 132 of 200)', async () => {
    for (const s of SEEDS) {
      const d = data(s);
      const n = d.ratios.length;
      // The engine's bound sits at 0-based rank 9.975 (low) and 389.025 (high) of 400: ranks 9, 10 and 389, 390 are the readings.
      expect(n).toBe(400);
      for (const rank of [5, 7, 8, 11, 12, 15]) {
        const low = (await check(s, { low: x5(d.ratios[rank]!) })).parts.low!;
        const high = (await check(s, { high: x5(d.ratios[n - 1 - rank]!) })).parts.high!;
        if (d.ratios[rank] === d.ratios[9] || d.ratios[rank] === d.ratios[10]) throw new Error(`seed ${s}: rank ${rank} ties an accepted one`);
        expect(low.score, `seed ${s} low rank ${rank}`).toBe(0);
        expect(high.score, `seed ${s} high rank ${n - 1 - rank}`).toBe(0);
      }
    }
  });

  it('reading 0-based ranks 8 and n-9 (the 2.0th and 98.0th percentiles; was 1 on 183/400) scores at most the decision', async () => {
    const r = await sweep(check, (s) => ({
      low: x5(data(s).ratios[8]!),
      high: x5(data(s).ratios[data(s).ratios.length - 9]!),
      decide: data(s).effect,
    }));
    expect(r.full).toBe(0);
    expect(r.mean).toBeLessThan(0.34);
  });

  it('every accepted convention (linear, nearest rank, lower, higher) scores 1, to 5 decimals and rounded to 4, on every seed', async () => {
    for (const s of SEEDS) {
      const d = data(s);
      const lows = percentileReadings(d.ratios, 0.025);
      const highs = percentileReadings(d.ratios, 0.975);
      for (let i = 0; i < lows.length; i++)
        for (const digits of [5, 4]) {
          const r = await check(s, { low: lows[i]!.toFixed(digits), high: highs[i]!.toFixed(digits), decide: d.effect });
          expect(r.score, `seed ${s} reading ${i} to ${digits}`).toBe(1);
        }
    }
  });

  it('each named mistake scores 0 with its own feedback on every seed', async () => {
    const FEEDBACK = { ninety: '90% interval', extreme: 'most extreme resampled ratio', inverse: 'reciprocal' };
    for (const s of SEEDS) {
      const m = mistakes(data(s));
      for (const part of ['low', 'high'] as const)
        for (const [name, value] of Object.entries(m[part])) {
          const r = (await check(s, { [part]: x5(value) })).parts[part]!;
          expect(r.score, `seed ${s} ${part} ${name}`).toBe(0);
          expect(r.feedback, `seed ${s} ${part} ${name}`).toContain(FEEDBACK[name as keyof typeof FEEDBACK]);
        }
      expect(interval(data(s)).low).toBeLessThan(interval(data(s)).high);
    }
  });
});

const suite4 = await cached<NextItemData>('next-item-to-ask');
describe('next-item-to-ask', () => {
  const { data, check } = suite4;
  const id = (n: number) => `item-${n}`;
  const free = (d: NextItemData) => d.items.filter((i) => !d.asked.includes(i.id));
  /** The tester's shortcut: a / (1 + |b - theta|), no logistic, among the items not yet asked. */
  const crude = (d: NextItemData) => free(d).reduce((b, i) => (i.a / (1 + Math.abs(i.b - d.theta)) > b.a / (1 + Math.abs(b.b - d.theta)) ? i : b));

  it('the right item is sometimes the closest, the hardest or the steepest left (never before: the exclusion was a tell)', () => {
    const count = { closestB: 0, hardest: 0, steepest: 0 };
    for (const s of SEEDS) {
      const p = picks(data(s));
      for (const k of Object.keys(count) as (keyof typeof count)[]) if (p[k] === p.right) count[k]++;
    }
    // Each shortcut is right sometimes (closest 28, hardest 5, steepest 52 of 400), never on most seeds
    // (the steepest would be on 228/400 if left to chance).
    for (const [k, n] of Object.entries(count)) {
      expect(n, k).toBeGreaterThan(0);
      expect(n, k).toBeLessThan(SEEDS.length * 0.2);
    }
  });

  it('a shortcut pick without the information scores at most a third; with the peak a²/4 as the number, it scores only the pick', async () => {
    const pickOnly = await sweep(check, (s) => ({ next: id(crude(data(s)).id) }));
    expect(pickOnly.full).toBe(0);
    expect(pickOnly.mean).toBeLessThanOrEqual(1 / 3);
    const withPeak = await sweep(check, (s) => {
      const it = crude(data(s));
      return { next: id(it.id), information: ((it.a * it.a) / 4).toFixed(4) };
    });
    expect(withPeak.full).toBe(0);
    expect(withPeak.mean).toBeLessThan(0.34);
  });

  it('the peak a²/4 of the right item (accepted on 14/400) is wrong on every seed, with its own feedback', async () => {
    for (const s of SEEDS) {
      const r = (await check(s, { next: id(picks(data(s)).right), information: informationOf(data(s)).peak.toFixed(5) })).parts.information!;
      expect(r.score, `seed ${s}`).toBe(0);
      expect(r.feedback, `seed ${s}`).toContain('a²/4');
    }
  });

  it('a wrong pick with the right item’s information (was 0.667) scores 0, and with its own item’s information too', async () => {
    for (const s of SEEDS) {
      const d = data(s);
      const p = picks(d);
      const other = free(d).find((i) => i.id !== p.right)!;
      const withRight = await check(s, { next: id(other.id), information: informationOf(d).right.toFixed(5) });
      expect(withRight.score, `seed ${s}`).toBe(0);
      const withOwn = await check(s, { next: id(other.id), information: informationOf(d, other.id).right.toFixed(5) });
      expect(withOwn.score, `seed ${s}`).toBe(0);
      expect(withOwn.parts.information!.feedback, `seed ${s}`).toContain('the item you picked, computed right');
    }
  });

  it('the closest item’s feedback says why it loses: too flat, or too steep for its distance (seed 330 said "low discrimination" of the steepest)', async () => {
    let steepLoser = 0;
    for (const s of SEEDS) {
      const d = data(s);
      const p = picks(d);
      if (p.closestB === p.right) continue;
      const closest = d.items.find((i) => i.id === p.closestB)!;
      const right = d.items.find((i) => i.id === p.right)!;
      const r = (await check(s, { next: id(p.closestB) })).parts.next!;
      expect(r.score).toBe(0);
      if (closest.a > right.a) {
        steepLoser++;
        expect(r.feedback, `seed ${s}`).not.toContain('discrimination is low');
        expect(r.feedback, `seed ${s}`).toContain('falls off fast');
      } else expect(r.feedback, `seed ${s}`).toContain('discrimination is low');
    }
    expect(steepLoser).toBeGreaterThan(0);
  });

  it('every named wrong pick and slip scores 0 with its own feedback on every seed', async () => {
    for (const s of SEEDS) {
      const d = data(s);
      const p = picks(d);
      const x = informationOf(d);
      const pick = async (n: number, text: string) => {
        const r = (await check(s, { next: id(n) })).parts.next!;
        expect(r.score, `seed ${s} item ${n}`).toBe(0);
        expect(r.feedback, `seed ${s} item ${n}`).toContain(text);
      };
      if (p.closestB !== p.right) await pick(p.closestB, 'closest to the estimate');
      if (p.hardest !== p.right && p.hardest !== p.closestB) await pick(p.hardest, 'hardest item');
      if (p.steepest !== p.right && p.steepest !== p.closestB && p.steepest !== p.hardest) await pick(p.steepest, 'steepest');
      await pick(p.alreadyAsked, 'already been given');
      for (const [value, text] of [
        [x.noA, 'without the discrimination'],
        [x.aOnce, 'counts squared'],
        [x.p, 'probability of a right answer'],
      ] as const) {
        const r = (await check(s, { next: id(p.right), information: value.toFixed(5) })).parts.information!;
        expect(r.score, `seed ${s} ${text}`).toBe(0);
        expect(r.feedback, `seed ${s} ${text}`).toContain(text);
      }
      expect((await check(s, { next: id(p.right), information: x.right.toFixed(4) })).score, `seed ${s} solution`).toBe(1);
    }
  });
});

const suite5 = await cached<MemorisationData>('memorisation-or-skill');
describe('memorisation-or-skill', () => {
  const { data, check } = suite5;
  const SEEDS500 = seeds(1, 500);
  const f2 = (x: number) => x.toFixed(2);

  it('every accuracy is a possible percentage on 500 seeds (above 100% on 34/500 before; seed 5 showed 100.89%)', () => {
    for (const s of SEEDS500) {
      const d = data(s);
      for (const x of [d.static.model, d.static.twin, d.fresh.model, d.fresh.twin]) {
        expect(x, `seed ${s}`).toBeGreaterThan(0);
        expect(x, `seed ${s}`).toBeLessThanOrEqual(100);
      }
    }
  });

  it('no rule on the point estimates alone gets the verdict on more than 45% of seeds (the tester’s rule was right on 400/400)', () => {
    const verdicts = SEEDS.map((s) => data(s));
    const share = (rule: (sa: number, fa: number) => string) =>
      verdicts.filter((d) => rule(d.static.advantage[0], d.fresh.advantage[0]) === d.verdict).length / verdicts.length;
    // The tester's: |static| < 0.5 -> cannot tell; fresh >= static - 0.7 -> skill; else memorisation.
    expect(share((sa, fa) => (Math.abs(sa) < 0.5 ? 'cannot-tell' : fa >= sa - 0.7 ? 'skill' : 'memorisation'))).toBeLessThan(0.45);
    // Every threshold pair on the static and the fresh point advantage, and on the fresh share of the static lead.
    let best = 0;
    for (let t1 = -1; t1 <= 3; t1 += 0.1)
      for (let t2 = -1.5; t2 <= 3.5; t2 += 0.1) {
        best = Math.max(
          best,
          share((sa, fa) => (sa < t1 ? 'cannot-tell' : fa >= t2 ? 'skill' : 'memorisation')),
        );
        best = Math.max(
          best,
          share((sa, fa) => (sa < t1 ? 'cannot-tell' : fa >= sa - t2 ? 'skill' : 'memorisation')),
        );
      }
    expect(best).toBeLessThan(0.45);
  });

  it('a constant answer scores 1 on at most ~3% of seeds and below half on average (0.30 with skill was 1 on 44/400)', async () => {
    for (const verdict of ['skill', 'memorisation', 'cannot-tell'])
      for (const c of [-1, 0, 0.3, 0.5, 1, 2]) {
        const r = await sweep(check, () => ({ memorised: f2(c), verdict }));
        expect(r.full, `${c} ${verdict}`).toBeLessThanOrEqual(0.03);
        expect(r.mean, `${c} ${verdict}`).toBeLessThan(0.5);
      }
  });

  it('each named slip scores 0 with its own feedback on every seed, and 0 ("nothing memorised") says why', async () => {
    for (const s of SEEDS) {
      const d = data(s);
      const a = memorisationAnswers(d);
      for (const [value, text] of [
        [a.modelDrop, 'model’s own drop'],
        [a.twinDrop, 'twin’s drop'],
        [-a.memorised, 'sign is turned round'],
        [0, d.verdict === 'cannot-tell' ? 'arithmetic on the table' : 'Zero says nothing was memorised'],
      ] as const) {
        const r = (await check(s, { memorised: f2(value) })).parts.memorised!;
        expect(r.score, `seed ${s} ${text}`).toBe(0);
        expect(r.feedback, `seed ${s} ${text}`).toContain(text);
      }
      expect((await check(s, { memorised: f2(a.memorised), verdict: d.verdict })).score, `seed ${s} solution`).toBe(1);
    }
  });
});
