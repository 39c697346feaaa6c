import { MIN_SAMPLES_FOR_CI } from '../measure/stats.ts';
import { checkSpecRubric, declaresWarmup, get, seededData, unitsOnEveryMetric, validates, type RubricItem } from '../exercises/rubric.ts';
import { parseResultRecord, type ResultRecord } from '../results/record.ts';
import { specHash } from '../spec/hash.ts';
import { loadSpec, parseSpecValue } from '../spec/load.ts';
import { designKey } from './design.ts';
import { proseProblem, withoutTemplates } from './prose.ts';
import { checkRecordAgainstSpec } from './record-check.ts';
import { CAPSTONE_SECTIONS, type CapstoneReport } from './report.ts';

export { editedStatistics } from './record-check.ts';
export { MIN_SECTION_WORDS } from './prose.ts';

/**
 * The capstone rubric: one module for the page's live checklist and for `workbook grade`. It scores what
 * a program can check (the spec, the attached record, the sections being really written) and marks what
 * only a person can judge as pending for the instructor, with its points: never a silent 0, never full
 * marks. Core code: no DOM, no Node.
 */

export type ItemStatus = 'passed' | 'failed' | 'pending';
export type ItemGroup = 'spec' | 'record' | 'report' | 'instructor';

export interface CapstoneItem {
  id: string;
  group: ItemGroup;
  label: string;
  points: number;
  status: ItemStatus;
  /** Why it failed or what it found (failed items always say why). */
  message?: string;
}

export interface CapstoneCheck {
  items: CapstoneItem[];
  /** Points the rubric checked and gave, of the points it can check. */
  earned: number;
  autoMax: number;
  /** Points left to the instructor (the instructor items). */
  pending: number;
  /** Every point of the rubric (autoMax + pending). */
  max: number;
  /** Problems that are not a low mark but a question of honesty: a record of another spec, edited numbers. */
  flags: string[];
  /** The record the rubric read (the first that parses), for the page to show. */
  record?: ResultRecord;
}

export interface CapstoneOptions {
  /** Design keys (design.ts) of the workbook's own specs (lessons/specs): one of them renamed or reworded is not the learner's design. */
  knownDesigns?: ReadonlySet<string>;
}

/** What no program can prove, said in every check and gradebook row, so the score claims no more than it checked. */
export const AUTHENTICITY_NOTE =
  'record authenticity: checked by the instructor (no rubric can prove that the samples were measured rather than invented, or that the record is a run of this spec and not a patched run of another)';

/** The instructor's items: what no program can judge. Their points are pending until the instructor grades them. */
export const INSTRUCTOR_ITEMS = [
  {
    id: 'domain-fit',
    name: 'fit to the domain',
    label: 'The spec measures what matters in the chosen domain (workload, metric, quality rule)',
    points: 10,
  },
  {
    id: 'interpretation',
    name: 'reading of the results',
    label: 'The results are read with their uncertainty: no claim beyond the intervals',
    points: 10,
  },
  { id: 'threats', name: 'threats to validity', label: 'Threats to validity are real, specific and addressed', points: 10 },
  {
    id: 'authenticity',
    name: 'record authenticity',
    label: 'The record is a real run of this spec (samples measured, not invented or patched from another run): the rubric cannot prove it',
    points: 0,
  },
] as const;

const SPEC_POINTS = { valid: 8, parts: 4, warmup: 3, repetitions: 3, rule: 4, units: 2, data: 2, own: 4 };
const RECORD_POINTS = { attached: 5, matches: 10, untouched: 5, verdict: 5 };
const SECTION_POINTS = 3;

/** The five spec sections a learner writes; the sixth, results, is the record a run writes. */
const SPEC_PARTS = ['task', 'infrastructure', 'datasets', 'metrics', 'constraints'] as const;

