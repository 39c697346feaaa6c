import { randomLcg, randomUniform, randomNormal } from 'd3-random';
import type { InputDistribution } from '../spec/task.ts';

/**
 * Seeded random numbers, the same sequence in every browser and Node for the same seed, so a
 * generated data set, a bootstrap or an exercise variant is reproducible from its seed alone.
 * (d3-random's linear congruential generator: well known, small, and deterministic.)
 */
export function seededRandom(seed: number): () => number {
  return randomLcg(seedToUnit(seed));
}

/**
 * d3's linear congruential generator, spelled out for hot loops that cannot afford a closure call per
 * number (the bootstrap draws a quarter of a million per interval): `lcgStart(seed)` is the state
 * seededRandom(seed) starts from, `lcgStep` its next state, and `LCG_EPS * (state >>> 0)` the number it
 * returns. d3 computes `mul * state + inc | 0` in doubles; the product stays below 2^53, so Math.imul
 * gives the same 32 bits (tested against seededRandom).
 */
export const LCG_EPS = 1 / 0x100000000;
export function lcgStart(seed: number): number {
  const unit = seedToUnit(seed);
  return (0 <= unit && unit < 1 ? unit / LCG_EPS : Math.abs(unit)) | 0;
}
export function lcgStep(state: number): number {
  return (Math.imul(0x19660d, state) + 0x3c6ef35f) | 0;
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

/** The inputs a task draws when its spec names no generator: uniform in [-1, 1). */
export const DEFAULT_INPUTS: InputDistribution = { generator: 'uniform', low: -1, high: 1 };

/**
 * `count` float32 values of `distribution` from `seed`. The default is exactly `uniformFloat32(count,
 * seed)`, value for value, so a seed keeps making the inputs it made before generators were read.
 */
export function generateFloat32(count: number, seed: number, distribution: InputDistribution = DEFAULT_INPUTS): Float32Array<ArrayBuffer> {
  const out =
    distribution.generator === 'normal'
      ? normalFloat32(count, seed, distribution.mean, distribution.sd)
      : uniformFloat32(count, seed, distribution.low, distribution.high);
  // Allocated with `new Float32Array(count)`: a plain ArrayBuffer (WebGPU's writeBuffer wants one).
  return out as Float32Array<ArrayBuffer>;
}

/** A distribution in words, for logs and records: "uniform [0, 1)", "normal (mean 0, sd 1)". */
export function describeInputs(distribution: InputDistribution = DEFAULT_INPUTS): string {
  return distribution.generator === 'normal'
    ? `normal (mean ${distribution.mean}, sd ${distribution.sd})`
    : `uniform [${distribution.low}, ${distribution.high})`;
}
