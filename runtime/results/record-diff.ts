import { formatDuration, formatTextTable } from '../format/index.ts';
import { environmentDifferences, NOT_RECORDED } from './environment.ts';
import type { ResultRecord } from './record.ts';

/**
 * The one diff of two result records (the page's cell and `workbook diff` / `workbook rerun` use it):
 * every field that differs, grouped by what it is, every number with its interval, and in words what
 * kept the second run from reproducing the first exactly. Pure.
 *
 * Groups: `input` (spec hash, parameters, seed, scenario: what was asked), `environment` and `version`
 * (where and with what it ran), `verdict` (VALID / INVALID, the output check), `bookkeeping` (the start
 * time, the spec's prose). Inputs, environment and versions can explain a changed number; a verdict is an
 * outcome, not a cause, and bookkeeping changes nothing that is measured (the spec hash leaves the prose out).
 */
export type FieldGroup = 'input' | 'environment' | 'version' | 'verdict' | 'bookkeeping';

export interface FieldDiff {
  field: string;
  group: FieldGroup;
  a: string;
  b: string;
  /** Whether a difference in this field can cause different numbers. */
  canExplain: boolean;
}

export interface NumberDiff {
  name: string;
  /** `timing`: measured time (never the same twice); `metric`: the spec's metrics; `quality`: an evaluation's scores (deterministic given inputs, model and arithmetic). */
  source: 'timing' | 'metric' | 'quality';
  a: number | null;
  b: number | null;
  ciA?: [number, number];
  ciB?: [number, number];
  identical: boolean;
  /** Whether the two 95% intervals overlap; null without intervals. */
  overlap: boolean | null;
}

export type DiffOutcome = 'identical' | 'reproduced' | 'not-reproduced' | 'different-experiment';

export interface RecordDiff {
  /** Same spec hash, parameters, seed and scenario: B asked the same question as A. */
  sameExperiment: boolean;
  fields: FieldDiff[];
  /** Every number compared; `identical` says which match bit for bit. */
  numbers: NumberDiff[];
  /** What blocked exact reproduction, in words; empty when the two records match in every number. */
  blockers: string[];
  outcome: DiffOutcome;
  summary: string;
}

/** Environment fields that name a version of software: a version change is its own finding. */
const VERSION_FIELD = /version|opset|(^|\.)(runtime|userAgent|v8)$/i;

const show = (v: unknown): string => (v === undefined ? NOT_RECORDED : typeof v === 'string' ? v : JSON.stringify(v));

export function diffRecords(a: ResultRecord, b: ResultRecord): RecordDiff {
  const fields: FieldDiff[] = [];
  const add = (field: string, group: FieldGroup, va: unknown, vb: unknown) => {
    const [sa, sb] = [show(va), show(vb)];
    if (sa !== sb) fields.push({ field, group, a: sa, b: sb, canExplain: group === 'input' || group === 'environment' || group === 'version' });
  };
  add('spec.id', 'input', a.spec.id, b.spec.id);
  add('spec.hash', 'input', a.spec.hash, b.spec.hash);
  for (const key of [...new Set([...Object.keys(a.parameters), ...Object.keys(b.parameters)])].sort())
    add(`parameters.${key}`, 'input', a.parameters[key], b.parameters[key]);
  add('seed', 'input', a.seed, b.seed);
  add('scenario', 'input', a.scenario, b.scenario);
  for (const d of environmentDifferences([a, b])) {
    const field = d.field === 'target' ? 'target' : `environment.${d.field}`;
    add(field, VERSION_FIELD.test(d.field) ? 'version' : 'environment', d.values[0], d.values[1]);
  }
  add('validity.valid', 'verdict', a.validity.valid ? 'VALID' : 'INVALID', b.validity.valid ? 'VALID' : 'INVALID');
  add('validity.reasons', 'verdict', a.validity.reasons.join('; ') || '(none)', b.validity.reasons.join('; ') || '(none)');
  add('verification.ok', 'verdict', a.verification.ok, b.verification.ok);
  add('spec.title', 'bookkeeping', a.spec.title, b.spec.title);
  add('startedAt', 'bookkeeping', a.startedAt, b.startedAt);

  const numbers = [...timingNumbers(a, b), ...metricNumbers(a, b), ...qualityNumbers(a, b)];
  const sameExperiment = !fields.some((f) => f.group === 'input');
  const blockers = blockersOf(fields, numbers, sameExperiment);
  const changed = numbers.filter((n) => !n.identical);
  const outcome: DiffOutcome = !sameExperiment
    ? 'different-experiment'
    : changed.length === 0 && !fields.some((f) => f.group === 'verdict')
      ? 'identical'
      : // The verdict itself, not the wording of its reasons (which quote measured numbers).
        fields.some((f) => f.field === 'validity.valid' || f.field === 'verification.ok') || changed.some((n) => n.overlap === false)
        ? 'not-reproduced'
        : 'reproduced';
  return { sameExperiment, fields, numbers, blockers, outcome, summary: summaryOf(outcome, fields, changed, blockers) };
}

