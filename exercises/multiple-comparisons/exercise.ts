import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, readChoice } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { Answer, ChoiceAnswerSpec, PartResult } from '../../runtime/exercises/types.ts';
import { bonferroni, holm } from '../../runtime/results/multiple-comparisons.ts';

/**
 * Interpretation: which of m p-values survive Bonferroni and Holm, checked with runtime/results'
 * corrections. Each named mistake (no correction, alpha divided by the wrong count, Holm without its stop,
 * Hochberg's step-up, Bonferroni's set for Holm) is a different set from the right one on every variant.
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

function clear(d: MultipleComparisonsData): boolean {
  const s = sets(d);
  if (s.bonferroni.length === 0) return false;
  // Holm finds more than Bonferroni, no correction more than Holm; every named mistake differs from the answer it is a mistake for.
  if (same(s.holm, s.bonferroni) || same(s.uncorrected, s.holm)) return false;
  if (same(s.dividedBySignificant, s.bonferroni) || same(s.noStop, s.holm)) return false;
  return true;
}

/** A set-level misconception: feedback when the picked set is exactly one of the named wrong sets. */
function withNamedSet(
  result: PartResult,
  answer: Answer,
  spec: ChoiceAnswerSpec,
  named: { set: string[]; feedback: string }[],
  right: string[],
): PartResult {
  const picked = readChoice(answer, spec);
  if (typeof picked === 'string' || result.score === 1) return result;
  const hit = named.find((n) => !same(n.set, right) && same(n.set, picked));
  return hit ? { ...result, feedback: hit.feedback } : result;
}

export default defineExerciseLogic<MultipleComparisonsData>(({ parts }) => {
  const spec = (id: string) => parts.find((p) => p.id === id)!.answer as ChoiceAnswerSpec;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const context = r.int(0, CONTEXTS.length - 1);
      const alpha = r.pick([0.05, 0.05, 0.1]);
      for (let attempt = 0; attempt < 100; attempt++) {
        // Built by rank so that every named mistake is a different set: k tiny p-values (real differences,
        // through Bonferroni); one that only Holm's second threshold lets through; one that fails Holm's
        // next threshold (Holm stops there) followed by one that would pass its own; one below alpha that no
        // correction keeps; the rest noise.
        const m = r.int(8, 10);
        const k = m === 10 ? r.int(2, 3) : 2;
        const inside = (lo: number, hi: number) => lo + (hi - lo) * r.uniform(0.2, 0.8);
        const t = (rank: number) => alpha / (m - rank); // Holm's threshold for the rank-th smallest, from 0
        const ps: number[] = [];
        for (let i = 0; i < k; i++) ps.push(inside(alpha / (20 * m), alpha / m));
        ps.push(inside(alpha / m, t(k)));
        const fail = inside(t(k + 1), t(k + 2));
        ps.push(fail, inside(fail, t(k + 2)));
        // One more that looks significant on its own (alpha / 2 < p < alpha) and survives no correction.
        ps.push(inside(alpha / 2, alpha));
        while (ps.length < m) ps.push(inside(alpha, 1));
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
          withNamedSet(
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
          withNamedSet(
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
