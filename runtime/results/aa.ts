import type { Comparison } from './compare.ts';
import { compareResults } from './compare.ts';
import type { ResultRecord } from './record.ts';

/**
 * A/A comparisons: the same spec run twice, the two records compared as `workbook compare` does. Nothing
 * changed between the runs, so every "significant" verdict is a false win, and the share of them is the
 * comparison's real false-positive rate on this machine. The engine's comparison calls a difference real
 * when the 95% interval of the ratio excludes 1: a nominal alpha of 0.05, which holds only when the runs'
 * samples are independent and the machine does not drift between runs (A/A runs test both).
 */
export const DEFAULT_ALPHA = 0.05;

export interface AaPair {
  ratio: number;
  ci95: [number, number];
  conclusive: boolean;
  /** Conclusive and the interval excludes 1: a false win, since A and B are the same. */
  falseWin: boolean;
  /** Why the comparison could not decide (empty when it could). */
  inconclusiveBecause: string[];
}

export interface AaSummary {
  pairs: number;
  /** Pairs whose comparison could decide (both runs valid, enough samples, intervals not degenerate). */
  conclusive: number;
  falseWins: number;
  /** falseWins / conclusive; null when no pair was conclusive. */
  rate: number | null;
  /** Wilson 95% interval of the false-win rate over the conclusive pairs; null when none. */
  rateCi95: [number, number] | null;
  /** The rate the comparison promises (0.05 for a 95% interval). */
  alpha: number;
  pairResults: AaPair[];
}

/** One A/A pair from its comparison. Throws if the records are not comparable: an A/A pair must be the same spec, parameters and seed. */
export function aaPair(c: Comparison): AaPair {
  if (!c.comparable) throw new Error(`an A/A pair must run the same spec with the same parameters and seed: ${c.reasons.join('; ')}`);
  return { ratio: c.ratio, ci95: c.ci95, conclusive: c.conclusive, falseWin: c.significant, inconclusiveBecause: c.inconclusiveBecause };
}

/** Counts the false wins of A/A pairs. */
export function summariseAa(pairs: readonly AaPair[], alpha = DEFAULT_ALPHA): AaSummary {
  const conclusive = pairs.filter((p) => p.conclusive).length;
  const falseWins = pairs.filter((p) => p.conclusive && p.falseWin).length;
  return {
    pairs: pairs.length,
    conclusive,
    falseWins,
    rate: conclusive ? falseWins / conclusive : null,
    rateCi95: conclusive ? wilsonInterval(falseWins, conclusive) : null,
    alpha,
    pairResults: [...pairs],
  };
}

/**
 * Runs `pairs` A/A pairs: `runOnce` twice per pair (the same spec, the same parameters), each pair compared
 * with the engine's comparison. Runs one after another, never at once: two runs at the same time would slow
 * each other down. `onPair` sees each pair as it lands, with its two records; `stop` ends the series after
 * the pair in progress (the summary counts the pairs done).
 */
export async function runAaPairs(
  runOnce: () => Promise<ResultRecord>,
  pairs: number,
  options: {
    compare?: (a: ResultRecord, b: ResultRecord) => Promise<Comparison> | Comparison;
    onPair?: (pair: AaPair, index: number, records: [ResultRecord, ResultRecord]) => void;
    stop?: () => boolean;
  } = {},
): Promise<AaSummary> {
  if (!Number.isInteger(pairs) || pairs < 1) throw new RangeError(`runAaPairs: pairs must be a whole number of at least 1, got ${pairs}`);
  const compare = options.compare ?? ((a: ResultRecord, b: ResultRecord) => compareResults(a, b));
  const done: AaPair[] = [];
  for (let k = 0; k < pairs && !options.stop?.(); k++) {
    const a = await runOnce();
    const b = await runOnce();
    const pair = aaPair(await compare(a, b));
    done.push(pair);
    options.onPair?.(pair, k, [a, b]);
  }
  return summariseAa(done);
}

/** Wilson score interval for k successes in n trials, 95% (z = 1.96): sensible at k = 0 and k = n, unlike the normal one. */
export function wilsonInterval(k: number, n: number, z = 1.959964): [number, number] {
  if (!(n > 0) || k < 0 || k > n) throw new RangeError(`wilsonInterval: needs 0 <= k <= n and n > 0, got k = ${k}, n = ${n}`);
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