function overlaps(x?: [number, number], y?: [number, number]): boolean | null {
  if (!x || !y) return null;
  return x[0] <= y[1] && y[0] <= x[1];
}

function num(
  name: string,
  source: NumberDiff['source'],
  a: number | undefined,
  b: number | undefined,
  ciA?: [number, number],
  ciB?: [number, number],
): NumberDiff {
  return {
    name,
    source,
    a: a ?? null,
    b: b ?? null,
    ...(ciA ? { ciA } : {}),
    ...(ciB ? { ciB } : {}),
    identical: a === b,
    overlap: overlaps(ciA, ciB),
  };
}

function timingNumbers(a: ResultRecord, b: ResultRecord): NumberDiff[] {
  const sa = a.samples.perIteration;
  const sb = b.samples.perIteration;
  return [
    // The raw samples by their count; identical only when every sample is (a rerun never gives that).
    { ...num('samples (count)', 'timing', sa.length, sb.length), identical: sa.length === sb.length && sa.every((x, i) => x === sb[i]) },
    num('mean (ms)', 'timing', a.statistics.mean, b.statistics.mean),
    num('median (ms)', 'timing', a.statistics.median, b.statistics.median, a.statistics.ci95Median, b.statistics.ci95Median),
    num('first run (ms)', 'timing', a.timing.firstRunMs, b.timing.firstRunMs),
    num('setup (ms)', 'timing', a.timing.setupMs, b.timing.setupMs),
  ];
}

function metricNumbers(a: ResultRecord, b: ResultRecord): NumberDiff[] {
  const out: NumberDiff[] = [];
  const names = [...new Set([...a.metrics, ...b.metrics].map((m) => m.name))];
  for (const name of names) {
    const ma = a.metrics.find((m) => m.name === name);
    const mb = b.metrics.find((m) => m.name === name);
    for (const agg of [...new Set([...Object.keys(ma?.values ?? {}), ...Object.keys(mb?.values ?? {})])]) {
      // A metric of a quality kind is one of the quality numbers below, with its interval; here once, as the spec names it.
      out.push(num(`${name} (${agg})`, 'metric', ma?.values[agg], mb?.values[agg]));
    }
  }
  return out;
}

/** Quality numbers with their intervals (`accuracy`, `accuracy:ci95-low/high`, `slice:x:accuracy`...). */
function qualityNumbers(a: ResultRecord, b: ResultRecord): NumberDiff[] {
  const qa = a.quality ?? {};
  const qb = b.quality ?? {};
  const bound = /:ci95-(low|high)$/;
  const ci = (q: Record<string, number>, key: string): [number, number] | undefined => {
    const lo = q[`${key}:ci95-low`];
    const hi = q[`${key}:ci95-high`];
    return lo !== undefined && hi !== undefined ? [lo, hi] : undefined;
  };
  return [...new Set([...Object.keys(qa), ...Object.keys(qb)])]
    .filter((k) => !bound.test(k))
    .map((k) => {
      const n = num(k, 'quality', qa[k], qb[k], ci(qa, k), ci(qb, k));
      // The bounds are numbers of the record too: an interval that moved is not identical.
      const boundsSame = (['low', 'high'] as const).every((s) => qa[`${k}:ci95-${s}`] === qb[`${k}:ci95-${s}`]);
      return { ...n, identical: n.identical && boundsSame };
    });
}

