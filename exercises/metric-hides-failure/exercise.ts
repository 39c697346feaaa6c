import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber, readChoice } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom, type VariantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';
import { subgroupReportFromCounts } from '../../runtime/eval/subgroups.ts';

/**
 * Interpretation: a per-group table (generated) and a release threshold. Which summary metrics pass the
 * threshold although a group fails it. The worst group comes from the engine's subgroupReport.
 */

export interface Group {
  name: string;
  items: number;
  right: number;
}
export interface HidesData {
  threshold: number;
  groups: Group[];
}

export const METRIC_IDS = ['overall', 'macro', 'largest', 'median-group', 'worst'] as const;
type MetricId = (typeof METRIC_IDS)[number];
export const NAMES = ['G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7'];
/** Every metric stays this far from the threshold, so rounding in a learner's head cannot flip it. */
const MARGIN = 0.005;

const acc = (g: Group) => g.right / g.items;

// Computed once per variant: generate, check and the tests ask for the metrics many times.
const computed = new WeakMap<HidesData, Record<MetricId, number>>();

export function metrics(d: HidesData): Record<MetricId, number> {
  const known = computed.get(d);
  if (known) return known;
  const m = computeMetrics(d);
  computed.set(d, m);
  return m;
}

function computeMetrics(d: HidesData): Record<MetricId, number> {
  const total = d.groups.reduce((a, g) => a + g.items, 0);
  const accs = d.groups.map(acc).sort((a, b) => a - b);
  const mid = accs.length / 2;
  const largest = [...d.groups].sort((a, b) => b.items - a.items)[0]!;
  const report = subgroupReportFromCounts(d.groups);
  return {
    overall: d.groups.reduce((a, g) => a + g.right, 0) / total,
    macro: accs.reduce((a, b) => a + b, 0) / accs.length,
    largest: acc(largest),
    'median-group': accs.length % 2 ? accs[Math.floor(mid)]! : (accs[mid - 1]! + accs[mid]!) / 2,
    worst: report.worst.accuracy,
  };
}

/** The metrics at or above the threshold: the ones that would ship the model. */
export const hiding = (d: HidesData): MetricId[] => METRIC_IDS.filter((id) => metrics(d)[id] >= d.threshold);
export const failing = (d: HidesData): Group => d.groups.reduce((w, g) => (acc(g) < acc(w) ? g : w));
/** The groups below the threshold: the ones a worst-group rule needs improved before it ships. */
export const belowBar = (d: HidesData): string[] => d.groups.filter((g) => acc(g) < d.threshold).map((g) => optionOf(g.name));
/** A group's option id in the rule part (option ids are lowercase). */
export const optionOf = (name: string) => name.toLowerCase();
/** Threshold minus the failing group's accuracy, and the two typical wrong versions of it. */
export function shortfalls(d: HidesData) {
  const m = metrics(d);
  return { right: d.threshold - m.worst, againstOverall: d.threshold - m.overall, overallMinusWorst: m.overall - m.worst, worst: m.worst };
}

function draw(r: VariantRandom): HidesData {
  // An odd number of groups, so the median is one group's accuracy (no convention to guess).
  const k = r.pick([3, 5, 7]);
  const threshold = round(r.uniform(0.86, 0.93), 2);
  // Anywhere from one group to all but one below the bar, each group of any size: which summaries clear
  // the bar (the largest group, the median, the averages) and which groups fail differ from variant to variant.
  const below = r.int(1, k - 1);
  const groups = NAMES.slice(0, k).map((name, i) => {
    const items = r.int(40, 900);
    const a = i < below ? r.uniform(0.6, threshold - 0.01) : r.uniform(threshold + 0.01, 0.99);
    return { name, items, right: Math.round(items * a) };
  });
  // Half the variants make a failing group the largest, so the largest group's accuracy hides the failure
  // only about half the time.
  const big = r.chance(0.5) ? r.int(0, below - 1) : r.int(below, k - 1);
  const items = r.int(950, 1400);
  groups[big] = { ...groups[big]!, items, right: Math.round((items * groups[big]!.right) / groups[big]!.items) };
  return { threshold, groups: r.shuffle(groups) };
}

