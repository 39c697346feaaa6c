import { adaptiveRanking, type AdaptiveStep } from '../irt/adaptive.ts';
import { fitTwoPlJoint, type TwoPlFit } from '../irt/twopl.ts';
import { informativeItems, type ResponseMatrix } from './responses.ts';

/**
 * IRT on a response matrix (models x items, from real runs): keep the items the models disagree on,
 * fit the 2PL jointly (MAP), then run the adaptive test (Fisher information at the current estimate)
 * for every model and compare its ranking after k items with the full-set ranking, against the mean of
 * a few seeded random orders. Pure: `workbook zoo` (JS forward passes) and an evaluation task's `irt`
 * option (ONNX Runtime's answers, in the page or in Node) both call it.
 */
export const IRT_PRIOR = { logA: { mean: 0, sd: 0.5 }, b: { mean: 0, sd: 2 } };
/** Fewest informative items a fit is attempted on: fewer says too little about anyone. */
export const MIN_IRT_ITEMS = 10;

export interface IrtReport {
  method: string;
  respondents: string[];
  /** Share of all the matrix's items each respondent got right (before dropping the uninformative ones). */
  accuracy: number[];
  items: { kept: number; allRight: number; allWrong: number };
  converged: boolean;
  iterations: number;
  abilities: { name: string; theta: number; sd: number }[];
  /** Five items from easy to hard (by fitted difficulty), for item characteristic curves; `item` is the matrix's column. */
  sampleItems: { item: number; a: number; b: number }[];
  /** How many items the adaptive test gave (maxItems, or fewer when fewer items are informative). */
  maxItems: number;
  randomOrders: number;
  /** Kendall tau with the full-set ranking after k items (index k - 1): adaptive, and the mean over the random orders. */
  tauAdaptive: number[];
  tauRandom: number[];
  itemsToFullRanking: number | null;
  /** Pairs the adaptive test still orders differently after maxItems items, with their full-set ability gap. */
  misordered: { a: string; b: string; gap: number }[];
  /** Each respondent's adaptive trace (ability estimate after each item). */
  traces: AdaptiveStep[][];
}

export function irtReport(
  matrix: ResponseMatrix,
  options: {
    seed: number;
    maxItems: number;
    randomOrders: number /** The fit's cap (tests force a non-converged fit with it). */;
    maxIterations?: number;
  },
): IrtReport {
  const n = matrix.names.length;
  const kept = informativeItems(matrix);
  if (kept.matrix.items < MIN_IRT_ITEMS)
    throw new Error(
      `irt: only ${kept.matrix.items} of ${matrix.items} items split the ${n} models (${kept.allRight} right by all, ${kept.allWrong} by none); a 2PL fit needs at least ${MIN_IRT_ITEMS}: score more items or add models that differ`,
    );
  const fit: TwoPlFit = fitTwoPlJoint(kept.matrix.responses, n, kept.matrix.items, {
    prior: IRT_PRIOR,
    ...(options.maxIterations ? { maxIterations: options.maxIterations } : {}),
  });
  const full = fit.abilities.map((a) => a.theta);
  const maxItems = Math.min(options.maxItems, kept.matrix.items);
  const adaptive = adaptiveRanking(fit.items, kept.matrix.responses, matrix.names, full, maxItems);
  // A random order's tau depends on the draw: the baseline is the mean over `randomOrders` seeded orders.
  const randoms = Array.from({ length: options.randomOrders }, (_, r) =>
    adaptiveRanking(fit.items, kept.matrix.responses, matrix.names, full, maxItems, { by: 'random', seed: options.seed + r }),
  );
  const tauRandom = adaptive.tauByLength.map((_, k) => randoms.reduce((s, r) => s + r.tauByLength[k]!, 0) / randoms.length);
  const byB = fit.items.map((it, j) => ({ item: kept.kept[j]!, ...it })).sort((x, y) => x.b - y.b);
  const sampleItems = [0, 0.25, 0.5, 0.75, 1].map((f) => byB[Math.round(f * (byB.length - 1))]!);
  const accuracy = matrix.names.map((_, i) => {
    let s = 0;
    for (let j = 0; j < matrix.items; j++) s += matrix.responses[i * matrix.items + j]!;
    return s / matrix.items;
  });
  return {
    method: fit.method,
    respondents: [...matrix.names],
    accuracy,
    items: { kept: kept.matrix.items, allRight: kept.allRight, allWrong: kept.allWrong },
    converged: fit.converged,
    iterations: fit.iterations,
    abilities: fit.abilities.map((a, i) => ({ name: matrix.names[i]!, ...a })),
    sampleItems,
    maxItems,
    randomOrders: options.randomOrders,
    tauAdaptive: adaptive.tauByLength,
    tauRandom,
    itemsToFullRanking: adaptive.itemsToFullRanking,
    misordered: adaptive.misordered.map((m) => ({ a: m.a, b: m.b, gap: Math.abs(m.thetaA - m.thetaB) })),
    traces: adaptive.traces,
  };
}