function blockersOf(fields: FieldDiff[], numbers: NumberDiff[], sameExperiment: boolean): string[] {
  const out: string[] = [];
  const list = (fs: FieldDiff[]) =>
    fs
      .slice(0, 6)
      .map((f) => `${f.field} (${f.a} vs ${f.b})`)
      .join('; ') + (fs.length > 6 ? `; and ${fs.length - 6} more` : '');
  const inputs = fields.filter((f) => f.group === 'input');
  if (!sameExperiment) out.push(`the inputs differ, so B is not a rerun of A: ${list(inputs)}`);
  const missing = fields.filter((f) => (f.group === 'environment' || f.group === 'version') && (f.a === NOT_RECORDED || f.b === NOT_RECORDED));
  const versions = fields.filter((f) => f.group === 'version' && !missing.includes(f));
  const environment = fields.filter((f) => f.group === 'environment' && !missing.includes(f));
  if (versions.length) out.push(`software versions differ: ${list(versions)}`);
  if (environment.length) out.push(`the environment differs: ${list(environment)}`);
  if (missing.length) out.push(`recorded in one record only, so nobody can tell whether they matched: ${missing.map((f) => f.field).join(', ')}`);
  const timing = numbers.filter((n) => n.source === 'timing' && !n.identical);
  if (timing.length) {
    const median = numbers.find((n) => n.name === 'median (ms)')!;
    const verdict = median.overlap === false ? 'their 95% intervals do not overlap' : 'their 95% intervals overlap';
    out.push(
      `timings are measurements and never repeat exactly: median ${formatDuration(median.a!)} against ${formatDuration(median.b!)}, ${verdict}`,
    );
  }
  const quality = numbers.filter((n) => n.source === 'quality' && !n.identical);
  if (quality.length && sameExperiment) {
    out.push(
      `${quality.length} quality number${quality.length === 1 ? '' : 's'} differ with the same spec, seed and parameters (${quality
        .slice(0, 3)
        .map((n) => n.name)
        .join(', ')}${quality.length > 3 ? ', ...' : ''}): the model, its data or the arithmetic of the backend was not the same`,
    );
  }
  const verdict = fields.find((f) => f.field === 'validity.valid');
  if (verdict) out.push(`the verdict changed: ${verdict.a} against ${verdict.b}`);
  return out;
}

function summaryOf(outcome: DiffOutcome, fields: FieldDiff[], changed: NumberDiff[], blockers: string[]): string {
  const head = {
    identical: 'The two records match in every number and every verdict: an exact reproduction (or the same run twice).',
    reproduced:
      'Reproduced within the intervals: the same experiment, the same verdict, and every number that changed stays inside overlapping 95% intervals; it is not an exact reproduction.',
    'not-reproduced': 'Not reproduced: the same experiment gave a different verdict, or numbers whose intervals do not overlap.',
    'different-experiment':
      'Not a rerun: B asked a different question (spec, parameters, seed or scenario differ), so A and B cannot confirm each other.',
  }[outcome];
  const counts = `${fields.length} field${fields.length === 1 ? ' differs' : 's differ'}; ${changed.length} number${changed.length === 1 ? '' : 's'} changed.`;
  return [head, counts, ...(blockers.length ? [`What blocked exact reproduction: ${blockers.join('; ')}.`] : [])].join(' ');
}

/** Four significant digits, or the full number when that is what tells two apart. */
const figure = (x: number | null, other: number | null): string => {
  if (x === null) return NOT_RECORDED;
  const short = Number(x.toPrecision(4));
  return other !== null && other !== x && Number(other.toPrecision(4)) === short ? String(x) : String(short);
};

/** The diff as plain text for a terminal: the verdict, the fields that differ, the numbers that changed. */
export function formatRecordDiff(d: RecordDiff, labels: readonly [string, string] = ['A', 'B']): string {
  const lines = [d.summary, ''];
  if (d.fields.length) {
    lines.push('Fields that differ (can explain: whether a difference here can change a number):');
    lines.push(
      formatTextTable(
        ['field', 'group', 'can explain', labels[0], labels[1]],
        d.fields.map((f) => [f.field, f.group, f.canExplain ? 'yes' : 'no', cut(f.a), cut(f.b)]),
      ),
    );
  }
  const changed = d.numbers.filter((n) => !n.identical);
  const same = d.numbers.length - changed.length;
  if (changed.length) {
    lines.push(`Numbers that changed (${same} of ${d.numbers.length} identical):`);
    const withCi = (x: number | null, ci: [number, number] | undefined, other: number | null) =>
      `${figure(x, other)}${ci ? ` [${figure(ci[0], null)}, ${figure(ci[1], null)}]` : ''}`;
    lines.push(
      formatTextTable(
        ['number', 'kind', `${labels[0]} [95% CI]`, `${labels[1]} [95% CI]`, 'intervals'],
        changed
          .slice(0, 40)
          .map((n) => [
            n.name,
            n.source,
            withCi(n.a, n.ciA, n.b),
            withCi(n.b, n.ciB, n.a),
            n.overlap === null ? '-' : n.overlap ? 'overlap' : 'apart',
          ]),
      ),
    );
    if (changed.length > 40) lines.push(`... and ${changed.length - 40} more`);
  } else lines.push(`All ${d.numbers.length} numbers are identical.`);
  return `${lines.join('\n')}\n`;
}

const cut = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);
