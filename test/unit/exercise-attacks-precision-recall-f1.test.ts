/**
 * precision-recall-f1 against the tester's attacks: the macro precision given as the macro F1 was right
 * on 17/200, and the macro recall there was called "weighted" or "micro" on 17/200. The mistakes are
 * computed here from the matrix, not from the exercise's own named values.
 */
import { describe, expect, it } from 'vitest';
import type { PrfData } from '../../exercises/precision-recall-f1/exercise.ts';
import tests from '../../exercises/precision-recall-f1/tests.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const { variant, check } = await loadExercise<PrfData>('precision-recall-f1');
const SEEDS = seeds(1, 500);
const x3 = (x: number) => x.toFixed(3);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Per digit: precision (column), recall (row), F1, support; and the accuracy. */
function byHand(d: PrfData) {
  const k = d.names.length;
  const total = d.confusion.flat().reduce((a, b) => a + b, 0);
  const per = d.names.map((_, c) => {
    const tp = d.confusion[c]![c]!;
    const column = d.confusion.reduce((a, row) => a + row[c]!, 0);
    const row = d.confusion[c]!.reduce((a, b) => a + b, 0);
    const p = column ? tp / column : 0;
    const r = tp / row;
    return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, support: row };
  });
  const accuracy = d.confusion.reduce((a, row, i) => a + row[i]!, 0) / total;
  return { k, total, per, accuracy };
}

/** Each plausible mistake for the macro F1, and words its feedback must hold (its own misconception). */
const MACRO_MISTAKES: Record<string, { value: (d: PrfData) => number; words: string }> = {
  'macro precision (was right on 17/200)': { value: (d) => mean(byHand(d).per.map((c) => c.p)), words: 'That is the macro precision' },
  'macro recall (was called weighted or micro on 17/200)': { value: (d) => mean(byHand(d).per.map((c) => c.r)), words: 'That is the macro recall' },
  'support-weighted F1': {
    value: (d) => byHand(d).per.reduce((a, c) => a + c.f1 * c.support, 0) / byHand(d).total,
    words: '"weighted" average',
  },
  'micro F1': { value: (d) => byHand(d).accuracy, words: 'micro average' },
  accuracy: { value: (d) => byHand(d).accuracy, words: 'equals the accuracy' },
};

describe('precision-recall-f1: every plausible macro-F1 mistake is wrong with its own feedback on every seed', () => {
  for (const [name, { value, words }] of Object.entries(MACRO_MISTAKES)) {
    it(`${name}: wrong on all of seeds 1-500, told "${words}"`, async () => {
      const off: string[] = [];
      for (const s of SEEDS) {
        const r = (await check(s, { 'macro-f1': x3(value(variant(s).data)) })).parts['macro-f1']!;
        if (r.status !== 'wrong' || !r.feedback.includes(words)) off.push(`seed ${s}: ${r.status}: ${r.feedback.slice(0, 60)}`);
      }
      expect(off).toEqual([]);
    });
  }
});

describe('precision-recall-f1: another seed’s answers', () => {
  it('score below half on 500 fixed pairs of seeds (s, s + 100000), with no search for a pair that differs', async () => {
    const atLeastHalf: number[] = [];
    for (const s of SEEDS) if ((await check(s, tests.solve(variant(s + 100_000)))).score >= 0.5) atLeastHalf.push(s);
    console.info(`another seed's answers scored >= 0.5 on ${atLeastHalf.length}/500 pairs: seeds ${atLeastHalf.join(', ')}`);
    expect(atLeastHalf.length).toBeLessThanOrEqual(0);
  });
});

describe('answers of 0 or near it, on every part', () => {
  // These parts are plain fractions: 0, 1e-9 or 0.0004 got "off by a factor of a thousand ... ()" through the atol.
  it('never get the factor-of-a-thousand note, and are told the real tolerance (0.001 + 0.1%) or a named mistake', async () => {
    for (const s of seeds(1, 50))
      for (const answer of ['0', '1e-9', '0.0004'])
        for (const part of ['precision', 'recall', 'f1', 'macro-f1']) {
          const r = (await check(s, { [part]: answer })).parts[part]!;
          expect(r.status, `seed ${s}, ${part} = ${answer}`).toBe('wrong');
          expect(r.feedback, `seed ${s}, ${part} = ${answer}`).not.toMatch(/factor|\(\)/);
          // Or a named mistake's feedback (the strict FPR can be 0).
          expect(r.feedback, `seed ${s}, ${part} = ${answer}`).toMatch(/^(Not within 0\.001 \+ 0\.1% of the expected value\.|That )/);
        }
  });
});
