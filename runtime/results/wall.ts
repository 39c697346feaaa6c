import { formatDuration, formatParams } from '../format/index.ts';
import { parseResultRecord, type ResultRecord } from './record.ts';
import { inconclusiveReasons } from './compare.ts';
import { isCpuFallbackAdapter } from '../gpu/fallback.ts';
import { environmentDifferences, type EnvironmentDifference } from './environment.ts';

export { KEY_FIELDS } from './environment.ts';

/**
 * The results wall: many result records (a class's laptops, the agent on a GPU box) side by side.
 *
 * Records are grouped by spec id, then into tables: one per spec version (hash), parameter values and
 * input seed. Every pair of rows in one table is comparable in the sense of `compareResults` (same
 * spec hash, same parameters, same seed); what still differs is the machine and the target, and the
 * table says which environment fields differ. Pure: no DOM, no Node.
 */

/** A metric column of a table: the metric's first declared aggregation. */
export interface WallMetricColumn {
  name: string;
  aggregation: string;
  unit: string;
  direction: 'lower' | 'higher';
}

/** Who ran it, in the words of the environment record; `label` joins the parts that are known. */
export interface WallMachine {
  /** Browser and version ("Chrome 156 on Linux") or runtime ("Node.js v24.21.0 on linux/x64"). */
  host: string;
  /** CPU model where the host tells it (Node does, browsers do not). */
  cpu?: string;
  logicalCores?: number;
  /** WebGPU adapter vendor and architecture ("google swiftshader"). */
  adapter?: string;
  /** The adapter is a software (fallback) one: WebGPU ran on the CPU. */
  fallbackAdapter: boolean;
  target: ResultRecord['target'];
  /** Backend and execution provider ("webgpu", "onnxruntime-web/wasm"). */
  backend?: string;
  threads?: number;
  /** Cross-origin isolation of a browser page (fine timers, wasm threads); absent outside browsers. */
  crossOriginIsolated?: boolean;
  label: string;
}

/** One run: a row of a table. */
export interface WallRow {
  /** The file the record came from, as the person named it. */
  file: string;
  /** 1-based position in the table after sorting. */
  rank: number;
  machine: WallMachine;
  startedAt: string;
  /** Values of the table's metric columns, in the same order; null where the record lacks one. */
  values: (number | null)[];
  /** Median time per iteration (ms), its 95% confidence interval and the number of samples. */
  median: number;
  ci95: [number, number];
  samples: number;
  timerResolutionMs: number;
  valid: boolean;
  /** Why the run is INVALID (empty when valid). */
  reasons: string[];
  /**
   * How many times worse than the table's best valid row on the first metric: 1 is the best, 2 is
   * twice the time (lower is better) or half the throughput (higher is better). Below 1 only for an
   * INVALID row that beat every valid one. Null without a value to compare.
   */
  ratioToBest: number | null;
  /**
   * What the ratio may claim. `reference`: this is the row the others are measured against. `different`: both
   * runs are VALID with enough samples and their medians' 95% intervals do not overlap (a conservative test).
   * `within-noise`: the intervals overlap. `inconclusive`: an INVALID run, too few samples or a degenerate
   * interval on either side (see compare.ts); `why` says which. Null where the ratio is null.
   */
  versusBest: { verdict: 'reference' | 'different' | 'within-noise' | 'inconclusive'; why: string } | null;
}

/** One table: runs of one spec version with the same parameters and seed, one row per run. */
export interface WallGroup {
  /** Stable identity of the table: spec id, hash, parameters and seed. */
  key: string;
  specId: string;
  specTitle: string;
  hash: string;
  /** Which version of the spec this is, oldest first by the earliest run, and how many were loaded. */
  version: number;
  versions: number;
  parameters: ResultRecord['parameters'];
  /** "elements=4096" ("no parameters" when the spec has none). */
  parameterText: string;
  seed: number;
  /**
   * What sets this table apart from the other tables of the same spec ("spec version 2 of 2 (sha256:3c84…)",
   * "parameters elements=8192", "seed 7"); empty when it is the spec's only table.
   */
  distinguishedBy: string[];
  metrics: WallMetricColumn[];
  /** Sorted: VALID runs first, best first by the first metric in its direction; then INVALID runs, the same way. */
  rows: WallRow[];
  /**
   * Environment fields (flattened, `host.cpu`, `target.adapter.vendor`; `target` for the target itself)
   * whose values differ between the rows: why the numbers may differ. `values` follow `rows`; `key`
   * marks the fields of `KEY_FIELDS` (host, CPU, browser, backend, adapter, threads, isolation, kernel), which come first.
   */
  differences: EnvironmentDifference[];
  /** Why rows of this table must be read with care: mixed targets, INVALID runs, a CPU fallback adapter... */
  warnings: string[];
}

