import { describe, expect, it } from 'vitest';
import { compareResults } from '../../runtime/results/compare.ts';
import { environmentDifferences, flattenEnvironment, KEY_FIELDS, NOT_RECORDED } from '../../runtime/results/environment.ts';
import { buildWall } from '../../runtime/results/wall.ts';
import { makeRecord } from './fixtures/record.ts';

const samples = Array.from({ length: 20 }, (_, i) => 1 + i / 100);
const node = makeRecord(samples);
const otherCpu = makeRecord(samples, {
  environment: { host: { kind: 'node', cpu: 'Other CPU', logicalCores: 2 }, target: { backend: 'javascript' } },
});
const gpu = makeRecord(samples, {
  target: 'node-webgpu',
  environment: {
    host: { kind: 'node', cpu: 'Test CPU', logicalCores: 2 },
    target: {
      backend: 'webgpu',
      adapter: { vendor: 'nvidia', architecture: 'ampere' },
      limits: { maxBufferSize: 1024 },
      features: ['a', 'b'],
      workgroupSize: [8, 8],
    },
  },
});

describe('flattenEnvironment', () => {
  it('names nested fields with dots, joins lists, and shows an empty string as (empty)', () => {
    const f = flattenEnvironment({ host: { kind: 'browser', userAgent: '' }, target: { features: ['x', 'y'], list: [{ a: 1 }], n: 3 } });
    expect([...f]).toEqual([
      ['host.kind', 'browser'],
      ['host.userAgent', '(empty)'],
      ['target.features', 'x, y'],
      ['target.list', '{"a":1}'],
      ['target.n', '3'],
    ]);
  });
});

describe('environmentDifferences', () => {
  it('differs in nothing for fewer than two runs or for identical environments', () => {
    expect(environmentDifferences([])).toEqual([]);
    expect(environmentDifferences([gpu])).toEqual([]);
    expect(environmentDifferences([node, makeRecord([5, 6, 7])])).toEqual([]);
  });

  it('lists the target and the fields that differ, key fields first in their order, then the rest alphabetically', () => {
    const d = environmentDifferences([node, otherCpu, gpu]);
    expect(d.map((x) => x.field)).toEqual([
      'target',
      'host.cpu',
      'target.backend',
      'target.adapter.vendor',
      'target.adapter.architecture',
      'target.workgroupSize',
      'target.features',
      'target.limits.maxBufferSize',
    ]);
    expect(d.find((x) => x.field === 'host.cpu')).toEqual({ field: 'host.cpu', key: true, values: ['Test CPU', 'Other CPU', 'Test CPU'] });
    expect(d.find((x) => x.field === 'target.features')).toEqual({
      field: 'target.features',
      key: false,
      values: [NOT_RECORDED, NOT_RECORDED, 'a, b'],
    });
    expect(d.filter((x) => x.key).every((x) => KEY_FIELDS.includes(x.field))).toBe(true);
  });

  it('orders the other fields numerically, so limit2 comes before limit10', () => {
    const a = makeRecord(samples, { environment: { host: {}, target: { limit10: 1, limit2: 1 } } });
    const b = makeRecord(samples, { environment: { host: {}, target: { limit10: 2, limit2: 2 } } });
    expect(environmentDifferences([a, b]).map((x) => x.field)).toEqual(['target.limit2', 'target.limit10']);
  });

  it('is the diff both the comparison and the results wall show: same fields, same order, same values', () => {
    const c = compareResults(otherCpu, gpu);
    const wall = buildWall([
      { file: 'a.json', record: otherCpu },
      {
        file: 'b.json',
        record: makeRecord(
          samples.map((x) => x * 3),
          { target: gpu.target, environment: gpu.environment },
        ),
      },
    ]);
    const table = wall.specs[0]!.groups[0]!;
    // The wall sorts its rows (the faster first), so read each field's values by file.
    const byFile = (d: (typeof table.differences)[number]) => Object.fromEntries(table.rows.map((r, i) => [r.file, d.values[i]]));
    expect(c.differences.map((d) => d.field)).toEqual(table.differences.map((d) => d.field));
    expect(c.differences.map((d) => [d.a, d.b])).toEqual(table.differences.map((d) => [byFile(d)['a.json'], byFile(d)['b.json']]));
  });
});
