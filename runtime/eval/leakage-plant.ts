import { subSeed } from '../models/mlp.ts';
import { concatDigits, drawItems, selectDigits } from '../models/zoo/data.ts';
import type { Digits } from '../models/mnist.ts';
import { findLeakage, type LeakageReport } from './leakage.ts';
import { perturbDigits } from './perturb.ts';

/**
 * A leak with a known answer: copies of test digits planted, by seed, into a training set that had none:
 * some exact, some with a little pixel noise (a re-scan), some shifted by two pixels (the same digit,
 * moved). The engine's leakage finder (leakage.ts) then searches the training set for test digits, and
 * what it finds can be set against what was planted: exact and noisy copies are found, shifted ones are
 * not (it finds copies, not the same digit written or framed differently). Pure; the page runs it on the
 * shipped test and fresh splits.
 */
export interface PlantedLeak {
  planted: { exact: number; noisy: number; shifted: number };
  /** Noise of the noisy copies (sigma, pixel units 0..1) and shift of the shifted ones (pixels). */
  noiseSigma: number;
  shiftPixels: number;
  /** The finder's report on (train with the planted copies) against test. */
  found: LeakageReport;
  /** The finder on the clean training set against test: what was there before planting. */
  before: LeakageReport;
}

export function plantLeak(
  train: Digits,
  test: Digits,
  options: { exact: number; noisy: number; shifted: number; seed: number; noiseSigma?: number; shiftPixels?: number },
): PlantedLeak {
  const { exact, noisy, shifted, seed } = options;
  const total = exact + noisy + shifted;
  for (const [name, n] of Object.entries({ exact, noisy, shifted }))
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`plantLeak: ${name} must be a whole number of 0 or more, got ${n}`);
  if (total > test.count) throw new RangeError(`plantLeak: ${total} copies asked for, but the test split has only ${test.count} digits`);
  const noiseSigma = options.noiseSigma ?? 0.02;
  const shiftPixels = options.shiftPixels ?? 2;
  // Distinct test digits for the three kinds, drawn by seed.
  const picked = total ? drawItems(test.count, total, subSeed(seed, 'leak')) : [];
  const exactCopies = selectDigits(test, picked.slice(0, exact));
  const noisyCopies = perturbDigits(
    selectDigits(test, picked.slice(exact, exact + noisy)),
    { kind: 'gaussian-noise', strength: noiseSigma },
    subSeed(seed, 'noise'),
  );
  const shiftedCopies = perturbDigits(
    selectDigits(test, picked.slice(exact + noisy)),
    { kind: 'shift', strength: shiftPixels },
    subSeed(seed, 'shift'),
  );
  const leaky = concatDigits(concatDigits(concatDigits(train, exactCopies), noisyCopies), shiftedCopies);
  return { planted: { exact, noisy, shifted }, noiseSigma, shiftPixels, found: findLeakage(leaky, test), before: findLeakage(train, test) };
}