/** All tables of one spec id, with what separates them. */
export interface WallSpec {
  id: string;
  title: string;
  /** The spec changed between runs (several hashes), or ran with several parameter sets or seeds. */
  warnings: string[];
  groups: WallGroup[];
}

export interface Wall {
  /** Sorted by spec id. */
  specs: WallSpec[];
  /** Number of records on the wall. */
  runs: number;
}

/** A loaded record and the file it came from. */
export interface WallEntry {
  file: string;
  record: ResultRecord;
}

/** Runs whose timer resolutions differ by this factor or more are warned about. */
export const TIMER_RESOLUTION_FACTOR = 10;

/**
 * Reads result files for the wall: each parsed on its own with `parseResultRecord`; a bad file gives
 * its errors (naming the file and the field) and is skipped, the others are kept.
 */
export function readResultFiles(files: readonly { name: string; text: string }[]): {
  entries: WallEntry[];
  errors: { file: string; errors: string[] }[];
} {
  const entries: WallEntry[] = [];
  const errors: { file: string; errors: string[] }[] = [];
  for (const f of files) {
    const parsed = parseResultRecord(f.text, f.name);
    if (parsed.record) entries.push({ file: f.name, record: parsed.record });
    else errors.push({ file: f.name, errors: parsed.errors });
  }
  return { entries, errors };
}

/** Groups records by spec, version, parameters and seed; one sorted row per run, with differences and warnings. */
export function buildWall(records: readonly WallEntry[]): Wall {
  const bySpec = new Map<string, WallEntry[]>();
  for (const e of records) {
    const list = bySpec.get(e.record.spec.id) ?? [];
    list.push(e);
    bySpec.set(e.record.spec.id, list);
  }
  const specs = [...bySpec.entries()].sort(([a], [b]) => compareText(a, b)).map(([id, entries]) => buildSpec(id, entries));
  return { specs, runs: records.length };
}

function buildSpec(id: string, entries: WallEntry[]): WallSpec {
  // Versions, oldest first by their earliest run (then by hash, so the order never depends on file order).
  const earliest = new Map<string, string>();
  for (const { record } of entries) {
    const t = earliest.get(record.spec.hash);
    if (t === undefined || record.startedAt < t) earliest.set(record.spec.hash, record.startedAt);
  }
  const hashes = [...earliest.keys()].sort((a, b) => compareText(earliest.get(a)!, earliest.get(b)!) || compareText(a, b));
  const buckets = new Map<string, WallEntry[]>();
  for (const e of entries) {
    const k = groupKey(e.record);
    buckets.set(k, [...(buckets.get(k) ?? []), e]);
  }
  const parameterSets = new Set(entries.map((e) => parameterText(e.record.parameters)));
  const seeds = new Set(entries.map((e) => e.record.seed));
  const groups = [...buckets.values()]
    .map((list) => buildGroup(list, hashes, parameterSets.size > 1, seeds.size > 1))
    .sort((a, b) => a.version - b.version || compareText(a.parameterText, b.parameterText) || a.seed - b.seed);

  const newest = entries.find((e) => e.record.spec.hash === hashes.at(-1))!.record;
  const warnings: string[] = [];
  if (hashes.length > 1) {
    warnings.push(
      `The spec "${id}" changed between runs: ${hashes.length} versions were loaded (${hashes.map(shortHash).join(', ')}). ` +
        'Each version has its own table; numbers from different versions measured different things and are not compared.',
    );
  }
  if (parameterSets.size > 1) {
    warnings.push(
      `"${id}" ran with ${parameterSets.size} different parameter sets (${[...parameterSets].sort(compareText).join('; ')}). ` +
        'Different parameters make a different benchmark: each set has its own table; compare rows only within a table.',
    );
  }
  if (seeds.size > 1) {
    warnings.push(
      `"${id}" ran with ${seeds.size} different input seeds (${[...seeds].sort((a, b) => a - b).join(', ')}): each seed has its own table.`,
    );
  }
  return { id, title: newest.spec.title, warnings, groups };
}

