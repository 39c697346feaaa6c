import { randomLogNormal, randomNormal } from 'd3-random';
import { seededRandom } from '../data/random.ts';
import { probability, type TwoPlItem } from './twopl.ts';

/**
 * Responses simulated from known 2PL parameters (seeded), for checking that a fit recovers them:
 * abilities ~ N(0, 1), difficulties ~ N(0, 1), discriminations ~ lognormal(0, 0.3).
 */
export function simulateTwoPl(respondents: number, items: number, seed: number): { responses: Uint8Array; thetas: Float64Array; items: TwoPlItem[] } {
  const random = seededRandom(seed);
  const normal = randomNormal.source(random)(0, 1);
  const lognormal = randomLogNormal.source(random)(0, 0.3);
  const truth: TwoPlItem[] = Array.from({ length: items }, () => ({ a: lognormal(), b: normal() }));
  const thetas = Float64Array.from({ length: respondents }, () => normal());
  const responses = new Uint8Array(respondents * items);
  for (let i = 0; i < respondents; i++)
    for (let j = 0; j < items; j++) responses[i * items + j] = random() < probability(truth[j]!, thetas[i]!) ? 1 : 0;
  return { responses, thetas, items: truth };
}

/** Pearson correlation. */
export function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n !== y.length || n < 2) throw new Error(`correlation: needs two series of the same length >= 2, got ${x.length} and ${y.length}`);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** Kendall's tau-a between two rankings of the same respondents (1: same order, -1: reversed). */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(x[i]! - x[j]!) * Math.sign(y[i]! - y[j]!);
  return (2 * s) / (n * (n - 1));
}
