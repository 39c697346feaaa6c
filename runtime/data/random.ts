import { randomLcg, randomUniform, randomNormal } from 'd3-random';

/**
 * Seeded random numbers, the same sequence in every browser and Node for the same seed, so a
 * generated data set, a bootstrap or an exercise variant is reproducible from its seed alone.
 * (d3-random's linear congruential generator: well known, small, and deterministic.)
 */
export function seededRandom(seed: number): () => number {
  return randomLcg(seedToUnit(seed));
}

/** d3's randomLcg takes a seed in [0, 1); integer seeds are mapped there deterministically. */
function seedToUnit(seed: number): number {
  if (seed >= 0 && seed < 1) return seed;
  const x = Math.sin(seed * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x);
}

/** `count` float32 values uniform in [lo, hi), from `seed`. */
export function uniformFloat32(count: number, seed: number, lo = -1, hi = 1): Float32Array {
  const next = randomUniform.source(seededRandom(seed))(lo, hi);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = next();
  return out;
}

/** `count` float32 values from a normal distribution, from `seed`. */
export function normalFloat32(count: number, seed: number, mean = 0, sd = 1): Float32Array {
  const next = randomNormal.source(seededRandom(seed))(mean, sd);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = next();
  return out;
}
