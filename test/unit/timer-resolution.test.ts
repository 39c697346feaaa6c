import { describe, expect, it } from 'vitest';
import { estimateTimerResolution } from '../../runtime/measure/timer-resolution.ts';

/** A fake clock that advances `step` every `readsPerTick` reads, like a coarsened performance.now(). */
function steppingClock(step: number, readsPerTick: number) {
  let reads = 0;
  return () => Math.floor(reads++ / readsPerTick) * step;
}

describe('estimateTimerResolution', () => {
  it('finds the step of a coarse clock', () => {
    expect(estimateTimerResolution(steppingClock(0.1, 37))).toBeCloseTo(0.1, 12);
    expect(estimateTimerResolution(steppingClock(0.005, 3))).toBeCloseTo(0.005, 12);
  });

  it('reports Infinity for a clock that never moves, rather than a made-up number', () => {
    expect(estimateTimerResolution(() => 42, 10, 1000)).toBe(Infinity);
  });

  it('measures the real clock of this machine as a small positive step', () => {
    const r = estimateTimerResolution(() => performance.now());
    expect(r).toBeGreaterThan(0);
    expect(r).toBeLessThan(1);
  });
});
