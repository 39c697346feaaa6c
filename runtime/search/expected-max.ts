/**
 * The expected best of k trials, from n trial scores already run: "expected validation performance"
 * (Dodge et al., Show Your Work, EMNLP 2019). Two estimators, both exact for the n scores given:
 *
 * - without replacement: k of the n trials drawn at random, no trial twice. With the scores sorted
 *   ascending, the i-th smallest (1-based) is the best of the k with probability C(i-1, k-1) / C(n, k);
 *   k = n gives the maximum, k = 1 the mean.
 * - with replacement (Dodge et al.'s estimator, from the empirical distribution): each of the k draws is any
 *   of the n scores; the i-th smallest is the best with probability (i/n)^k - ((i-1)/n)^k.
 *
 * Ties need no care: the formulas sum over positions in the sorted list, and tied scores add up to the same
 * value whichever of them takes which position. Pure.
 */

function sortedScores(scores: readonly number[], k: number, where: string): number[] {
  if (scores.length === 0) throw new RangeError(`${where}: no trial scores`);
  if (scores.some((s) => !Number.isFinite(s))) throw new RangeError(`${where}: a trial score is not a number`);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`${where}: k must be a whole number >= 1, got ${k}`);
  return [...scores].sort((a, b) => a - b);
}

/** E[max of k trials drawn without replacement from these n]; k at most n. */
export function expectedMaxWithoutReplacement(scores: readonly number[], k: number): number {
  const s = sortedScores(scores, k, 'expectedMaxWithoutReplacement');
  const n = s.length;
  if (k > n) throw new RangeError(`expectedMaxWithoutReplacement: k = ${k} is more than the ${n} trials run`);
  // p_i = C(i-1, k-1) / C(n, k), built up as a ratio from i = k (p_k = 1 / C(n, k)) to avoid huge binomials.
  let p = 1;
  for (let j = 0; j < k; j++) p *= (k - j) / (n - j); // 1 / C(n, k)
  let expected = 0;
  for (let i = k; i <= n; i++) {
    expected += p * s[i - 1]!;
    p *= i / (i - k + 1); // C(i, k-1) / C(i-1, k-1)
  }
  return expected;
}

/** E[max of k trials drawn with replacement] from the empirical distribution of the n scores (Dodge et al. 2019). */
export function expectedMaxWithReplacement(scores: readonly number[], k: number): number {
  const s = sortedScores(scores, k, 'expectedMaxWithReplacement');
  const n = s.length;
  let expected = 0;
  for (let i = 1; i <= n; i++) expected += s[i - 1]! * ((i / n) ** k - ((i - 1) / n) ** k);
  return expected;
}

/** The expected best for every budget 1..n (without replacement): the curve "Show your work" asks a paper to report. */
export function expectedMaxCurve(scores: readonly number[]): number[] {
  return Array.from({ length: scores.length }, (_, i) => expectedMaxWithoutReplacement(scores, i + 1));
}
