import { median, quantileSorted } from 'd3-array';
import { seededRandom } from '../data/random.ts';
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
  const random = seededRandom(seed);
  // Without a missing value the median of a resample is found by counting ranks (fast, and exactly d3's
  // median: the same order statistics, the same formula); otherwise d3's median, which skips them.
  const clean = (xs: number[]) => xs.every((x) => typeof x === 'number' && !Number.isNaN(x));
  const fast = clean(a) && clean(b) && a.length > 1 && b.length > 1;
  const drawB = fast ? rankMedian(b, random) : slowMedian(b, random);
  const drawA = fast ? rankMedian(a, random) : slowMedian(a, random);
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

/**
 * The median of one resample of `xs` (n >= 2, no NaN): draw n indices, count how often each rank of the
 * sorted samples was drawn, and walk the counts to the middle; d3's median (i0 = floor((n - 1) / 2),
 * v0 + (v1 - v0) * ((n - 1) / 2 - i0)) from the same two order statistics, so the value is bit for bit
 * the same. O(n) per resample, no sort, no allocation.
 */
function rankMedian(xs: number[], random: () => number): () => number {
  const n = xs.length;
  const order = Array.from(xs.keys()).sort((i, j) => xs[i]! - xs[j]! || i - j);
  const sorted = Float64Array.from(order, (i) => xs[i]!);
  const rankOf = new Uint32Array(n);
  order.forEach((i, r) => {
    rankOf[i] = r;
  });
  const counts = new Uint32Array(n);
  const half = (n - 1) * 0.5;
  const i0 = Math.floor(half);
  return () => {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[rankOf[Math.floor(random() * n)]!]! += 1;
    let seen = 0;
    let r = 0;
    while (seen + counts[r]! <= i0) seen += counts[r++]!;
    const v0 = sorted[r]!;
    // The next order statistic: the same rank if it was drawn again, else the next rank drawn.
    let r1 = r;
    if (seen + counts[r]! <= i0 + 1) for (r1 = r + 1; counts[r1] === 0; r1++);
    const v1 = sorted[r1]!;
    return v0 + (v1 - v0) * (half - i0);
  };
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
