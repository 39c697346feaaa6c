import { deviation, mean, median, quantile, quantileSorted } from 'd3-array';
import { seededRandom } from '../data/random.ts';

/**
 * The percentile definition used everywhere in the engine (stated in records and lessons so a
 * learner can reproduce every number with numpy's defaults).
 */
export const percentileDefinition =
  "linear interpolation between closest ranks: numpy's default method 'linear' (Hyndman-Fan type 7), " +
  'the p-th percentile of n sorted values is at rank (n - 1) * p / 100, interpolated between its neighbours';

/** Distribution of a set of samples (milliseconds per iteration, or any unit: the stats do not care). */
export interface Statistics {
  n: number;
  min: number;
  max: number;
  mean: number;
  /** Sample standard deviation (divides by n - 1); NaN for a single sample, as numpy's std(ddof=1). */
  stdev: number;
  median: number;
  /** 25th percentile. */
  q1: number;
  /** 75th percentile. */
  q3: number;
  /** q3 - q1. */
  iqr: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  /** iqr / |median|: the spread relative to the typical value; 0 when iqr is 0, Infinity when only the median is 0. */
  relativeIqr: number;
  /** Median absolute deviation from the median, raw (not scaled by 1.4826). */
  mad: number;
  /** 95 % confidence interval of the median: percentile bootstrap, seeded, so the same seed gives the same interval. */
  ci95Median: [number, number];
  /** How the interval was drawn, so a record can reproduce it. */
  bootstrap: { seed: number; resamples: number };
  /** `percentileDefinition`, carried with the numbers so a record says how its percentiles were computed. */
  percentileDefinition: string;
  /**
   * Indexes (into the input, in input order) of outliers: |modified z-score| > 3.5, see `modifiedZScores`.
   */
  outliers: number[];
}

export interface SummarizeOptions {
  /** Seed of the bootstrap (default 0). */
  seed?: number;
  /** Bootstrap resamples (default 2000). */
  resamples?: number;
}

/** Modified z-score above which a sample is flagged as an outlier (Iglewicz and Hoaglin's recommendation). */
export const OUTLIER_Z = 3.5;

/** 1 / Phi^-1(0.75): MAD x this estimates the standard deviation of normal data (0.6745 = its inverse). */
const MAD_TO_SD = 1.4826;
/** sqrt(pi / 2): the mean absolute deviation x this estimates the standard deviation of normal data. */
const MEAN_AD_TO_SD = 1.253314;

/**
 * Modified z-scores of Iglewicz and Hoaglin (1993), (x - median) / (1.4826 MAD), i.e. 0.6745 (x - median) / MAD.
 *
 * MAD = 0 happens whenever more than half the samples tie, which a coarse timer does all the time; dividing
 * by it would make every value off the median an "outlier" (hyperfine, src/outlier_detection.rs, replaces a
 * zero MAD by f64::EPSILON and so does exactly that; it also uses a looser threshold, |x - median| / MAD >
 * 14.826, ten robust standard deviations, not 3.5). Instead, as IBM documents for its modified z-score
 * (Cognos Analytics, "Modified z score"), a zero MAD falls back to the mean absolute deviation from the
 * median: (x - median) / (1.253314 MeanAD). When that is 0 too, every sample equals the median: all scores are 0.
 */
export function modifiedZScores(samples: readonly number[], med: number, mad: number): number[] {
  if (mad > 0) return samples.map((x) => (x - med) / (MAD_TO_SD * mad));
  const meanAd = samples.reduce((s, x) => s + Math.abs(x - med), 0) / samples.length;
  if (!(meanAd > 0)) return samples.map(() => 0);
  return samples.map((x) => (x - med) / (MEAN_AD_TO_SD * meanAd));
}

/**
 * Summarizes samples: location, spread, percentiles (see `percentileDefinition`), a bootstrap confidence
 * interval of the median and the outliers. Throws on an empty array, a value that is not a finite number,
 * or bad options, naming the culprit.
 */
export function summarize(samples: readonly number[], options: SummarizeOptions = {}): Statistics {
  const sorted = sortedFinite(samples, 'summarize');
  const seed = options.seed ?? 0;
  const resamples = options.resamples ?? 2000;
  if (!Number.isFinite(seed)) throw new RangeError(`summarize: options.seed must be a finite number, got ${seed}`);
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`summarize: options.resamples must be an integer >= 1, got ${resamples}`);
  }
  const at = (p: number) => quantileOf(sorted, p);
  const med = at(0.5);
  const q1 = at(0.25);
  const q3 = at(0.75);
  const mad = median(samples, (x) => Math.abs(x - med)) as number;
  return {
    n: sorted.length,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    mean: mean(sorted) as number,
    stdev: deviation(sorted) ?? NaN,
    median: med,
    q1,
    q3,
    iqr: q3 - q1,
    p50: med,
    p90: at(0.9),
    p95: at(0.95),
    p99: at(0.99),
    relativeIqr: relative(q3 - q1, med),
    mad,
    ci95Median: bootstrapMedianCi(sorted, seed, resamples),
    bootstrap: { seed, resamples },
    percentileDefinition,
    outliers: outlierIndexes(samples, med, mad),
  };
}

