import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { MNIST_PIXELS, MNIST_SIDE, type Digits } from '../models/mnist.ts';

/**
 * Leakage between splits, found by hashing: an exact duplicate has the same 784 pixels (SHA-256 of
 * them). Near duplicates are found in two steps: candidates share an average hash (aHash: the digit
 * pooled to 7 x 7, each cell 1 where it is inkier than the image's mean cell, 49 bits), which many
 * different digits of the same shape share (a third of MNIST's test digits have a candidate in
 * train); a candidate is a near duplicate when sum |a - b| / (sum a + sum b) over its pixels is at
 * most NEAR_RELATIVE_DIFF (a copy with a little noise or re-scanning; relative to the ink, so a thin
 * "1" is not near every other thin "1" just because both are mostly background). Near counts include
 * the exact ones. A shift of a few pixels defeats both: this finds copies, not paraphrases.
 * Measured on the zoo's MNIST splits (test/unit/eval-robustness.test.ts): train vs test, 0 exact, 0 near,
 * 782 candidates; the test digits with Gaussian noise of sigma 0.01 / 0.02 / 0.05 against themselves,
 * 1918 / 1568 / 44 of 2000 found near (0.15 would also have called 178 different zeros "near").
 */
/** Relative pixel difference under which an aHash candidate counts as a near duplicate. */
export const NEAR_RELATIVE_DIFF = 0.05;
export interface LeakageReport {
  /** Items of `test` with an identical image in `train`. */
  exact: number;
  /** Items of `test` with a train item of the same aHash and pixels within NEAR_RELATIVE_DIFF (includes the exact ones). */
  near: number;
  /** Items of `test` whose aHash occurs in `train` at all: candidates, mostly different digits of the same shape. */
  candidates: number;
  /** Of the near ones, how many have their closest train copy under another label (a copy relabelled, or two classes alike). */
  nearWithOtherLabel: number;
  /** Up to 10 examples: [test index, train index], exact first. */
  examples: { test: number; train: number; exact: boolean }[];
  testItems: number;
  trainItems: number;
}

const POOL = 4; // 28 / 4 = 7 cells a side

export function exactHash(d: Digits, i: number): string {
  return bytesToHex(sha256(d.images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS)));
}

/** 49-bit average hash as a string of 0 and 1. */
export function averageHash(d: Digits, i: number): string {
  const img = d.images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS);
  const side = MNIST_SIDE / POOL;
  const cells = new Float64Array(side * side);
  for (let y = 0; y < MNIST_SIDE; y++)
    for (let x = 0; x < MNIST_SIDE; x++) cells[Math.floor(y / POOL) * side + Math.floor(x / POOL)]! += img[y * MNIST_SIDE + x]!;
  const mean = cells.reduce((a, b) => a + b, 0) / cells.length;
  let bits = '';
  for (const c of cells) bits += c > mean ? '1' : '0';
  return bits;
}

export function findLeakage(train: Digits, test: Digits): LeakageReport {
  const exactIndex = new Map<string, number>();
  const nearIndex = new Map<string, number[]>();
  for (let i = 0; i < train.count; i++) {
    exactIndex.set(exactHash(train, i), i);
    const h = averageHash(train, i);
    const list = nearIndex.get(h);
    if (list) list.push(i);
    else nearIndex.set(h, [i]);
  }
  let exact = 0;
  let near = 0;
  let candidates = 0;
  let nearWithOtherLabel = 0;
  const examples: LeakageReport['examples'] = [];
  for (let i = 0; i < test.count; i++) {
    const e = exactIndex.get(exactHash(test, i));
    if (e !== undefined) {
      exact++;
      if (examples.length < 10) examples.push({ test: i, train: e, exact: true });
    }
    const n = nearIndex.get(averageHash(test, i));
    if (!n) continue;
    candidates++;
    let best = -1;
    let bestDiff = Infinity;
    for (const j of n) {
      const diff = relativeDiff(test, i, train, j);
      if (diff < bestDiff) [best, bestDiff] = [j, diff];
    }
    if (bestDiff > NEAR_RELATIVE_DIFF) continue;
    near++;
    if (train.labels[best] !== test.labels[i]) nearWithOtherLabel++;
    if (e === undefined && examples.length < 10) examples.push({ test: i, train: best, exact: false });
  }
  return { exact, near, candidates, nearWithOtherLabel, examples, testItems: test.count, trainItems: train.count };
}

function relativeDiff(a: Digits, i: number, b: Digits, j: number): number {
  let diff = 0;
  let ink = 0;
  for (let k = 0; k < MNIST_PIXELS; k++) {
    const x = a.images[i * MNIST_PIXELS + k]!;
    const y = b.images[j * MNIST_PIXELS + k]!;
    diff += Math.abs(x - y);
    ink += x + y;
  }
  return ink > 0 ? diff / ink : 0;
}
