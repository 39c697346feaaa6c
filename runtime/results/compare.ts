import { median, quantileSorted } from 'd3-array';
import { LCG_EPS, lcgStart, lcgStep, seededRandom } from '../data/random.ts';
import { formatDuration, formatRatio } from '../format/index.ts';
import { MIN_SAMPLES_FOR_CI } from '../measure/stats.ts';
import type { ResultRecord } from './record.ts';
import { environmentDifferences } from './environment.ts';

export interface Comparison {
  /** Same spec (hash) and same parameter values: the two runs measured the same thing. */
  comparable: boolean;
  /** Why not comparable, in words. */
  reasons: string[];
  /**
   * Environment fields that differ (`target`, `host.cpu`, `target.adapter.vendor`...): why the numbers may differ.
   * From environmentDifferences, as the results wall lists them: key fields first, then the rest alphabetically.
   */
  differences: { field: string; a: string; b: string }[];
  /** Median per-iteration time of A and B (ms), B/A, and a 95% bootstrap CI of B/A. */
  medianA: number;
  medianB: number;
  ratio: number;
  ci95: [number, number];
  /**
   * Whether these two runs can decide anything: false when a run is INVALID, has fewer than
   * MIN_SAMPLES_TO_COMPARE samples, or an interval is degenerate (zero width, or not a number).
   */
  conclusive: boolean;
  /** Why the comparison is inconclusive, in words; empty when conclusive. */
  inconclusiveBecause: string[];
  /** Conclusive, and the CI of the ratio excludes 1: the difference is larger than run-to-run noise. */
  significant: boolean;
  /** The whole verdict in sentences a learner understands. */
  summary: string;
}

/** Fewer samples than this in either run and a comparison says "inconclusive" (stats.ts MIN_SAMPLES_FOR_CI). */
export const MIN_SAMPLES_TO_COMPARE = MIN_SAMPLES_FOR_CI;

/** Why two runs cannot say which is faster (empty when they can): INVALID runs, too few samples, degenerate intervals. */
export function inconclusiveReasons(a: ResultRecord, b: ResultRecord, ci95?: readonly [number, number]): string[] {
  const why: string[] = [];
  for (const [name, r] of [
    ['A', a],
    ['B', b],
  ] as const) {
    if (!r.validity.valid) why.push(`run ${name} is INVALID (${r.validity.reasons[0] ?? 'a rule of its spec was broken'})`);
    const n = r.samples.perIteration.length;
    if (n < MIN_SAMPLES_TO_COMPARE)
      why.push(`run ${name} has only ${n} sample${n === 1 ? '' : 's'}; a comparison needs at least ${MIN_SAMPLES_TO_COMPARE} in each run`);
    const [lo, hi] = r.statistics.ci95Median;
    if (n > 1 && lo === hi) {
      why.push(
        `run ${name}'s median has a confidence interval of zero width (its samples tie: the timer is too coarse to see their spread), so its noise cannot be estimated`,
      );
    }
    if (!(r.statistics.median > 0)) why.push(`run ${name}'s median time is ${r.statistics.median}, so no ratio can be formed`);
  }
  if (ci95 && why.length === 0) {
    if (!ci95.every(Number.isFinite)) why.push('the interval of the ratio is not a number');
    else if (ci95[0] === ci95[1]) why.push('the interval of the ratio has zero width (the samples tie), so it cannot show noise');
  }
  return why;
}

