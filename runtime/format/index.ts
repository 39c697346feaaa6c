/**
 * The workbook's one formatter for the numbers people read: durations, metric values with their
 * units, ratios, percentages and parameter lists. The terminal, the CLI, the cell's report, the
 * results wall, the validity notes and compare all print through it, so one run reads the same
 * everywhere. Core code: no DOM, no Node.
 */

/**
 * How a duration is written:
 * - `table` (default): fixed decimals per range so a column of times lines up (2.000 ms, 123.4 ms,
 *   1.23 s, 5.000 µs); for tables and result reports.
 * - `prose`: three significant digits (9.98 ms, 1.00 s, 5.00 µs); for sentences.
 * - `short`: three significant digits, trailing zeros dropped (5 µs, 99.8 µs); for ranges in a sentence.
 */
export type DurationStyle = 'table' | 'prose' | 'short';

/** Milliseconds in the unit a person reads best (µs below 1 ms, s from 1000 ms). Not a number: written as it is. */
export function formatDuration(ms: number, style: DurationStyle = 'table'): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (style === 'table') {
    if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
    if (ms >= 1) return `${ms.toFixed(ms >= 100 ? 1 : 3)} ms`;
    return `${(ms * 1000).toFixed(ms >= 0.01 ? 2 : 3)} µs`;
  }
  // The unit is chosen after rounding, so 999.96 ms reads 1.00 s, not "1.00e+3 ms".
  const rounded = Number(ms.toPrecision(3));
  const [value, unit] = Math.abs(rounded) < 1 ? [ms * 1000, 'µs'] : Math.abs(rounded) < 1000 ? [ms, 'ms'] : [ms / 1000, 's'];
  const text = value.toPrecision(3);
  return `${style === 'short' ? String(Number(text)) : text} ${unit}`;
}

/**
 * A metric value with its unit: a duration (unit ms) as {@link formatDuration}, a fraction as a
 * percentage (0.9123 -> 91.23%), anything else with decimals by magnitude (1234.5 GFLOP/s, 12.346 GB/s,
 * 0.1235 items/s).
 */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return `${String(value)} ${unit}`;
  if (unit === 'ms') return formatDuration(value);
  if (unit === 'fraction') return formatPercent(value, 2);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 1 : abs >= 1 ? 3 : 4;
  return `${value.toFixed(digits)} ${unit}`;
}

/** A ratio of two times or rates: 1.2345 -> "1.23x"; a typeset page may pass `×` as the sign. */
export function formatRatio(ratio: number, digits = 2, sign: 'x' | '×' = 'x'): string {
  return `${ratio.toFixed(digits)}${sign}`;
}

/**
 * A fraction as a percentage: 0.1234 -> "12.3%" ("12.3 %" when `spaced`, as the validity notes write it);
 * null (no value, such as a relative IQR of a zero median) -> "n/a".
 */
export function formatPercent(fraction: number | null, digits = 1, spaced = false): string {
  return fraction === null ? 'n/a' : `${(fraction * 100).toFixed(digits)}${spaced ? ' ' : ''}%`;
}

export interface ParamsStyle {
  /** Between two `k=v` pairs; default a space, as on a command line. */
  separator?: string;
  /** What an empty list reads as; default "no parameters". */
  empty?: string;
  /** Sort the names, so the same values always read the same whatever order they were written in. */
  sorted?: boolean;
}

/** Parameter values as `k=v` pairs: `{ n: 64, variant: 'tiled' }` -> "n=64 variant=tiled". */
export function formatParams(params: Readonly<Record<string, unknown>>, style: ParamsStyle = {}): string {
  const keys = Object.keys(params);
  if (style.sorted) keys.sort();
  return keys.length ? keys.map((k) => `${k}=${String(params[k])}`).join(style.separator ?? ' ') : (style.empty ?? 'no parameters');
}

/** Rows as a plain-text table for a terminal: columns padded to their widest cell, two spaces apart, no trailing blanks. */
export function formatTextTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}
