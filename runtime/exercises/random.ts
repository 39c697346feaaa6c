import { shuffler } from 'd3-array';
import { randomInt, randomLogNormal, randomNormal, randomUniform } from 'd3-random';
import { seededRandom } from '../data/random.ts';
import { assertSeed } from './seed.ts';

/**
 * The random numbers a variant is drawn from: one seeded stream (runtime/data/random.ts, d3-random's
 * LCG), so the same seed gives the same variant in every browser and in Node. Draw in a fixed order:
 * the order of the calls is part of the variant.
 */
export interface VariantRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** A whole number from lo to hi, both included. */
  int(lo: number, hi: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct elements, in random order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** Normal with mean and standard deviation. */
  normal(mean: number, sd: number): number;
  /** Log-normal whose median is `median` (sigma on the log scale): the usual shape of timings. */
  logNormal(median: number, sigma: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
}

export function variantRandom(seed: number): VariantRandom {
  assertSeed(seed, 'variantRandom');
  const source = seededRandom(seed);
  const shuffle = shuffler(source);
  const uniform = randomUniform.source(source);
  const int = randomInt.source(source);
  const normal = randomNormal.source(source);
  const logNormal = randomLogNormal.source(source);
  return {
    next: () => source(),
    uniform: (lo, hi) => uniform(lo, hi)(),
    int: (lo, hi) => int(lo, hi + 1)(),
    pick: (items) => {
      if (items.length === 0) throw new RangeError('variantRandom.pick: the list is empty');
      return items[int(0, items.length)()]!;
    },
    shuffle: (items) => shuffle([...items]),
    sample: (items, count) => {
      if (count > items.length) throw new RangeError(`variantRandom.sample: cannot draw ${count} of ${items.length} items`);
      return shuffle([...items]).slice(0, count);
    },
    normal: (mean, sd) => normal(mean, sd)(),
    logNormal: (median, sigma) => logNormal(Math.log(median), sigma)(),
    chance: (p) => source() < p,
  };
}

/** x rounded to `digits` decimals, as a plain number (the form a variant stores and shows). */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
