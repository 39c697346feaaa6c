import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom, type VariantRandom } from '../../runtime/exercises/random.ts';
import type { NumberAnswerSpec } from '../../runtime/exercises/types.ts';
import { expectedMaxWithoutReplacement, expectedMaxWithReplacement } from '../../runtime/search/expected-max.ts';

/** Interpretation: n generated trial scores and a budget k; the expected best of k, by the engine. */
export interface BestOfKData {
  scores: number[];
  k: number;
}

/** Named mistakes stay this far from the answer and from each other (three times the tolerance). */
const APART = 0.006;

export const answer = (d: BestOfKData) => expectedMaxWithoutReplacement(d.scores, d.k);
/** The interpolated quantile at p of the scores (linear between order statistics, as numpy's default). */
function quantile(ascending: number[], p: number): number {
  const h = (ascending.length - 1) * p;
  const lo = Math.floor(h);
  return ascending[lo]! + (h - lo) * ((ascending[lo + 1] ?? ascending[lo]!) - ascending[lo]!);
}

export function mistakes(d: BestOfKData) {
  const sorted = [...d.scores].sort((a, b) => b - a);
  const mean = d.scores.reduce((a, b) => a + b, 0) / d.scores.length;
  return {
    max: sorted[0]!,
    mean,
    topK: sorted.slice(0, d.k).reduce((a, b) => a + b, 0) / d.k,
    withReplacement: expectedMaxWithReplacement(d.scores, d.k),
    /** The k/(k+1) quantile: where the best of k falls on average for a continuous distribution, not for these n trials. */
    quantile: quantile([...sorted].reverse(), d.k / (d.k + 1)),
    /** Halfway between the mean (k = 1) and the maximum (k = n). */
    midpoint: (mean + sorted[0]!) / 2,
  };
}

/** Each trial's own score (the second best, the third best, ...): none may pass for the answer. */
const orderStatistics = (d: BestOfKData) => [...d.scores].sort((a, b) => b - a).slice(1);

export function separated(d: BestOfKData): boolean {
  const m = mistakes(d);
  const xs = [answer(d), m.max, m.mean, m.topK, m.quantile, m.midpoint];
  const a = answer(d);
  return xs.every((x, i) => xs.every((y, j) => i === j || Math.abs(x - y) > APART)) && orderStatistics(d).every((x) => Math.abs(x - a) > APART);
}

function draw(r: VariantRandom): BestOfKData {
  const n = r.int(8, 12);
  // Random search: most trials middling, a few poor (a learning rate far off), a few good.
  const top = r.uniform(0.7, 0.97);
  const scores = Array.from({ length: n }, () => round(r.chance(0.25) ? r.uniform(0.4, top - 0.2) : r.uniform(top - 0.15, top), 3));
  return { scores, k: r.int(2, Math.min(5, n - 3)) };
}

export default defineExerciseLogic<BestOfKData>(({ parts }) => {
  const spec = parts[0]!.answer as NumberAnswerSpec;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      for (;;) {
        const d = draw(r);
        if (separated(d)) return d;
      }
    },
    render({ data }) {
      return {
        values: { n: data.scores.length, k: data.k },
        tables: [
          {
            id: 'trials',
            caption: 'Validation accuracy of each trial (generated data)',
            columns: ['trial', 'validation accuracy'],
            rows: data.scores.map((s, i) => [i + 1, s]),
          },
        ],
        datasets: [{ id: 'scores', label: 'Trial scores', unit: '', values: data.scores }],
      };
    },
    async check({ data }, answers) {
      const m = mistakes(data);
      const misconceptions = [
        { value: m.max, feedback: 'That is the best of all the trials: what the full search found, not what a smaller budget can expect.' },
        { value: m.mean, feedback: 'That is the mean of all the trials: the expected score of one trial, not of the best of several.' },
        {
          value: m.topK,
          feedback: 'That is the mean of the best trials, as if the colleague always drew the best ones; each set of trials is equally likely.',
        },
        {
          value: m.quantile,
          feedback:
            'That is a quantile of the scores, a rule for a smooth distribution; with these n trials, average the best over every set of k of them.',
        },
        {
          value: m.midpoint,
          feedback: 'That is halfway between the mean and the maximum: the expected best of k is not a straight line between them.',
        },
      ];
      // Dodge et al.'s estimator draws with replacement: named only where it stands clear of the answer.
      if (Math.abs(m.withReplacement - answer(data)) > APART)
        misconceptions.push({
          value: m.withReplacement,
          feedback: 'That draws the trials with replacement (a trial can come twice); the question draws without.',
        });
      // Last, so that a named method that happens to land on a trial's score keeps its own feedback.
      for (const value of orderStatistics(data))
        misconceptions.push({
          value,
          feedback: 'That is one trial’s score: the expected best is an average over every set of k trials, not a single trial.',
        });
      return gradeParts(answers, {
        expected: (a) => {
          const result = checkNumber(a, spec, answer(data), {
            unitSlips: false,
            misconceptions,
            wrong: 'Sort the scores; weight each by the share of the sets of trials in which it is the best.',
          });
          // A percentage is the answer times 100, rounded by the learner: judged at the part's tolerance once divided by 100.
          const percent = typeof a === 'string' ? Number(a.trim().replace(/%$/, '')) / 100 : NaN;
          if (result.status === 'wrong' && Math.abs(percent - answer(data)) <= (spec.atol ?? 0))
            return { ...result, feedback: 'That looks like a percentage: the answer box wants a fraction between 0 and 1.' };
          return result;
        },
      });
    },
  };
});
