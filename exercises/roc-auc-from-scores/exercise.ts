import { confusionMatrix, reportFromConfusion, rocAucOvr } from '../../runtime/eval/classification.ts';
import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: a one-digit detector's scores on a dozen test images with their true labels (generated
 * and seeded, on a 0.05 grid so that ties happen, at least one between a positive and a negative). The
 * learner computes ROC-AUC (ties count a half) and one point of the threshold sweep: the true and false
 * positive rates when every score at or above a threshold is called positive. Expected values come from
 * runtime/eval (rocAucOvr, confusionMatrix, reportFromConfusion), as the cells' evaluation computes them.
 */

export interface RocData {
  digit: string;
  scores: number[];
  /** 1 positive (the digit), 0 negative. */
  labels: number[];
  /** Called positive when score >= threshold (scikit-learn's roc_curve convention); a tied score. */
  threshold: number;
}

export const MIN_GAP = 0.006;
const SLACK = 0.25;

const scored = (d: RocData) => ({
  classes: 2,
  labels: d.labels,
  probabilities: d.scores.flatMap((s) => [1 - s, s]),
});

/** ROC-AUC of the positive class, from the engine (Mann-Whitney, ties a half, as scikit-learn). */
export const aucOf = (d: RocData) => rocAucOvr(scored(d)).perClass[1]!;

/** TPR and FPR when `called(score)` decides positive, from the engine's confusion matrix. */
export function ratesAt(d: RocData, called: (s: number) => boolean) {
  const predicted = d.scores.map((s) => (called(s) ? 1 : 0));
  const r = reportFromConfusion(confusionMatrix(d.labels, predicted, 2));
  const cm = r.confusion;
  return {
    tpr: r.perClass[1]!.recall,
    fpr: 1 - r.perClass[0]!.recall,
    precision: r.perClass[1]!.precision,
    accuracy: r.accuracy,
    fpOverAll: cm[0]![1]! / d.labels.length,
  };
}

/** Pairs of (positive, negative): those the positive wins, and those tied. */
export function pairCounts(d: RocData) {
  let wins = 0;
  let ties = 0;
  let pairs = 0;
  d.labels.forEach((y, i) => {
    if (y !== 1) return;
    d.labels.forEach((z, j) => {
      if (z !== 0) return;
      pairs++;
      if (d.scores[i]! > d.scores[j]!) wins++;
      else if (d.scores[i] === d.scores[j]) ties++;
    });
  });
  return { wins, ties, pairs };
}

/**
 * AUC from ordinal ranks (1..n in sorted order, ties not averaged), ties broken by table order in either
 * direction: the Mann-Whitney U of a rank sum whose tied ranks were not averaged.
 */
export function ordinalAuc(d: RocData, tiedPositiveFirst: boolean) {
  const order = d.scores.map((s, i) => ({ s, i })).sort((a, b) => a.s - b.s || (tiedPositiveFirst ? b.i - a.i : a.i - b.i));
  let rankSum = 0;
  order.forEach(({ i }, k) => {
    if (d.labels[i] === 1) rankSum += k + 1;
  });
  const pos = d.labels.filter((y) => y === 1).length;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * (d.labels.length - pos));
}

export function namedValues(d: RocData) {
  const { wins, ties, pairs } = pairCounts(d);
  const auc = aucOf(d);
  const at = ratesAt(d, (s) => s >= d.threshold);
  const above = ratesAt(d, (s) => s > d.threshold);
  return {
    auc: {
      right: auc,
      tiesWon: (wins + ties) / pairs,
      tiesLost: wins / pairs,
      ordinal: ordinalAuc(d, false),
      ordinalReversed: ordinalAuc(d, true),
      flipped: 1 - auc,
      accuracy: at.accuracy,
      chance: 0.5,
    },
    tpr: { right: at.tpr, strict: above.tpr, swapped: at.fpr, precision: at.precision },
    fpr: { right: at.fpr, strict: above.fpr, swapped: at.tpr, overAll: at.fpOverAll, specificity: 1 - at.fpr, discovery: 1 - at.precision },
  };
}

