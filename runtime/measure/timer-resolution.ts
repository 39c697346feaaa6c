/**
 * Estimates a clock's resolution: the smallest non-zero step between consecutive readings.
 * Browsers coarsen `performance.now()` (about 5 µs when cross-origin isolated, 100 µs or more
 * otherwise), and every sample must be long compared with this step to mean anything.
 * Pure: the clock is passed in, so the same code serves the browser, Node and the tests.
 */
export function estimateTimerResolution(now: () => number, steps = 50, maxReads = 2_000_000): number {
  let smallest = Infinity;
  let seen = 0;
  let last = now();
  for (let i = 0; i < maxReads && seen < steps; i++) {
    const t = now();
    if (t !== last) {
      smallest = Math.min(smallest, t - last);
      seen++;
      last = t;
    }
  }
  return smallest;
}
