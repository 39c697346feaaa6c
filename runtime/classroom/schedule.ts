/**
 * Grading by expected cost, so no shard or worker is left with the slow rows: a submission with a code
 * exercise runs the learner's code in the sandbox (~0.1-0.5 CPU-s), one without takes a few ms. The
 * estimate decides only where and in which order a row is graded, never its grade, and output order is
 * the learners' (rows carry their index), so any estimate keeps the outputs byte-identical.
 */

/** A code exercise's check costs about this many plain submissions (fix-timing-harness, measured 2026-11). */
export const CODE_ENTRY_COST = 20;
/** A row without a file to read (missing, refused by name) costs next to nothing, but not nothing: they spread too. */
export const NO_FILE_COST = 0.1;

/** The expected cost of grading a submission's text: 1, plus CODE_ENTRY_COST per code exercise it has an entry for. */
export function expectedCost(text: string, codeExercises: readonly string[]): number {
  let cost = 1;
  for (const id of codeExercises) {
    const entry = new RegExp(`"exercise"\\s*:\\s*"${id.replace(/[^a-z0-9-]/g, '')}"`);
    if (entry.test(text)) cost += CODE_ENTRY_COST;
  }
  return cost;
}

/**
 * Which of `count` shards each row goes to (0-based), the same in every shard's process: rows by
 * descending cost (ties in the order given), each to the shard with the least cost so far (ties: the
 * lowest). Equal-cost rows are so dealt round-robin: code submissions spread evenly, then the rest fill up.
 */
export function dealShards(costs: readonly number[], count: number): number[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`dealShards: count must be a whole number >= 1, got ${count}`);
  const order = costs.map((_, k) => k).sort((x, y) => costs[y]! - costs[x]! || x - y);
  const load = new Array<number>(count).fill(0);
  const shard = new Array<number>(costs.length);
  for (const k of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s]! < load[best]!) best = s;
    shard[k] = best;
    load[best]! += costs[k]!;
  }
  return shard;
}

/** The order to hand rows to a pool of workers: the costly first (longest processing time first), ties in the order given. */
export function costOrder(costs: readonly number[]): number[] {
  return costs.map((_, k) => k).sort((x, y) => costs[y]! - costs[x]! || x - y);
}
