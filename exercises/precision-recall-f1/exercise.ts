import { reportFromConfusion, type ClassificationReport } from '../../runtime/eval/classification.ts';
import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: a digit classifier's confusion matrix on a few digit classes (generated and seeded;
 * one class rare, so macro and micro averages part). The learner computes precision, recall and F1 of
 * one class and the macro F1. Every expected value and every misconception comes from runtime/eval's
 * reportFromConfusion, the function the cells' evaluation uses.
 */

export interface PrfData {
  /** The digit each row and column stands for. */
  names: string[];
  /** cm[true][predicted]. */
  confusion: number[][];
  /** Index of the class parts 1-3 ask about. */
  target: number;
}

/** Two named values closer than this are too close to tell apart at three decimals: the generator draws again. */
export const MIN_GAP = 0.006;

export const reportOf = (d: PrfData): ClassificationReport => reportFromConfusion(d.confusion, d.names);

/** F1 of the macro precision and macro recall: another average some papers use, not scikit-learn's macro F1. */
export const f1OfMacros = (r: ClassificationReport) => (2 * r.macro.precision * r.macro.recall) / (r.macro.precision + r.macro.recall);

/** Every value a part checks against, right or a named mistake, per part (the generator keeps them apart). */
export function namedValues(d: PrfData) {
  const r = reportOf(d);
  const c = r.perClass[d.target]!;
  return {
    precision: { right: c.precision, swapped: c.recall, accuracy: r.accuracy },
    recall: { right: c.recall, swapped: c.precision, accuracy: r.accuracy },
    f1: { right: c.f1, arithmetic: (c.precision + c.recall) / 2, accuracy: r.accuracy, product: c.precision * c.recall },
    // micro is also the accuracy (one label per item): one value, one feedback that says both.
    macro: {
      right: r.macro.f1,
      micro: r.micro.f1,
      weighted: r.weighted.f1,
      ofMacros: f1OfMacros(r),
      targetOnly: c.f1,
      macroPrecision: r.macro.precision,
      macroRecall: r.macro.recall,
    },
  };
}

function separated(d: PrfData): boolean {
  for (const values of Object.values(namedValues(d))) {
    const list = Object.values(values);
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) if (Math.abs(list[i]! - list[j]!) <= MIN_GAP) return false;
  }
  return true;
}

function draw(r: ReturnType<typeof variantRandom>): PrfData {
  const k = r.int(3, 5);
  const names = r.sample(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], k).sort().map(String);
  const rare = r.int(0, k - 1);
  const confusion = names.map((_, t) => {
    const support = t === rare ? r.int(12, 40) : r.int(80, 260);
    const right = Math.round(support * r.uniform(0.55, 0.95));
    const row = new Array<number>(k).fill(0);
    row[t] = right;
    // The errors fall unevenly on the other classes, so each column's false positives differ.
    const weights = names.map((_, p) => (p === t ? 0 : r.uniform(0.05, 1)));
    const sum = weights.reduce((a, b) => a + b, 0);
    let left = support - right;
    for (let p = 0; p < k; p++) {
      if (p === t) continue;
      const n = Math.min(left, Math.round(((support - right) * weights[p]!) / sum));
      row[p] = n;
      left -= n;
    }
    row[t === 0 ? 1 : 0]! += left;
    return row;
  });
  return { names, confusion, target: r.int(0, k - 1) };
}

