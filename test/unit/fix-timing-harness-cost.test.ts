/**
 * What a fix-timing-harness check costs the grader (issue 13's throughput): the hidden machine and the
 * visible suite's second machine are cheap, and still differ from the variant where it matters.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createVariant } from '../../runtime/exercises/check.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';
import { harnessCode, otherWorld, type FixTimingHarnessData, type HarnessHidden } from '../../exercises/fix-timing-harness/exercise.ts';
import tests from '../../exercises/fix-timing-harness/tests.ts';

const exercise = (await loadExerciseRegistry()).get('fix-timing-harness')!;
const preludeSource = readFileSync(new URL('../../exercises/fix-timing-harness/sandbox/prelude.js', import.meta.url), 'utf8');
const prelude = new Function(`${preludeSource}\nreturn prelude;`)() as (...args: unknown[]) => {
  run: (l: unknown) => Promise<{ result: { samples: number[]; batch: number }; stats: { calls: number } }>;
  runOther: (l: unknown) => Promise<{ result: { samples: number[]; batch: number }; stats: { calls: number } }>;
};
/** Calls per sample the reference harness needs: the smallest power of two lasting 1000 ticks. */
const batchFor = (hotMs: number, resolutionMs: number) => 2 ** Math.ceil(Math.log2((1000 * resolutionMs) / (hotMs + 0.0005)) - 1e-9);

describe('fix-timing-harness: what a check costs the grader', () => {
  it("the hidden machine has another tick and 10-19 samples (never the variant's), and needs at most 512 calls per sample (2,048 on its second machine)", () => {
    for (let seed = 1; seed <= 500; seed++) {
      const v = createVariant(exercise, seed) as { data: FixTimingHarnessData; seed: number; exercise: string };
      const h = tests.hidden!(v) as HarnessHidden;
      expect(h.world.resolutionMs, `seed ${seed}`).not.toBe(v.data.world.resolutionMs);
      expect(h.options.resolutionMs).toBe(h.world.resolutionMs);
      expect(h.options.samples).toBeGreaterThanOrEqual(10);
      expect(h.options.samples).toBeLessThanOrEqual(19);
      expect(batchFor(h.world.hotMs, h.world.resolutionMs)).toBeLessThanOrEqual(512);
      expect(batchFor(otherWorld(h.world).hotMs, h.world.resolutionMs)).toBeLessThanOrEqual(2048);
    }
  });

  it('no batch fixed in the code lasts 1-4x the need on more than 60% of hidden machines (calls of 2.5 to 40 ticks, log-uniform)', () => {
    const hidden = Array.from({ length: 600 }, (_, k) => tests.hidden!(createVariant(exercise, k + 1) as never) as HarnessHidden);
    for (const h of hidden) {
      const ticks = (h.world.hotMs + h.world.submitMs) / h.world.resolutionMs;
      expect(ticks).toBeGreaterThanOrEqual(2.5 * 0.99);
      expect(ticks).toBeLessThanOrEqual(40 * 1.01);
    }
    // The best a fixed batch can do (it may depend on the tick it is given: calls per 1000 ticks).
    let best = 0;
    for (let batch = 8; batch <= 1024; batch = Math.ceil(batch * 1.05)) {
      const fits = hidden.filter((h) => {
        const lasts = batch * (h.world.hotMs + h.world.submitMs);
        const need = 1000 * h.world.resolutionMs;
        return lasts >= 0.99 * need && lasts <= 4 * need;
      }).length;
      best = Math.max(best, fits / hidden.length);
    }
    expect(best).toBeGreaterThan(0.4);
    expect(best).toBeLessThan(0.6);
  });

  it('the visible machine has calls of 2.5 to 40 ticks and needs 32 to 512 calls per sample (at most 1,024 on its second machine): at most ~24,000 calls to interpret', () => {
    const batches = new Set<number>();
    const ticksSeen: number[] = [];
    for (let seed = 1; seed <= 2000; seed++) {
      const { world, options } = (createVariant(exercise, seed) as { data: FixTimingHarnessData }).data;
      const ticks = world.hotMs / world.resolutionMs;
      ticksSeen.push(ticks);
      expect(ticks, `seed ${seed}`).toBeGreaterThanOrEqual(2.5 * 0.99);
      expect(ticks, `seed ${seed}`).toBeLessThanOrEqual(40 * 1.01);
      const batch = batchFor(world.hotMs, world.resolutionMs);
      batches.add(batch);
      expect(batch, `seed ${seed}`).toBeGreaterThanOrEqual(32);
      expect(batch, `seed ${seed}`).toBeLessThanOrEqual(512);
      expect(batchFor(otherWorld(world).hotMs, world.resolutionMs), `seed ${seed}`).toBeLessThanOrEqual(1024);
      expect(options.warmup + (options.samples + 2) * batch + options.warmup + 5 * 1024).toBeLessThanOrEqual(27_000);
    }
    // Batching is still the lesson everywhere: from 32 to 512 calls, every power of two in between.
    expect([...batches].sort((a, b) => a - b)).toEqual([32, 64, 128, 256, 512]);
    // Log-uniform: as many variants below the middle of the range (10 ticks) as above it.
    const below = ticksSeen.filter((t) => t < 10).length / ticksSeen.length;
    expect(below).toBeGreaterThan(0.45);
    expect(below).toBeLessThan(0.55);
  });

  it("the second machine asks for 3 samples and the reference harness's batch there is still its own", async () => {
    for (const seed of [1, 2, 5, 9]) {
      const v = createVariant(exercise, seed) as { data: FixTimingHarnessData };
      const { world, options, contract } = v.data;
      const h = prelude(world, options, contract, otherWorld(world));
      const learner = { [contract.name]: new Function(`${harnessCode(contract)}\nreturn ${contract.name};`)() };
      const main = await h.run(learner);
      const other = await h.runOther(learner);
      expect(main.result.samples).toHaveLength(options.samples);
      expect(other.result.samples).toHaveLength(3);
      expect(other.result.batch).toBe(batchFor(otherWorld(world).hotMs, options.resolutionMs));
      // Warm-up, the doubling (under two batches) and three samples.
      expect(other.stats.calls).toBeLessThan(options.warmup + 5 * other.result.batch);
    }
  });
});