/** Compares two result records: comparability first, then whether the medians really differ. */
export function compareResults(a: ResultRecord, b: ResultRecord, options: { seed?: number; resamples?: number } = {}): Comparison {
  const reasons: string[] = [];
  if (a.spec.hash !== b.spec.hash) {
    reasons.push(
      a.spec.id === b.spec.id
        ? `the spec "${a.spec.id}" was changed between the runs (its hash differs)`
        : `they run different specs ("${a.spec.id}" and "${b.spec.id}")`,
    );
  }
  for (const key of new Set([...Object.keys(a.parameters), ...Object.keys(b.parameters)])) {
    if (a.parameters[key] !== b.parameters[key])
      reasons.push(`parameter ${key} differs (${String(a.parameters[key])} vs ${String(b.parameters[key])})`);
  }
  if (a.seed !== b.seed) reasons.push(`the input seed differs (${a.seed} vs ${b.seed})`);
  const differences = environmentDifferences([a, b]).map(({ field, values: [va, vb] }) => ({ field, a: va!, b: vb! }));

  const medianA = median(a.samples.perIteration)!;
  const medianB = median(b.samples.perIteration)!;
  const ratio = medianB / medianA;
  const ci95 = bootstrapRatioCi(a.samples.perIteration, b.samples.perIteration, options.seed ?? 1, options.resamples ?? 2000);
  const inconclusiveBecause = inconclusiveReasons(a, b, ci95);
  const conclusive = inconclusiveBecause.length === 0;
  const significant = conclusive && (ci95[0] > 1 || ci95[1] < 1);
  return {
    comparable: reasons.length === 0,
    reasons,
    differences,
    medianA,
    medianB,
    ratio,
    ci95,
    conclusive,
    inconclusiveBecause,
    significant,
    summary: summarizeComparison(reasons, differences, medianA, medianB, ratio, ci95, significant, inconclusiveBecause),
  };
}

/** Percentile bootstrap of median(B)/median(A), resampling each run's samples independently. */
export function bootstrapRatioCi(a: number[], b: number[], seed: number, resamples: number): [number, number] {
  const ratios = bootstrapRatios(a, b, seed, resamples);
  return [quantileSorted(ratios, 0.025)!, quantileSorted(ratios, 0.975)!];
}

/** The resampled ratios median(B*)/median(A*) behind bootstrapRatioCi, sorted: what its interval is read from. */
export function bootstrapRatios(a: number[], b: number[], seed: number, resamples: number): number[] {
  // Without a missing value the median of a resample is found by counting ranks (fast, and exactly d3's
  // median: the same order statistics, the same formula); otherwise d3's median, which skips them.
  const clean = (xs: number[]) => xs.every((x) => typeof x === 'number' && !Number.isNaN(x));
  if (clean(a) && clean(b) && a.length > 1 && b.length > 1) return rankBootstrap(a, b, seed, resamples);
  const random = seededRandom(seed);
  const drawB = slowMedian(b, random);
  const drawA = slowMedian(a, random);
  const ratios = new Array<number>(resamples);
  for (let k = 0; k < resamples; k++) ratios[k] = drawB() / drawA(); // B's resample first, as always: the same random stream
  return ratios.sort((x, y) => x - y);
}

function slowMedian(xs: number[], random: () => number): () => number {
  const out = new Array<number>(xs.length);
  return () => {
    for (let i = 0; i < xs.length; i++) out[i] = xs[Math.floor(random() * xs.length)]!;
    return median(out)!;
  };
}

/** One run's samples in rank order, for rankBootstrap's resampled medians. */
interface Ranked {
  n: number;
  sorted: Float64Array;
  /** rankOf[i]: the rank of sample i (ties broken by index, so every rank is drawn from one sample). */
  rankOf: Int32Array;
  /** How often each rank was drawn in the current resample (one spare zero past the end). */
  counts: Int32Array;
  i0: number;
  frac: number;
}

function ranked(xs: number[]): Ranked {
  const n = xs.length;
  const order = Array.from(xs.keys()).sort((i, j) => xs[i]! - xs[j]! || i - j);
  const rankOf = new Int32Array(n);
  order.forEach((i, r) => {
    rankOf[i] = r;
  });
  const half = (n - 1) * 0.5;
  const i0 = Math.floor(half);
  return { n, sorted: Float64Array.from(order, (i) => xs[i]!), rankOf, counts: new Int32Array(n + 1), i0, frac: half - i0 };
}

