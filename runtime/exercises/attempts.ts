/**
 * The attempt policy, the same in the page and in the grader (after PrairieLearn's variants, whose
 * value decays per attempt): attempts are unlimited, but each counted attempt on the SAME variant is
 * worth less than the one before, so ticking everything and reading the feedback, then answering again,
 * cannot earn full marks. A new variant (new numbers, new answers) starts again at full value; the
 * exercise's grade is the best credited attempt. Format errors cost no attempt (check.ts countsAsAttempt).
 */
export const ATTEMPT_POLICY = {
  /** Value of the first counted attempt on a variant. */
  first: 1,
  /** Lost with each further counted attempt on the same variant. */
  decayPerAttempt: 0.25,
  /** Never below this share, so a learner who keeps going still gets something. */
  floor: 0.25,
  /** No limit on attempts: practice is free, only its credit decays. */
  limit: undefined as number | undefined,
} as const;

/** The share of its score attempt number `n` (1 = first counted attempt on its variant) is worth. */
export function attemptValue(n: number, policy = ATTEMPT_POLICY): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`attemptValue: the attempt number must be a whole number from 1, got ${n}`);
  return Math.max(policy.floor, policy.first - policy.decayPerAttempt * (n - 1));
}

/** The attempts as a grader reads them: seed and score, oldest first. */
export interface ScoredAttempt {
  seed: number;
  score: number;
}

/** Each attempt's credited score (score x its value on its variant), in the same order. */
export function creditedScores(attempts: readonly ScoredAttempt[], policy = ATTEMPT_POLICY): number[] {
  const counts = new Map<number, number>();
  return attempts.map((a) => {
    const n = (counts.get(a.seed) ?? 0) + 1;
    counts.set(a.seed, n);
    return a.score * attemptValue(n, policy);
  });
}

/** The exercise's grade: the best credited attempt (0 without attempts). */
export function creditedBest(attempts: readonly ScoredAttempt[], policy = ATTEMPT_POLICY): number {
  return Math.max(0, ...creditedScores(attempts, policy));
}