function specItems(options: CapstoneOptions): RubricItem[] {
  return [
    validates(SPEC_POINTS.valid),
    {
      id: 'six-parts',
      label: 'Has the six parts: task, infrastructure, datasets, metrics, constraints (the results are the record)',
      points: SPEC_POINTS.parts,
      feedback: 'A spec has the six parts of the formal specification; five are written, the run writes the sixth.',
      passes: (s) => {
        const missing = SPEC_PARTS.filter((p) => {
          const v = get(s.data, p);
          return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
        });
        return missing.length === 0 ? true : `Missing or empty: ${missing.join(', ')}.`;
      },
    },
    declaresWarmup(1, SPEC_POINTS.warmup),
    {
      id: 'repetitions',
      label: `Sets the repetitions: at least ${MIN_SAMPLES_FOR_CI} samples and a minimum duration`,
      points: SPEC_POINTS.repetitions,
      feedback: 'Say how many samples a result needs and how long sampling lasts at least (constraints).',
      passes: (s) => {
        const n = get(s.data, 'constraints', 'min-samples');
        const d = get(s.data, 'constraints', 'min-duration-ms');
        if (typeof n !== 'number' || typeof d !== 'number') return false;
        if (n < MIN_SAMPLES_FOR_CI) return `constraints.min-samples is ${n}: an interval of the median needs at least ${MIN_SAMPLES_FOR_CI} samples.`;
        return d > 0 ? true : 'constraints.min-duration-ms is 0: a run of a few milliseconds sees one moment of a machine, not its steady state.';
      },
    },
    {
      id: 'validity-rule',
      label: 'States a quality target or a latency bound that makes a run INVALID when missed',
      points: SPEC_POINTS.rule,
      feedback:
        'Nothing in the spec can make a fast run invalid: a result should count only at a stated quality, or only within a latency a user would accept (constraints).',
      passes: (s) => get(s.data, 'constraints', 'quality') !== undefined || typeof get(s.data, 'constraints', 'latency-bound-ms') === 'number',
    },
    unitsOnEveryMetric(SPEC_POINTS.units),
    seededData(SPEC_POINTS.data),
    {
      id: 'own-spec',
      label: "Is your own design, not one of the workbook's specs renamed or reworded",
      points: SPEC_POINTS.own,
      feedback:
        "This measures what one of the workbook's own specs measures (the same task, data, metrics and run rules; only names or wording differ): the capstone asks for a benchmark of a domain you chose.",
      passes: (s) =>
        s.spec ? !options.knownDesigns?.has(designKey(s.spec)) : 'The spec does not validate yet, so it is not yet a design that runs.',
    },
  ];
}

const normal = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
const anyWords = (text: string) => /[\p{L}\p{N}]/u.test(text);

function sectionItems(report: Pick<CapstoneReport, 'sections'>): CapstoneItem[] {
  // Every section's template comes out of every section: other sections' templates are not the learner's words either.
  const own = Object.fromEntries(CAPSTONE_SECTIONS.map((s) => [s.id, withoutTemplates(report.sections[s.id] ?? '').trim()])) as Record<
    (typeof CAPSTONE_SECTIONS)[number]['id'],
    string
  >;
  return CAPSTONE_SECTIONS.map((s): CapstoneItem => {
    const text = own[s.id];
    const base = { id: `section-${s.id}`, group: 'report' as const, label: `Section "${s.title}" is written`, points: SECTION_POINTS };
    if (!anyWords(text))
      return {
        ...base,
        status: 'failed',
        message: (report.sections[s.id] ?? '').trim() ? 'Only the template is there: write the section in your own words.' : 'The section is empty.',
      };
    const twin = CAPSTONE_SECTIONS.find((o) => o.id !== s.id && normal(own[o.id]) === normal(text));
    if (twin) return { ...base, status: 'failed', message: `The same text as the section "${twin.title}": each section answers its own question.` };
    const problem = proseProblem(text);
    return problem ? { ...base, status: 'failed', message: problem } : { ...base, status: 'passed' };
  });
}

