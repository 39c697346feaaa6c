/**
 * Attacks on the Professional exercises, after a tester's report: a learner hunting for a cheap full score. Each
 * shortcut must score under half on average and full marks on only a few % of seeds; each named mistake gets its
 * own feedback and scores under half on every seed; the worked solution scores full marks on every seed.
 */
import { describe, expect, it } from 'vitest';
import { LAYERS, type Layer, METERS, type MeterData } from '../../exercises/meter-layer/exercise.ts';
import { MISTAKES as METER_MISTAKES } from '../../exercises/meter-layer/tests.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const SEEDS = seeds(1, 300);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const perms = <T>(a: T[]): T[][] => (a.length <= 1 ? [a] : a.flatMap((x, i) => perms([...a.slice(0, i), ...a.slice(i + 1)]).map((p) => [x, ...p])));

const meter = await loadExercise<MeterData>('meter-layer');

describe('meter-layer', () => {
  const { variant, check } = meter;
  const answersOf = (layers: string[]) => Object.fromEntries(layers.map((l, k) => [`meter-${k + 1}`, l]));
  const truth = (s: number) => variant(s).data.meters.map(([l]) => l);
  const textOf = ([l, i]: [Layer, number]) => METERS[l][i]!;

  it("a description names its own layer only beside another layer's word (the agent's `rapl:package-0/dram`)", () => {
    const word: Record<Layer, RegExp> = { package: /package/i, dram: /dram/i, board: /board/i, wall: /wall/i };
    for (const l of LAYERS)
      for (const t of METERS[l])
        if (word[l].test(t))
          expect(
            LAYERS.filter((o) => o !== l && word[o].test(t)),
            t,
          ).not.toEqual([]);
  });

  it('matching a word of each description (any priority of the four words) averages under 0.35, never full marks', async () => {
    const rates: number[] = [];
    for (const order of perms([...LAYERS])) {
      const guess = (t: string) => order.find((l) => new RegExp(l, 'i').test(t)) ?? order[3]!; // no word found: the last in the order
      const scores: number[] = [];
      for (const s of SEEDS.slice(0, 100)) scores.push((await check(s, answersOf(variant(s).data.meters.map((m) => guess(textOf(m)))))).score);
      expect(mean(scores), order.join('>')).toBeLessThan(0.35);
      rates.push(scores.filter((x) => x === 1).length / scores.length);
    }
    // Measured on seeds 1-100: the best word order averages 0.28 and is never fully right.
    expect(Math.max(...rates)).toBeLessThan(0.01);
  });

  it('every fixed answer (all 4^5 of them) averages under 0.35 and full marks on under 2% of seeds', () => {
    const truths = SEEDS.map(truth);
    let worstMean = 0;
    let worstFull = 0;
    for (let code = 0; code < 4 ** 5; code++) {
      const guess = [0, 1, 2, 3, 4].map((k) => LAYERS[Math.floor(code / 4 ** k) % 4]!);
      const scores = truths.map((t) => t.filter((l, k) => l === guess[k]).length / 5);
      worstMean = Math.max(worstMean, mean(scores));
      worstFull = Math.max(worstFull, scores.filter((x) => x === 1).length / scores.length);
    }
    // Measured on seeds 1-300: the best fixed answer averages 0.28 and is fully right on 1.7% of seeds (5 of 300).
    expect(worstMean).toBeLessThan(0.35);
    expect(worstFull).toBeLessThan(0.02);
  });

  it('a fixed answer scores as the checker says (the sweep above counts matches the same way)', async () => {
    for (const s of seeds(1, 20)) {
      const guess = ['wall', 'board', 'dram', 'package', 'wall'];
      const matches = truth(s).filter((l, k) => l === guess[k]).length;
      expect((await check(s, answersOf(guess))).score).toBeCloseTo(matches / 5, 10);
    }
  });

  it("another seed's answer scores under half on average and full marks on under 2% of seeds", async () => {
    const scores: number[] = [];
    for (const s of SEEDS) scores.push((await check(s, answersOf(truth(s + 1)))).score);
    // Measured: 0.25 on average, fully right on 1 seed of 300.
    expect(mean(scores)).toBeLessThan(0.35);
    expect(scores.filter((x) => x === 1).length / scores.length).toBeLessThan(0.02);
  });

  it('every named mistake gets its own feedback and scores under half, on every seed; the solution scores 1', async () => {
    for (const s of SEEDS) {
      const t = truth(s);
      expect((await check(s, answersOf(t))).score, `seed ${s}`).toBe(1);
      for (const [layer, pick, feedback] of METER_MISTAKES) {
        // The mistake made on every meter of that layer, the rest left unanswered.
        const answers = Object.fromEntries(t.flatMap((l, k) => (l === layer ? [[`meter-${k + 1}`, pick]] : [])));
        const r = await check(s, answers);
        expect(r.score, `seed ${s}`).toBeLessThan(0.5);
        for (const id of Object.keys(answers)) expect(JSON.stringify(r.parts[id]), `seed ${s}`).toContain(feedback);
      }
    }
  });
});