function groupKey(r: ResultRecord): string {
  return JSON.stringify([r.spec.id, r.spec.hash, canonicalParameters(r.parameters), r.seed]);
}

function canonicalParameters(p: ResultRecord['parameters']) {
  return Object.keys(p)
    .sort()
    .map((k) => [k, p[k]]);
}

/** What a row's ratio to the reference row may claim; the same rule as compareResults, without its bootstrap. */
function versus(row: ResultRecord, reference: ResultRecord, same: boolean): NonNullable<WallRow['versusBest']> {
  if (same) return { verdict: 'reference', why: 'the row the ratios are measured against' };
  const why = inconclusiveReasons(reference, row).map((w) => w.replace(/\brun A\b/g, 'the reference run').replace(/\brun B\b/g, 'this run'));
  if (why.length) return { verdict: 'inconclusive', why: why.join('; ') };
  const [a, b] = [reference.statistics.ci95Median, row.statistics.ci95Median];
  return a[1] < b[0] || b[1] < a[0]
    ? { verdict: 'different', why: "the two medians' 95% intervals do not overlap" }
    : { verdict: 'within-noise', why: "the two medians' 95% intervals overlap: the difference may be noise" };
}

function parameterText(p: ResultRecord['parameters']): string {
  return formatParams(p, { sorted: true });
}

function buildGroup(entries: WallEntry[], hashes: string[], manyParameterSets: boolean, manySeeds: boolean): WallGroup {
  const first = entries[0]!.record;
  const version = hashes.indexOf(first.spec.hash) + 1;
  const metrics = metricColumns(entries.map((e) => e.record));
  const lead = metrics[0];

  const unsorted = entries.map(({ file, record }) => ({
    file,
    record,
    machine: describeMachine(record),
    values: metrics.map((m) => metricValue(record, m)),
  }));
  const better = (a: number, b: number) => (lead?.direction === 'higher' ? b - a : a - b);
  unsorted.sort((a, b) => {
    if (a.record.validity.valid !== b.record.validity.valid) return a.record.validity.valid ? -1 : 1;
    const va = a.values[0] ?? null;
    const vb = b.values[0] ?? null;
    if (va !== null && vb !== null && va !== vb) return better(va, vb);
    if ((va === null) !== (vb === null)) return va === null ? 1 : -1;
    return compareText(a.record.startedAt, b.record.startedAt) || compareText(a.file, b.file);
  });

  const valued = unsorted.filter((r) => r.values[0] !== null && r.values[0] !== undefined);
  const reference = valued.find((r) => r.record.validity.valid) ?? valued[0];
  const best = reference?.values[0] ?? null;
  const ratio = (v: number | null | undefined): number | null => {
    if (v === null || v === undefined || best === null) return null;
    const r = lead?.direction === 'higher' ? best / v : v / best;
    return Number.isFinite(r) ? r : null;
  };

  const rows: WallRow[] = unsorted.map((r, i) => ({
    versusBest: r.values[0] === null || r.values[0] === undefined || !reference ? null : versus(r.record, reference.record, r === reference),
    file: r.file,
    rank: i + 1,
    machine: r.machine,
    startedAt: r.record.startedAt,
    values: r.values,
    median: r.record.statistics.median,
    ci95: r.record.statistics.ci95Median,
    samples: r.record.statistics.n,
    timerResolutionMs: r.record.timing.timerResolutionMs,
    valid: r.record.validity.valid,
    reasons: r.record.validity.reasons,
    ratioToBest: ratio(r.values[0]),
  }));

  const distinguishedBy: string[] = [];
  if (hashes.length > 1) distinguishedBy.push(`spec version ${version} of ${hashes.length} (${shortHash(first.spec.hash)})`);
  if (manyParameterSets) distinguishedBy.push(`parameters ${parameterText(first.parameters)}`);
  if (manySeeds) distinguishedBy.push(`seed ${first.seed}`);

  const records = unsorted.map((r) => r.record);
  return {
    key: groupKey(first),
    specId: first.spec.id,
    specTitle: first.spec.title,
    hash: first.spec.hash,
    version,
    versions: hashes.length,
    parameters: first.parameters,
    parameterText: parameterText(first.parameters),
    seed: first.seed,
    distinguishedBy,
    metrics,
    rows,
    differences: environmentDifferences(records),
    warnings: groupWarnings(records, rows),
  };
}