function recordItems(specText: string, records: readonly unknown[], flags: string[]): { items: CapstoneItem[]; record?: ResultRecord } {
  const item = (id: string, label: string, points: number, status: ItemStatus, message?: string): CapstoneItem => ({
    id,
    group: 'record',
    label,
    points,
    status,
    ...(message ? { message } : {}),
  });
  const labels = {
    attached: 'A result record of a run is attached',
    matches: "The record fits your spec: its hash, parameters, scenario, metrics and aggregations are your spec's",
    untouched: "The record's statistics and metric values are those of its own samples (nothing edited)",
    verdict: "The record has its verdict (by the spec's own sample and duration rules) and the interval of the median",
  };
  const parsed = records.map((r, k) => parseResultRecord(JSON.stringify(r), `records[${k}]`));
  const record = parsed.find((p) => p.record)?.record;
  if (!record) {
    const why =
      records.length === 0
        ? 'No record is attached: run your spec on the page, and the run is attached.'
        : `No attached record reads as a result: ${parsed[0]!.errors.slice(0, 2).join('; ')}`;
    return {
      items: [
        item('record-attached', labels.attached, RECORD_POINTS.attached, 'failed', why),
        item('record-matches-spec', labels.matches, RECORD_POINTS.matches, 'failed', 'There is no record to compare with the spec.'),
        item('record-untouched', labels.untouched, RECORD_POINTS.untouched, 'failed', 'There is no record to check.'),
        item('record-verdict', labels.verdict, RECORD_POINTS.verdict, 'failed', 'There is no record to read.'),
      ],
    };
  }
  const items = [item('record-attached', labels.attached, RECORD_POINTS.attached, 'passed')];
  // Every attached record (the browser's, the agent's) must be a run of this spec: its hash is the learner's
  // spec's hash, and the spec it carries hashes to it too.
  const spec = loadSpec(specText).spec;
  const own = spec ? specHash(spec) : undefined;
  const name = (k: number) => (records.length > 1 ? `record ${k + 1} of ${records.length}` : 'the attached record');
  let mismatch: string | undefined;
  let edited: string[] = [];
  let falseVerdict: string | undefined;
  parsed.forEach((p, k) => {
    const r = p.record;
    let problem: string | undefined;
    if (!r) {
      problem = `${name(k)} does not read as a result (${p.errors[0] ?? 'unreadable'}).`;
      flags.push(`${name(k)} is not a result record the engine wrote`);
    } else if (!own) problem = 'Your spec does not validate, so no record can be shown to be a run of it.';
    else if (r.spec.hash !== own) {
      problem = `${name(k)} is a run of another spec (its hash ${r.spec.hash.slice(0, 15)}…, yours ${own.slice(0, 15)}…): run the spec you submit, after its last change.`;
      flags.push(`${name(k)} is not a run of the submitted spec (spec hash mismatch: ${r.spec.hash.slice(0, 15)}… against ${own.slice(0, 15)}…)`);
    } else {
      const carried = parseSpecValue(r.spec.source).spec;
      if (!carried || specHash(carried) !== r.spec.hash) {
        problem = `The spec inside ${name(k)} does not hash to the hash it states: the record was edited.`;
        flags.push(`${name(k)} was edited (the spec it carries does not hash to its stated spec hash)`);
      } else if (spec) {
        // The hash is only a label: the record's own content must be a run of this spec too.
        const f = checkRecordAgainstSpec(r, spec);
        if (f.mismatch.length) {
          problem = `${name(k)} does not fit your spec: ${f.mismatch.join('; ')}.`;
          flags.push(`${name(k)} claims this spec's hash but does not fit it (${f.mismatch.join('; ')})`);
        }
        if (f.edited.length) {
          flags.push(`${name(k)}'s numbers were edited (${f.edited.join(', ')} differ from its own samples)`);
          if (!edited.length) edited = f.edited;
        }
        if (f.falseVerdict.length) {
          flags.push(`${name(k)}'s verdict is not the spec's (${f.falseVerdict.join('; ')})`);
          falseVerdict ??= f.falseVerdict.join('; ');
        }
      }
    }
    mismatch ??= problem;
  });
  items.push(item('record-matches-spec', labels.matches, RECORD_POINTS.matches, mismatch ? 'failed' : 'passed', mismatch));
  if (mismatch)
    items.push(
      item('record-untouched', labels.untouched, RECORD_POINTS.untouched, 'failed', 'Not counted: an attached record is not a run of your spec.'),
    );
  else if (edited.length)
    items.push(
      item(
        'record-untouched',
        labels.untouched,
        RECORD_POINTS.untouched,
        'failed',
        `These numbers are not those of the record's samples: ${edited.join(', ')}. Attach the record as the run wrote it.`,
      ),
    );
  else items.push(item('record-untouched', labels.untouched, RECORD_POINTS.untouched, 'passed'));
  const [lo, hi] = record.statistics.ci95Median;
  const hasInterval = Number.isFinite(lo) && Number.isFinite(hi) && lo <= record.statistics.median && record.statistics.median <= hi;
  const verdictOk = !mismatch && edited.length === 0 && !falseVerdict && hasInterval;
  items.push(
    item(
      'record-verdict',
      labels.verdict,
      RECORD_POINTS.verdict,
      verdictOk ? 'passed' : 'failed',
      verdictOk
        ? `${record.validity.valid ? 'VALID' : `INVALID (${record.validity.reasons.slice(0, 2).join('; ')})`}`
        : mismatch || edited.length
          ? 'Not counted: the record is not an untouched run of your spec.'
          : falseVerdict
            ? `The verdict does not follow your spec's rules: ${falseVerdict}.`
            : 'The interval of the median is missing or does not hold the median.',
    ),
  );
  return { items, record };
}