export default defineExerciseLogic<PrfData>(({ parts }) => {
  const spec = (id: string) => parts.find((p) => p.id === id)!.answer as NumberAnswerSpec;
  const percent = (x: number) => ({
    value: x * 100,
    feedback: 'That looks like a percentage: give the fraction, a number from 0 to 1.',
  });
  return {
    generate(seed) {
      const r = variantRandom(seed);
      for (;;) {
        const d = draw(r);
        if (separated(d)) return d;
      }
    },
    render({ data }) {
      const total = data.confusion.flat().reduce((a, b) => a + b, 0);
      return {
        values: { target: data.names[data.target]!, classes: data.names.length, items: total, names: data.names.join(', ') },
        tables: [
          {
            id: 'confusion',
            caption: 'Confusion matrix: rows are the true digit, columns the predicted one',
            columns: ['true \\ predicted', ...data.names],
            rows: data.confusion.map((row, t) => [data.names[t]!, ...row]),
          },
        ],
      };
    },
    async check({ data }, answers) {
      const v = namedValues(data);
      const target = data.names[data.target]!;
      const accuracy = {
        value: v.precision.accuracy,
        feedback: `That is the accuracy of the whole matrix (the diagonal over every item), not a number about digit ${target}.`,
      };
      return gradeParts(answers, {
        precision: (a) =>
          checkNumber(a, spec('precision'), v.precision.right, {
            unitSlips: false, // a fraction has no unit to slip
            misconceptions: [
              {
                value: v.precision.swapped,
                feedback: `That is the recall of digit ${target}: you divided by its row (the items that truly are ${target}). Precision asks: of the items the model *called* ${target}, how many were?`,
              },
              accuracy,
              percent(v.precision.right),
            ],
            wrong: `Precision of digit ${target}: the items rightly called ${target}, over every item the model called ${target}.`,
          }),
        recall: (a) =>
          checkNumber(a, spec('recall'), v.recall.right, {
            unitSlips: false, // a fraction has no unit to slip
            misconceptions: [
              {
                value: v.recall.swapped,
                feedback: `That is the precision of digit ${target}: you divided by its column (what the model called ${target}). Recall asks: of the items that truly are ${target}, how many did the model find?`,
              },
              accuracy,
              percent(v.recall.right),
            ],
            wrong: `Recall of digit ${target}: the items rightly called ${target}, over every item that truly is ${target}.`,
          }),
        f1: (a) =>
          checkNumber(a, spec('f1'), v.f1.right, {
            unitSlips: false, // a fraction has no unit to slip
            misconceptions: [
              {
                value: v.f1.arithmetic,
                feedback:
                  'That is the arithmetic mean of precision and recall. F1 is their harmonic mean, which stays close to the smaller of the two.',
              },
              { value: v.f1.product, feedback: 'That is precision times recall; F1 is twice that product divided by their sum.' },
              {
                ...accuracy,
                feedback: `That is the accuracy of the whole matrix; F1 is about digit ${target} alone, from its precision and recall.`,
              },
              percent(v.f1.right),
            ],
            wrong: 'F1 combines the precision and recall of this digit: 2PR / (P + R).',
          }),
        'macro-f1': (a) =>
          checkNumber(a, spec('macro-f1'), v.macro.right, {
            unitSlips: false, // a fraction has no unit to slip
            misconceptions: [
              {
                value: v.macro.micro,
                feedback:
                  'That is the micro average (pooled counts), which for one label per item equals the accuracy: every item counts the same, so the common digits drown out the rare one. Macro gives every digit the same say.',
              },
              {
                value: v.macro.weighted,
                feedback:
                  'That is the average weighted by how many items each digit has (the "weighted" average). Macro weighs every digit the same, rare or not.',
              },
              {
                value: v.macro.ofMacros,
                feedback:
                  "That is the F1 of the macro precision and the macro recall. Some papers use it, but the workbook follows scikit-learn: the macro F1 is the plain mean of each digit's own F1.",
              },
              {
                value: v.macro.macroPrecision,
                feedback:
                  "That is the macro precision (the plain mean of each digit's precision). The macro F1 is the plain mean of each digit's own F1, from its precision and recall.",
              },
              {
                value: v.macro.macroRecall,
                feedback:
                  "That is the macro recall (the plain mean of each digit's recall). The macro F1 is the plain mean of each digit's own F1, from its precision and recall.",
              },
              {
                value: v.macro.targetOnly,
                feedback: `That is the F1 of digit ${target} alone; the macro F1 averages over every digit in the matrix.`,
              },
              percent(v.macro.right),
            ],
            wrong: 'Compute the F1 of every digit in the matrix, then take their plain mean.',
          }),
      });
    },
  };
});
