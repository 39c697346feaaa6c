import { shuffler } from 'd3-array';
import { seededRandom } from '../data/random.ts';
import { information, probability, type TwoPlItem } from './twopl.ts';
import { kendallTau } from './simulate.ts';

/**
 * Adaptive testing after Fluid Benchmarking (Hofmann et al., 2025) and classic computerized adaptive
 * testing: start at ability 0, give the item with the most Fisher information a^2 P (1 - P) at the
 * current ability estimate, update the estimate (EAP under a standard normal prior) from the answers
 * so far, repeat. The answers are the respondent's real responses to those items.
 */
export interface AdaptiveStep {
  item: number;
  response: 0 | 1;
  theta: number;
  sd: number;
}

/**
 * The EAP's grid: 401 points from -5 to 5 weighted by the normal density. Finer than a Gauss-Hermite rule,
 * because after tens of items the posterior is narrower than the gaps between a few dozen nodes.
 */
const GRID = (() => {
  const nodes = Float64Array.from({ length: 401 }, (_, k) => -5 + k * 0.025);
  const weights = Float64Array.from(nodes, (x) => Math.exp((-x * x) / 2));
  const s = weights.reduce((a, b) => a + b, 0);
  for (let k = 0; k < weights.length; k++) weights[k]! /= s;
  return { nodes, weights };
})();

/** The EAP ability and posterior SD from log-likelihoods on GRID (the normal prior is added here). */
function summarise(logLik: Float64Array): { theta: number; sd: number } {
  const { nodes, weights } = GRID;
  let max = -Infinity;
  for (let q = 0; q < nodes.length; q++) max = Math.max(max, logLik[q]! + Math.log(weights[q]!));
  let s = 0;
  let m = 0;
  let m2 = 0;
  for (let q = 0; q < nodes.length; q++) {
    const w = Math.exp(logLik[q]! + Math.log(weights[q]!) - max);
    s += w;
    m += w * nodes[q]!;
    m2 += w * nodes[q]! ** 2;
  }
  m /= s;
  return { theta: m, sd: Math.sqrt(Math.max(0, m2 / s - m * m)) };
}

function addAnswer(logLik: Float64Array, item: TwoPlItem, response: 0 | 1): void {
  const { nodes } = GRID;
  for (let q = 0; q < nodes.length; q++) {
    const p = probability(item, nodes[q]!);
    logLik[q]! += Math.log(Math.max(1e-300, response ? p : 1 - p));
  }
}

/** EAP ability (standard normal prior) from the answers given so far. */
export function eap(items: readonly TwoPlItem[], given: readonly { item: number; response: 0 | 1 }[]): { theta: number; sd: number } {
  const logLik = new Float64Array(GRID.nodes.length);
  for (const g of given) addAnswer(logLik, items[g.item]!, g.response);
  return summarise(logLik);
}

/**
 * Gives up to `maxItems` items: by `order` 'information' (the most informative at the current estimate:
 * the adaptive test) or 'random' (a seeded random order: the baseline it must beat).
 */
export function adaptiveTest(
  items: readonly TwoPlItem[],
  answer: (item: number) => 0 | 1,
  maxItems: number,
  order: { by: 'information' } | { by: 'random'; seed: number } = { by: 'information' },
): AdaptiveStep[] {
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > items.length)
    throw new RangeError(`adaptiveTest: maxItems must be a whole number from 1 to ${items.length}, got ${maxItems}`);
  const used = new Uint8Array(items.length);
  const logLik = new Float64Array(GRID.nodes.length);
  const trace: AdaptiveStep[] = [];
  const shuffled = order.by === 'random' ? shuffler(seededRandom(order.seed))(Array.from({ length: items.length }, (_, j) => j)) : undefined;
  let theta = 0;
  for (let k = 0; k < maxItems; k++) {
    let best = -1;
    if (shuffled) best = shuffled[k]!;
    else {
      let bestInfo = -1;
      for (let j = 0; j < items.length; j++) {
        if (used[j]) continue;
        const info = information(items[j]!, theta);
        if (info > bestInfo) [best, bestInfo] = [j, info];
      }
    }
    used[best] = 1;
    const response = answer(best);
    addAnswer(logLik, items[best]!, response);
    const e = summarise(logLik);
    theta = e.theta;
    trace.push({ item: best, response, theta: e.theta, sd: e.sd });
  }
  return trace;
}

export interface AdaptiveRanking {
  /** Kendall's tau between the adaptive abilities after k items (index k - 1) and the full-set abilities. */
  tauByLength: number[];
  /** Fewest items after which the ranking equals the full-set ranking and stays so up to maxItems; null if it never does. */
  itemsToFullRanking: number | null;
  /** Pairs still ordered differently at maxItems: their names and full-set abilities (close abilities are where it fails). */
  misordered: { a: string; b: string; thetaA: number; thetaB: number }[];
  traces: AdaptiveStep[][];
}

/** Runs the adaptive test for every respondent of a response matrix and compares its ranking with the full-set one. */
export function adaptiveRanking(
  items: readonly TwoPlItem[],
  responses: ArrayLike<number>,
  names: readonly string[],
  fullTheta: readonly number[],
  maxItems: number,
  order: Parameters<typeof adaptiveTest>[3] = { by: 'information' },
): AdaptiveRanking {
  const m = items.length;
  const traces = names.map((_, i) => adaptiveTest(items, (j) => (responses[i * m + j] ? 1 : 0), maxItems, order));
  const tauByLength = Array.from({ length: maxItems }, (_, k) =>
    kendallTau(
      traces.map((t) => t[k]!.theta),
      fullTheta,
    ),
  );
  let itemsToFullRanking: number | null = null;
  for (let k = maxItems - 1; k >= 0 && tauByLength[k] === 1; k--) itemsToFullRanking = k + 1;
  const last = traces.map((t) => t[maxItems - 1]!.theta);
  const misordered: AdaptiveRanking['misordered'] = [];
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++)
      if (Math.sign(last[i]! - last[j]!) !== Math.sign(fullTheta[i]! - fullTheta[j]!))
        misordered.push({ a: names[i]!, b: names[j]!, thetaA: fullTheta[i]!, thetaB: fullTheta[j]! });
  return { tauByLength, itemsToFullRanking, misordered, traces };
}
