/**
 * The step from spec version 1 to 2 for the fields version 2 drops, to be wired into `migrations[1]`
 * (runtime/spec/load.ts) by whoever bumps SPEC_VERSION; it is not wired yet, so version 1 still reads
 * these fields (validate warns about them: semantics.ts checkKeep).
 *
 * - `results.keep`: never read. Every record keeps samples (compare's bootstrap reads them),
 *   warm-up (the first-run report), statistics (the results wall) and environment (whether two
 *   results are comparable), so a list that leaves one out could only produce a record that compare
 *   or the wall refuses. `results` goes with it when nothing else is left in it.
 *
 * Pure: returns a new object and leaves the old one as it was (old result records keep their spec).
 */
export function migrateV1Fields(old: Record<string, unknown>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...old };
  const results = old.results;
  if (results && typeof results === 'object' && !Array.isArray(results)) {
    const { keep: _dropped, ...rest } = results as Record<string, unknown>;
    if (Object.keys(rest).length) next.results = rest;
    else delete next.results;
  }
  return next;
}
