import type { ResultRecord } from './record.ts';

const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

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
      const text = Array.isArray(value) ? value.map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x))).join(', ') : String(value);
      out.set(prefix, text === '' ? '(empty)' : text);
    }
  };
  walk(environment, '');
  return out;
}
