import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, readChoice, scored } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { Answer, ChoiceAnswerSpec, PartResult } from '../../runtime/exercises/types.ts';
import { bonferroni, holm } from '../../runtime/results/multiple-comparisons.ts';

/**
 * Interpretation: which of m p-values survive Bonferroni and Holm, checked with runtime/results'
 * corrections. Each named mistake (no correction, alpha divided by the wrong count, Holm without its stop,
 * Hochberg's step-up, Holm's set for Bonferroni and Bonferroni's for Holm where they differ) is a different
 * set from the right one on every variant; where two mistakes of one part give the same set, the feedback
 * names both.
 */

export interface MultipleComparisonsData {
  context: number;
  alpha: number;
  /** One p-value per comparison, rounded to 4 decimals as shown. */
  ps: number[];
}

const CONTEXTS = [
  'WASM against WASM threads on the MNIST classifier',
  'onnxruntime-web 1.29 against 1.30 on a generated MLP',
  'workgroup size 64 against 256 on a WebGPU reduction',
  'a Float32Array against a plain Array on vector addition',
];

const ids = (flags: readonly boolean[]) => flags.flatMap((f, i) => (f ? [`c-${i + 1}`] : []));

/** The right sets and the named wrong ones, as option ids. */
export function sets(d: MultipleComparisonsData) {
  const m = d.ps.length;
  const uncorrected = d.ps.map((p) => p <= d.alpha);
  const s = uncorrected.filter(Boolean).length;
  const order = d.ps.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p || x.i - y.i);
  // Holm without the stop: every p against its own step-down threshold.
  const noStop = new Array<boolean>(m).fill(false);
  order.forEach(({ p, i }, k) => {
    noStop[i] = p <= d.alpha / (m - k);
  });
  // Hochberg's step-up with Holm's thresholds: the largest k that passes, and every smaller one.
  let last = -1;
  order.forEach(({ p }, k) => {
    if (p <= d.alpha / (m - k)) last = k;
  });
  const stepUp = new Array<boolean>(m).fill(false);
  for (let k = 0; k <= last; k++) stepUp[order[k]!.i] = true;
  return {
    bonferroni: ids(bonferroni(d.ps, d.alpha)),
    holm: ids(holm(d.ps, d.alpha)),
    uncorrected: ids(uncorrected),
    dividedBySignificant: ids(d.ps.map((p) => p <= d.alpha / Math.max(1, s))),
    noStop: ids(noStop),
    stepUp: ids(stepUp),
  };
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Every named mistake differs from the answer it is a mistake for (Bonferroni's set for Holm's only where Holm finds more). */
function clear(d: MultipleComparisonsData): boolean {
  const s = sets(d);
  if (s.bonferroni.length === 0) return false;
  if (same(s.dividedBySignificant, s.bonferroni) || same(s.uncorrected, s.bonferroni)) return false;
  return !same(s.uncorrected, s.holm) && !same(s.noStop, s.holm) && !same(s.stepUp, s.holm);
}

/**
 * The part's score, strict where the correction is the point: a comparison ticked that the correction does
 * not reject is a false claim, the very error the family-wise level bounds, so any such pick scores the part
 * 0; a set short of exactly one of the right ones (and adding none) is a slip of reading, half; shorter than
 * that it is another threshold, 0. A set that is exactly what a named wrong procedure gives scores 0 with that
 * procedure's feedback (every one that gives it, when two do).
 */
function graded(
  result: PartResult,
  answer: Answer,
  spec: ChoiceAnswerSpec,
  named: { set: string[]; feedback: string }[],
  right: string[],
): PartResult {
  const picked = readChoice(answer, spec);
  if (typeof picked === 'string' || result.score === 1) return result;
  const hits = named.filter((n) => !same(n.set, right) && same(n.set, picked));
  if (hits.length > 0)
    return scored(0, hits.map((n, i) => (i === 0 ? n.feedback : `The same set also comes from another slip: ${n.feedback}`)).join(' '));
  const extra = picked.some((id) => !right.includes(id));
  return scored(!extra && picked.length === right.length - 1 ? 0.5 : 0, result.feedback);
}

