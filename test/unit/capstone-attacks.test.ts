import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPSTONE_SECTIONS, readCapstoneReport, type CapstoneReport } from '../../runtime/capstone/report.ts';
import { AUTHENTICITY_NOTE, checkCapstone, pendingSummary } from '../../runtime/capstone/rubric.ts';
import { kernelWork } from '../../runtime/kernels/work.ts';
import { summarize } from '../../runtime/measure/stats.ts';
import { METRIC_KIND_TABLE } from '../../runtime/metrics/index.ts';
import { capstoneOptions } from '../../runtime/node/capstone-specs.ts';
import { PROJECT_ROOT } from '../../runtime/node/exercise-folders.ts';
import type { ResultRecord } from '../../runtime/results/record.ts';
import { loadSpec } from '../../runtime/spec/load.ts';
import { resolveSpec } from '../../runtime/spec/resolve.ts';
import type { Aggregation } from '../../runtime/spec/schema.ts';

/**
 * The tester's attacks on the capstone rubric (test/fixtures/capstone, made from a workbook spec with a few
 * fields changed and a real run of it), each with the score and flag it must get: filler and repetition in
 * the sections score 0 there; a patched, fabricated-short, cut or edited record is flagged; a workbook spec
 * renamed is not the learner's design. What no rubric can prove (authenticity) is said, not scored.
 */

const fixtures = path.join(PROJECT_ROOT, 'test/fixtures/capstone');
const load = (name: string): CapstoneReport => {
  const r = readCapstoneReport(readFileSync(path.join(fixtures, `${name}.submission.json`), 'utf8'), name);
  if (!r.report) throw new Error(r.errors.join('\n'));
  return r.report;
};
const honest = JSON.parse(readFileSync(path.join(fixtures, 'honest-sections.json'), 'utf8')) as CapstoneReport['sections'];
const base = load('a-filler');
const withHonest = (r: CapstoneReport): CapstoneReport => ({ ...r, sections: { ...honest } });
const sectionsOf = (f: (id: string, i: number) => string) =>
  Object.fromEntries(CAPSTONE_SECTIONS.map((s, i) => [s.id, f(s.id, i)])) as CapstoneReport['sections'];
const failed = (c: ReturnType<typeof checkCapstone>) => c.items.filter((i) => i.status === 'failed').map((i) => i.id);
const record = () => structuredClone(base.records[0]) as ResultRecord;

describe('capstone attacks: the sections', () => {
  it('the attacks base with honest sections: every checked point (the record is a real run)', () => {
    const c = checkCapstone(withHonest(base));
    expect(failed(c)).toEqual([]);
    expect(c.earned).toBe(70);
    expect(c.flags).toEqual([]);
  });

  it('a-filler: tokens spec0 spec1 ... are not words; every section 0 (was 70/70)', () => {
    const c = checkCapstone(base);
    expect(c.earned).toBe(55);
    for (const s of CAPSTONE_SECTIONS) expect(c.items.find((i) => i.id === `section-${s.id}`)!.message).toMatch(/^0 words of your own/);
  });

  it('b-repeated: one word repeated 25-29 times is repetition, not prose (was 70/70)', () => {
    const c = checkCapstone({
      ...base,
      sections: sectionsOf((_id, i) =>
        Array(25 + i)
          .fill('blah')
          .join(' '),
      ),
    });
    expect(c.earned).toBe(55);
    for (const s of CAPSTONE_SECTIONS) expect(c.items.find((i) => i.id === `section-${s.id}`)!.message).toMatch(/repetition/);
  });

  it("b2-templatepad: other sections' templates are not the learner's words (was 70/70)", () => {
    const t = CAPSTONE_SECTIONS.map((s) => s.template);
    const c = checkCapstone({ ...base, sections: sectionsOf((_id, i) => `${t[i]} ${t[(i + 1) % 5]} ${t[(i + 2) % 5]}`) });
    expect(c.earned).toBe(55);
    for (const s of CAPSTONE_SECTIONS) expect(c.items.find((i) => i.id === `section-${s.id}`)!.message).toMatch(/Only the template/);
  });

  it('a realistic short section passes; the same words in one run-on list without sentences do not', () => {
    const c = checkCapstone({ ...withHonest(base), sections: { ...honest, method: honest.method.replace(/[.,;]/g, '') } });
    expect(c.items.find((i) => i.id === 'section-method')!.message).toMatch(/sentence/);
    expect(c.earned).toBe(67);
  });
});

