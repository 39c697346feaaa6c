import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { Answer, NumberAnswerSpec, PartResult } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: exact duplicates between a training and a test split, by content hash, as the engine's
 * leakage finder counts them (test items with an identical item in training). The variant plants the traps:
 * a leaked test item copied three times into training, one or two test items that copy a leaked test item
 * (both leaked), and one or two pairs of identical test items that are not in training at all. The leaked
 * count runs from 4 to 28.
 */

export interface CountLeakedData {
  test: string[];
  train: string[];
}

const hex = (r: ReturnType<typeof variantRandom>) => Array.from({ length: 8 }, () => '0123456789abcdef'[r.int(0, 15)]).join('');

/** The right counts and the named wrong ones. */
export function counts(d: CountLeakedData) {
  const train = new Set(d.train);
  const leakedItems = d.test.filter((h) => train.has(h));
  const occurrences = d.train.filter((h) => d.test.includes(h)).length;
  const distinct = new Set(leakedItems).size;
  const dupWithinTest = d.test.filter((h, i) => d.test.indexOf(h) !== i || d.test.lastIndexOf(h) !== i).length;
  return {
    leaked: leakedItems.length,
    occurrences,
    distinct,
    withTestDuplicates: new Set([
      ...leakedItems.map((h) => d.test.indexOf(h)),
      ...d.test.flatMap((h, i) => (d.test.indexOf(h) !== d.test.lastIndexOf(h) ? [i] : [])),
    ]).size,
    dupWithinTest,
  };
}

/** A share written as a percentage (the right one, to the nearest whole percent or finer) is named as such. */
function asPercent(answer: Answer, share: number, result: PartResult): PartResult {
  const x = typeof answer === 'string' ? Number.parseFloat(answer) : Number.NaN;
  if (result.score > 0 || !(x > 1 && x <= 100) || Math.abs(x - 100 * share) > 0.5) return result;
  return { ...result, feedback: 'That looks like a percentage. Give the share as a fraction from 0 to 1 (a quarter is 0.25, not 25).' };
}

export default defineExerciseLogic<CountLeakedData>(({ parts }) => {
  const spec = (id: string) => parts.find((p) => p.id === id)!.answer as NumberAnswerSpec;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      for (let attempt = 0; attempt < 100; attempt++) {
        // The leaked count is drawn first, from 4 to 28, so that no count is the one to bet on; the test set
        // is sized around it. Found only by going through the tables.
        const leakedCount = r.int(4, 28);
        const twins = r.int(1, 2); // test items that copy a leaked test item: leaked too
        const pairs = r.int(1, 2); // pairs of identical test items absent from training: not leaked
        const nTest = r.int(Math.max(30, leakedCount + 2 * pairs + 10), 52);
        const nTrain = r.int(50, 80);
        const fresh = () => hex(r);
        const test = Array.from({ length: nTest }, fresh);
        const train = Array.from({ length: nTrain }, fresh);
        // Leaked test hashes copied into training; the first one three times.
        const leaked = r.sample([...test.keys()], leakedCount - twins);
        const slots = r.sample([...train.keys()], leaked.length + 2);
        leaked.forEach((t, k) => {
          train[slots[k]!] = test[t]!;
        });
        train[slots.at(-1)!] = test[leaked[0]!]!;
        train[slots.at(-2)!] = test[leaked[0]!]!;
        // Identical test items, both leaked: later test items copy leaked ones; and pairs of identical test
        // items that are not in training.
        const others = r.sample(
          [...test.keys()].filter((i) => !leaked.includes(i)),
          twins + 2 * pairs,
        );
        for (let k = 0; k < twins; k++) test[others[k]!] = test[leaked[1 + k]!]!;
        for (let k = 0; k < pairs; k++) test[others[twins + 2 * k + 1]!] = test[others[twins + 2 * k]!]!;
        const d = { test, train };
        const c = counts(d);
        const values = [c.occurrences, c.distinct, c.withTestDuplicates, c.leaked + c.dupWithinTest];
        // Every named share apart from the right one and from each other, by more than the tolerance.
        const shares = [c.leaked / nTest, c.leaked / nTrain, c.occurrences / nTest, c.distinct / nTest];
        const apart = shares.every((x, i) => shares.every((y, j) => i === j || Math.abs(x - y) > 0.005));
        if (c.leaked === leakedCount && apart && values.every((v) => v !== c.leaked) && new Set(d.test).size === d.test.length - twins - pairs)
          return d;
      }
      throw new Error(`count-leaked-items: no variant for seed ${seed}`);
    },
    render({ data }) {
      return {
        values: { 'test-count': data.test.length, 'train-count': data.train.length },
        tables: [
          {
            id: 'test',
            caption: 'Test split: item and content hash (generated)',
            columns: ['test item', 'hash'],
            rows: data.test.map((h, i) => [i + 1, h]),
          },
          {
            id: 'train',
            caption: 'Training split: item and content hash (generated)',
            columns: ['training item', 'hash'],
            rows: data.train.map((h, i) => [i + 1, h]),
          },
        ],
      };
    },
    async check({ data }, answers) {
      const c = counts(data);
      const n = data.test.length;
      return gradeParts(answers, {
        leaked: (a) =>
          checkNumber(a, spec('leaked'), c.leaked, {
            unitSlips: false,
            misconceptions: [
              {
                value: c.occurrences,
                feedback: 'That counts copies in the training split. The question counts test items: a test item copied twice is one leaked item.',
              },
              {
                value: c.distinct,
                feedback: 'That counts distinct contents. Two test items with the same content are two test items, and both are leaked.',
              },
              {
                value: c.withTestDuplicates,
                feedback:
                  'That also counts test items duplicated within the test split but absent from training: those are not leaked, only repeated.',
              },
            ],
            wrong: 'Go through the test items one by one and ask of each: is its hash among the training hashes?',
            correct: 'Correct: every one of these test items could have been memorised.',
          }),
        share: (a) =>
          asPercent(
            a,
            c.leaked / n,
            checkNumber(a, spec('share'), c.leaked / n, {
              unitSlips: false,
              misconceptions: [
                {
                  value: c.leaked / data.train.length,
                  feedback: 'That divides by the size of the training split. The share asked for is of the test set.',
                },
                { value: c.occurrences / n, feedback: 'That counts copies in the training split over the test items; count leaked test items.' },
                { value: c.distinct / n, feedback: 'That counts distinct contents; two identical leaked test items both count.' },
              ],
              wrong: 'Divide the number of leaked test items by the number of test items.',
              correct: 'Correct.',
            }),
          ),
      });
    },
  };
});
