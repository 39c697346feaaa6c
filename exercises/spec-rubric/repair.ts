import { formatError, scored } from '../../runtime/exercises/checkers.ts';
import type { PartResult } from '../../runtime/exercises/types.ts';
import { loadSpec } from '../../runtime/spec/load.ts';
import { parse } from 'yaml';
import { locateYaml } from '../../runtime/yaml/locate.ts';
import { type Problem, reportabilityProblems } from './rubric.ts';

/**
 * The repair part: fix the rules the spec broke and change nothing else. It is graded only once the diagnosis
 * (the problems part) is right, and until then its feedback, and the editor's marks, say nothing about the rules:
 * a learner cannot read the problems part's answer off the repair, and a fixed transform scores nothing alone.
 */

/** The four rules; the two container problems are one rule (the software pinned). */
const RULE_OF: Record<Problem, string> = {
  'image-tag': 'software',
  'no-container': 'software',
  'no-host': 'host',
  'no-backend': 'backend',
  'no-seed': 'seed',
};
const rulesBroken = (text: string) => new Set(reportabilityProblems(text).map((p) => RULE_OF[p]));

/** Diagnostics at the rules' own fields would name the broken rule: the editor does not show them. */
const RULE_PATH = /^(infrastructure\.container\.image|infrastructure\.record|datasets\[\d+\]\.generated\.seed)\b/;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The spec with the rules' own fields taken out: what a repair must leave as it was. */
function rest(data: Record<string, unknown>, hadContainer: boolean): Json {
  const copy = JSON.parse(JSON.stringify(data)) as { [k: string]: Json };
  const infra = copy.infrastructure as { [k: string]: Json } | undefined;
  if (infra && typeof infra === 'object') {
    if (Array.isArray(infra.record)) infra.record = [...infra.record.filter((x) => x !== 'host' && x !== 'backend')].sort() as Json[];
    const c = infra.container as { [k: string]: Json } | undefined;
    if (!hadContainer) delete infra.container;
    else if (c && typeof c === 'object' && typeof c.image === 'string') c.image = c.image.replace(/@.*$/, '');
  }
  if (Array.isArray(copy.datasets))
    for (const d of copy.datasets)
      if (d && typeof d === 'object' && !Array.isArray(d) && d.generated && typeof d.generated === 'object')
        delete (d.generated as { [k: string]: Json }).seed;
  return copy;
}

/** The first path where two JSON values differ, or undefined when they are equal. */
function firstDifference(a: Json, b: Json, path = ''): string | undefined {
  if (a === b) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const d = firstDifference(a[i] ?? null, b[i] ?? null, `${path}[${i}]`);
        if (d !== undefined) return d;
      }
      return undefined;
    }
    const ao = a as { [k: string]: Json };
    const bo = b as { [k: string]: Json };
    for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
      const d = firstDifference(ao[k] ?? null, bo[k] ?? null, path ? `${path}.${k}` : k);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return path || '(the whole spec)';
}

/** The variant's own spec, parsed once: a page or a grader checks one variant many times. */
let lastOriginal: [string, Record<string, unknown>] | undefined;
function parsedOriginal(text: string): Record<string, unknown> {
  if (lastOriginal?.[0] !== text) lastOriginal = [text, parse(text) as Record<string, unknown>];
  return lastOriginal[1];
}

export function checkRepair(original: string, text: string, diagnosisScore: number): PartResult {
  const located = locateYaml(text);
  if (located.errors.length) {
    const e = located.errors[0]!;
    return formatError(`The YAML does not parse: line ${e.line}, column ${e.column}: ${e.message}. Fix the syntax first.`, {
      diagnostics: located.errors.map((x) => ({ line: x.line, column: x.column, severity: 'error', message: `not valid YAML: ${x.message}` })),
    });
  }
  const data = located.value;
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return formatError('A spec is a mapping of `field: value` lines: start from the spec you were given.');
  const given = parsedOriginal(original);
  const hadContainer = !!(given.infrastructure as { container?: unknown } | undefined)?.container;
  const loaded = loadSpec(text);
  const diagnostics = loaded.diagnostics
    .filter((d) => !RULE_PATH.test(d.message))
    .map((d) => ({ line: d.line, column: d.column, severity: d.severity, message: d.message }));
  const changed = firstDifference(rest(given, hadContainer), rest(data as Record<string, unknown>, hadContainer));
  if (changed !== undefined)
    return scored(
      0,
      `\`${changed}\` is not as the spec you were given had it: a repair changes only what the rubric's rules need (record items, the image's digest, a container, a seed) and keeps everything else.`,
      { diagnostics },
    );
  const other = diagnostics.find((d) => d.severity === 'error');
  if (other) return scored(0, `The spec does not validate yet: line ${other.line}: ${other.message}`, { diagnostics });
  // The repair counts once the diagnosis is right, so its feedback cannot be read for the diagnosis.
  if (diagnosisScore < 1)
    return scored(0, 'The repair is checked once the problems part is right: diagnose first, then repair what you found.', { diagnostics });
  const before = rulesBroken(original);
  const after = rulesBroken(text);
  if ([...after].some((r) => !before.has(r)))
    return scored(0, 'The repair breaks a rule that the spec you were given kept: keep what was right.', { diagnostics });
  const fixed = [...before].filter((r) => !after.has(r)).length / before.size;
  if (fixed < 1) return scored(fixed, 'Not every rule you found is fixed yet: check each one against your repair.', { diagnostics });
  return scored(1, 'Every broken rule is fixed and nothing else changed.', { diagnostics });
}
