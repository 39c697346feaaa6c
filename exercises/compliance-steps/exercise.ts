import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkOrdering, scored } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { Answer, OrderingAnswerSpec, Option, PartResult } from '../../runtime/exercises/types.ts';
import { longestCommonSubsequence } from '../../runtime/exercises/checkers.ts';

/**
 * Interpretation: order the steps of a compliant MLPerf Inference submission (inference_rules.adoc "LoadGen
 * Operation"; compliance/README.md: setup, execution, verification). The steps form one chain, except the
 * accuracy run, which may sit anywhere after the configuration and before the compliance run: every order the
 * rules allow is correct. An order the rules do not allow is not a compliant plan: it scores at most 0.4 (0.4 times
 * the share of steps in order against the nearest allowed order), and its feedback names each rule it breaks.
 * Every variant has six steps, from fixing the system to the submission checker, and the QPS search, the accuracy
 * run and the upload each on half the variants, shown shuffled far from every allowed order, so the order shown scores well below half.
 */

/** The chain, first first; the accuracy run is placed separately. */
export const CHAIN = [
  'system-fixed',
  'run-settings',
  'qps-search',
  'performance-run',
  'compliance-run',
  'compliance-check',
  'checker',
  'submission',
] as const;
export const FLOATING = 'accuracy-run';
/** The accuracy run must come after this step and before that one. */
const AFTER = 'run-settings';
const BEFORE = 'compliance-run';

export const BENCHMARKS = [
  'ResNet-50 image classification',
  'RetinaNet object detection',
  'BERT question answering',
  'a recommendation model (DLRM)',
  'Llama 2 70B text generation',
] as const;

export interface ComplianceData {
  benchmark: number;
  /** The variant's steps, as shown (shuffled). */
  shown: string[];
}

/** Every order of the variant's steps the rules allow. */
export function allowedOrders(steps: readonly string[]): string[][] {
  const chain = CHAIN.filter((s) => steps.includes(s));
  if (!steps.includes(FLOATING)) return [chain];
  const from = chain.includes(AFTER) ? chain.indexOf(AFTER) + 1 : 0;
  const to = chain.includes(BEFORE) ? chain.indexOf(BEFORE) : chain.length;
  const orders: string[][] = [];
  for (let k = from; k <= to; k++) orders.push([...chain.slice(0, k), FLOATING, ...chain.slice(k)]);
  return orders;
}

/** The items in order the best an answer can match: the share of steps already in order against the nearest allowed order. */
export const bestMatch = (answer: readonly string[], steps: readonly string[]) =>
  Math.max(...allowedOrders(steps).map((o) => longestCommonSubsequence(answer, o).length));

/** The precedences the exercise names, [before, after, why]: links of the chain, each named where both steps are drawn. */
export const PRECEDENCES: [string, string, string][] = [
  [
    'system-fixed',
    'run-settings',
    'The configuration belongs to one fixed system and build: settings tuned before the system is fixed tune another system.',
  ],
  ['run-settings', 'qps-search', 'The QPS search runs under the official configuration, so that configuration comes first.'],
  ['qps-search', 'performance-run', 'The performance run uses the target QPS that the search found.'],
  ['run-settings', 'performance-run', 'The performance run runs under the official configuration, so that configuration comes first.'],
  ['performance-run', 'compliance-run', 'A compliance test must be run once for each submission run: the run it checks comes first.'],
  ['compliance-run', 'compliance-check', 'Verification reads the logs of a compliance run, so the run comes first.'],
  ['compliance-check', 'checker', 'The submission checker reads the compliance logs under audit/, which verification puts there.'],
];
/** The cap on an order the rules do not allow. */
export const NOT_ALLOWED_CAP = 0.4;
/** Drawn on every variant: the steps of the precedences learners break most (the QPS search, the accuracy run and the upload on half each). */
const ALWAYS = ['system-fixed', 'run-settings', 'performance-run', 'compliance-run', 'compliance-check', 'checker'];

const WHY: Record<string, string> = {
  'compliance-run': 'A compliance test checks the submission runs, so it needs their logs.',
  'compliance-check': 'Verification reads the logs of a compliance run.',
  checker: 'The submission checker reads every log, compliance logs included.',
  'qps-search': 'The search runs under the official configuration.',
  'performance-run': 'The performance run uses the QPS the search found.',
  'run-settings': 'The configuration sits beside a build that no longer changes.',
  submission: 'Nothing is submitted before the checker has passed it.',
  'system-fixed': 'Every run must run the same system and code.',
  'accuracy-run': 'TEST01 compares against the accuracy-mode run, and that run uses the fixed system and configuration.',
};

export default defineExerciseLogic<ComplianceData>(({ parts }) => {
  const spec = parts.find((p) => p.id === 'order')!.answer as OrderingAnswerSpec;
  const textOf = (id: string) => spec.items.find((i) => i.id === id)!.text;
  const all = spec.items.map((i) => i.id);
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const benchmark = r.int(0, BENCHMARKS.length - 1);
      const steps = [...ALWAYS, ...all.filter((id) => !ALWAYS.includes(id) && r.chance(0.5))];
      // Shown far from every allowed order, read forwards or backwards: at most 3 steps in order either way.
      for (let attempt = 0; attempt < 5000; attempt++) {
        const shown = r.shuffle(steps);
        if (bestMatch(shown, steps) <= 3 && bestMatch([...shown].reverse(), steps) <= 3) return { benchmark, shown };
      }
      throw new Error('compliance-steps: no shuffle far enough from the allowed orders; the generator needs a look');
    },
    render({ data }) {
      return {
        values: { benchmark: BENCHMARKS[data.benchmark]! },
        parts: { order: { items: data.shown.map((id) => ({ id, text: textOf(id) })) } },
      };
    },
    async check({ data }, answers) {
      const items: Option[] = data.shown.map((id) => ({ id, text: textOf(id) }));
      return gradeParts(answers, {
        order: (a: Answer): PartResult => {
          // The best of the allowed orders: checkOrdering scores each, format errors are the same for all.
          const results = allowedOrders(data.shown).map((o) => checkOrdering(a, items, o, { why: WHY }));
          const best = results.reduce((b, x) => (x.score > b.score ? x : b));
          if (best.status === 'format-error' || best.score === 1) return best;
          const order = a as string[];
          const broken = PRECEDENCES.filter(([x, y]) => order.includes(x) && order.includes(y) && order.indexOf(y) < order.indexOf(x)).map(
            ([, , why]) => why,
          );
          return scored(
            NOT_ALLOWED_CAP * best.score,
            ['This order breaks the sequence the rules require, so it is not a compliant plan.', ...broken, best.feedback].join(' '),
          );
        },
      });
    },
  };
});
