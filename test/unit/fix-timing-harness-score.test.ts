/** fix-timing-harness's score is a whole number of 30% steps, printed as the learner reads it (no 0.10000000000000009). */
import { describe, expect, it } from 'vitest';
import { createVariant } from '../../runtime/exercises/check.ts';
import { loadGraderExercises } from '../../runtime/node/classroom/grade-checks.ts';
import { harnessCode, type FixTimingHarnessData } from '../../exercises/fix-timing-harness/exercise.ts';

describe('fix-timing-harness scores', () => {
  it('are 1 - 0.3 x failed tests, rounded: the starter with three failing tests scores exactly 0.1', async () => {
    const g = await loadGraderExercises(['fix-timing-harness']);
    const exercise = g.exercises.get('fix-timing-harness')!;
    const seen = new Set<number>();
    for (const seed of [1, 2, 4, 5]) {
      const { contract, bugs, fewSamples } = createVariant(exercise, seed).data as FixTimingHarnessData;
      const r = await g.check(exercise, seed, { code: harnessCode(contract, bugs, fewSamples) });
      const score = r.parts.code!.score;
      seen.add(score);
      expect(Math.round(score * 1000) / 1000, `seed ${seed}`).toBe(score);
      expect([0, 0.1, 0.4, 0.7, 1]).toContain(score);
    }
    expect(seen.has(0.1)).toBe(true);
  }, 60_000);

  it("test 6's hints are true: one call per sample is told it reads whole ticks, never that the clock stopped early (it awaited every call)", async () => {
    const g = await loadGraderExercises(['fix-timing-harness']);
    const exercise = g.exercises.get('fix-timing-harness')!;
    let wholeTicks = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { contract } = createVariant(exercise, seed).data as FixTimingHarnessData;
      const r = await g.check(exercise, seed, { code: harnessCode(contract, ['no-batching']) });
      const six = r.parts.code!.details!.find((d) => d.id === 'measures the time of one call')!;
      if (six.passed) continue;
      expect(six.message, `seed ${seed}`).not.toMatch(/clock stopped before|Warm up first/);
      if (/whole number of clock ticks/.test(six.message!)) wholeTicks++;
    }
    // A tester found seed 6 (calls of ~13 ticks) told "is the clock stopped before the calls have finished?".
    expect(wholeTicks).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