/**
 * Named values that may coincide: ordinal ranks in either table order (one feedback) may equal each other,
 * ties-as-wins or ties-as-losses, and then that feedback (checked first) is what happened. Every other
 * pair, the right answer included, stays more than MIN_GAP apart.
 */
const MAY_COINCIDE = new Set([
  'ordinal|ordinalReversed',
  'tiesWon|ordinal',
  'tiesWon|ordinalReversed',
  'tiesLost|ordinal',
  'tiesLost|ordinalReversed',
]);

function separated(d: RocData): boolean {
  const v = namedValues(d);
  if (v.auc.right < 0.6) return false;
  // The rates are not at an end, where a constant (1, 0) would be right.
  if (v.tpr.right >= 1 || v.fpr.right <= 0 || v.fpr.right >= 1) return false;
  for (const values of Object.values(v)) {
    const list = Object.entries(values);
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [a, x] = list[i]!;
        const [b, y] = list[j]!;
        if (MAY_COINCIDE.has(`${a}|${b}`)) continue;
        if (Math.abs(x - y) <= MIN_GAP) return false;
      }
  }
  return true;
}

const grid = (x: number) => round(Math.min(0.95, Math.max(0.05, Math.round(x * 20) / 20)), 2);

/** A grid score from N(mean, 0.2) on the side of the threshold asked for (0.05..t-0.05, or t+0.05..0.95). */
function scoreOn(r: ReturnType<typeof variantRandom>, mean: number, t: number, above: boolean): number {
  for (let k = 0; k < 20; k++) {
    const s = grid(r.normal(mean, 0.2));
    if (above ? s > t : s < t) return s;
  }
  return above ? grid(t + 0.05 * r.int(1, Math.round((0.95 - t) * 20))) : grid(t - 0.05 * r.int(1, Math.round((t - 0.05) * 20)));
}

function draw(r: ReturnType<typeof variantRandom>): RocData {
  const pos = r.int(5, 9);
  const neg = r.int(5, 9);
  // The threshold and how many of each class score at or above it are drawn first, so the rates there
  // spread over k/n (a threshold picked among the tied scores sat below every positive on half the
  // variants, and TPR = 1 was right). A positive and a negative score exactly the threshold, so that
  // ">=" against ">" matters; neither rate is 0 or 1.
  const threshold = r.pick([0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65]);
  // The point (FPR, TPR) lies above the diagonal, as a detector better than chance gives.
  // Even over the counts, but the point (FPR, TPR) not far below the diagonal (a detector better than
  // chance): the largest share any one rate takes is under 10% of variants (test/unit/exercise-attacks-roc-auc).
  let posAbove: number;
  let negAbove: number;
  do {
    posAbove = r.int(1, pos - 1);
    negAbove = r.int(1, neg - 1);
  } while (posAbove / pos + SLACK <= negAbove / neg);
  // Positives above the threshold score high and negatives below it low; the others sit near it (so the
  // detector stays better than chance whatever the counts, and ties near the threshold are common).
  const side = (y: number, n: number, above: number) =>
    Array.from({ length: n }, (_, i) => {
      const up = i < above;
      const mean = y === 1 ? (up ? 0.8 : threshold - 0.1) : up ? threshold + 0.1 : 0.25;
      return { y, s: i === 0 ? threshold : scoreOn(r, mean, threshold, up) };
    });
  const items = [...side(1, pos, posAbove), ...side(0, neg, negAbove)];
  // Table order: shuffled; separated() then keeps ordinal ranks in table order (ties not averaged) off the right AUC.
  const shuffled = r.shuffle(items);
  return { digit: String(r.int(0, 9)), scores: shuffled.map((a) => a.s), labels: shuffled.map((a) => a.y), threshold };
}

