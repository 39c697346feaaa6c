import { median, quantileSorted } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { LCG_EPS, lcgStart, lcgStep, seededRandom } from '../../runtime/data/random.ts';
import { bootstrapRatioCi, bootstrapRatios } from '../../runtime/results/compare.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';
import { createVariant } from '../../runtime/exercises/check.ts';
import type { ReadTwoRunsData } from '../../exercises/read-two-runs/exercise.ts';

/** The bootstrap as it was written first (d3's median on a fresh array per resample): what the fast one must equal, bit for bit. */
function reference(a: number[], b: number[], seed: number, resamples: number): [number, number] {
  const random = seededRandom(seed);
  const draw = (xs: number[]) => {
    const out = new Array<number>(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = xs[Math.floor(random() * xs.length)]!;
    return median(out)!;
  };
  const ratios = Array.from({ length: resamples }, () => draw(b) / draw(a)).sort((x, y) => x - y);
  return [quantileSorted(ratios, 0.025)!, quantileSorted(ratios, 0.975)!];
}

describe('bootstrapRatioCi (rank counting instead of a median per resample)', () => {
  it('equals the plain bootstrap exactly on the runs of 40 read-two-runs variants', async () => {
    const exercise = (await loadExerciseRegistry()).get('read-two-runs')!;
    for (let seed = 1; seed <= 40; seed++) {
      const { a, b } = createVariant(exercise, seed).data as ReadTwoRunsData;
      expect(bootstrapRatioCi(a, b, seed, 1000), `seed ${seed}`).toEqual(reference(a, b, seed, 1000));
    }
  }, 60_000);

  it('equals it on odd and even counts, ties, a run of two, and runs with a missing value (NaN, the slow path)', () => {
    const r = seededRandom(7);
    const cases: [number[], number[]][] = [
      [
        [1, 2],
        [3, 4, 5],
      ],
      [
        [5, 5, 5, 5, 1],
        [2, 2, 3, 3],
      ],
      [Array.from({ length: 101 }, () => Math.round(r() * 10)), Array.from({ length: 100 }, () => Math.round(r() * 10) + 1)],
      [Array.from({ length: 37 }, () => r()), Array.from({ length: 64 }, () => r() * 3)],
      [
        [1, Number.NaN, 3, 4],
        [2, 3, 4, 5],
      ],
      [[7], [1, 2, 3]],
    ];
    for (const [k, [a, b]] of cases.entries())
      for (const seed of [1, 2, 99]) expect(bootstrapRatioCi(a, b, seed, 500), `case ${k} seed ${seed}`).toEqual(reference(a, b, seed, 500));
  });

  it('inlines the generator exactly: every ratio equals the plain one, for fractional, negative and huge seeds, zeros and negative samples', () => {
    const plain = (a: number[], b: number[], seed: number, resamples: number) => {
      const random = seededRandom(seed);
      const draw = (xs: number[]) => median(Array.from(xs, () => xs[Math.floor(random() * xs.length)]!))!;
      return Array.from({ length: resamples }, () => draw(b) / draw(a)).sort((x, y) => x - y);
    };
    const r = seededRandom(11);
    const cases: [number[], number[]][] = [
      [Array.from({ length: 110 }, () => 1 + r()), Array.from({ length: 117 }, () => 1.2 + r())],
      // Zero medians: ratios of 0, Infinity and NaN (0 / 0), which the typed sort would order otherwise.
      [
        [0, 0, 0, 1],
        [0, 0, 2, 3],
      ],
      [Array.from({ length: 30 }, (_, i) => (i % 7) - 3), Array.from({ length: 31 }, (_, i) => (i % 5) - 2)],
    ];
    for (const [k, [a, b]] of cases.entries())
      for (const seed of [0, 0.5, 3, -17, 2 ** 32 - 1, 1e12, 123.456]) {
        const got = bootstrapRatios(a, b, seed, 300);
        const want = plain(a, b, seed, 300);
        expect(got.length).toBe(want.length);
        for (let i = 0; i < want.length; i++)
          expect(Object.is(got[i], want[i]), `case ${k} seed ${seed} ratio ${i}: ${got[i]} vs ${want[i]}`).toBe(true);
      }
  });

  it("lcgStart and lcgStep give seededRandom's numbers", () => {
    for (const seed of [0, 0.25, 1, 42, -5, 2 ** 31, 2 ** 32 - 1, 1e15, 7.5]) {
      const random = seededRandom(seed);
      let state = lcgStart(seed);
      for (let i = 0; i < 1000; i++) {
        state = lcgStep(state);
        expect(LCG_EPS * (state >>> 0), `seed ${seed} draw ${i}`).toBe(random());
      }
    }
  });
});
