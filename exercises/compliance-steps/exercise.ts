import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkOrdering } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { Answer, OrderingAnswerSpec, Option, PartResult } from '../../runtime/exercises/types.ts';
import { longestCommonSubsequence } from '../../runtime/exercises/checkers.ts';

/**
 * Interpretation: order the steps of a compliant MLPerf Inference submission (inference_rules.adoc "LoadGen
 * Operation"; compliance/README.md: setup, execution, verification). The steps form one chain, except the
 * accuracy run, which may sit anywhere after the configuration and before the compliance run: every order the
 * rules allow is correct, and the score is the best against any of them. Each variant draws seven or eight of the
 * nine steps and shows them shuffled far from every allowed order, so the shown order, or one copied from
 * another variant, fails.
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
      const count = r.int(7, 8);
      const steps = r.sample(all, count);
      // Shown far from every allowed order: at most 3 steps already in order, so the order shown scores below half.
      for (let attempt = 0; attempt < 5000; attempt++) {
        const shown = r.shuffle(steps);
        if (bestMatch(shown, steps) <= 3) return { benchmark, shown };
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
          return results.reduce((best, x) => (x.score > best.score ? x : best));
        },
      });
    },
  };
});
