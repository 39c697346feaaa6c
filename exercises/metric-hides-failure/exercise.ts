import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom, type VariantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';
import { subgroupReport } from '../../runtime/eval/subgroups.ts';

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
const NAMES = ['G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7'];
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
  const labels: number[] = [];
  const correct: number[] = [];
  d.groups.forEach((g, k) => {
    for (let i = 0; i < g.items; i++) {
      labels.push(k);
      correct.push(i < g.right ? 1 : 0);
    }
  });
  const report = subgroupReport(
    d.groups.map((g, k) => ({ name: g.name.toLowerCase(), labels: [k] })),
    labels,
    correct,
    undefined,
  );
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
/** Threshold minus the failing group's accuracy, and the two typical wrong versions of it. */
export function shortfalls(d: HidesData) {
  const m = metrics(d);
  return { right: d.threshold - m.worst, againstOverall: d.threshold - m.overall, overallMinusWorst: m.overall - m.worst, worst: m.worst };
}

function draw(r: VariantRandom): HidesData {
  const k = r.int(4, 7);
  const weakCount = r.chance(0.35) ? 2 : 1;
  const groups = NAMES.slice(0, k).map((name, i) => {
    const weak = i < weakCount;
    const items = weak ? r.int(40, 200) : r.int(150, 900);
    // The other groups spread around the threshold, so that which summaries clear it differs from variant to variant.
    const a = weak ? r.uniform(0.55, 0.82) : r.uniform(0.83, 0.99);
    return { name, items, right: Math.round(items * a) };
  });
  // The threshold sits below the best summaries and above the failing group.
  const threshold = round(r.uniform(0.86, 0.93), 2);
  return { threshold, groups: r.shuffle(groups) };
}

export function wellFormed(d: HidesData): boolean {
  const m = metrics(d);
  const someFail = d.groups.some((g) => acc(g) < d.threshold);
  const clear = Object.values(m).every((v) => Math.abs(v - d.threshold) > MARGIN);
  // At least one metric hides the failure and the worst does not: otherwise there is nothing to find.
  const h = hiding(d);
  const smallest = Math.min(...d.groups.map(acc));
  const uniqueWorst = d.groups.filter((g) => acc(g) === smallest).length === 1;
  const sf = shortfalls(d);
  const apart = [sf.againstOverall, sf.overallMinusWorst, sf.worst].every((x) => Math.abs(x - sf.right) > 3 * 0.002);
  return someFail && clear && apart && h.length >= 1 && !h.includes('worst') && uniqueWorst;
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
        rule: (a) =>
          checkChoice(a, ruleSpec, 'worst', {
            why: {
              overall: 'A large group that does well can carry the overall accuracy over the bar while a small group fails.',
              macro: 'An average of the groups can still be over the bar while one group is below it: the others make up for it.',
              'median-group': 'Half the groups can be below the median: it says nothing about the weakest.',
            },
          }),
      });
    },
  };
});
