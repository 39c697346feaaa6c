import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Spec } from './schema.ts';

/**
 * JSON with object keys sorted (by UTF-16 code units, as RFC 8785 JCS does) and no whitespace, so
 * equal data always gives the same text. Fields whose value is undefined are left out, as
 * JSON.stringify does. Throws on what JSON cannot hold exactly: NaN, Infinity, functions, class
 * instances other than plain objects and arrays.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: a ${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value} has no JSON form`);
}

/**
 * The identity of what a spec measures: "sha256:" and the hex SHA-256 of its canonical JSON,
 * leaving out the prose (title, description, parameter descriptions, metric definitions), so
 * rewording a spec does not make its results incomparable while any change to what is run,
 * how it is measured, or a parameter's default does. Results compare only under the same hash.
 */
export function specHash(spec: Spec): string {
  const { title: _title, description: _description, parameters, metrics, ...rest } = spec;
  const measured = {
    ...rest,
    parameters: Object.fromEntries(Object.entries(parameters).map(([name, { description: _d, ...p }]) => [name, p])),
    metrics: metrics.map(({ definition: _d, ...m }) => m),
  };
  return `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(measured))))}`;
}
