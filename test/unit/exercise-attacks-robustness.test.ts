/**
 * The robustness episode's exercises against their traps: every named mistake is rejected on every seed,
 * and the generated pairs say what the generator meant (the interval decides, and the traps are there).
 */
import { describe, expect, it } from 'vitest';
import { answersOf, mistakesOf, type RceData } from '../../exercises/relative-corruption-error/exercise.ts';
import { dropOf, type MrmData, type Pair, verdictOfInterval } from '../../exercises/more-robust-model/exercise.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const SEEDS = seeds(1, 300);

const rce = await loadExercise<RceData>('relative-corruption-error');
const mrm = await loadExercise<MrmData>('more-robust-model');

describe('relative-corruption-error', () => {
  const { variant, check } = rce;
  it('every named mistake of both parts scores 0 on seeds 1-300, and the answers score 1', async () => {
    const accepted: string[] = [];
    for (const s of SEEDS) {
      const d = variant(s).data;
      const { ce, rel } = answersOf(d);
      const mk = mistakesOf(d);
      const right = await check(s, { ce: ce.toPrecision(6), 'relative-ce': rel.toPrecision(6) });
      if (right.score !== 1) accepted.push(`seed ${s}: the answer scored ${right.score}`);
      for (const [name, x] of Object.entries(mk.ce))
        if ((await check(s, { ce: x.toPrecision(6) })).parts.ce!.score > 0) accepted.push(`${s} ce ${name}`);
      for (const [name, x] of Object.entries(mk.rel))
        if ((await check(s, { 'relative-ce': x.toPrecision(6) })).parts['relative-ce']!.score > 0) accepted.push(`${s} rel ${name}`);
    }
    expect(accepted).toEqual([]);
  });
  it('the mean of the per-severity ratios, for CE and relative CE, is its own named mistake on seeds 1-300', async () => {
    // Was accepted on 33/400 (CE) and 37/400 (relative CE) seeds: it lay within 1% of the ratio of sums.
    for (const s of SEEDS) {
      const mk = mistakesOf(variant(s).data);
      const r = await check(s, { ce: mk.ce['mean-of-ratios'].toPrecision(6), 'relative-ce': mk.rel['mean-of-ratios'].toPrecision(6) });
      expect(r.parts.ce!.feedback, `seed ${s}`).toContain('averages a ratio per severity');
      expect(r.parts['relative-ce']!.feedback, `seed ${s}`).toContain('averages a ratio per severity');
    }
  });
  it("another seed's answers (the next seed's, no search) average under 0.05 over seeds 1-300", async () => {
    let total = 0;
    for (const s of SEEDS) {
      const o = answersOf(variant(s + 1).data);
      total += (await check(s, { ce: o.ce.toPrecision(6), 'relative-ce': o.rel.toPrecision(6) })).score;
    }
    console.log(`relative-corruption-error: copied answers average ${(total / SEEDS.length).toFixed(3)}`);
    expect(total / SEEDS.length).toBeLessThan(0.05);
  });
  it('CE and relative CE fall on both sides of 1 across seeds (neither answer is a constant)', () => {
    const ds = SEEDS.map((s) => answersOf(variant(s).data));
    expect(ds.filter((a) => a.ce < 1).length).toBeGreaterThan(30);
    expect(ds.filter((a) => a.ce > 1).length).toBeGreaterThan(30);
    expect(ds.filter((a) => a.rel < 1).length).toBeGreaterThan(30);
    expect(ds.filter((a) => a.rel > 1).length).toBeGreaterThan(30);
  });
});

