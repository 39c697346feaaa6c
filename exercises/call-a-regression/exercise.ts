import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom, type VariantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec } from '../../runtime/exercises/types.ts';
import { callRegression, type RegressionVerdict } from '../../runtime/results/regression.ts';

/**
 * Interpretation: five generated comparisons (ratio of medians, new over old, with its 95% interval) and a
 * threshold; the learner calls each as runtime/results/regression.ts does. Every call appears, "no
 * evidence" twice. Those rows put the point estimate beyond the threshold and the interval off 1 (the
 * point-estimate and significant-means-regression traps); the "no difference" row excludes 1 too.
 */
export interface Comparison {
  change: string;
  oldMs: number;
  newMs: number;
  ci: [number, number];
  verdict: RegressionVerdict;
}
export interface CarData {
  threshold: number;
  rows: Comparison[];
}

export const ROWS = 5;
const VERDICTS: RegressionVerdict[] = ['regression', 'improvement', 'no-difference', 'no-evidence'];
// Large enough that 1 - t and 1/(1 + t) are apart at three decimals (0.9 against 0.909 at 10%): the
// faster side has rows whose call depends on which of the two edges is read.
const THRESHOLDS = [0.1, 0.15, 0.2, 0.25];
const CHANGES = [
  'onnxruntime-web 1.29 to 1.30',
  'graph optimisation level basic to all',
  'wasm threads 1 to 4',
  'model mnist-32 to mnist-64',
  'batch of 100 digits split into two of 50',
  'inputs copied once instead of per query',
  'a new tokenizer build',
  'the model exported with opset 17 instead of 13',
  'float32 weights to int8 weights',
  'a newer browser release',
];

/**
 * An interval (and a point inside it) that the engine calls `verdict` at threshold t. `edge` (the
 * improvement row always, one faster "no evidence" row in two variants): the interval's end nearest the
 * band falls between 1 - t and 1/(1 + t), so the linear band 1 - t calls it otherwise.
 */
function drawInterval(r: VariantRandom, verdict: RegressionVerdict, t: number, edge: boolean): { ci: [number, number]; point: number } {
  const up = 1 + t;
  const down = 1 / up;
  const lnUp = Math.log(up);
  // ln of 1/(1 - t) lies a little beyond ln(1 + t): the stretch between is where the linear band errs.
  const lnGap = () => -Math.log(r.uniform(1 - t + 0.002, down - 0.002));
  const slower = !edge && r.chance(0.5);
  let lo: number;
  let hi: number;
  let point: number;
  if (verdict === 'regression' || verdict === 'improvement') {
    // Clearly beyond the band: the near end a quarter to three band-widths past its edge.
    const near = edge ? lnGap() : lnUp * r.uniform(r.chance(0.3) ? 1.02 : 1.25, 3);
    const width = lnUp * r.uniform(0.3, 1.5);
    const [a, b] = [near, near + width];
    point = r.uniform(a + 0.3 * width, b - 0.3 * width);
    [lo, hi, point] = verdict === 'regression' ? [a, b, point] : [-b, -a, -point];
  } else if (verdict === 'no-difference') {
    // Inside the band and clear of 1: significant, yet too small to matter.
    const [a, b] = [lnUp * r.uniform(0.1, 0.35), lnUp * r.uniform(0.55, 0.85)];
    point = r.uniform(a + 0.3 * (b - a), b - 0.3 * (b - a));
    [lo, hi, point] = slower ? [a, b, point] : [-b, -a, -point];
  } else {
    // Across the edge, the point estimate beyond it and the interval clear of 1.
    const a = lnUp * r.uniform(0.25, 0.75);
    const b = edge ? lnGap() : lnUp * r.uniform(1.6, 2.6);
    point = edge ? lnUp + r.uniform(0.3, 0.7) * (b - lnUp) : lnUp * r.uniform(1.15, 1.4);
    [lo, hi, point] = slower ? [a, b, point] : [-b, -a, -point];
  }
  const ci: [number, number] = [round(Math.exp(lo), 3), round(Math.exp(hi), 3)];
  return { ci, point: Math.exp(point) };
}

/** The mistaken call with a linear band [1 - t, 1 + t]: the faster edge read as 1 - t. */
export function callLinear(ci: readonly [number, number], t: number): RegressionVerdict {
  const [lo, hi] = ci;
  if (lo > 1 + t) return 'regression';
  if (hi < 1 - t) return 'improvement';
  if (lo >= 1 - t && hi <= 1 + t) return 'no-difference';
  return 'no-evidence';
}

