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

export function namedValues(d: RocData) {
  const { wins, ties, pairs } = pairCounts(d);
  const auc = aucOf(d);
  const at = ratesAt(d, (s) => s >= d.threshold);
  const above = ratesAt(d, (s) => s > d.threshold);
  return {
    auc: { right: auc, tiesWon: (wins + ties) / pairs, tiesLost: wins / pairs, flipped: 1 - auc, accuracy: at.accuracy, chance: 0.5 },
    tpr: { right: at.tpr, strict: above.tpr, swapped: at.fpr, precision: at.precision },
    fpr: { right: at.fpr, strict: above.fpr, swapped: at.tpr, overAll: at.fpOverAll, specificity: 1 - at.fpr },
  };
}

function separated(d: RocData): boolean {
  const v = namedValues(d);
  if (v.auc.right < 0.6) return false;
  for (const values of Object.values(v)) {
    const list = Object.values(values);
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) if (Math.abs(list[i]! - list[j]!) <= MIN_GAP) return false;
  }
  return true;
}

const grid = (x: number) => round(Math.min(0.95, Math.max(0.05, Math.round(x * 20) / 20)), 2);

function draw(r: ReturnType<typeof variantRandom>): RocData {
  const pos = r.int(4, 7);
  const neg = r.int(4, 7);
  const items = [
    ...Array.from({ length: pos }, () => ({ y: 1, s: grid(r.normal(0.66, 0.2)) })),
    ...Array.from({ length: neg }, () => ({ y: 0, s: grid(r.normal(0.38, 0.2)) })),
  ];
  // At least one positive tied with a negative, so that how ties count matters.
  const p = items[r.int(0, pos - 1)]!;
  p.s = items[pos + r.int(0, neg - 1)]!.s;
  const shuffled = r.shuffle(items);
  const tied = [...new Set(shuffled.filter((a) => a.y === 1 && shuffled.some((b) => b.y === 0 && b.s === a.s)).map((a) => a.s))].sort(
    (a, b) => a - b,
  );
  return { digit: String(r.int(0, 9)), scores: shuffled.map((a) => a.s), labels: shuffled.map((a) => a.y), threshold: r.pick(tied) };
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
