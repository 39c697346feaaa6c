/**
 * The two exercises of Foundations episode 5 (Quality metrics): their numbers are the engine's
 * (runtime/eval), checked here against values worked by hand, and every misconception the feedback
 * names stays more than the tolerance away from the right answer on 500 seeds, so a learner who makes
 * the mistake is told which one, and one who is right is never told they made it.
 */
import { describe, expect, it } from 'vitest';
import { checkAnswers, createVariant } from '../../runtime/exercises/check.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';
import { namedValues as prfValues, type PrfData } from '../../exercises/precision-recall-f1/exercise.ts';
import { namedValues as rocValues, pairCounts, type RocData } from '../../exercises/roc-auc-from-scores/exercise.ts';

const registry = await loadExerciseRegistry();
const SEEDS = Array.from({ length: 500 }, (_, i) => i + 1);
const x3 = (x: number) => x.toFixed(3);

describe('precision-recall-f1', () => {
  const exercise = registry.get('precision-recall-f1');

  it('computes precision, recall, F1 and the averages as worked by hand', () => {
    // Rows true, columns predicted. Class b: TP 6, column 2+6+1 = 9, row 1+6+3 = 10.
    const d: PrfData = {
      names: ['a', 'b', 'c'],
      confusion: [
        [8, 2, 0],
        [1, 6, 3],
        [0, 1, 4],
      ],
      target: 1,
    };
    const v = prfValues(d);
    expect(v.precision.right).toBeCloseTo(6 / 9, 12);
    expect(v.recall.right).toBeCloseTo(6 / 10, 12);
    expect(v.f1.right).toBeCloseTo((2 * (6 / 9) * 0.6) / (6 / 9 + 0.6), 12);
    const f1 = (p: number, r: number) => (2 * p * r) / (p + r);
    const macro = (f1(8 / 9, 8 / 10) + f1(6 / 9, 6 / 10) + f1(4 / 7, 4 / 5)) / 3;
    expect(v.macro.right).toBeCloseTo(macro, 12);
    expect(v.macro.micro).toBeCloseTo(18 / 25, 12);
    expect(v.macro.weighted).toBeCloseTo((f1(8 / 9, 8 / 10) * 10 + f1(6 / 9, 6 / 10) * 10 + f1(4 / 7, 4 / 5) * 5) / 25, 12);
  });

  it('on 500 seeds: the right answer at three decimals scores 1, and every named mistake gets its own feedback, not credit', async () => {
    const feedbackOf: Record<string, Record<string, string>> = {
      precision: { swapped: 'recall of digit', accuracy: 'accuracy of the whole matrix' },
      recall: { swapped: 'precision of digit', accuracy: 'accuracy of the whole matrix' },
      f1: { arithmetic: 'harmonic mean', product: 'precision times recall', accuracy: 'accuracy of the whole matrix' },
      'macro-f1': {
        micro: 'micro average',
        weighted: '"weighted" average',
        ofMacros: 'follows scikit-learn',
        targetOnly: 'alone',
        macroPrecision: 'That is the macro precision',
        macroRecall: 'That is the macro recall',
      },
    };
    const key = { precision: 'precision', recall: 'recall', f1: 'f1', 'macro-f1': 'macro' } as const;
    for (const seed of SEEDS) {
      const variant = createVariant(exercise, seed);
      const v = prfValues(variant.data as PrfData);
      const right = await checkAnswers(exercise, variant, {
        precision: x3(v.precision.right),
        recall: x3(v.recall.right),
        f1: x3(v.f1.right),
        'macro-f1': x3(v.macro.right),
      });
      expect(right.complete, `seed ${seed}`).toBe(true);
      for (const [part, mistakes] of Object.entries(feedbackOf)) {
        const values = v[key[part as keyof typeof key]] as Record<string, number>;
        for (const [name, words] of Object.entries(mistakes)) {
          const r = (await checkAnswers(exercise, variant, { [part]: x3(values[name]!) })).parts[part]!;
          expect(r.status, `seed ${seed}, ${part}, ${name}`).toBe('wrong');
          expect(r.feedback, `seed ${seed}, ${part}, ${name}`).toContain(words);
        }
      }
    }
  }, 120_000);
});

