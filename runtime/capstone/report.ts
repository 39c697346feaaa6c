import { z } from 'zod';
import { SUBMISSION_FILE_SUFFIX } from '../progress/submission.ts';

/**
 * The capstone report file (`benchmark-carpentry/capstone`, version 1): what the capstone page exports
 * and `workbook grade` reads. One file holds the learner's spec (YAML, as written), the result record
 * of its run in the browser (and of a run on the agent, where paired), exactly as the engine wrote them,
 * and the report's five sections as the learner wrote them. The grader checks it with the capstone
 * rubric (rubric.ts); the page shows the same rubric as a live checklist. Core code: no DOM, no Node.
 */

export const CAPSTONE_FORMAT = 'benchmark-carpentry/capstone';
export const CAPSTONE_VERSION = 1;

/** The report's sections, in order: id, heading, and the template the page starts each with. */
export const CAPSTONE_SECTIONS = [
  {
    id: 'spec',
    title: 'The spec',
    template: 'Replace this: what your benchmark measures, for whom, and why each of the six parts of the spec is as it is.',
  },
  {
    id: 'method',
    title: 'Method',
    template: 'Replace this: how you ran it (targets, warm-up, repetitions, stopping rule, quality or latency rule) and why.',
  },
  {
    id: 'results',
    title: 'Results with uncertainty',
    template: 'Replace this: the verdict and the figures of your run, each with its interval, and what they let you say.',
  },
  {
    id: 'environment',
    title: 'Environment',
    template: 'Replace this: the machine, browser, backend and versions the record holds, and what would change on another machine.',
  },
  {
    id: 'threats',
    title: 'Threats to validity',
    template: 'Replace this: what could make your conclusion wrong (data, timing, environment, the spec itself) and what you did about it.',
  },
] as const;

export type SectionId = (typeof CAPSTONE_SECTIONS)[number]['id'];
export const SECTION_IDS = CAPSTONE_SECTIONS.map((s) => s.id) as SectionId[];

/** The longest section the page accepts (characters): a short report, not a thesis. */
export const MAX_SECTION_CHARS = 8000;
/** The longest spec text (characters). */
export const MAX_SPEC_CHARS = 20000;

const sectionText = z.string().max(MAX_SECTION_CHARS, `a section is at most ${MAX_SECTION_CHARS} characters`);

export const capstoneReportSchema = z
  .object({
    format: z.literal(CAPSTONE_FORMAT),
    version: z.literal(CAPSTONE_VERSION),
    /** When the page exported the file (ISO time): the grader's lateness is judged by it. */
    exportedAt: z.string().datetime({ offset: true, message: 'must be an ISO time, like 2026-12-01T10:00:00Z' }),
    /** The site it was exported from (informative). */
    site: z.string().max(500).optional(),
    /** The domain the learner chose, in their words ("speech recognition on a phone"). */
    domain: z.string().max(200),
    /** The spec as the learner wrote it (YAML text). */
    spec: z.string().max(MAX_SPEC_CHARS, `the spec is at most ${MAX_SPEC_CHARS} characters`),
    /**
     * Result records of runs of that spec, as the engine wrote them (benchmark-carpentry/result): the browser's run
     * first, then the agent's where one was paired. Kept as plain data here: the rubric reads them with the
     * result parser, so a malformed record is a failed rubric item with its reason, not a refused file.
     */
    records: z.array(z.unknown()).max(4, 'at most 4 records (a browser run and an agent run are what the capstone asks for)'),
    /** The report's sections by id, as written. */
    sections: z.object(Object.fromEntries(SECTION_IDS.map((id) => [id, sectionText])) as Record<SectionId, typeof sectionText>).strict(),
  })
  .strict();

export type CapstoneReport = z.infer<typeof capstoneReportSchema>;

/** Whether a parsed JSON value claims to be a capstone report (the grader routes on it). */
export function isCapstoneValue(value: unknown): boolean {
  return !!value && typeof value === 'object' && (value as { format?: unknown }).format === CAPSTONE_FORMAT;
}

/** Reads a capstone report's text; every problem is `file: path: message`, nothing throws. */
export function readCapstoneReport(text: string, file = 'capstone'): { report?: CapstoneReport; errors: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { errors: [`${file}: not JSON (${(e as Error).message}): export the report again from the capstone page`] };
  }
  if (!isCapstoneValue(data)) return { errors: [`${file}: not a capstone report (expected "format": "${CAPSTONE_FORMAT}")`] };
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && version > CAPSTONE_VERSION)
    return {
      errors: [`${file}: capstone report version ${version} is newer than this workbook reads (up to ${CAPSTONE_VERSION}); update the workbook`],
    };
  const parsed = capstoneReportSchema.safeParse(data);
  if (!parsed.success)
    return {
      errors: parsed.error.issues.map((i) => {
        const where = i.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '');
        return `${file}: ${where || '(report)'}: ${i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.map((k) => `"${k}"`).join(', ')}` : i.message}`;
      }),
    };
  return { report: parsed.data, errors: [] };
}

/** A report with the sections' templates and no record: what the page starts from. */
export function emptyCapstoneReport(exportedAt: string, spec = ''): CapstoneReport {
  return {
    format: CAPSTONE_FORMAT,
    version: CAPSTONE_VERSION,
    exportedAt,
    domain: '',
    spec,
    records: [],
    sections: Object.fromEntries(CAPSTONE_SECTIONS.map((s) => [s.id, s.template])) as Record<SectionId, string>,
  };
}

/**
 * The exported file's name: `capstone-2026-12-01.submission.json`. It ends like a submission so that the
 * instructor's folder (`<learner>.submission.json`) and GitHub Classroom's discovery take it as one.
 */
export function capstoneFileName(exportedAt: string): string {
  return `capstone-${exportedAt.slice(0, 10)}${SUBMISSION_FILE_SUFFIX}`;
}
