// The runs made in this page, across its cells: each cell's results view publishes its own, and a view that
// needs several cells' runs (the roofline: copy for the memory roof, matmul for the compute roof) reads them
// all. One module instance per page, so every cell sees the same list.
import type { ResultRecord } from '../../../runtime/results/record.ts';

const byCell = new Map<object, readonly ResultRecord[]>();
const listeners = new Set<() => void>();
let snapshot: readonly ResultRecord[] = [];

/** Replaces `cell`'s runs (runs made in the page, not loaded from files) and tells the readers. */
export function publishCellRuns(cell: object, records: readonly ResultRecord[]): void {
  const before = byCell.get(cell);
  if (before && before.length === records.length && before.every((r, i) => r === records[i])) return;
  byCell.set(cell, records);
  snapshot = [...byCell.values()].flat();
  for (const l of listeners) l();
}

export function subscribePageRuns(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Every cell's published runs, the same array until one cell publishes a change (useSyncExternalStore). */
export const pageRuns = (): readonly ResultRecord[] => snapshot;
