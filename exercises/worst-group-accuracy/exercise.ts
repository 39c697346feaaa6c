import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkNumber, type NumberCheckOptions } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom, type VariantRandom } from '../../runtime/exercises/random.ts';
import type { Answer, NumberAnswerSpec, PartResult } from '../../runtime/exercises/types.ts';
import { subgroupReportFromCounts } from '../../runtime/eval/subgroups.ts';

/**
 * Interpretation: a per-group table (generated: scanners that digitised the items), as the cell's slice
 * table shows one. The answers come from the engine's subgroupReportFromCounts, fed one item per row of the table.
 */

export interface Group {
  name: string;
  items: number;
  right: number;
}
export interface WorstGroupData {
  groups: Group[];
}

const NAMES = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'];
/** Named mistakes must stay this far from the right answers (more than twice the tolerance, 0.002). */
export const APART = 0.006;

const accuracy = (g: Group) => g.right / g.items;

/** Worst-group accuracy and gap, by the engine (one labelled item per test item of the table). */
export function solution(d: WorstGroupData): { worst: number; gap: number } {
  const r = subgroupReportFromCounts(d.groups);
  return { worst: r.worst.accuracy, gap: r.gap };
}

/** The typical wrong answers, as numbers. */
export function mistakes(d: WorstGroupData) {
  const items = d.groups.reduce((a, g) => a + g.items, 0);
  const overall = d.groups.reduce((a, g) => a + g.right, 0) / items;
  const mean = d.groups.reduce((a, g) => a + accuracy(g), 0) / d.groups.length;
  const mostErrors = [...d.groups].sort((a, b) => b.items - b.right - (a.items - a.right))[0]!;
  const { worst } = solution(d);
  const best = Math.max(...d.groups.map(accuracy));
  return {
    overall,
    mean,
    mostErrors: accuracy(mostErrors),
    errorRate: 1 - worst,
    bestMinusOverall: best - overall,
    overallMinusWorst: overall - worst,
  };
}

function draw(r: VariantRandom): WorstGroupData {
  const k = r.int(4, 6);
  const names = NAMES.slice(0, k);
  // One small weak group, one large group with the most mistakes by count but a better rate, the rest in between.
  const weak = r.int(0, k - 1);
  const large = (weak + r.int(1, k - 1)) % k;
  return {
    groups: names.map((name, i) => {
      const items = i === weak ? r.int(30, 90) : i === large ? r.int(500, 900) : r.int(120, 400);
      const acc = i === weak ? r.uniform(0.5, 0.78) : i === large ? r.uniform(0.84, 0.9) : r.uniform(0.9, 0.985);
      return { name, items, right: Math.round(items * acc) };
    }),
  };
}

/** All values more than APART from each other: the answer and its named mistakes, so each answer gets one feedback. */
const apart = (xs: number[]) => xs.every((x, i) => xs.every((y, j) => i === j || Math.abs(x - y) > APART));

/** Every named mistake is more than APART from the answer it would be given for, and from the other mistakes. */
export function separated(d: WorstGroupData): boolean {
  const s = solution(d);
  const m = mistakes(d);
  return apart([s.worst, m.overall, m.mean, m.mostErrors, m.errorRate]) && apart([s.gap, m.bestMinusOverall, m.overallMinusWorst, m.overall]);
}

/**
 * checkNumber, and a wrong answer that is the right fraction times 100 (rounded as the learner likes: judged at
 * the part's tolerance once divided by 100) is told the box wants a fraction, as the instructor notes promise.
 */
function namePercent(a: Answer, spec: NumberAnswerSpec, expected: number, options: NumberCheckOptions): PartResult {
  const result = checkNumber(a, spec, expected, options);
  const percent = typeof a === 'string' ? Number(a.trim().replace(/%$/, '')) / 100 : NaN;
  if (result.status === 'wrong' && Math.abs(percent - expected) <= (spec.atol ?? 0))
    return { ...result, feedback: 'That looks like a percentage: the answer box wants a fraction between 0 and 1.' };
  return result;
}

export default defineExerciseLogic<WorstGroupData>(({ parts }) => {
  const [worstSpec, gapSpec] = ['worst', 'gap'].map((id) => parts.find((p) => p.id === id)!.answer) as [NumberAnswerSpec, NumberAnswerSpec];
  return {
    generate(seed) {
      const r = variantRandom(seed);
      // Redraw (from the same stream, so still deterministic) until every named mistake is clear of the answers.
      for (;;) {
        const d = draw(r);
        if (separated(d)) return d;
      }
    },
    render({ data }) {
      return {
        values: { total: data.groups.reduce((a, g) => a + g.items, 0), groups: data.groups.length },
        tables: [
          {
            id: 'groups',
            caption: 'Results by scanner (generated data)',
            columns: ['scanner', 'items', 'right'],
            rows: data.groups.map((g) => [g.name, g.items, g.right]),
          },
        ],
      };
    },
    async check({ data }, answers) {
      const s = solution(data);
      const m = mistakes(data);
      const overall = 'That is the overall accuracy: all right answers over all items, where the large groups outvote the small one.';
      return gradeParts(answers, {
        worst: (a) =>
          namePercent(a, worstSpec, s.worst, {
            unitSlips: false,
            misconceptions: [
              { value: m.overall, feedback: overall },
              { value: m.mean, feedback: 'That is the mean of the groups’ accuracies (a macro average): it still averages the weakest group away.' },
              {
                value: m.mostErrors,
                feedback: 'That group has the most mistakes by count, because it is large; the worst group has the lowest rate.',
              },
              { value: m.errorRate, feedback: 'That is an error rate (one minus an accuracy): the question asks for the accuracy.' },
            ],
            wrong: 'Compute each group’s right answers over its own items, then take the smallest.',
          }),
        gap: (a) =>
          namePercent(a, gapSpec, s.gap, {
            unitSlips: false,
            misconceptions: [
              {
                value: m.bestMinusOverall,
                feedback: 'The gap is between two groups, the best and the worst, not between a group and the overall accuracy.',
              },
              {
                value: m.overallMinusWorst,
                feedback: 'The gap is between two groups, the best and the worst, not between the overall accuracy and a group.',
              },
              { value: m.overall, feedback: overall },
            ],
            wrong: 'Subtract the worst group’s accuracy from the best group’s.',
          }),
      });
    },
  };
});