/**
 * The bootstrap of the ratio of medians with d3's generator inlined (the same stream as seededRandom,
 * B's resample first): each resample's median by counting ranks: draw n indices, count how often each
 * rank of the sorted samples was drawn, and walk the counts to the middle; d3's median
 * (i0 = floor((n - 1) / 2), v0 + (v1 - v0) * ((n - 1) / 2 - i0)) from the same two order statistics, so
 * every ratio is bit for bit the one the plain bootstrap gives. O(n) per resample, no sort, no allocation.
 */
function rankBootstrap(a: number[], b: number[], seed: number, resamples: number): number[] {
  const sides = [ranked(b), ranked(a)]; // B's resample first, as always: the same random stream
  let state = lcgStart(seed);
  const ratios = new Float64Array(resamples);
  let plain = true;
  let medianB = 0;
  // One loop, no closure: the generator's state stays in a register (a quarter of a million draws per call).
  for (let k = 0; k < resamples; k++) {
    for (let side = 0; side < 2; side++) {
      const { n, rankOf, counts, sorted, i0, frac } = sides[side]!;
      counts.fill(0);
      for (let i = 0; i < n; i++) {
        state = lcgStep(state);
        // Math.floor(random() * n) of seededRandom, with random() = LCG_EPS * (state >>> 0): the same product (in [0, n), so | 0 floors it).
        counts[rankOf[(LCG_EPS * (state >>> 0) * n) | 0]!]! += 1;
      }
      let seen = 0;
      let r = 0;
      while (seen + counts[r]! <= i0) seen += counts[r++]!;
      const v0 = sorted[r]!;
      // The next order statistic: the same rank if it was drawn again, else the next rank drawn.
      let r1 = r;
      if (seen + counts[r]! <= i0 + 1) for (r1 = r + 1; counts[r1] === 0; r1++);
      const m = v0 + (sorted[r1]! - v0) * frac;
      if (side === 0) medianB = m;
      else {
        const ratio = medianB / m;
        ratios[k] = ratio;
        if (!(ratio > 0)) plain = false;
      }
    }
  }
  // A typed array sorts numerically, as the comparator sort does, except NaN and -0 against 0: those keep the comparator.
  return plain ? Array.from(ratios.sort()) : Array.from(ratios).sort((x, y) => x - y);
}

function summarizeComparison(
  reasons: string[],
  differences: Comparison['differences'],
  ma: number,
  mb: number,
  ratio: number,
  ci: [number, number],
  significant: boolean,
  inconclusive: string[],
): string {
  const parts: string[] = [];
  parts.push(
    reasons.length === 0
      ? 'The two results are comparable: same spec, same parameters, same inputs.'
      : `The two results are NOT comparable: ${reasons.join('; ')}. Any difference below mixes the change you made with what the runs measured.`,
  );
  const faster = ratio < 1 ? 'faster' : 'slower';
  const factor = ratio < 1 ? 1 / ratio : ratio;
  // How much faster or slower, as an interval: a point estimate from a wide interval is not a finding.
  const range: readonly [number, number] = ratio < 1 ? [1 / ci[1], 1 / ci[0]] : ci;
  parts.push(
    `Median time per iteration: A ${formatDuration(ma)}, B ${formatDuration(mb)}; B takes ${formatRatio(ratio)} the time of A (95% CI ${formatRatio(ci[0])} to ${formatRatio(ci[1])}).`,
  );
  parts.push(
    inconclusive.length
      ? `Inconclusive: ${inconclusive.join('; ')}. These runs cannot say whether one is faster than the other.`
      : significant
        ? `The interval does not include 1x, so B is ${faster} than A, by ${formatRatio(range[0])} to ${formatRatio(range[1])} (95% CI; the medians differ by ${formatRatio(factor)}): the difference is larger than the run-to-run noise.`
        : 'The interval includes 1x: the difference is within the run-to-run noise, so these runs do not show that one is faster.',
  );
  if (differences.length) {
    parts.push(
      `What differs between the machines or setups: ${differences
        .slice(0, 8)
        .map((d) => `${d.field} (${d.a} vs ${d.b})`)
        .join('; ')}${differences.length > 8 ? `; and ${differences.length - 8} more` : ''}.`,
    );
  }
  return parts.join(' ');
}
