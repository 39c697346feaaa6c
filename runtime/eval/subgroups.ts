import type { Slice } from '../spec/task.ts';

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
