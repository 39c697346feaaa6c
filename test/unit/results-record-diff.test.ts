import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffRecords, formatRecordDiff } from '../../runtime/results/record-diff.ts';
import { rerunPlan } from '../../runtime/results/rerun.ts';
import { loadSpec, resolveSpec, specHash } from '../../runtime/spec/index.ts';
import { makeRecord } from './fixtures/record.ts';

const spec = loadSpec(readFileSync('lessons/specs/vector-add.bench.yaml', 'utf8')).spec!;
const resolved = resolveSpec(spec, { elements: 4096 });
/** A record of vector-add as a real run writes it: the spec as run, its hash, parameters and seed. */
const recordOf = (samples: number[], over: Parameters<typeof makeRecord>[1] = {}) =>
  makeRecord(samples, {
    spec: { id: spec.id, title: spec.title, hash: specHash(spec), source: structuredClone(spec) },
    parameters: resolved.params,
    seed: resolved.seed,
    ...over,
  });
const SAMPLES = Array.from({ length: 30 }, (_, i) => 1 + (i % 5) * 0.01);
const SLOW = SAMPLES.map((x) => x * 3);

describe('rerunPlan: a rerun from the record alone', () => {
  it('gives the spec, parameters, seed and target of the record, and a spec text that loads to the same hash', () => {
    const { plan, errors } = rerunPlan(recordOf(SAMPLES));
    expect(errors).toEqual([]);
    expect(plan!.overrides).toEqual({ elements: 4096 });
    expect(plan!.seed).toBe(resolved.seed);
    expect(plan!.target).toBe('js');
    expect(specHash(loadSpec(plan!.specText).spec!)).toBe(specHash(spec));
  });

  it('refuses a record whose spec was edited after the run (the hash no longer matches), naming the field', () => {
    const edited = structuredClone(spec) as typeof spec;
    edited.constraints.warmup += 1;
    const { plan, errors } = rerunPlan(
      recordOf(SAMPLES, { spec: { id: spec.id, title: spec.title, hash: specHash(spec), source: edited } }),
      'a.json',
    );
    expect(plan).toBeUndefined();
    expect(errors[0]).toMatch(/^a\.json: spec\.hash: .*changed after the run/);
  });

  it('refuses a seed that the spec does not give, a parameter it does not declare, and a record without a spec', () => {
    expect(rerunPlan(recordOf(SAMPLES, { seed: 7 }), 'r.json').errors[0]).toMatch(/^r\.json: seed: the record says 7/);
    expect(rerunPlan(recordOf(SAMPLES, { parameters: { size: 3 } }), 'r.json').errors[0]).toMatch(/^r\.json: parameters: unknown parameter "size"/);
    expect(rerunPlan(recordOf(SAMPLES, { parameters: { elements: 3 } }), 'r.json').errors[0]).toMatch(/^r\.json: parameters: .*elements/);
    const noSpec = recordOf(SAMPLES);
    noSpec.spec.source = undefined;
    expect(rerunPlan(noSpec, 'r.json').errors[0]).toMatch(/^r\.json: spec\.source: the record holds no spec/);
    const broken = recordOf(SAMPLES);
    broken.spec.source = { ...spec, metrics: 'fast' };
    expect(rerunPlan(broken, 'r.json').errors[0]).toMatch(/^r\.json: spec\.source: .*metrics/);
  });
});