/** Checks a capstone report against the rubric: the page's checklist and the grader's score. */
export function checkCapstone(report: Pick<CapstoneReport, 'spec' | 'records' | 'sections'>, options: CapstoneOptions = {}): CapstoneCheck {
  const items: CapstoneItem[] = [];
  const flags: string[] = [];
  const rubric = specItems(options);
  const specResult = report.spec.trim() ? checkSpecRubric(report.spec, rubric) : undefined;
  for (const r of rubric) {
    const d = specResult?.details?.find((x) => x.id === r.id);
    const message = d ? d.message : specResult ? specResult.feedback : 'There is no spec yet: write it in the editor.';
    items.push({
      id: `spec-${r.id}`,
      group: 'spec',
      label: r.label,
      points: r.points,
      status: d?.passed ? 'passed' : 'failed',
      ...(d?.passed ? {} : { message }),
    });
  }
  const rec = recordItems(report.spec, report.records, flags);
  items.push(...rec.items, ...sectionItems(report));
  for (const i of INSTRUCTOR_ITEMS)
    items.push({
      ...i,
      group: 'instructor',
      status: 'pending',
      message: i.points ? `needs instructor: ${i.points} points pending` : AUTHENTICITY_NOTE,
    });
  const sum = (f: (i: CapstoneItem) => boolean) => items.filter(f).reduce((s, i) => s + i.points, 0);
  return {
    items,
    earned: sum((i) => i.status === 'passed'),
    autoMax: sum((i) => i.group !== 'instructor'),
    pending: sum((i) => i.status === 'pending'),
    max: sum(() => true),
    flags,
    ...(rec.record ? { record: rec.record } : {}),
  };
}

/** The gradebook's words for the pending items: "needs instructor: threats to validity (0/10 pending)". */
export function pendingSummary(check: CapstoneCheck, scale = 1): string {
  const pending = check.items.filter((i) => i.status === 'pending');
  if (!pending.length) return '';
  const pts = (x: number) => String(Math.round(x * scale * 1000) / 1000);
  const name = (id: string) => INSTRUCTOR_ITEMS.find((x) => x.id === id)?.name ?? id;
  // A 0-point item is a check only a person can do (authenticity): named, never scored (and short: the CSV cell holds 200 characters).
  return `needs instructor: ${pending.map((i) => (i.points ? `${name(i.id)} (0/${pts(i.points)} pending)` : name(i.id))).join(', ')}`;
}
