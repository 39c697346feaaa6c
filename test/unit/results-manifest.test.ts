import { describe, expect, it } from 'vitest';
import { hasField, MANIFEST_FIELDS, manifestGaps } from '../../runtime/results/manifest.ts';
import { makeRecord } from './fixtures/record.ts';

describe('the manifest rubric of a reproducible record', () => {
  const full = makeRecord([1, 2, 3], { spec: { id: 'x', title: 'X', hash: `sha256:${'a'.repeat(64)}`, source: { id: 'x' } } });

  it('a complete record has no gap', () => {
    expect(manifestGaps(full)).toEqual([]);
  });

  it('names each missing field, the needed ones first; empty samples and an empty environment count as missing', () => {
    const r = structuredClone(full) as unknown as Record<string, unknown>;
    delete r.seed;
    delete r.startedAt;
    (r.samples as { perIteration: number[] }).perIteration = [];
    (r.environment as { host: object }).host = {};
    expect(manifestGaps(r).map((f) => [f.field, f.needed])).toEqual([
      ['seed', true],
      ['environment.host', true],
      ['samples.perIteration', true],
      ['startedAt', false],
    ]);
  });

  it('a run without parameters still has its (empty) parameters; a seed of 0 is a seed', () => {
    expect(hasField({ parameters: {} }, 'parameters')).toBe(true);
    expect(hasField({ seed: 0 }, 'seed')).toBe(true);
    expect(hasField({}, 'spec.source')).toBe(false);
  });

  it('every field has a reason, and both kinds are present (a rubric that needs everything teaches nothing)', () => {
    expect(MANIFEST_FIELDS.every((f) => f.why.length > 10)).toBe(true);
    expect(new Set(MANIFEST_FIELDS.map((f) => f.needed))).toEqual(new Set([true, false]));
  });
});
