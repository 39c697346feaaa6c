import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber, formatError, parseQuantity, scored } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { Answer, ChoiceAnswerSpec, NumberAnswerSpec, PartResult } from '../../runtime/exercises/types.ts';
import { brokenRules, drawLog, fromIssueOf, type Mistake, neededFor, overOf, p99Mistakes, p99Of, type QueryLog } from './log.ts';

/**
 * Interpretation: the query log of a server run (log.ts: generated, seeded, with pauses of the load generator),
 * read as LoadGen reads it: latency from the scheduled arrival, its percentile convention, the bound, the
 * minimum query count and early stopping. The verdict is the engine's own (runtime/load).
 */

export { brokenRules, overOf, p99Of, type QueryLog } from './log.ts';

export const correctVerdict = (d: QueryLog): string[] => {
  const broken = brokenRules(d);
  return broken.length === 0 ? ['valid'] : broken;
};

function nearestFirst(answer: Answer, unit: string, mistakes: Mistake[]): Mistake[] {
  const parsed = typeof answer === 'string' ? parseQuantity(answer, unit) : undefined;
  if (!parsed?.ok) return mistakes;
  return [...mistakes].sort((a, b) => Math.abs(a.value - parsed.value) - Math.abs(b.value - parsed.value));
}

/**
 * The count of queries over the bound: a whole number, exactly. A fraction is a format error (it is no count);
 * counting latencies from the issue time is named.
 */
function checkCount(a: Answer, spec: NumberAnswerSpec, right: number, issuedOver: number): PartResult {
  const parsed = typeof a === 'string' ? parseQuantity(a, spec.unit) : undefined;
  if (!parsed?.ok) return checkNumber(a, spec, right, { unitSlips: false });
  if (!Number.isInteger(parsed.value)) return formatError(`A count of queries is a whole number; ${a} is not one.`);
  if (parsed.value === right) return scored(1, 'Correct.');
  if (parsed.value === issuedOver) return scored(0, 'That counts latencies from the issue time; the bound holds latency from the scheduled arrival.');
  return scored(0, 'Count the latencies (completion minus scheduled arrival) strictly above the bound.');
}

/** The early-stopping table, every count over the bound that a p99 within the bound allows for this run, and more. */
function table(d: QueryLog): string {
  const n = d.scheduled.length;
  const rows = Array.from({ length: Math.max(8, n - Math.floor(n * 0.99) + 2) }, (_, t) => `| ${t} | ${neededFor(t)} |`);
  return ['| queries over the bound (t) | queries the run needs |', '| --- | --- |', ...rows].join('\n');
}

export default defineExerciseLogic<QueryLog>(({ parts }) => {
  const [p99, over, verdict] = ['p99', 'over', 'verdict'].map((id) => parts.find((p) => p.id === id)!.answer) as [
    NumberAnswerSpec,
    NumberAnswerSpec,
    ChoiceAnswerSpec,
  ];
  return {
    generate: (seed) => drawLog(variantRandom(seed)),
    render({ data }) {
      return {
        values: { n: data.scheduled.length, qps: data.targetQps, bound: data.boundMs, 'min-queries': data.minQueries, table: table(data) },
        datasets: [
          { id: 'scheduled', label: 'Scheduled arrival of each query', unit: 'ms', values: data.scheduled },
          { id: 'issued', label: 'Time each query was issued', unit: 'ms', values: data.issued },
          { id: 'completed', label: 'Time each query completed', unit: 'ms', values: data.completed },
        ],
      };
    },
    async check({ data }, answers) {
      const broken = brokenRules(data);
      const issuedOver = fromIssueOf(data).filter((x) => x > data.boundMs).length;
      return gradeParts(answers, {
        p99: (a) =>
          checkNumber(a, p99, p99Of(data), {
            misconceptions: nearestFirst(a, p99.unit, p99Mistakes(data)),
            wrong: 'Latency from the scheduled arrival, sorted; then the index floor(0.99 n), counting from 0.',
          }),
        over: (a) => checkCount(a, over, overOf(data), issuedOver),
        verdict: (a) =>
          checkChoice(a, verdict, correctVerdict(data), {
            why: {
              valid: broken.includes('too-few')
                ? 'Before calling it VALID, count the queries against every minimum the rules set.'
                : broken.includes('early-stopping')
                  ? 'A p99 within the bound is not enough on its own: how many queries does the table ask for, with this many over the bound?'
                  : 'Compare the p99 with the bound once more.',
              'too-few': 'Count the queries in the log against the minimum again.',
              'over-bound': 'Compare your p99 with the bound once more: is it above it?',
              'early-stopping': broken.includes('over-bound')
                ? 'Early stopping is judged only when the p99 itself is within the bound: check that first.'
                : 'Look up the number over the bound in the table and compare with the queries the run has.',
            },
          }),
      });
    },
  };
});
