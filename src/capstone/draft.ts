import { CAPSTONE_SECTIONS, emptyCapstoneReport, type CapstoneReport, type SectionId } from '../../runtime/capstone/report.ts';
import { CAPSTONE_STARTER_SPEC } from '../../runtime/capstone/starter.ts';

/**
 * The capstone page's draft: what the learner has written and run so far, kept in this browser's
 * localStorage so a reload loses nothing (the export is the file that counts). Storage that is off
 * (a private window, a policy) leaves the draft in the page only, and the page says so.
 */

const KEY = 'bc-capstone-draft';

export interface CapstoneDraft {
  domain: string;
  spec: string;
  /** The last browser run and the last agent run of the spec, as the engine wrote them. */
  browserRecord?: unknown;
  agentRecord?: unknown;
  sections: Record<SectionId, string>;
}

export function freshDraft(): CapstoneDraft {
  const r = emptyCapstoneReport(new Date().toISOString(), CAPSTONE_STARTER_SPEC);
  return { domain: '', spec: r.spec, sections: { ...r.sections } };
}

export function loadDraft(): { draft: CapstoneDraft; problem?: string } {
  try {
    const text = localStorage.getItem(KEY);
    if (!text) return { draft: freshDraft() };
    const d = JSON.parse(text) as Partial<CapstoneDraft>;
    const fresh = freshDraft();
    return {
      draft: {
        domain: typeof d.domain === 'string' ? d.domain : '',
        spec: typeof d.spec === 'string' ? d.spec : fresh.spec,
        ...(d.browserRecord ? { browserRecord: d.browserRecord } : {}),
        ...(d.agentRecord ? { agentRecord: d.agentRecord } : {}),
        sections: Object.fromEntries(
          CAPSTONE_SECTIONS.map((s) => [s.id, typeof d.sections?.[s.id] === 'string' ? d.sections[s.id] : fresh.sections[s.id]]),
        ) as Record<SectionId, string>,
      },
    };
  } catch (e) {
    return {
      draft: freshDraft(),
      problem: `this browser keeps no draft (${e instanceof Error ? e.message : String(e)}): export the report before you leave the page`,
    };
  }
}

export function saveDraft(d: CapstoneDraft): string | undefined {
  try {
    localStorage.setItem(KEY, JSON.stringify(d));
    return undefined;
  } catch (e) {
    return `the draft could not be kept in this browser (${e instanceof Error ? e.message : String(e)}): export the report before you leave the page`;
  }
}

/** The report the page exports: the draft with its records, stamped with the time of export. */
export function reportOf(d: CapstoneDraft, exportedAt: string, site?: string): CapstoneReport {
  return {
    ...emptyCapstoneReport(exportedAt, d.spec),
    ...(site ? { site } : {}),
    domain: d.domain.slice(0, 200),
    records: [d.browserRecord, d.agentRecord].filter((r) => r !== undefined),
    sections: { ...d.sections },
  };
}
