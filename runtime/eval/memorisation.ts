import { bootstrapItems, type Interval } from './bootstrap.ts';
import { drawItems } from '../models/zoo/data.ts';
import { subSeed } from '../models/mlp.ts';

/**
 * Memorisation: a model trained on the test set (contaminated) against its clean twin, on the static
 * test set and on rotating sets drawn by seed from fresh digits neither trained on. The advantage is
 * the paired difference in accuracy (contaminated - clean) with a bootstrap interval over items; the
 * static advantage that does not survive on fresh items is what memorising the test set bought.
 */
export interface AdvantageReport {
  static: { clean: number; contaminated: number; advantage: Interval };
  /** One per rotation: a fresh set of `count` items drawn by subSeed(seed, rotation). */
  rotations: { seed: number; items: number; clean: number; contaminated: number; advantage: Interval }[];
}

/** Per-item correctness (1 / 0) of both models on the static test set and on the fresh pool. */
export function memorisationReport(
  correct: { clean: { test: ArrayLike<number>; fresh: ArrayLike<number> }; contaminated: { test: ArrayLike<number>; fresh: ArrayLike<number> } },
  options: { rotations: number; count: number; seed: number; resamples?: number },
): AdvantageReport {
  const paired = (clean: ArrayLike<number>, cont: ArrayLike<number>, idx: readonly number[], seed: number) => {
    const mean = (xs: ArrayLike<number>) => idx.reduce((s, i) => s + xs[i]!, 0) / idx.length;
    return {
      clean: mean(clean),
      contaminated: mean(cont),
      advantage: bootstrapItems(
        idx.length,
        (sample) => {
          let s = 0;
          for (let k = 0; k < sample.length; k++) s += cont[idx[sample[k]!]!]! - clean[idx[sample[k]!]!]!;
          return s / sample.length;
        },
        { seed, ...(options.resamples ? { resamples: options.resamples } : {}) },
      ),
    };
  };
  const all = Array.from({ length: correct.clean.test.length }, (_, i) => i);
  const rotations = Array.from({ length: options.rotations }, (_, r) => {
    const seed = subSeed(options.seed, `rotation:${r}`);
    const idx = drawItems(correct.clean.fresh.length, options.count, seed);
    return { seed, items: idx.length, ...paired(correct.clean.fresh, correct.contaminated.fresh, idx, seed) };
  });
  return { static: paired(correct.clean.test, correct.contaminated.test, all, options.seed), rotations };
}
