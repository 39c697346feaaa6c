import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../runtime/measure/index.ts';
import { METRIC_KINDS, METRIC_KIND_TABLE, isMetricKind, type MetricRun } from '../../runtime/metrics/index.ts';
import { resultRecordSchema } from '../../runtime/results/record.ts';
import { AGGREGATIONS, specSchema } from '../../runtime/spec/index.ts';

// Samples of 2, 4 and 6 ms per iteration: median 4, min 2. One iteration does 1000 items, 8e9 flops, 4e9 bytes.
const run = (over: Partial<MetricRun> = {}): MetricRun => ({
  stats: summarize([2, 4, 6], { seed: 1 }),
  work: { items: 1000, flops: 8e9, bytes: 4e9 },
  setupMs: 30,
  firstRunMs: 12,
  quality: { accuracy: 0.91 },
  ...over,
});
const value = (kind: keyof typeof METRIC_KIND_TABLE, aggregation: (typeof AGGREGATIONS)[number], r = run()) =>
  METRIC_KIND_TABLE[kind].value(aggregation, r);

describe('the metric kinds table', () => {
  it('has one file per kind under runtime/metrics/, and lists each of them', () => {
    const files = readdirSync('runtime/metrics')
      .filter((f) => !['index.ts', 'definition.ts'].includes(f))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual([...METRIC_KINDS].sort());
  });
  it('is what the spec schema and the result record accept as a kind', () => {
    const metric = specSchema.shape.metrics.element;
    expect(metric.shape.kind.options).toEqual(METRIC_KINDS);
    expect(resultRecordSchema.shape.metrics.element.shape.kind.options).toEqual(METRIC_KINDS);
    expect(isMetricKind('gflops')).toBe(true);
    expect(isMetricKind('flops')).toBe(false);
    expect(isMetricKind('constructor')).toBe(false);
  });
  it('gives every kind aggregations the schema knows, and a unit its own test accepts', () => {
    for (const kind of METRIC_KINDS) {
      const d = METRIC_KIND_TABLE[kind];
      expect(d.aggregations.length, kind).toBeGreaterThan(0);
      for (const a of d.aggregations) expect(AGGREGATIONS, kind).toContain(a);
      if (d.unit.canonical) expect(d.unit.test(d.unit.canonical), kind).toBe(true);
    }
    expect(METRIC_KIND_TABLE.throughput.unit.test('images/s')).toBe(true);
    expect(METRIC_KIND_TABLE.throughput.unit.test('Gb/s')).toBe(false);
    expect(METRIC_KIND_TABLE.gbps.unit.test('Gb/s')).toBe(false);
  });
});

describe('how each kind derives its value from the run', () => {
  it('latency is the time statistic itself', () => {
    expect(value('latency', 'median')).toBe(4);
    expect(value('latency', 'min')).toBe(2);
  });
  it('rates divide the work by the time; the best (max) rate comes from the fastest (min) time', () => {
    expect(value('throughput', 'median')).toBe(1000 / 0.004);
    expect(value('throughput', 'max')).toBe(1000 / 0.002);
    expect(value('gflops', 'median')).toBeCloseTo(2000, 9);
    expect(value('gflops', 'max')).toBeCloseTo(4000, 9);
    expect(value('gbps', 'median')).toBeCloseTo(1000, 9);
  });
  it('a rate without its count is no number (NaN), never 0 or Infinity', () => {
    expect(value('gflops', 'median', run({ work: { items: 1 } }))).toBeNaN();
    expect(value('gbps', 'median', run({ work: { items: 1 } }))).toBeNaN();
  });
  it('accuracy, first-run and setup are single values from the run', () => {
    expect(value('accuracy', 'value')).toBe(0.91);
    expect(value('accuracy', 'value', run({ quality: undefined }))).toBeNaN();
    expect(value('first-run', 'value')).toBe(12);
    expect(value('setup', 'value')).toBe(30);
  });
});

describe('which tasks can give a kind its value', () => {
  it('a copy kernel has no flops; only the digit classifier has an accuracy', () => {
    expect(METRIC_KIND_TABLE.gflops.problem?.({ kind: 'kernel', operation: 'copy' })).toMatch(/does no arithmetic/);
    expect(METRIC_KIND_TABLE.gflops.problem?.({ kind: 'kernel', operation: 'matmul' })).toBeNull();
    expect(METRIC_KIND_TABLE.accuracy.problem?.({ kind: 'inference', model: 'mnist-mlp' })).toBeNull();
    expect(METRIC_KIND_TABLE.accuracy.problem?.({ kind: 'inference', model: 'mlp' })).toMatch(/no labelled test data/);
  });
});