describe('diffRecords', () => {
  it('a record against itself is identical: no field, no blocker', () => {
    const a = recordOf(SAMPLES);
    const d = diffRecords(a, structuredClone(a));
    expect(d.outcome).toBe('identical');
    expect(d.fields).toEqual([]);
    expect(d.blockers).toEqual([]);
    expect(d.numbers.every((n) => n.identical)).toBe(true);
  });

  it('a rerun with the same inputs and overlapping intervals is reproduced, not exact, and names the timing as the blocker', () => {
    const a = recordOf(SAMPLES);
    const b = recordOf(
      SAMPLES.map((x, i) => x + (i % 2 ? 0.001 : -0.001)),
      { startedAt: '2026-11-24T00:00:00.000Z' },
    );
    const d = diffRecords(a, b);
    expect(d.sameExperiment).toBe(true);
    expect(d.outcome).toBe('reproduced');
    expect(d.fields).toEqual([{ field: 'startedAt', group: 'bookkeeping', a: a.startedAt, b: b.startedAt, canExplain: false }]);
    expect(d.blockers.join(' ')).toMatch(/timings are measurements.*intervals overlap/);
  });

  it('timings whose intervals are apart are not reproduced, and the environment fields that differ are named as able to explain it', () => {
    const a = recordOf(SAMPLES);
    const b = recordOf(SLOW, {
      environment: { host: { kind: 'node', cpu: 'Other CPU', logicalCores: 2, runtime: 'Node.js v22.1.0' }, target: { backend: 'javascript' } },
    });
    const d = diffRecords(a, b);
    expect(d.outcome).toBe('not-reproduced');
    const cpu = d.fields.find((f) => f.field === 'environment.host.cpu')!;
    expect(cpu).toMatchObject({ group: 'environment', canExplain: true, a: 'Test CPU', b: 'Other CPU' });
    // Recorded in one record only: a blocker of its own (nobody can tell whether it matched).
    expect(d.fields.find((f) => f.field === 'environment.host.runtime')).toMatchObject({ group: 'version', a: '(not recorded)' });
    expect(d.blockers.join(' ')).toMatch(/recorded in one record only.*host\.runtime/);
    expect(d.blockers.join(' ')).toMatch(/environment differs: environment\.host\.cpu/);
    expect(d.numbers.find((n) => n.name === 'median (ms)')!.overlap).toBe(false);
  });

  it('versions are the fields that name one (a backend version, the runtime, the user agent), not any field that mentions a runtime', () => {
    const env = (target: Record<string, unknown>) => ({ host: { kind: 'node' }, target });
    const d = diffRecords(
      recordOf(SAMPLES, { environment: env({ onnxruntimeVersion: '1.30.0', runtimeStart: 'before this run' }) }),
      recordOf(SAMPLES, { environment: env({ onnxruntimeVersion: '1.29.1', runtimeStart: 'in this run' }) }),
    );
    expect(d.fields.filter((f) => f.field.startsWith('environment.')).map((f) => [f.field, f.group])).toEqual([
      ['environment.target.onnxruntimeVersion', 'version'],
      ['environment.target.runtimeStart', 'environment'],
    ]);
    expect(d.blockers.join(' ')).toMatch(/software versions differ: environment\.target\.onnxruntimeVersion \(1\.30\.0 vs 1\.29\.1\)/);
  });

  it('a changed parameter, seed or spec is another experiment, not a rerun', () => {
    const a = recordOf(SAMPLES);
    for (const over of [{ parameters: { elements: 8192 } }, { seed: 2 }, { spec: { ...a.spec, hash: `sha256:${'b'.repeat(64)}` } }]) {
      const d = diffRecords(a, recordOf(SAMPLES, over));
      expect(d.outcome).toBe('different-experiment');
      expect(d.fields.filter((f) => f.group === 'input').length).toBeGreaterThan(0);
      expect(d.blockers[0]).toMatch(/not a rerun/);
    }
  });

  it('a reworded title is bookkeeping that cannot explain a number; a changed verdict is an outcome, not a cause', () => {
    const a = recordOf(SAMPLES);
    const b = recordOf(SAMPLES, {
      spec: { ...a.spec, title: 'Reworded' },
      validity: { valid: false, reasons: ['precision not reached'], notes: [] },
    });
    const d = diffRecords(a, b);
    expect(d.fields.find((f) => f.field === 'spec.title')).toMatchObject({ group: 'bookkeeping', canExplain: false });
    expect(d.fields.find((f) => f.field === 'validity.valid')).toMatchObject({ group: 'verdict', canExplain: false, a: 'VALID', b: 'INVALID' });
    expect(d.outcome).toBe('not-reproduced');
    expect(d.blockers.join(' ')).toMatch(/verdict changed: VALID against INVALID/);
  });

  it('two INVALID runs whose reasons quote different numbers keep the same verdict: the reasons alone do not fail a reproduction', () => {
    const invalid = (why: string) => ({ valid: false, reasons: [why], notes: [] });
    const a = recordOf(SAMPLES, { validity: invalid('precision not reached: +-7.1%') });
    const b = recordOf(
      SAMPLES.map((x, i) => x + (i === 0 ? 0.0001 : 0)),
      { validity: invalid('precision not reached: +-7.3%') },
    );
    const d = diffRecords(a, b);
    expect(d.fields.map((f) => f.field)).toEqual(['validity.reasons']);
    expect(d.outcome).toBe('reproduced');
  });

  it('quality numbers compare with their intervals: a moved bound is not identical, and a difference under the same inputs is a blocker', () => {
    const q = { accuracy: 0.9, 'accuracy:ci95-low': 0.85, 'accuracy:ci95-high': 0.94, items: 100 };
    const a = recordOf(SAMPLES, { quality: q });
    const same = diffRecords(a, recordOf(SAMPLES, { quality: { ...q, 'accuracy:ci95-high': 0.95 } }));
    const acc = same.numbers.find((n) => n.name === 'accuracy')!;
    expect(acc).toMatchObject({ source: 'quality', identical: false, ciA: [0.85, 0.94], ciB: [0.85, 0.95], overlap: true });
    const apart = diffRecords(a, recordOf(SAMPLES, { quality: { accuracy: 0.7, 'accuracy:ci95-low': 0.6, 'accuracy:ci95-high': 0.8, items: 100 } }));
    expect(apart.outcome).toBe('not-reproduced');
    expect(apart.blockers.join(' ')).toMatch(/1 quality number differ.*accuracy/);
    expect(formatRecordDiff(apart)).toMatch(/accuracy\s+quality\s+0\.9 \[0\.85, 0\.94\]\s+0\.7 \[0\.6, 0\.8\]\s+apart/);
  });
});
