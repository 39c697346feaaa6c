/**
 * A sweep's words, shared by `workbook sweep` (runtime/cli/sweep-command.ts) and the page's terminal
 * (runtime/terminal/dispatch.ts): the file it writes, the line each point gets as it ends, and the table
 * with the answer. The search itself is sweepQps (./sweep.ts), one copy for both.
 */
import { formatDuration } from '../format/index.ts';
import type { ResultRecord } from '../results/record.ts';
import type { SweepResult } from './sweep.ts';

/** How many runs a QPS sweep makes at most, bracket included, unless told (--max-points). */
export const DEFAULT_SWEEP_MAX_POINTS = 12;

/** The precision a QPS sweep bisects to, unless told: the spec's, else 1/32 of the range. */
export function defaultSweepPrecision(range: { from: number; to: number }, specSweep?: { precision?: number } | null): number {
  return specSweep?.precision ?? (range.to - range.from) / 32;
}

/** The file `workbook sweep --out` writes: every point's record, and the search. */
export interface SweepFile {
  format: 'benchmark-carpentry/sweep';
  version: 1;
  spec: string;
  parameter: string;
  search: string;
  highestValidQps?: number | null;
  lowestInvalidQps?: number | null;
  points: { value: number; valid: boolean; record: ResultRecord }[];
}

/** A QPS sweep's result as a sweep file. */
export function qpsSweepFile(specId: string, result: SweepResult<ResultRecord>): SweepFile {
  return {
    format: 'benchmark-carpentry/sweep',
    version: 1,
    spec: specId,
    parameter: 'target-qps',
    search: result.search,
    highestValidQps: result.highestValidQps,
    lowestInvalidQps: result.lowestInvalidQps,
    points: result.points.map((p) => ({ value: p.qps, valid: p.valid, record: p.result })),
  };
}

/** The line a point gets when its run ends: VALID, or INVALID with the first reason. */
export function sweepPointVerdict(record: ResultRecord): string {
  return record.validity.valid ? 'VALID' : `INVALID: ${record.validity.reasons[0] ?? 'no reason given'}`;
}

/** The points as a table, in the order of the parameter, and the answer (with the first INVALID point's reason). */
export function formatSweep(s: SweepFile): string {
  const rows = [...s.points].sort((a, b) => a.value - b.value);
  const lines = [
    `sweep of ${s.parameter} on ${s.spec}: ${s.search}`,
    '',
    `| ${s.parameter} | scheduled QPS | completed QPS | p99 | result |`,
    '| ---: | ---: | ---: | ---: | --- |',
  ];
  for (const p of rows) {
    const sum = p.record.load?.summary;
    const f = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toFixed(1));
    lines.push(
      `| ${p.value} | ${f(sum?.qps.scheduled)} | ${f(sum?.qps.completed)} | ${sum?.latencyMs ? formatDuration(sum.latencyMs.p99) : formatDuration(p.record.statistics.p99)} | ${p.valid ? 'VALID' : 'INVALID'} |`,
    );
  }
  if (s.highestValidQps !== undefined) {
    const invalid = s.lowestInvalidQps == null ? undefined : s.points.find((p) => p.value === s.lowestInvalidQps && !p.valid);
    const why =
      invalid && !invalid.record.validity.valid && invalid.record.validity.reasons[0]
        ? `: ${invalid.record.validity.reasons[0].replace(/\.$/, '')}`
        : '';
    lines.push(
      '',
      s.highestValidQps === null
        ? `No point was VALID: even ${rows[0]?.value} QPS breaks the rules${why}.`
        : s.lowestInvalidQps == null
          ? `Every point was VALID: the highest QPS within the bound is at least ${s.highestValidQps}.`
          : `Highest VALID target QPS: ${s.highestValidQps.toFixed(1)} (INVALID at ${s.lowestInvalidQps.toFixed(1)}${why}).`,
    );
  }
  return `${lines.join('\n')}\n`;
}