export function wellFormed(d: HidesData): boolean {
  const m = metrics(d);
  const someFail = d.groups.some((g) => acc(g) < d.threshold);
  const clear = [...Object.values(m), ...d.groups.map(acc)].every((v) => Math.abs(v - d.threshold) > MARGIN);
  const most = Math.max(...d.groups.map((g) => g.items));
  const uniqueLargest = d.groups.filter((g) => g.items === most).length === 1;
  // At least one metric hides the failure and the worst does not: otherwise there is nothing to find.
  const h = hiding(d);
  const smallest = Math.min(...d.groups.map(acc));
  const uniqueWorst = d.groups.filter((g) => acc(g) === smallest).length === 1;
  const sf = shortfalls(d);
  // The answer and each named mistake apart from one another, so each mistake gets its own feedback.
  const values = [sf.right, sf.againstOverall, sf.overallMinusWorst, sf.worst];
  const apart = values.every((x, i) => values.every((y, j) => i === j || Math.abs(x - y) > 3 * 0.002));
  return someFail && clear && apart && h.length >= 1 && !h.includes('worst') && uniqueWorst && uniqueLargest;
}

export default defineExerciseLogic<HidesData>(({ parts }) => {
  const [hidesSpec, shortfallSpec, ruleSpec] = ['hides', 'shortfall', 'rule'].map((id) => parts.find((p) => p.id === id)!.answer) as [
    ChoiceAnswerSpec,
    NumberAnswerSpec,
    ChoiceAnswerSpec,
  ];
  return {
    generate(seed) {
      const r = variantRandom(seed);
      for (;;) {
        const d = draw(r);
        if (wellFormed(d)) return d;
      }
    },
    render({ data }) {
      return {
        values: { threshold: data.threshold, failing: failing(data).name },
        parts: { rule: { options: NAMES.slice(0, data.groups.length).map((name) => ({ id: optionOf(name), text: `Group ${name}` })) } },
        tables: [
          {
            id: 'groups',
            caption: 'Results by group (generated data)',
            columns: ['group', 'items', 'right'],
            rows: data.groups.map((g) => [g.name, g.items, g.right]),
          },
        ],
      };
    },
    async check({ data }, answers) {
      const passes = new Set(hiding(data));
      const why: Record<string, string> = {
        worst: 'The worst-group accuracy is the smallest group accuracy: with a group below the threshold, can it be above it?',
      };
      for (const id of ['overall', 'macro', 'largest', 'median-group'] as const)
        if (!passes.has(id)) why[id] = 'Compute that metric from the table and compare it with the threshold again: on this test set it stays below.';
      return gradeParts(answers, {
        hides: (a) =>
          checkChoice(a, hidesSpec, hiding(data), { why, wrong: 'Compute each metric from the table and compare it with the threshold.' }),
        shortfall: (a) => {
          const sf = shortfalls(data);
          return checkNumber(a, shortfallSpec, sf.right, {
            unitSlips: false,
            misconceptions: [
              { value: sf.againstOverall, feedback: 'That is how far the overall accuracy is from the bar; the question is about one group.' },
              { value: sf.overallMinusWorst, feedback: 'That is the distance from the overall accuracy to the group; measure from the threshold.' },
              { value: sf.worst, feedback: 'That is the group’s accuracy itself; how far is it below the threshold?' },
            ],
            wrong: 'Compute the group’s accuracy (right over items) and subtract it from the threshold.',
          });
        },
        rule: (a) => {
          const shown = NAMES.slice(0, data.groups.length).map((name) => ruleSpec.options.find((o) => o.id === optionOf(name))!);
          const why: Record<string, string> = {};
          for (const g of data.groups)
            if (acc(g) >= data.threshold)
              why[optionOf(g.name)] =
                'A worst-group rule asks every group to reach the threshold; compare each group’s own accuracy with it, not with the others.';
          const wrong = 'The worst-group accuracy rises to the threshold only when every group below it does.';
          const result = checkChoice(a, ruleSpec, belowBar(data), { why, wrong }, shown);
          // Only the weakest group, where others fail too: the rule read as "fix the worst one", no credit.
          const picked = readChoice(a, ruleSpec, shown);
          if (belowBar(data).length > 1 && Array.isArray(picked) && picked.length === 1 && picked[0] === optionOf(failing(data).name))
            return { ...result, score: 0, status: 'wrong', feedback: `Fixing the weakest group alone does not ship the model. ${wrong}` };
          return result;
        },
      });
    },
  };
});