export default defineExerciseLogic<MultipleComparisonsData>(({ parts }) => {
  const spec = (id: string) => parts.find((p) => p.id === id)!.answer as ChoiceAnswerSpec;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const context = r.int(0, CONTEXTS.length - 1);
      const alpha = r.pick([0.05, 0.05, 0.1]);
      // Built by rank, with every count drawn so that ranks alone give nothing away: b p-values under alpha / m
      // (Bonferroni's set, 1 to 5); h more that only Holm's growing thresholds let through (0 to 4: Holm's set is
      // Bonferroni's or larger by up to 4); the one where Holm stops, then one that passes its own threshold
      // (Holm without the stop takes it); 0 to 2 below alpha that no correction keeps; the rest noise. The
      // counts are drawn first and only the values redrawn.
      // Every (m, b, h, extra) that fits: at least one p-value above alpha; with h = 0, dividing alpha by the
      // count that looked significant must let the one where Holm stops through (else it equals Bonferroni).
      const fits: [number, number, number, number][] = [];
      for (let m = 9; m <= 12; m++)
        for (let b = 1; b <= 5; b++)
          for (let h = 0; h <= 4; h++)
            for (let extra = 0; extra <= 2; extra++)
              if (b + h + 2 + extra < m && (h > 0 || alpha / (m - b) < alpha / (b + 2 + extra))) fits.push([m, b, h, extra]);
      // (b, h) uniform over the pairs that fit, so that no pair of counts is the one to bet on.
      const pairs = [...new Set(fits.map(([, b, h]) => `${b},${h}`))];
      const [b, h] = r.pick(pairs).split(',').map(Number) as [number, number];
      const [m, , , extra] = r.pick(fits.filter((f) => f[1] === b && f[2] === h));
      const t = (rank: number) => alpha / (m - rank); // Holm's threshold for the rank-th smallest, from 0
      const stop = b + h; // rank (from 0) of the first p-value that fails Holm's threshold
      const divided = alpha / (stop + 2 + extra);
      for (let attempt = 0; attempt < 200; attempt++) {
        const between = (lo: number, hi: number) => lo + (hi - lo) * r.uniform(0.05, 0.95);
        const ps: number[] = [];
        for (let i = 0; i < b; i++) ps.push((alpha / m) * 10 ** -r.uniform(0.02, 1.6));
        ps.sort((x, y) => x - y);
        for (let j = b; j < stop; j++) ps.push(between(Math.max(alpha / m, ps[j - 1]!), j === b ? Math.min(t(j), divided) : t(j)));
        // Where Holm stops: above its own threshold, below the next one, so that the one after passes its own.
        const fail = between(Math.max(t(stop), ps[stop - 1]!), h === 0 ? Math.min(divided, t(stop + 1)) : t(stop + 1));
        ps.push(fail, between(fail, t(stop + 1)));
        // Below alpha, above their own thresholds: they look significant alone and survive no correction.
        for (let i = 0; i < extra; i++) ps.push(between(Math.max(t(ps.length), ps[ps.length - 1]!), alpha));
        while (ps.length < m) ps.push(between(alpha, 1));
        const d: MultipleComparisonsData = { context, alpha, ps: r.shuffle(ps.map((p) => round(p, 4))) };
        if (new Set(d.ps).size === m && clear(d)) return d;
      }
      throw new Error(`multiple-comparisons: no clear variant for seed ${seed}`);
    },
    render({ data }) {
      const options = data.ps.map((_, i) => ({ id: `c-${i + 1}`, text: `Comparison ${i + 1} (p = ${data.ps[i]!.toFixed(4)})` }));
      return {
        values: { m: data.ps.length, alpha: data.alpha, what: CONTEXTS[data.context]! },
        tables: [
          {
            id: 'p-values',
            caption: 'One comparison per learner: the p-value of "the two settings differ" (generated for your variant)',
            columns: ['comparison', 'p-value'],
            rows: data.ps.map((p, i) => [i + 1, p.toFixed(4)]),
          },
        ],
        parts: { bonferroni: { options }, holm: { options } },
      };
    },
    async check({ data }, answers) {
      const s = sets(data);
      const shown = data.ps.map((_, i) => ({ id: `c-${i + 1}`, text: `Comparison ${i + 1}` }));
      const noCorrection = {
        set: s.uncorrected,
        feedback: 'Those are the comparisons with p ≤ α one by one: no correction for making them all at once.',
      };
      return gradeParts(answers, {
        bonferroni: (answer) =>
          graded(
            checkChoice(
              answer,
              spec('bonferroni'),
              s.bonferroni,
              { wrong: 'Divide α by the number of comparisons made and compare every p-value with that.' },
              shown,
            ),
            answer,
            spec('bonferroni'),
            [
              noCorrection,
              {
                set: s.dividedBySignificant,
                feedback:
                  'That divides α by the number of comparisons that looked significant. Bonferroni divides by every comparison made, whatever its result.',
              },
              { set: s.holm, feedback: 'That is Holm’s set; Bonferroni uses one threshold, α / m, for every p-value.' },
            ],
            s.bonferroni,
          ),
        holm: (answer) =>
          graded(
            checkChoice(
              answer,
              spec('holm'),
              s.holm,
              { wrong: 'Sort the p-values; compare the k-th smallest with α / (m − k + 1), and stop at the first that fails.' },
              shown,
            ),
            answer,
            spec('holm'),
            [
              noCorrection,
              { set: s.bonferroni, feedback: 'That is Bonferroni’s set. Holm’s thresholds grow as it steps down: α / m, then α / (m − 1), …' },
              {
                set: s.noStop,
                feedback:
                  'That compares every p-value with its own threshold without stopping. Holm stops at the first p-value that fails: it and every larger one stay.',
              },
              {
                set: s.stepUp,
                feedback:
                  'That steps up from the largest p-value (Hochberg’s procedure). Holm steps down from the smallest and stops at the first failure.',
              },
            ],
            s.holm,
          ),
      });
    },
  };
});