describe('more-robust-model', () => {
  const { variant } = mrm;
  it('on seeds 1-300 each pair is decided by its interval, every verdict once or twice, with the traps in place', () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      const counts = ['first', 'second', 'cannot-tell'].map((v) => d.pairs.filter((p) => p.verdict === v).length);
      expect(counts.sort(), `seed ${s}`).toEqual([1, 2, 2]);
      let traps = 0;
      let plain = 0;
      for (const p of d.pairs) {
        expect(verdictOfInterval(p.ci), `seed ${s}`).toBe(p.verdict);
        const higher = p.first.corrupted > p.second.corrupted ? 'first' : 'second';
        if (p.verdict !== 'cannot-tell') {
          expect(p.first.corrupted, `seed ${s}`).not.toBe(p.second.corrupted);
          if (higher === p.verdict) plain++;
          else traps++;
        } else expect(Math.abs(dropOf(p.first) - dropOf(p.second)), `seed ${s}: the point drops differ`).toBeGreaterThan(0.004);
      }
      // Some conclusive pairs have the more robust model keep the lower accuracy under corruption, some the
      // higher: at most two of each, so neither reading of the corrupted accuracies reaches half.
      expect(traps, `seed ${s}`).toBeGreaterThanOrEqual(1);
      expect(traps, `seed ${s}`).toBeLessThanOrEqual(2);
      expect(plain, `seed ${s}`).toBeLessThanOrEqual(2);
    }
  });

  // The testers' shortcuts: rules that read the accuracies or the point drops but not the interval.
  const { check } = mrm;
  const answer = (d: MrmData, f: (p: Pair) => string) => Object.fromEntries(d.pairs.map((p, i) => [`pair-${i + 1}`, f(p)]));
  const sweep = async (f: (p: Pair) => string) => {
    let sum = 0;
    let full = 0;
    let max = 0;
    for (const s of SEEDS) {
      const r = await check(s, answer(variant(s).data, f));
      sum += r.score;
      if (r.score === 1) full++;
      max = Math.max(max, r.score);
    }
    return { mean: sum / SEEDS.length, full, max };
  };
  const sign = (x: number): 'first' | 'second' => (x < 0 ? 'first' : 'second');
  const thresholds = Array.from({ length: 40 }, (_, i) => 0.0025 * (i + 1));

  it('the worked solution scores 1 on seeds 1-300', async () => {
    expect((await sweep((p) => p.verdict)).full).toBe(SEEDS.length);
  });

  it('reading the accuracies under corruption either way scores at most 0.4 on every seed (the named mistake among them)', async () => {
    const higher = await sweep((p) => sign(p.second.corrupted - p.first.corrupted));
    const lower = await sweep((p) => sign(p.first.corrupted - p.second.corrupted));
    expect(higher.max).toBeLessThanOrEqual(0.4);
    expect(lower.max).toBeLessThanOrEqual(0.4);
  });

  it('rules on the clean accuracies alone average under 0.5, with full marks on at most 1 seed in 300', async () => {
    let worst = { mean: 0, full: 0, max: 0 };
    let worstFull = 0;
    for (const f of [(p: Pair) => sign(p.first.clean - p.second.clean), (p: Pair) => sign(p.second.clean - p.first.clean)]) {
      const r = await sweep(f);
      if (r.mean > worst.mean) worst = r;
      for (const t of thresholds) {
        const c = await sweep((p) => (Math.abs(p.first.clean - p.second.clean) < t ? 'cannot-tell' : f(p)));
        if (c.mean > worst.mean) worst = c;
        worstFull = Math.max(worstFull, c.full);
      }
    }
    console.log(`more-robust-model: best clean-only rule ${JSON.stringify(worst)}, most full marks ${worstFull}`);
    expect(worstFull).toBeLessThanOrEqual(3);
    expect(worst.mean).toBeLessThan(0.5);
  });

  it('the point drops with a cut-off (or the width with one) no longer decide: full marks on at most 16% of seeds', async () => {
    // Was 400/400 for "cannot tell below a 0.025 gap". The smaller point drop alone is right on every
    // conclusive pair (3 or 4 of 5): that floor cannot go below half while "always cannot tell" stays below
    // half too, since the two answers split the pairs between them.
    const smaller = (p: Pair) => sign(dropOf(p.first) - dropOf(p.second));
    let best = { mean: 0, full: 0, max: 0 };
    for (const t of thresholds) {
      for (const r of [
        await sweep((p) => (Math.abs(dropOf(p.first) - dropOf(p.second)) < t ? 'cannot-tell' : smaller(p))),
        await sweep((p) => ((p.ci[1] - p.ci[0]) / 2 > t ? 'cannot-tell' : smaller(p))),
      ])
        if (r.full > best.full) best = r;
    }
    console.log(`more-robust-model: best cut-off rule ${JSON.stringify(best)}`);
    expect(best.full / SEEDS.length).toBeLessThanOrEqual(0.16);
    expect(best.mean).toBeLessThan(0.76);
  });
});
