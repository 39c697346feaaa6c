import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAPSTONE_SECTIONS, emptyCapstoneReport, readCapstoneReport, type CapstoneReport } from '../../runtime/capstone/report.ts';
import { proseWords } from '../../runtime/capstone/prose.ts';
import { checkCapstone, MIN_SECTION_WORDS, pendingSummary } from '../../runtime/capstone/rubric.ts';
import { CAPSTONE_STARTER_SPEC } from '../../runtime/capstone/starter.ts';
import { capstoneOptions } from '../../runtime/node/capstone-specs.ts';
import { PROJECT_ROOT } from '../../runtime/node/exercise-folders.ts';
import { runOnNode } from '../../runtime/node/runners.ts';
import type { ResultRecord } from '../../runtime/results/record.ts';
import { loadSpec } from '../../runtime/spec/load.ts';

/**
 * The capstone rubric on real runs: a record the engine wrote for the learner's spec passes every
 * checked item; a record of another spec, edited numbers, the template, empty or copied sections fail
 * the items they should, and the instructor's items are pending, never scored.
 */

const fixture = path.join(PROJECT_ROOT, 'test/unit/fixtures/capstone/kiosk-frame-blend.bench.yaml');
let specText: string;
let record: ResultRecord;
let otherRecord: ResultRecord;
let lessonSpec: string;
let lessonRecord: ResultRecord;

/** An honest short report, as a learner writes it (test/fixtures/capstone/honest-sections.json): every section passes. */
const honest = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/capstone/honest-sections.json'), 'utf8')) as CapstoneReport['sections'];
const sections = () => ({ ...honest });
/** The start of a section's honest text holding exactly n counted words. */
const prose = (id: keyof CapstoneReport['sections'], n: number) => {
  const tokens = honest[id].split(/\s+/);
  let k = 0;
  while (k < tokens.length && proseWords(tokens.slice(0, k + 1).join(' ')).length <= n) k++;
  return tokens.slice(0, k).join(' ');
};
const report = (over: Partial<CapstoneReport> = {}): CapstoneReport => ({
  ...emptyCapstoneReport('2026-12-01T10:00:00Z', specText),
  domain: 'museum kiosks',
  records: [record],
  sections: sections(),
  ...over,
});
const item = (r: ReturnType<typeof checkCapstone>, id: string) => r.items.find((i) => i.id === id)!;

beforeAll(async () => {
  specText = await readFile(fixture, 'utf8');
  record = await runOnNode({ spec: loadSpec(specText).spec!, target: 'js' });
  // The same kernel with another seed: another spec, so another hash.
  otherRecord = await runOnNode({ spec: loadSpec(specText.replace('seed: 7', 'seed: 8')).spec!, target: 'js' });
  lessonSpec = await readFile(path.join(PROJECT_ROOT, 'lessons/specs/vector-add.bench.yaml'), 'utf8');
  lessonRecord = await runOnNode({
    spec: loadSpec(lessonSpec.replace('min-samples: 20', 'min-samples: 30').replace(/max-duration-ms: \d+/, 'max-duration-ms: 2000')).spec!,
    target: 'js',
    overrides: {},
  });
}, 60_000);

