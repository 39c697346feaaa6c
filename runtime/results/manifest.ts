/**
 * The manifest rubric of a reproducible result record: which fields a record must carry so that someone
 * else can rerun it from the record alone and check the rerun against it, and which it may lack. A
 * workbook convention, after runtime/results/rerun.ts (what a rerun reads) and record-diff.ts (what a
 * check compares). Pure.
 */
export interface ManifestField {
  /** A path in the record: `spec.source`, `environment.target.onnxruntimeVersion`. */
  field: string;
  /** Needed to rerun or to check a rerun; the others may be missing without blocking either. */
  needed: boolean;
  why: string;
}

export const MANIFEST_FIELDS: readonly ManifestField[] = [
  { field: 'spec.source', needed: true, why: 'the spec as run: without it there is nothing to run again' },
  { field: 'spec.hash', needed: true, why: 'shows that the spec was not changed after the run' },
  { field: 'parameters', needed: true, why: "the values of the spec's parameters for this run (defaults can change)" },
  { field: 'seed', needed: true, why: 'the seed of the generated inputs, the item draw and the bootstrap' },
  { field: 'target', needed: true, why: 'which backend ran it: a rerun elsewhere must know it is elsewhere' },
  { field: 'environment.host', needed: true, why: 'the machine (processor, cores, runtime): what a timing depends on' },
  { field: 'environment.target', needed: true, why: 'the backend, its version and its threads' },
  { field: 'samples.perIteration', needed: true, why: 'the raw samples: every statistic and interval is recomputed from them' },
  { field: 'startedAt', needed: false, why: 'when the run started: bookkeeping, it changes nothing that is measured' },
  { field: 'spec.title', needed: false, why: "the spec's title is prose, left out of its hash" },
  { field: 'statistics', needed: false, why: 'the summary (median, IQR, interval) is recomputed from the raw samples and the seed' },
  { field: 'timing.stoppedBecause', needed: false, why: 'why sampling stopped is an outcome the rerun gives again, not an instruction to it' },
];

const at = (record: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>)[k] : undefined), record);

/** Whether a field holds something: an empty object or list (no samples, no environment) counts as missing. */
export function hasField(record: unknown, field: string): boolean {
  const v = at(record, field);
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0 || field === 'parameters';
  return true;
}

/** The rubric's fields a record lacks, needed ones first, each with why it matters (or why it does not). */
export function manifestGaps(record: unknown): ManifestField[] {
  const gaps = MANIFEST_FIELDS.filter((f) => !hasField(record, f.field));
  return [...gaps.filter((f) => f.needed), ...gaps.filter((f) => !f.needed)];
}
