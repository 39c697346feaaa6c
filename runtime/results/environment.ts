import type { ResultRecord } from './record.ts';

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/**
 * A record's environment as `host.cpu`-style fields with printable values, for telling two machines
 * apart (the comparison and the results wall). Lists are joined with commas; objects inside lists as
 * JSON; an empty string reads "(empty)".
 */
export function flattenEnvironment(environment: ResultRecord['environment']): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, prefix: string) => {
    const o = obj(value);
    if (o) {
      for (const [k, v] of Object.entries(o)) walk(v, prefix ? `${prefix}.${k}` : k);
    } else {
      const text = Array.isArray(value)
        ? value.map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x))).join(', ')
        : String(value);
      out.set(prefix, text === '' ? '(empty)' : text);
    }
  };
  walk(environment, '');
  return out;
}

/**
 * The fields that explain most differences between machines, in the order people read them; they are
 * the `key` differences. The rest (limits, features, notes, paths...) follow alphabetically.
 */
export const KEY_FIELDS = [
  'target',
  'host.kind',
  'host.runtime',
  'host.userAgent',
  'host.platform',
  'host.os',
  'host.cpu',
  'host.logicalCores',
  'host.memoryGiB',
  'host.crossOriginIsolated',
  'target.backend',
  'target.executionProvider',
  'target.adapter.vendor',
  'target.adapter.architecture',
  'target.adapter.description',
  'target.adapter.isFallbackAdapter',
  'target.onnxruntimeVersion',
  'target.threads',
  'target.intraOpThreads',
  'target.kernel',
  'target.workgroupSize',
];

/** What a run that lacks a field shows for it. */
export const NOT_RECORDED = '(not recorded)';

/** One environment field whose value is not the same in every run; `values` follow the runs' order. */
export interface EnvironmentDifference {
  field: string;
  /** One of KEY_FIELDS. */
  key: boolean;
  values: string[];
}

/**
 * The one environment diff (the comparison of two runs and every table of the results wall use it):
 * the flattened fields (see flattenEnvironment), plus `target` for the target itself, whose values are
 * not all the same. KEY_FIELDS first in their order, then the rest alphabetically (numbers in numeric
 * order); a run without a field reads NOT_RECORDED. Fewer than two runs differ in nothing.
 */
export function environmentDifferences(runs: readonly Pick<ResultRecord, 'target' | 'environment'>[]): EnvironmentDifference[] {
  if (runs.length < 2) return [];
  const flat = runs.map((r) => {
    const f = flattenEnvironment(r.environment);
    f.set('target', r.target);
    return f;
  });
  const rank = (f: string) => {
    const i = KEY_FIELDS.indexOf(f);
    return i === -1 ? KEY_FIELDS.length : i;
  };
  const fields = [...new Set(flat.flatMap((f) => [...f.keys()]))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true }));
  return fields
    .map((field) => ({ field, key: KEY_FIELDS.includes(field), values: flat.map((f) => f.get(field) ?? NOT_RECORDED) }))
    .filter((d) => new Set(d.values).size > 1);
}