/** The p-th percentile (0..100) of samples, by `percentileDefinition`. */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be between 0 and 100, got ${p}`);
  return quantileOf(sortedFinite(samples, 'percentile'), p / 100);
}

/** IQR / |median| of samples, cheap enough to call after every sample (no bootstrap). */
export function relativeIqr(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('relativeIqr: no samples');
  const q1 = quantile(samples, 0.25) as number;
  const q3 = quantile(samples, 0.75) as number;
  return relative(q3 - q1, quantile(samples, 0.5) as number);
}

/**
 * The 95 % confidence interval of the median by the same seeded percentile bootstrap as `summarize`: the
 * harness calls it to decide that the median is precise enough, and the verdict then reads the very same
 * interval from the statistics of the same samples (same seed, same resamples).
 */
export function medianCi95(samples: readonly number[], seed = 0, resamples = 2000): [number, number] {
  return bootstrapMedianCi(sortedFinite(samples, 'medianCi95'), seed, resamples);
}

/**
 * A cheap, distribution-free 95 % interval of the median from ranks (the binomial / normal approximation:
 * ranks n/2 -+ 1.96 sqrt(n)/2 of the sorted samples). The harness uses it as a gate after every sample;
 * only when it is tight enough does it pay for the bootstrap. `sorted` must be sorted ascending.
 */
export function rankMedianCi95(sorted: ArrayLike<number>): [number, number] {
  const n = sorted.length;
  if (n === 0) throw new RangeError('rankMedianCi95: no samples');
  const half = (1.96 * Math.sqrt(n)) / 2;
  const lo = Math.max(1, Math.floor(n / 2 - half));
  const hi = Math.min(n, Math.ceil(n / 2 + half + 1));
  return [sorted[lo - 1]!, sorted[hi - 1]!];
}

/**
 * Half the width of a confidence interval relative to the median: 0.01 means "median +- 1 %". 0 for a
 * zero-width interval, Infinity when the median is 0 and the interval is not.
 */
export function relativeHalfWidth(ci: readonly [number, number], location: number): number {
  const half = (ci[1] - ci[0]) / 2;
  if (half === 0) return 0;
  return half / Math.abs(location);
}

/**
 * Fewer samples than this and the median has no confidence interval worth the name: a bootstrap of a handful of
 * values mostly redraws the same few (with 1 sample its interval has zero width). No run stops as precise, and
 * no comparison concludes, on fewer. The workbook's own threshold, not a statistical law.
 */
export const MIN_SAMPLES_FOR_CI = 10;

/**
 * The median's relative precision as far as the samples can show it: the CI's relative half-width, but never
 * less than half a timer step per iteration. Samples quantised to the timer's step tie, the bootstrap then
 * redraws the same median, and a zero-width interval would claim a precision the timer never had.
 */
export function precisionOf(ci: readonly [number, number], location: number, stepPerIterationMs: number): number {
  const half = Math.max((ci[1] - ci[0]) / 2, stepPerIterationMs / 2);
  if (half === 0) return 0;
  return half / Math.abs(location);
}

/** d3's quantileSorted on a sorted, non-empty typed array (d3 reads any array-like; its typings say Array). */
function quantileOf(sorted: Float64Array, p: number): number {
  return quantileSorted(sorted as unknown as number[], p) as number;
}

function relative(spread: number, location: number): number {
  if (spread === 0) return 0;
  return spread / Math.abs(location);
}

function sortedFinite(samples: readonly number[], where: string): Float64Array {
  if (!Array.isArray(samples)) throw new TypeError(`${where}: expected an array of numbers, got ${typeof samples}`);
  if (samples.length === 0) throw new RangeError(`${where}: no samples: statistics of an empty set are undefined`);
  samples.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new RangeError(`${where}: sample ${i} is ${String(x)}, not a finite number`);
    }
  });
  return Float64Array.from(samples).sort();
}

/**
 * Percentile bootstrap: draw n indexes with replacement, take the median of the resample, repeat; the
 * interval is the 2.5th and 97.5th percentiles of those medians. Indexes are counted (counting sort) so a
 * resample is sorted in O(n): 10,000 samples x 2000 resamples stays well under a second.
 */
function bootstrapMedianCi(sorted: Float64Array, seed: number, resamples: number): [number, number] {
  const n = sorted.length;
  const random = seededRandom(seed);
  const counts = new Uint32Array(n);
  const resample = new Float64Array(n);
  const medians = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[Math.floor(random() * n)]!++;
    let k = 0;
    for (let i = 0; i < n; i++) for (let c = counts[i]!; c > 0; c--) resample[k++] = sorted[i]!;
    medians[r] = quantileOf(resample, 0.5);
  }
  medians.sort();
  return [quantileOf(medians, 0.025), quantileOf(medians, 0.975)];
}

function outlierIndexes(samples: readonly number[], med: number, mad: number): number[] {
  const out: number[] = [];
  modifiedZScores(samples, med, mad).forEach((z, i) => {
    if (Math.abs(z) > OUTLIER_Z) out.push(i);
  });
  return out;
}