/** Each metric's first aggregation, in the order of the first record, then any the others add. */
function metricColumns(records: ResultRecord[]): WallMetricColumn[] {
  const columns: WallMetricColumn[] = [];
  for (const r of records) {
    for (const m of r.metrics) {
      const aggregation = Object.keys(m.values)[0];
      if (aggregation === undefined) continue;
      if (!columns.some((c) => c.name === m.name && c.aggregation === aggregation))
        columns.push({ name: m.name, aggregation, unit: m.unit, direction: m.direction });
    }
  }
  return columns;
}

function metricValue(r: ResultRecord, c: WallMetricColumn): number | null {
  const v = r.metrics.find((m) => m.name === c.name)?.values[c.aggregation];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

// ---------------------------------------------------------------------------------------------
// The machine, from the environment record

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** Browser name and major version from a user agent string, most specific rule first. */
export function browserFromUserAgent(ua: string): string | undefined {
  const rules: [RegExp, string][] = [
    [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
    [/\bOPR\/(\d+)/, 'Opera'],
    [/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
    [/\bHeadlessChrome\/(\d+)/, 'Headless Chrome'],
    [/\b(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
    [/\b(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
    [/\bVersion\/(\d+(?:\.\d+)?).*\bSafari\//, 'Safari'],
  ];
  for (const [re, name] of rules) {
    const m = re.exec(ua);
    if (m) return `${name} ${m[1]}`;
  }
  return undefined;
}

function osFromBrowser(platform: string | undefined, ua: string): string | undefined {
  const p = platform ?? '';
  if (/^win/i.test(p) || /Windows NT/.test(ua)) return 'Windows';
  if (/android/i.test(p) || /Android/.test(ua)) return 'Android';
  if (/iphone|ipad|ios/i.test(p) || /iPhone|iPad/.test(ua)) return 'iOS';
  if (/^mac/i.test(p) || /Mac OS X/.test(ua)) return 'macOS';
  if (/cros|chrome os/i.test(p) || /CrOS/.test(ua)) return 'ChromeOS';
  if (/linux/i.test(p) || /Linux/.test(ua)) return 'Linux';
  return platform;
}

/** The short description of who ran a record: host, CPU, adapter, target and backend, threads, isolation. */
export function describeMachine(r: ResultRecord): WallMachine {
  const host = r.environment.host;
  const target = r.environment.target;
  const ua = str(host.userAgent) ?? str(target.userAgent) ?? '';
  let hostText: string;
  let os: string | undefined;
  if (host.kind === 'browser' || (!str(host.runtime) && browserFromUserAgent(ua))) {
    os = osFromBrowser(str(host.platform), ua);
    hostText = browserFromUserAgent(ua) ?? 'unknown browser';
  } else {
    os = /\(([^()]+)\)\s*$/.exec(str(host.os) ?? '')?.[1] ?? str(host.os);
    hostText = str(host.runtime) ?? str(target.engine) ?? str(host.kind) ?? 'unknown host';
  }
  if (os) hostText += ` on ${os}`;

  const adapterInfo = obj(target.adapter);
  let adapter: string | undefined;
  let fallbackAdapter = false;
  if (adapterInfo && adapterInfo.available !== false) {
    const named = [str(adapterInfo.vendor), str(adapterInfo.architecture)].filter((s) => s && s !== 'unknown');
    adapter = named.length ? named.join(' ') : (str(adapterInfo.description) ?? str(adapterInfo.device) ?? 'unknown adapter');
    // The one rule, on what the record kept: its flag, or a software rasteriser's name (an older record may lack the flag).
    fallbackAdapter = isCpuFallbackAdapter({
      isFallbackAdapter: adapterInfo.isFallbackAdapter === true,
      vendor: str(adapterInfo.vendor),
      architecture: str(adapterInfo.architecture),
      device: str(adapterInfo.device),
      description: str(adapterInfo.description),
    });
  }
  const backendName = str(target.backend);
  const ep = str(target.executionProvider);
  const backend = backendName && ep && !backendName.endsWith(`/${ep}`) ? `${backendName}/${ep}` : (backendName ?? ep);
  const threads = num(target.threads) ?? num(target.intraOpThreads);
  const crossOriginIsolated = typeof host.crossOriginIsolated === 'boolean' ? host.crossOriginIsolated : undefined;
  const cpu = str(host.cpu);
  const logicalCores = num(host.logicalCores);

  const parts = [hostText];
  const cores = logicalCores === undefined ? undefined : `${logicalCores} ${logicalCores === 1 ? 'core' : 'cores'}`;
  if (cpu || cores) parts.push([cpu, cores].filter(Boolean).join(', '));
  if (adapter) parts.push(`${adapter}${fallbackAdapter ? ' (CPU fallback)' : ''}`);
  parts.push(backend ? `${r.target} (${backend})` : r.target);
  if (threads !== undefined) parts.push(`${threads} ${threads === 1 ? 'thread' : 'threads'}`);
  if (crossOriginIsolated !== undefined) parts.push(crossOriginIsolated ? 'isolated' : 'not isolated');
  return {
    host: hostText,
    ...(cpu ? { cpu } : {}),
    ...(logicalCores !== undefined ? { logicalCores } : {}),
    ...(adapter ? { adapter } : {}),
    fallbackAdapter,
    target: r.target,
    ...(backend ? { backend } : {}),
    ...(threads !== undefined ? { threads } : {}),
    ...(crossOriginIsolated !== undefined ? { crossOriginIsolated } : {}),
    label: parts.join(' · '),
  };
}

// ---------------------------------------------------------------------------------------------
// Differences and warnings

function groupWarnings(records: ResultRecord[], rows: WallRow[]): string[] {
  const warnings: string[] = [];
  const of = (n: number) => `${n} of ${records.length}`;

  const invalid = rows.filter((r) => !r.valid);
  if (invalid.length) {
    warnings.push(
      `${of(invalid.length)} runs ${invalid.length === 1 ? 'is' : 'are'} INVALID and rank after the valid ones: their numbers did not meet ` +
        "the spec's rules (each row says why), so do not read them as results.",
    );
  }
  const targets = [...new Set(records.map((r) => r.target))].sort(compareText);
  if (targets.length > 1) {
    warnings.push(
      `Mixed targets (${targets.join(', ')}): the rows ran different code paths, so a difference between them is the target's as much as the machine's.`,
    );
  }
  const fallback = rows.filter((r) => r.machine.fallbackAdapter);
  if (fallback.length) {
    warnings.push(
      `${of(fallback.length)} runs used a software (CPU fallback) WebGPU adapter ` +
        `(${[...new Set(fallback.map((r) => r.machine.adapter))].join(', ')}): those WebGPU numbers describe the CPU, not a GPU.`,
    );
  }
  const notIsolated = rows.filter((r) => r.machine.crossOriginIsolated === false);
  if (notIsolated.length) {
    warnings.push(
      `${of(notIsolated.length)} runs ${notIsolated.length === 1 ? 'was a browser page' : 'were browser pages'} not cross-origin isolated: the browser coarsens ` +
        'their timers (to 0.1 ms in Chromium) and turns off wasm threads, so short times there are less precise.',
    );
  }
  const resolutions = records.map((r) => r.timing.timerResolutionMs);
  const finest = Math.min(...resolutions);
  const coarsest = Math.max(...resolutions);
  if (records.length > 1 && coarsest >= finest * TIMER_RESOLUTION_FACTOR) {
    warnings.push(
      `Timer resolutions differ by ${Math.round(coarsest / finest)}x (from ${formatDuration(finest, 'short')} to ${formatDuration(coarsest, 'short')}): runs with the coarse timer ` +
        'needed bigger blocks of iterations per sample, and their spread is measured less finely.',
    );
  }
  const blocks = [...new Set(records.map((r) => r.timing.iterationsPerSample))].sort((a, b) => a - b);
  if (blocks.length > 1) {
    warnings.push(
      `Samples are blocks of different sizes (${blocks.join(', ')} iterations): medians compare, but percentiles of blocks are not ` +
        'percentiles of single iterations, and tails differ with the block size.',
    );
  }
  const unverified = records.filter((r) => !r.verification.ok);
  if (unverified.length) warnings.push(`${of(unverified.length)} runs gave output that failed verification against the CPU reference.`);
  const seen = new Map<string, string>();
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const id = JSON.stringify([r.startedAt, r.target, r.statistics.n, r.statistics.median, r.environment]);
    const other = seen.get(id);
    if (other !== undefined) warnings.push(`${rows[i]!.file} and ${other} hold the same run: it is counted twice in this table.`);
    else seen.set(id, rows[i]!.file);
  }
  return warnings;
}

function shortHash(hash: string): string {
  return `${hash.slice(0, 'sha256:'.length + 8)}…`;
}

/** Text order that puts "elements=8192" before "elements=16384" and does not depend on the locale. */
function compareText(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * The fixed columns of `wallToCsv`, in order:
 * - spec_id, spec_title, spec_hash, spec_version ("1 of 2"), parameters ("elements=4096"), seed: the table;
 * - table_warnings: the table's and its spec's warnings, joined with " | ";
 * - rank (1 = best in the table), file, machine (the label), host, cpu, logical_cores, adapter,
 *   fallback_adapter (true/false), target, backend, threads, cross_origin_isolated (true/false/empty): the run;
 * - started_at, valid (true/false), invalid_reasons (joined with " | ");
 * - median_ms, ci95_low_ms, ci95_high_ms, samples, timer_resolution_ms, ratio_to_best, ratio_verdict (reference,
 *   different, within-noise, inconclusive: what the ratio may claim, see WallRow.versusBest);
 * - differences: this row's values of the fields that differ within its table, "field=value" joined with "; ".
 * Then one column per metric and aggregation seen in any table, named "latency median (ms, lower is better)".
 */
export const CSV_COLUMNS = [
  'spec_id',
  'spec_title',
  'spec_hash',
  'spec_version',
  'parameters',
  'seed',
  'table_warnings',
  'rank',
  'file',
  'machine',
  'host',
  'cpu',
  'logical_cores',
  'adapter',
  'fallback_adapter',
  'target',
  'backend',
  'threads',
  'cross_origin_isolated',
  'started_at',
  'valid',
  'invalid_reasons',
  'median_ms',
  'ci95_low_ms',
  'ci95_high_ms',
  'samples',
  'timer_resolution_ms',
  'ratio_to_best',
  'ratio_verdict',
  'differences',
] as const;

type Cell = string | number | boolean | null | undefined;

/**
 * One CSV field, RFC 4180: quoted when it holds a comma, a quote or a line break, quotes doubled.
 * Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
 * apostrophe, since result files come from other people's machines; numbers are written as they are.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const metricHeader = (m: WallMetricColumn) => `${m.name} ${m.aggregation} (${m.unit}, ${m.direction} is better)`;

/** The wall as CSV (RFC 4180, CRLF line ends): a header (see `CSV_COLUMNS`), then one line per row of every table. */
export function wallToCsv(wall: Wall): string {
  const metricHeaders: string[] = [];
  for (const spec of wall.specs) {
    for (const g of spec.groups) {
      for (const header of g.metrics.map(metricHeader)) if (!metricHeaders.includes(header)) metricHeaders.push(header);
    }
  }
  const lines: Cell[][] = [[...CSV_COLUMNS, ...metricHeaders]];
  for (const spec of wall.specs) {
    for (const g of spec.groups) {
      const headers = g.metrics.map(metricHeader);
      const warnings = [...spec.warnings, ...g.warnings].join(' | ');
      g.rows.forEach((row, i) => {
        const m = row.machine;
        lines.push([
          g.specId,
          g.specTitle,
          g.hash,
          `${g.version} of ${g.versions}`,
          g.parameterText,
          g.seed,
          warnings,
          row.rank,
          row.file,
          m.label,
          m.host,
          m.cpu,
          m.logicalCores,
          m.adapter,
          m.fallbackAdapter,
          m.target,
          m.backend,
          m.threads,
          m.crossOriginIsolated,
          row.startedAt,
          row.valid,
          row.reasons.join(' | '),
          row.median,
          row.ci95[0],
          row.ci95[1],
          row.samples,
          row.timerResolutionMs,
          row.ratioToBest,
          row.versusBest?.verdict,
          g.differences.map((d) => `${d.field}=${d.values[i]}`).join('; '),
          ...metricHeaders.map((h) => {
            const at = headers.indexOf(h);
            return at === -1 ? null : row.values[at];
          }),
        ]);
      });
    }
  }
  return `${lines.map((cells) => cells.map(csvField).join(',')).join('\r\n')}\r\n`;
}
