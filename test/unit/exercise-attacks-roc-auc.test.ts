/**
 * roc-auc-from-scores against the tester's attacks: a constant TPR of 1 was right on 258/500 variants (the
 * threshold sat below every positive); AUC from ordinal ranks (ties not averaged, table order) was right
 * on 40/200; the false discovery rate given for FPR on 18/200; another seed's answers scored >= 0.5 on
 * 5/200. The mistakes are computed here from the table, not from the exercise's own named values.
 */
import { describe, expect, it } from 'vitest';
import type { RocData } from '../../exercises/roc-auc-from-scores/exercise.ts';
import tests from '../../exercises/roc-auc-from-scores/tests.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const { variant, check } = await loadExercise<RocData>('roc-auc-from-scores');
const SEEDS = seeds(1, 500);
const x3 = (x: number) => x.toFixed(3);

/** AUC from ranks 1..n in ascending score order, ties broken by table order (or its reverse), not averaged. */
function ordinalAuc(d: RocData, reverse: boolean) {
  const order = d.scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0] || (reverse ? b[1] - a[1] : a[1] - b[1]));
  let rankSum = 0;
  order.forEach(([, i], k) => {
    if (d.labels[i] === 1) rankSum += k + 1;
  });
  const pos = d.labels.filter((y) => y === 1).length;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * (d.labels.length - pos));
}

/** Pairs the positive wins, and ties, counted directly. */
function pairs(d: RocData) {
  let wins = 0;
  let ties = 0;
  let all = 0;
  for (let i = 0; i < d.scores.length; i++)
    for (let j = 0; j < d.scores.length; j++)
      if (d.labels[i] === 1 && d.labels[j] === 0) {
        all++;
        if (d.scores[i]! > d.scores[j]!) wins++;
        if (d.scores[i] === d.scores[j]) ties++;
      }
  return { wins, ties, all };
}

function counts(d: RocData) {
  const at = (y: number) => d.scores.filter((s, i) => d.labels[i] === y && s >= d.threshold).length;
  const pos = d.labels.filter((y) => y === 1).length;
  return { tp: at(1), fp: at(0), pos, neg: d.labels.length - pos };
}

const AUC_MISTAKES: Record<string, (d: RocData) => number> = {
  'ordinal ranks in table order (was right on 40/200)': (d) => ordinalAuc(d, false),
  'ordinal ranks in reverse table order': (d) => ordinalAuc(d, true),
  'ties as wins': (d) => (pairs(d).wins + pairs(d).ties) / pairs(d).all,
  'ties as losses': (d) => pairs(d).wins / pairs(d).all,
};

describe('roc-auc-from-scores: named mistakes are wrong on every seed', () => {
  for (const [name, value] of Object.entries(AUC_MISTAKES)) {
    it(`AUC by ${name}: wrong on all of seeds 1-500`, async () => {
      const accepted: number[] = [];
      for (const s of SEEDS) if ((await check(s, { auc: x3(value(variant(s).data)) })).parts.auc!.score > 0) accepted.push(s);
      expect(accepted).toEqual([]);
    });
  }

  it('ordinal ranks get their own feedback where they are not also ties-as-wins or ties-as-losses', async () => {
    let named = 0;
    for (const s of SEEDS) {
      const d = variant(s).data;
      const { wins, ties, all } = pairs(d);
      const v = ordinalAuc(d, false);
      if (Math.abs(v - (wins + ties) / all) < 0.003 || Math.abs(v - wins / all) < 0.003) continue;
      const r = (await check(s, { auc: x3(v) })).parts.auc!;
      expect(r.feedback, `seed ${s}`).toContain('Tied scores share one rank');
      named++;
    }
    expect(named).toBeGreaterThan(100);
  });

  it('the false discovery rate FP/(TP+FP) for FPR (was right on 18/200): wrong on all of seeds 1-500, with its own feedback', async () => {
    for (const s of SEEDS) {
      const { tp, fp } = counts(variant(s).data);
      const r = (await check(s, { fpr: x3(fp / (tp + fp)) })).parts.fpr!;
      expect(r.status, `seed ${s}`).toBe('wrong');
      expect(r.feedback, `seed ${s}`).toContain('false discovery rate');
    }
  });
});

describe('roc-auc-from-scores: the rates at the threshold spread', () => {
  it('TPR = 1 (was right on 258/500) is right on none, and no constant is right on 10% of seeds or more, for TPR or FPR', async () => {
    const shares: Record<string, string> = {};
    for (const part of ['tpr', 'fpr'] as const) {
      const byValue = new Map<string, number>();
      for (const s of SEEDS) {
        const { tp, fp, pos, neg } = counts(variant(s).data);
        const key = x3(part === 'tpr' ? tp / pos : fp / neg);
        byValue.set(key, (byValue.get(key) ?? 0) + 1);
      }
      // The most common right value, and the ends, each given as a constant answer on every seed.
      const common = [...byValue.entries()].sort((a, b) => b[1] - a[1])[0]![0];
      for (const constant of [common, '1', '0', '0.5']) {
        let right = 0;
        for (const s of SEEDS) if ((await check(s, { [part]: constant })).parts[part]!.score > 0) right++;
        shares[`${part}=${constant}`] = `${right}/500`;
        if (constant === '1' || constant === '0') expect(right, `${part} = ${constant}`).toBe(0);
        expect(right, `${part} = ${constant}`).toBeLessThan(SEEDS.length * 0.1);
      }
      expect(byValue.size, `${part}: distinct values`).toBeGreaterThan(20);
    }
    console.info('constant answers right on', shares);
  }, 60_000);
});

describe('roc-auc-from-scores: another seed’s answers', () => {
  // Half the points are the AUC: another seed's AUC within the tolerance of this one's (or both its rates
  // equal to this one's) earns half. It cannot be made impossible: with AUCs spread over [0.6, 1) and a
  // window of about +-0.0018, even evenly spread AUCs meet about 1% of the time. Old generator: 5/200;
  // measured now 6/500 (over 2000 pairs: AUC equal 24, both rates equal 10).
  it('score at least half on at most 1.6% of 500 fixed pairs of seeds (s, s + 100000), with no search for a pair that differs', async () => {
    const atLeastHalf: number[] = [];
    for (const s of SEEDS) {
      const theirs = tests.solve(variant(s + 100_000));
      if ((await check(s, theirs)).score >= 0.5) atLeastHalf.push(s);
    }
    console.info(`another seed's answers scored >= 0.5 on ${atLeastHalf.length}/500 pairs: seeds ${atLeastHalf.join(', ')}`);
    expect(atLeastHalf.length).toBeLessThanOrEqual(8);
  });
});

describe('answers of 0 or near it, on every part', () => {
  // These parts are plain fractions: 0, 1e-9 or 0.0004 got "off by a factor of a thousand ... ()" through the atol.
  it('never get the factor-of-a-thousand note, and are told the real tolerance (0.001 + 0.1%) or a named mistake', async () => {
    for (const s of seeds(1, 50))
      for (const answer of ['0', '1e-9', '0.0004'])
        for (const part of ['auc', 'tpr', 'fpr']) {
          const r = (await check(s, { [part]: answer })).parts[part]!;
          expect(r.status, `seed ${s}, ${part} = ${answer}`).toBe('wrong');
          expect(r.feedback, `seed ${s}, ${part} = ${answer}`).not.toMatch(/factor|\(\)/);
          // Or a named mistake's feedback (the strict FPR can be 0).
          expect(r.feedback, `seed ${s}, ${part} = ${answer}`).toMatch(/^(Not within 0\.001 \+ 0\.1% of the expected value\.|That )/);
        }
  });
});
