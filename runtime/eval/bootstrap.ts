import { quantileSorted } from 'd3-array';
import { seededRandom } from '../data/random.ts';

/**
 * The percentile bootstrap over items: resample the n evaluated items with replacement `resamples`
 * times (seeded, so the same seed gives the same interval), recompute the statistic, take the 2.5th and
 * 97.5th percentiles. An interval over items says how much the score would move on another test set
 * of the same size from the same distribution; it says nothing about a different distribution.
 */
export interface BootstrapOptions {
  seed: number;
  /** Default 1000. */
  resamples?: number;
}

export interface Interval {
  /** The statistic on all items. */
  value: number;
  ci95: [number, number];
  bootstrap: { seed: number; resamples: number; items: number };
  /** Resamples on which the statistic had no value (e.g. a class absent from the resample), left out of the interval. */
  undefinedResamples?: number;
}

export const DEFAULT_RESAMPLES = 1000;

/**
 * `statistic(indices)` gets a list of item indices (the identity for the point value, a resample for
 * each replicate) and returns a number, or NaN where it is undefined on that resample. The point value
 * must be finite; replicates that are NaN are counted and left out, never averaged in.
 */
export function bootstrapItems(n: number, statistic: (indices: Uint32Array) => number, options: BootstrapOptions): Interval {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`bootstrap: needs at least one item, got ${n}`);
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 10) throw new RangeError(`bootstrap: resamples must be a whole number >= 10, got ${resamples}`);
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const value = statistic(all);
  if (!Number.isFinite(value)) throw new RangeError(`bootstrap: the statistic on all ${n} items is ${value}, not a number`);
  const random = seededRandom(options.seed);
  const replicates: number[] = [];
  const idx = new Uint32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(random() * n);
    const v = statistic(idx);
    if (Number.isFinite(v)) replicates.push(v);
  }
  const undefinedResamples = resamples - replicates.length;
  if (replicates.length < resamples / 2) {
    throw new RangeError(`bootstrap: the statistic was undefined on ${undefinedResamples} of ${resamples} resamples; too few items for an interval`);
  }
  replicates.sort((a, b) => a - b);
  return {
    value,
    ci95: [quantileSorted(replicates, 0.025)!, quantileSorted(replicates, 0.975)!],
    bootstrap: { seed: options.seed, resamples, items: n },
    ...(undefinedResamples > 0 ? { undefinedResamples } : {}),
  };
}

/** Accuracy with its bootstrap interval, from per-item correctness (1 right, 0 wrong). */
export function accuracyInterval(correct: ArrayLike<number>, options: BootstrapOptions): Interval {
  return bootstrapItems(
    correct.length,
    (idx) => {
      let s = 0;
      for (let i = 0; i < idx.length; i++) s += correct[idx[i]!]!;
      return s / idx.length;
    },
    options,
  );
}

/**
 * The same percentile bootstrap for many statistics at once: `statistic(weights)` gets how many times
 * each item was drawn (null for all items once) and returns named values; each name gets its interval.
 * A statistic that is NaN on a resample (a class absent from it) is counted for that name and left out;
 * a name undefined on all items is left out of the result entirely (its caller states why).
 */
export function bootstrapWeighted(
  n: number,
  statistic: (weights: Uint32Array | null) => Record<string, number>,
  options: BootstrapOptions,
): Record<string, Interval> {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`bootstrap: needs at least one item, got ${n}`);
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 10) throw new RangeError(`bootstrap: resamples must be a whole number >= 10, got ${resamples}`);
  const point = statistic(null);
  const names = Object.keys(point).filter((k) => Number.isFinite(point[k]));
  const replicates = new Map(names.map((k) => [k, [] as number[]]));
  const random = seededRandom(options.seed);
  const w = new Uint32Array(n);
  for (let r = 0; r < resamples; r++) {
    w.fill(0);
    for (let i = 0; i < n; i++) w[Math.floor(random() * n)]!++;
    const v = statistic(w);
    for (const k of names) if (Number.isFinite(v[k])) replicates.get(k)!.push(v[k]!);
  }
  const out: Record<string, Interval> = {};
  for (const k of names) {
    const reps = replicates.get(k)!.sort((a, b) => a - b);
    const undefinedResamples = resamples - reps.length;
    // Fewer than half the resamples defined: no interval worth the name; the value stands alone with ci95 = [value, value] would lie, so it is left out.
    if (reps.length < resamples / 2) continue;
    out[k] = {
      value: point[k]!,
      ci95: [quantileSorted(reps, 0.025)!, quantileSorted(reps, 0.975)!],
      bootstrap: { seed: options.seed, resamples, items: n },
      ...(undefinedResamples > 0 ? { undefinedResamples } : {}),
    };
  }
  return out;
}