describe('capstone attacks: the record against the spec it claims', () => {
  it('c-patched: another run with its spec source and hash replaced does not fit the spec: flagged (was 70/70, no flag)', () => {
    const c = checkCapstone(withHonest(load('c-patched')));
    expect(failed(c)).toEqual(['record-matches-spec', 'record-untouched', 'record-verdict']);
    expect(c.earned).toBe(50);
    expect(c.flags.join()).toMatch(/claims this spec's hash but does not fit it .*metrics/);
  });

  it('d-fabricated: 40 invented samples, statistics recomputed: too few for the spec, metrics not its own: flagged (was 70/70)', () => {
    const c = checkCapstone(withHonest(load('d-fabricated')));
    expect(c.earned).toBe(60);
    expect(c.flags.join()).toMatch(/VALID with 40 samples where the spec asks at least 200/);
    expect(c.flags.join()).toMatch(/latency\.median/);
  });

  it('i: samples cut to 12 of 200, statistics recomputed: flagged (was 70/70)', () => {
    const c = checkCapstone(withHonest(load('i-12-samples-of-200')));
    expect(c.earned).toBe(60);
    expect(c.flags.join()).toMatch(/VALID with 12 samples/);
  });

  it('g2: every metrics[].values edited (latency 0.0001 ms, bandwidth 99999 GB/s): flagged (was 70/70, no flag)', () => {
    const r = record();
    for (const m of r.metrics) for (const k of Object.keys(m.values)) m.values[k] = m.kind === 'latency' ? 0.0001 : 99999;
    const c = checkCapstone(withHonest({ ...base, records: [r] }));
    expect(c.earned).toBe(60);
    expect(c.items.find((i) => i.id === 'record-untouched')!.message).toMatch(/latency\.median, latency\.p95, bandwidth\.median, bandwidth\.max/);
    expect(c.flags.join()).toMatch(/numbers were edited/);
  });

  it('one metric value edited by a hair, or an aggregation dropped, is caught', () => {
    const r = record();
    r.metrics[1]!.values.max! *= 1.001;
    expect(checkCapstone(withHonest({ ...base, records: [r] })).flags.join()).toMatch(/bandwidth\.max/);
    const d = record();
    delete d.metrics[0]!.values.p95;
    expect(checkCapstone(withHonest({ ...base, records: [d] })).flags.join()).toMatch(/not those the spec declares/);
  });

  it('e: the median halved is flagged (held before, still held)', () => {
    const r = record();
    r.statistics.median *= 0.5;
    const c = checkCapstone(withHonest({ ...base, records: [r] }));
    expect(c.earned).toBe(60);
    expect(c.flags.join()).toMatch(/median/);
  });

  it('parameters are those the spec declares: an undeclared one is flagged; a size patched in no longer fits the bandwidth the samples give', () => {
    const r = record();
    r.parameters = { ...r.parameters, batch: 4 };
    expect(checkCapstone(withHonest({ ...base, records: [r] })).flags.join()).toMatch(
      /parameters are not those the spec declares .*unknown parameter "batch"/,
    );
    const s = record();
    s.parameters = { elements: 8192 };
    expect(checkCapstone(withHonest({ ...base, records: [s] })).flags.join()).toMatch(/bandwidth\.median/);
    const t = record();
    t.seed += 1;
    expect(checkCapstone(withHonest({ ...base, records: [t] })).flags.join()).toMatch(/seed/);
  });

  it('what it cannot prove: 200 invented samples with every number recomputed pass the record items, and the authenticity item says the instructor checks it', () => {
    const r = record();
    const spec = loadSpec(base.spec).spec!;
    const resolved = resolveSpec(spec, r.parameters as Record<string, number>);
    const fake = Array.from({ length: 200 }, (_, k) => 0.002 + k * 1e-6);
    const stats = summarize(fake, { seed: r.statistics.bootstrap.seed, resamples: r.statistics.bootstrap.resamples });
    r.samples.perIteration = fake;
    r.statistics = { ...r.statistics, ...stats };
    const run = { stats, work: kernelWork(resolved.task as never), setupMs: r.timing.setupMs, firstRunMs: r.timing.firstRunMs };
    for (const m of r.metrics) for (const a of Object.keys(m.values)) m.values[a] = METRIC_KIND_TABLE[m.kind].value(a as Aggregation, run);
    const c = checkCapstone(withHonest({ ...base, records: [r] }));
    expect(c.earned).toBe(70);
    const auth = c.items.find((i) => i.id === 'authenticity')!;
    expect([auth.status, auth.points, auth.message]).toEqual(['pending', 0, AUTHENTICITY_NOTE]);
    expect(pendingSummary(c)).toMatch(/threats to validity \(0\/10 pending\), record authenticity$/);
  });
});

describe("capstone attacks: the learner's own design", () => {
  it('a workbook spec with only its id, title or description changed is not the own design (was 30/30)', async () => {
    const options = await capstoneOptions(PROJECT_ROOT);
    for (const f of ['frame-blend', 'copy-bandwidth', 'mnist-classifier', 'vector-add']) {
      const t = readFileSync(path.join(PROJECT_ROOT, `lessons/specs/${f}.bench.yaml`), 'utf8');
      for (const s of [t, t.replace(/^id: .*/m, `id: mine-${f}`), t.replace(/^title: /m, 'title: A ').replace(/^id: .*/m, 'id: my-bench')]) {
        const c = checkCapstone({ spec: s, records: [], sections: { ...honest } }, options);
        expect([f, c.items.find((i) => i.id === 'spec-own-spec')!.status]).toEqual([f, 'failed']);
      }
    }
    // A real change to what is measured (another size, other run rules) is a design of one's own.
    const t = readFileSync(path.join(PROJECT_ROOT, 'lessons/specs/vector-add.bench.yaml'), 'utf8');
    const changed = checkCapstone(
      { spec: t.replace('default: 1048576', 'default: 4096').replace(/^id: .*/m, 'id: mine'), records: [], sections: { ...honest } },
      options,
    );
    expect(changed.items.find((i) => i.id === 'spec-own-spec')!.status).toBe('passed');
  });
});