export default defineExerciseLogic<CarData>(({ parts }) => {
  const spec = (id: string) => parts.find((p) => p.id === id)!.answer as ChoiceAnswerSpec;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const threshold = r.pick(THRESHOLDS);
      // Two rows cross the threshold (the trap of the point estimate), so that reading alone scores 3/5 at best.
      const verdicts = r.shuffle<RegressionVerdict>([...VERDICTS, 'no-evidence']);
      const changes = r.sample(CHANGES, ROWS);
      const edgeEvidence = r.chance(0.5) ? verdicts.indexOf('no-evidence') : -1;
      const rows = verdicts.map((verdict, i) => {
        const edge = verdict === 'improvement' || i === edgeEvidence;
        for (let attempt = 0; attempt < 100; attempt++) {
          const { ci, point } = drawInterval(r, verdict, threshold, edge);
          const oldMs = round(r.uniform(0.4, 12), 3);
          const newMs = round(oldMs * point, 3);
          // Rounded to what is shown, the interval must still say what was meant, the point inside it.
          const ratio = newMs / oldMs;
          if (callRegression(ci, threshold) === verdict && ratio > ci[0] && ratio < ci[1]) return { change: changes[i]!, oldMs, newMs, ci, verdict };
        }
        throw new Error(`call-a-regression: no ${verdict} row for seed ${seed}`);
      });
      return { threshold, rows };
    },
    render({ data: d }) {
      const pct = `${d.threshold * 100}%`;
      return {
        values: { threshold: pct, ...Object.fromEntries(d.rows.map((row, i) => [`change-${i + 1}`, `Change ${i + 1} (${row.change})`])) },
        tables: [
          {
            id: 'comparisons',
            caption: `Five comparisons, new run over old (generated for your variant); threshold ${pct}`,
            columns: ['change', 'old median (ms)', 'new median (ms)', 'ratio new/old', '95% interval of the ratio'],
            rows: d.rows.map((row, i) => [
              `${i + 1}: ${row.change}`,
              row.oldMs.toFixed(3),
              row.newMs.toFixed(3),
              (row.newMs / row.oldMs).toFixed(3),
              `${row.ci[0].toFixed(3)} to ${row.ci[1].toFixed(3)}`,
            ]),
          },
        ],
      };
    },
    async check({ data: d }, answers) {
      const one = (i: number) => (answer: unknown) => {
        const row = d.rows[i]!;
        const excludesOne = row.ci[0] > 1 || row.ci[1] < 1;
        const why: Partial<Record<RegressionVerdict, string>> = {};
        // The linear band: 1 - t taken for the faster edge. Only the call it gives differently is named.
        const linear = callLinear(row.ci, d.threshold);
        const linearWhy =
          "Where is the faster edge of the band? A change of the threshold's size made faster divides the time by 1 + t; it does not subtract t.";
        if (row.verdict === 'no-evidence') {
          const trap =
            'That reads the point estimate, or only that the interval excludes 1. Compare both ends of the interval with the threshold: does the whole interval lie beyond it?';
          why.regression = trap;
          why.improvement = trap;
          why['no-difference'] = 'Does the whole interval lie inside the threshold on both sides? Check the far end.';
        } else if (row.verdict === 'no-difference') {
          const trap = excludesOne
            ? 'The interval excludes 1, so the change is real; but is it larger than the threshold? Compare both ends with the band.'
            : 'Compare both ends of the interval with the threshold: where does the whole interval lie?';
          why.regression = trap;
          why.improvement = trap;
          why['no-evidence'] = 'Where does each end of the interval lie relative to the band? An interval inside it settles the question.';
        } else {
          const other = row.verdict === 'regression' ? 'improvement' : 'regression';
          why[other] = 'The ratio is the new time over the old: above 1 is slower, below 1 faster.';
          why['no-evidence'] = 'Compare the near end of the interval with the threshold: an interval wholly beyond it settles the question.';
          why['no-difference'] = 'Compare the near end of the interval with the threshold, not only the point estimate with 1.';
        }
        if (linear !== row.verdict) why[linear] = why[linear] ? `${why[linear]} ${linearWhy}` : linearWhy;
        return checkChoice(answer as never, spec(`change-${i + 1}`), row.verdict, {
          why,
          correct: 'Correct: that is what the whole interval, set against the threshold, supports.',
        });
      };
      return gradeParts(answers, Object.fromEntries(d.rows.map((_, i) => [`change-${i + 1}`, one(i)])));
    },
  };
});
