import type { Slice } from '../spec/task.ts';
import { bootstrapWeighted, type BootstrapOptions, type Interval } from './bootstrap.ts';

/**
 * Subgroups (slices) of the scored items and their accuracy: the worst group's accuracy and the gap
 * to the best say what one overall number hides. A slice that selects no item is an error that names
 * it (an accuracy of nothing would be 0/0).
 */
export interface SliceResult {
  name: string;
  items: number;
  accuracy: number;
}

export interface SubgroupReport {
  slices: SliceResult[];
  worst: SliceResult;
  best: SliceResult;
  /** best.accuracy - worst.accuracy. */
  gap: number;
}

export function sliceMembers(slice: Slice, labels: ArrayLike<number>, ink: ArrayLike<number> | undefined): number[] {
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (slice.labels && !slice.labels.includes(labels[i]!)) continue;
    if (slice.ink) {
      if (!ink) throw new Error(`slice ${slice.name}: these items have no ink (not images); slice them by labels`);
      if (!(ink[i]! >= slice.ink[0] && ink[i]! < slice.ink[1])) continue;
    }
    out.push(i);
  }
  return out;
}

export function subgroupReport(
  slices: readonly Slice[],
  labels: ArrayLike<number>,
  correct: ArrayLike<number>,
  ink: ArrayLike<number> | undefined,
): SubgroupReport {
  if (slices.length === 0) throw new Error('subgroups: no slices given');
  const results = slices.map((s) => {
    const members = sliceMembers(s, labels, ink);
    if (members.length === 0) {
      const how = [s.labels ? `labels ${s.labels.join(', ')}` : '', s.ink ? `ink in [${s.ink[0]}, ${s.ink[1]})` : ''].filter(Boolean).join(' and ');
      throw new Error(`slice ${s.name} selects no item of the ${labels.length} scored (${how}); its accuracy would be 0/0`);
    }
    return { name: s.name, items: members.length, accuracy: members.reduce((a, i) => a + correct[i]!, 0) / members.length };
  });
  let worst = results[0]!;
  let best = results[0]!;
  for (const r of results) {
    if (r.accuracy < worst.accuracy) worst = r;
    if (r.accuracy > best.accuracy) best = r;
  }
  return { slices: results, worst, best, gap: best.accuracy - worst.accuracy };
}

/**
 * Each slice's accuracy, the worst-group accuracy and the gap, with percentile-bootstrap 95% intervals
 * over the scored items (all items resampled together, so a slice's size varies as it would in another
 * test set of the same size; the worst group is taken on each resample, not fixed in advance). Keys:
 * `slice:<name>:accuracy`, `worst-group-accuracy`, `group-gap`. A resample that draws no item of a slice
 * leaves every statistic undefined there (counted, left out), never a 0/0.
 */
export function subgroupIntervals(
  slices: readonly Slice[],
  labels: ArrayLike<number>,
  correct: ArrayLike<number>,
  ink: ArrayLike<number> | undefined,
  options: BootstrapOptions,
): Record<string, Interval> {
  const members = slices.map((s) => sliceMembers(s, labels, ink));
  const empty = members.findIndex((m) => m.length === 0);
  if (empty >= 0) throw new Error(`slice ${slices[empty]!.name} selects no item of the ${labels.length} scored; its accuracy would be 0/0`);
  return bootstrapWeighted(
    labels.length,
    (w) => {
      const out: Record<string, number> = {};
      let worst = Number.POSITIVE_INFINITY;
      let best = Number.NEGATIVE_INFINITY;
      slices.forEach((s, k) => {
        let right = 0;
        let all = 0;
        for (const i of members[k]!) {
          const weight = w ? w[i]! : 1;
          all += weight;
          right += weight * correct[i]!;
        }
        const acc = all > 0 ? right / all : Number.NaN;
        out[`slice:${s.name}:accuracy`] = acc;
        worst = Math.min(worst, acc);
        best = Math.max(best, acc);
      });
      const defined = Object.values(out).every(Number.isFinite);
      out['worst-group-accuracy'] = defined ? worst : Number.NaN;
      out['group-gap'] = defined ? best - worst : Number.NaN;
      return out;
    },
    options,
  );
}

/**
 * The subgroup report of a table of groups (right answers out of items each): one labelled item per test
 * item, so a table an exercise shows is scored by the same code as a real run's slices.
 */
export function subgroupReportFromCounts(groups: readonly { name: string; items: number; right: number }[]): SubgroupReport {
  const labels: number[] = [];
  const correct: number[] = [];
  groups.forEach((g, k) => {
    for (let i = 0; i < g.items; i++) {
      labels.push(k);
      correct.push(i < g.right ? 1 : 0);
    }
  });
  return subgroupReport(
    groups.map((g, k) => ({ name: g.name.toLowerCase(), labels: [k] })),
    labels,
    correct,
    undefined,
  );
}