describe('roc-auc-from-scores', () => {
  const exercise = registry.get('roc-auc-from-scores');

  it('counts a tie as a half, as scikit-learn’s roc_auc_score, and the rates at a threshold include the score equal to it', () => {
    // Pairs: 0.9 beats both negatives, 0.5 ties 0.5 and beats 0.2: (3 + 0.5) / 4.
    const d: RocData = { digit: '7', scores: [0.9, 0.5, 0.5, 0.2], labels: [1, 1, 0, 0], threshold: 0.5 };
    const v = rocValues(d);
    expect(pairCounts(d)).toEqual({ wins: 3, ties: 1, pairs: 4 });
    expect(v.auc.right).toBe(0.875);
    expect(v.auc.tiesWon).toBe(1);
    expect(v.auc.tiesLost).toBe(0.75);
    expect(v.tpr.right).toBe(1);
    expect(v.fpr.right).toBe(0.5);
    expect(v.tpr.strict).toBe(0.5);
    expect(v.fpr.strict).toBe(0);
  });

  it('every variant has a positive tied with a negative at the threshold, and an AUC above chance', () => {
    for (const seed of SEEDS) {
      const d = createVariant(exercise, seed).data as RocData;
      expect(pairCounts(d).ties, `seed ${seed}`).toBeGreaterThan(0);
      const at = d.scores.map((s, i) => (s === d.threshold ? d.labels[i] : -1));
      expect(at.includes(1) && at.includes(0), `seed ${seed}`).toBe(true);
      expect(rocValues(d).auc.right).toBeGreaterThanOrEqual(0.6);
    }
  });

  it('on 500 seeds: the right answer at three decimals scores 1, and every named mistake gets its own feedback, not credit', async () => {
    const feedbackOf: Record<string, Record<string, string>> = {
      auc: {
        tiesWon: 'tied pair as a win',
        tiesLost: 'every tie counts as a loss',
        flipped: 'upside down',
        accuracy: 'does not pick a threshold',
        chance: 'rank at random',
      },
      tpr: { strict: 'exactly', swapped: 'That is the false positive rate', precision: 'precision at this threshold' },
      fpr: {
        strict: 'exactly',
        swapped: 'That is the true positive rate',
        overAll: 'every image',
        specificity: 'specificity',
        discovery: 'false discovery rate',
      },
    };
    for (const seed of SEEDS) {
      const variant = createVariant(exercise, seed);
      const v = rocValues(variant.data as RocData);
      const right = await checkAnswers(exercise, variant, { auc: x3(v.auc.right), tpr: x3(v.tpr.right), fpr: x3(v.fpr.right) });
      expect(right.complete, `seed ${seed}`).toBe(true);
      // Ordinal ranks (ties not averaged, either table order) are kept off the right AUC; their feedback may be ties-as-wins/losses when equal.
      for (const value of [v.auc.ordinal, v.auc.ordinalReversed])
        expect((await checkAnswers(exercise, variant, { auc: x3(value) })).parts.auc!.status, `seed ${seed}, ordinal`).toBe('wrong');
      for (const [part, mistakes] of Object.entries(feedbackOf)) {
        const values = v[part as keyof typeof v] as Record<string, number>;
        for (const [name, words] of Object.entries(mistakes)) {
          const r = (await checkAnswers(exercise, variant, { [part]: x3(values[name]!) })).parts[part]!;
          expect(r.status, `seed ${seed}, ${part}, ${name}`).toBe('wrong');
          expect(r.feedback, `seed ${seed}, ${part}, ${name}`).toContain(words);
        }
      }
    }
  }, 120_000);
});
