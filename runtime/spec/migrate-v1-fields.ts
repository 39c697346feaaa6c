import type { MigrationNote } from './load.ts';

/**
 * Spec version 2 has no `results` section. In version 1 it held `results.keep`, a list of what the
 * record should keep, which nothing ever read: every record keeps samples (compare's bootstrap reads
 * them), warm-up (the first-run report), statistics (the results wall) and environment (whether two
 * results are comparable), with the spec hash and the seed. A list that left one out could only have
 * produced a record that compare or the wall refuses. The results are what a run writes, not
 * something a spec author lists; what a record says about where it ran is `infrastructure.record`.
 */

/** What every record keeps, and all a version 1 `results.keep` could name. */
export const V1_KEEP_ITEMS = ['samples', 'warmup', 'statistics', 'environment'] as const;

/** Why a version 2 spec may not have `results`, and what to do: the error at its key. */
export const RESULTS_REMOVED =
  'spec version 2 has no results section: the results are what a run records, not what a spec lists. Every record keeps the samples, ' +
  'the warm-up, the statistics with their confidence intervals and the environment, with the spec hash and the seed (compare, the results ' +
  'wall and the verdict need them all). Delete the results section; to choose what a record says about where it ran, use infrastructure.record.';

/**
 * The step from spec version 1 to 2 for `results`, part of `migrations[1]` (load.ts): the section is
 * dropped. Silently when it is the usual `keep: [samples, warmup, statistics, environment]` (the record
 * is exactly what it asked for); otherwise `note` names what was dropped and why it changed nothing.
 *
 * Pure: returns a new object and leaves the old one as it was (old result records keep their spec).
 */
export function migrateV1Fields(old: Record<string, unknown>, note: (n: MigrationNote) => void = () => {}): Record<string, unknown> {
  if (!('results' in old)) return old;
  const { results, ...next } = old;
  const said = describeDropped(results);
  if (said) note(said);
  return next;
}

/** The warning for a version 1 `results` that asked for something other than what every record keeps; undefined when it asked for exactly that. */
function describeDropped(results: unknown): MigrationNote | undefined {
  const todo = 'Move the file to `version: 2` and delete the results section.';
  const isMapping = results !== null && typeof results === 'object' && !Array.isArray(results);
  const { keep, ...others } = isMapping ? (results as Record<string, unknown>) : {};
  const extra = Object.keys(others);
  if (!isMapping || !Array.isArray(keep)) {
    return {
      path: ['results'],
      message: `results (spec version 1) is dropped: version 2 has no results section, and every record keeps ${listWords(V1_KEEP_ITEMS)} whatever a spec says. ${todo}`,
    };
  }
  const listed = keep.map(String);
  const missing = V1_KEEP_ITEMS.filter((k) => !listed.includes(k));
  const unknown = listed.filter((k) => !(V1_KEEP_ITEMS as readonly string[]).includes(k));
  if (!missing.length && !unknown.length && !extra.length) return undefined;
  const parts: string[] = [];
  if (missing.length) {
    parts.push(
      `leaving out ${listWords(missing)} changed nothing${missing.includes('environment') ? ' (without the environment, results from different machines could not be compared)' : ''}`,
    );
  }
  if (unknown.length)
    parts.push(
      `${listWords(unknown)} ${unknown.length === 1 ? 'is' : 'are'} not something a record keeps (what it says about where it ran is infrastructure.record)`,
    );
  if (extra.length) parts.push(`results.${extra.join(', results.')} ${extra.length === 1 ? 'was' : 'were'} never a field`);
  return {
    path: ['results', 'keep'],
    message: `results.keep: [${listed.join(', ')}] (spec version 1) is dropped: every record keeps ${listWords(V1_KEEP_ITEMS)} whatever this list says (compare, the results wall and the verdict read them), so ${parts.join('; ')}. ${todo}`,
  };
}

/** `a, b and c`. */
function listWords(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