describe('the capstone rubric', () => {
  it('gives every checked point to a real run of the learner spec and leaves the instructor items pending', () => {
    const r = checkCapstone(report());
    expect(r.items.filter((i) => i.status === 'failed').map((i) => `${i.id}: ${i.message}`)).toEqual([]);
    expect(r.earned).toBe(r.autoMax);
    expect(r.autoMax).toBe(70);
    expect(r.pending).toBe(30);
    expect(r.max).toBe(100);
    expect(r.flags).toEqual([]);
    expect(pendingSummary(r)).toBe(
      'needs instructor: fit to the domain (0/10 pending), reading of the results (0/10 pending), threats to validity (0/10 pending), record authenticity',
    );
  });

  it('scores the page template unchanged at 0 and still marks the instructor items pending, not 0', () => {
    const r = checkCapstone(emptyCapstoneReport('2026-12-01T10:00:00Z', CAPSTONE_STARTER_SPEC));
    expect(r.earned).toBe(0);
    expect(r.pending).toBe(30);
    expect(r.items.filter((i) => i.group === 'report').every((i) => i.status === 'failed' && /template/.test(i.message!))).toBe(true);
  });

  it('fails empty, short and copied sections, and counts only words beyond the template', () => {
    const s = sections();
    s.method = '';
    s.results = prose('results', MIN_SECTION_WORDS - 1);
    s.threats = s.environment;
    s.spec = `${CAPSTONE_SECTIONS[0].template} ${honest.spec}`;
    const r = checkCapstone(report({ sections: s }));
    expect(item(r, 'section-method').status).toBe('failed');
    expect(item(r, 'section-results').message).toMatch(new RegExp(`^${MIN_SECTION_WORDS - 1} words`));
    expect(item(r, 'section-threats').message).toMatch(/same text as the section "Environment"/);
    expect(item(r, 'section-spec').status).toBe('passed');
  });

  it('flags a record of another spec and does not count its numbers', () => {
    const r = checkCapstone(report({ records: [otherRecord] }));
    expect(item(r, 'record-attached').status).toBe('passed');
    expect(['record-matches-spec', 'record-untouched', 'record-verdict'].map((id) => item(r, id).status)).toEqual(['failed', 'failed', 'failed']);
    expect(r.flags.join()).toMatch(/not a run of the submitted spec/);
    expect(r.earned).toBe(r.autoMax - 20);
  });

  it('flags a record whose median was edited, and one whose carried spec was swapped', () => {
    const edited = structuredClone(record);
    edited.statistics.median *= 0.8;
    const r = checkCapstone(report({ records: [edited] }));
    expect(item(r, 'record-untouched').message).toMatch(/median/);
    expect(r.flags.join()).toMatch(/numbers were edited/);
    const swapped = structuredClone(record);
    (swapped.spec.source as { title: string; constraints: { warmup: number } }).constraints.warmup = 0;
    const s = checkCapstone(report({ records: [swapped] }));
    expect(item(s, 'record-matches-spec').status).toBe('failed');
    expect(s.flags.join()).toMatch(/edited/);
  });

  it('checks every attached record: a good browser run beside an agent record of another spec is flagged', () => {
    const r = checkCapstone(report({ records: [record, otherRecord] }));
    expect(item(r, 'record-matches-spec').message).toMatch(/record 2 of 2 is a run of another spec/);
    expect(r.flags).toEqual([expect.stringMatching(/^record 2 of 2 is not a run of the submitted spec/)]);
    const both = checkCapstone(report({ records: [record, structuredClone(record)] }));
    expect(both.earned).toBe(both.autoMax);
  });

  it('fails a record that is not a result, and a report without one', () => {
    expect(item(checkCapstone(report({ records: [{ format: 'x' }] })), 'record-attached').message).toMatch(/not a Benchmark Carpentry result/);
    expect(item(checkCapstone(report({ records: [] })), 'record-attached').message).toMatch(/No record is attached/);
  });

  it("tells a learner who submits one of the workbook's specs unchanged that it is not their design", async () => {
    const options = await capstoneOptions(PROJECT_ROOT);
    const spec = lessonSpec.replace('min-samples: 20', 'min-samples: 30').replace(/max-duration-ms: \d+/, 'max-duration-ms: 2000');
    const ownCopy = checkCapstone(report({ spec, records: [lessonRecord] }), options);
    // The run rules changed: a new spec, the learner's own (if barely).
    expect(item(ownCopy, 'spec-own-spec').status).toBe('passed');
    const unchanged = checkCapstone(report({ spec: lessonSpec, records: [] }), options);
    expect(item(unchanged, 'spec-own-spec').status).toBe('failed');
  });

  it('reads a report file, and names the field of a bad one', () => {
    const good = JSON.stringify(report());
    expect(readCapstoneReport(good).errors).toEqual([]);
    const bad = JSON.stringify({ ...report(), sections: { ...sections(), extra: 'x' }, exportedAt: 'yesterday' });
    const errors = readCapstoneReport(bad, 'ada.submission.json').errors.join('\n');
    expect(errors).toMatch(/ada\.submission\.json: exportedAt: must be an ISO time/);
    expect(errors).toMatch(/sections: unknown field\(s\) "extra"/);
    expect(readCapstoneReport('{', 'f').errors[0]).toMatch(/^f: not JSON/);
    expect(readCapstoneReport(JSON.stringify({ ...report(), version: 9 })).errors[0]).toMatch(/newer/);
  });
});