export default defineExerciseLogic<RocData>(({ parts }) => {
  const spec = (id: string) => parts.find((p) => p.id === id)!.answer as NumberAnswerSpec;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      for (;;) {
        const d = draw(r);
        if (separated(d)) return d;
      }
    },
    render({ data }) {
      const pos = data.labels.filter((y) => y === 1).length;
      return {
        values: {
          digit: data.digit,
          items: data.labels.length,
          positives: pos,
          negatives: data.labels.length - pos,
          threshold: data.threshold.toFixed(2),
        },
        tables: [
          {
            id: 'scores',
            caption: `Each test image: the detector's score and whether it truly shows the digit ${data.digit}`,
            columns: ['image', 'score', `truly the digit ${data.digit}?`],
            rows: data.scores.map((s, i) => [i + 1, s.toFixed(2), data.labels[i] === 1 ? 'yes (positive)' : 'no (negative)']),
          },
        ],
      };
    },
    async check({ data }, answers) {
      const v = namedValues(data);
      const t = data.threshold.toFixed(2);
      return gradeParts(answers, {
        auc: (a) =>
          checkNumber(a, spec('auc'), v.auc.right, {
            unitSlips: false, // a fraction has no unit to slip
            misconceptions: [
              {
                value: v.auc.tiesWon,
                feedback:
                  'That counts every tied pair as a win for the positive. A tie is a coin toss: the ranking cannot tell the two apart, so it counts a half.',
              },
              {
                value: v.auc.tiesLost,
                feedback: 'That counts only the pairs the positive wins outright, so every tie counts as a loss. A tie counts a half.',
              },
              ...[v.auc.ordinal, v.auc.ordinalReversed].map((value) => ({
                value,
                feedback:
                  'That ranks tied scores one after the other (ranks 1, 2, 3, … in sorted order), so the order the table lists them in decides each tie. Tied scores share one rank, the average of the places they take: a tie counts a half.',
              })),
              {
                value: v.auc.flipped,
                feedback:
                  'That is the share of pairs where the *negative* scores higher: the ranking turned upside down. Count the pairs where the positive is above.',
              },
              {
                value: v.auc.accuracy,
                feedback: `That is the accuracy at the threshold ${t}. ROC-AUC does not pick a threshold: it compares every positive with every negative.`,
              },
              {
                value: v.auc.chance,
                feedback:
                  "0.5 is what scores that rank at random get. These scores are not random: count how the positives' scores compare with the negatives'.",
              },
            ],
            wrong: 'Compare every positive with every negative: the share of pairs where the positive scores higher, a tie counting a half.',
          }),
        tpr: (a) =>
          checkNumber(a, spec('tpr'), v.tpr.right, {
            unitSlips: false, // a fraction has no unit to slip
            misconceptions: [
              {
                value: v.tpr.strict,
                feedback: `That leaves out the positives whose score is exactly ${t}. At a threshold, a score equal to it counts as called positive (score ≥ threshold).`,
              },
              {
                value: v.tpr.swapped,
                feedback: 'That is the false positive rate: it is about the negatives. The true positive rate is about the positives.',
              },
              {
                value: v.tpr.precision,
                feedback:
                  'That is the precision at this threshold (divided by everything called positive). The true positive rate divides by the positives.',
              },
            ],
            wrong: `Of the ${data.labels.filter((y) => y === 1).length} positives, which share has a score at or above the threshold?`,
          }),
        fpr: (a) =>
          checkNumber(a, spec('fpr'), v.fpr.right, {
            unitSlips: false, // a fraction has no unit to slip
            misconceptions: [
              {
                value: v.fpr.strict,
                feedback: `That leaves out the negatives whose score is exactly ${t}. A score equal to the threshold is called positive too.`,
              },
              {
                value: v.fpr.swapped,
                feedback: 'That is the true positive rate: it is about the positives. The false positive rate is about the negatives.',
              },
              {
                value: v.fpr.overAll,
                feedback: 'That divides the false positives by every image. The false positive rate divides by the negatives only.',
              },
              {
                value: v.fpr.discovery,
                feedback:
                  'That divides the false positives by everything called positive (the false discovery rate, 1 - precision). The false positive rate divides by the negatives.',
              },
              {
                value: v.fpr.specificity,
                feedback:
                  'That is the share of negatives rightly left out (the specificity); the false positive rate is the share wrongly called positive.',
              },
            ],
            wrong: `Of the ${data.labels.filter((y) => y === 0).length} negatives, which share has a score at or above the threshold?`,
          }),
      });
    },
  };
});
