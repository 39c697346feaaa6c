import { fitTwoPlJoint, type TwoPlFit } from '../irt/twopl.ts';
import { adaptiveRanking } from '../irt/adaptive.ts';
import type { Digits } from '../models/mnist.ts';
import type { MlpParameters } from '../models/onnx-builder.ts';
import { correctOn } from '../models/zoo/build.ts';
import { concatDigits } from '../models/zoo/data.ts';
import { findLeakage, type LeakageReport } from './leakage.ts';
import { memorisationReport, type AdvantageReport } from './memorisation.ts';
import { informativeItems, responseMatrix } from './responses.ts';

/**
 * The zoo's dynamic-benchmark report, from real responses: leakage between the splits, memorisation
 * (contaminated vs clean, static vs rotating), saturation over generations, and an IRT fit of every
 * generation's responses with adaptive testing against a random order. Pure: the caller provides the
 * models and the splits (runtime/node: `workbook zoo`).
 */
export const IRT_PRIOR = { logA: { mean: 0, sd: 0.5 }, b: { mean: 0, sd: 2 } };
const AT = [5, 10, 30, 60] as const;
const RANDOM_ORDERS = 5;

export interface ZooReport {
  leakage: { trainTest: LeakageReport; trainFresh: LeakageReport; contaminatedTest: LeakageReport };
  memorisation: AdvantageReport;
  saturation: { epoch: number; contaminatedStatic: number; contaminatedFresh: number; cleanStatic: number; cleanFresh: number }[];
  irt: {
    method: string;
    respondents: string[];
    items: { kept: number; allRight: number; allWrong: number };
    converged: boolean;
    iterations: number;
    abilities: { name: string; theta: number; sd: number }[];
    /** A few items from easy to hard, for item characteristic curves. */
    sampleItems: { item: number; a: number; b: number }[];
    /** Kendall tau with the full-set ranking after `at` items: adaptive, and the mean of 5 random orders. */
    adaptive: { at: number; adaptive: number; random: number }[];
    itemsToFullRanking: number | null;
    misordered: { a: string; b: string; gap: number }[];
  };
}

export function zooReport(input: {
  splits: { train: Digits; test: Digits; fresh: Digits };
  clean: MlpParameters;
  contaminated: MlpParameters;
  generations: { clean: { epoch: number; parameters: MlpParameters }[]; contaminated: { epoch: number; parameters: MlpParameters }[] };
  respondents: { name: string; parameters: MlpParameters }[];
  seed: number;
}): ZooReport {
  const { train, test, fresh } = input.splits;
  const leakage = {
    trainTest: findLeakage(train, test),
    trainFresh: findLeakage(train, fresh),
    contaminatedTest: findLeakage(concatDigits(train, test), test),
  };
  const memorisation = memorisationReport(
    {
      clean: { test: correctOn(input.clean, test), fresh: correctOn(input.clean, fresh) },
      contaminated: { test: correctOn(input.contaminated, test), fresh: correctOn(input.contaminated, fresh) },
    },
    { rotations: 5, count: 300, seed: input.seed },
  );
  const acc = (p: MlpParameters, d: Digits) => correctOn(p, d).reduce((a, b) => a + b, 0) / d.count;
  const saturation = input.generations.contaminated.map((g, k) => ({
    epoch: g.epoch,
    contaminatedStatic: acc(g.parameters, test),
    contaminatedFresh: acc(g.parameters, fresh),
    cleanStatic: acc(input.generations.clean[k]!.parameters, test),
    cleanFresh: acc(input.generations.clean[k]!.parameters, fresh),
  }));
  const matrix = responseMatrix(input.respondents, test);
  const kept = informativeItems(matrix);
  const fit: TwoPlFit = fitTwoPlJoint(kept.matrix.responses, matrix.names.length, kept.matrix.items, { prior: IRT_PRIOR });
  const full = fit.abilities.map((a) => a.theta);
  const maxItems = Math.min(60, kept.matrix.items);
  const adaptive = adaptiveRanking(fit.items, kept.matrix.responses, matrix.names, full, maxItems);
  // A random order's tau depends on the draw: the baseline is the mean over RANDOM_ORDERS seeded orders.
  const randoms = Array.from({ length: RANDOM_ORDERS }, (_, r) =>
    adaptiveRanking(fit.items, kept.matrix.responses, matrix.names, full, maxItems, { by: 'random', seed: input.seed + r }),
  );
  const randomTau = (k: number) => randoms.reduce((s, r) => s + r.tauByLength[k - 1]!, 0) / randoms.length;
  const byB = fit.items.map((it, j) => ({ item: kept.kept[j]!, ...it })).sort((x, y) => x.b - y.b);
  const sampleItems = [0, 0.25, 0.5, 0.75, 1].map((f) => byB[Math.round(f * (byB.length - 1))]!);
  return {
    leakage,
    memorisation,
    saturation,
    irt: {
      method: fit.method,
      respondents: matrix.names,
      items: { kept: kept.matrix.items, allRight: kept.allRight, allWrong: kept.allWrong },
      converged: fit.converged,
      iterations: fit.iterations,
      abilities: fit.abilities.map((a, i) => ({ name: matrix.names[i]!, ...a })),
      sampleItems,
      adaptive: AT.filter((k) => k <= maxItems).map((k) => ({ at: k, adaptive: adaptive.tauByLength[k - 1]!, random: randomTau(k) })),
      itemsToFullRanking: adaptive.itemsToFullRanking,
      misordered: adaptive.misordered.map((m) => ({ a: m.a, b: m.b, gap: Math.abs(m.thetaA - m.thetaB) })),
    },
  };
}
