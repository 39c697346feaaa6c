import type { Digits } from '../models/mnist.ts';
import type { MlpParameters } from '../models/onnx-builder.ts';
import { correctOn } from '../models/zoo/build.ts';
import { concatDigits } from '../models/zoo/data.ts';
import { findLeakage, type LeakageReport } from './leakage.ts';
import { memorisationReport, type AdvantageReport } from './memorisation.ts';
import { irtReport } from './irt-report.ts';
import { responseMatrix } from './responses.ts';

/**
 * The zoo's dynamic-benchmark report, from real responses: leakage between the splits, memorisation
 * (contaminated vs clean, static vs rotating), saturation over generations, and an IRT fit of every
 * generation's responses with adaptive testing against a random order. Pure: the caller provides the
 * models and the splits (runtime/node: `workbook zoo`).
 */
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
  const irt = irtReport(responseMatrix(input.respondents, test), { seed: input.seed, maxItems: 60, randomOrders: RANDOM_ORDERS });
  return {
    leakage,
    memorisation,
    saturation,
    irt: {
      method: irt.method,
      respondents: irt.respondents,
      items: irt.items,
      converged: irt.converged,
      iterations: irt.iterations,
      abilities: irt.abilities,
      sampleItems: irt.sampleItems,
      adaptive: AT.filter((k) => k <= irt.maxItems).map((k) => ({ at: k, adaptive: irt.tauAdaptive[k - 1]!, random: irt.tauRandom[k - 1]! })),
      itemsToFullRanking: irt.itemsToFullRanking,
      misordered: irt.misordered,
    },
  };
}
