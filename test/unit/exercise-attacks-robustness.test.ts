/**
 * The robustness episode's exercises against their traps: every named mistake is rejected on every seed,
 * and the generated pairs say what the generator meant (the interval decides, and the traps are there).
 */
import { describe, expect, it } from 'vitest';
import { answersOf, mistakesOf, type RceData } from '../../exercises/relative-corruption-error/exercise.ts';
import { dropOf, type MrmData, verdictOfInterval } from '../../exercises/more-robust-model/exercise.ts';
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
      for (const p of d.pairs) {
        expect(verdictOfInterval(p.ci), `seed ${s}`).toBe(p.verdict);
        const higher = p.first.corrupted > p.second.corrupted ? 'first' : 'second';
        if (p.verdict !== 'cannot-tell') {
          // The less robust model keeps the higher accuracy under corruption, and started higher too.
          expect(higher, `seed ${s}`).not.toBe(p.verdict);
          expect(p.first.corrupted, `seed ${s}`).not.toBe(p.second.corrupted);
        } else expect(Math.abs(dropOf(p.first) - dropOf(p.second)), `seed ${s}: the point drops differ`).toBeGreaterThan(0.004);
      }
    }
  });
});
