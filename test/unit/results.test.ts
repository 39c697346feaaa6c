import { describe, expect, it } from 'vitest';
import { compareResults } from '../../runtime/results/compare.ts';
import { formatResultTable } from '../../runtime/results/format.ts';
import { parseResultRecord } from '../../runtime/results/record.ts';
import { normalFloat32 } from '../../runtime/data/random.ts';
import { makeRecord } from './fixtures/record.ts';

const record = makeRecord;
const noisy = (center: number, seed: number, n = 60) => Array.from(normalFloat32(n, seed, center, center * 0.02), (x) => Math.max(x, 0.001));

describe('compareResults', () => {
  it('finds a real 2x difference between comparable runs', () => {
    const c = compareResults(record(noisy(2, 1)), record(noisy(4, 2)));
    expect(c.comparable).toBe(true);
    expect(c.significant).toBe(true);
    expect(c.ratio).toBeGreaterThan(1.9);
    expect(c.ratio).toBeLessThan(2.1);
    expect(c.ci95[0]).toBeGreaterThan(1);
    expect(c.summary).toContain('The two results are comparable');
    expect(c.summary).toMatch(/B is slower than A, by \d\.\d\dx to \d\.\d\dx \(95% CI; the medians differ by 2\.\d\dx\)/);
  });

  it('calls two draws of the same distribution noise', () => {
    const c = compareResults(record(noisy(2, 3)), record(noisy(2, 4)));
    expect(c.significant).toBe(false);
    expect(c.ci95[0]).toBeLessThan(1);
    expect(c.ci95[1]).toBeGreaterThan(1);
    expect(c.summary).toContain('within the run-to-run noise');
  });

  it('says why results are not comparable and what differs in the environment', () => {
    const a = record(noisy(2, 5));
    const b = record(noisy(2, 6), {
      parameters: { n: 512, variant: 'tiled' },
      spec: { ...a.spec, hash: `sha256:${'b'.repeat(64)}` },
      target: 'node-webgpu',
      environment: { host: { kind: 'node', cpu: 'Other CPU', logicalCores: 2 }, target: { backend: 'webgpu' } },
    });
    const c = compareResults(a, b);
    expect(c.comparable).toBe(false);
    expect(c.reasons).toEqual(['the spec "matmul" was changed between the runs (its hash differs)', 'parameter n differs (256 vs 512)']);
    expect(c.differences).toEqual([
      { field: 'target', a: 'js', b: 'node-webgpu' },
      { field: 'host.cpu', a: 'Test CPU', b: 'Other CPU' },
      { field: 'target.backend', a: 'javascript', b: 'webgpu' },
    ]);
    expect(c.summary).toContain('NOT comparable');
  });

  it('two runs of 1 sample each: inconclusive, never "really slower"', () => {
    const c = compareResults(record([1]), record([1.01]));
    expect(c.conclusive).toBe(false);
    expect(c.significant).toBe(false);
    expect(c.inconclusiveBecause).toEqual([
      'run A has only 1 sample; a comparison needs at least 10 in each run',
      'run B has only 1 sample; a comparison needs at least 10 in each run',
    ]);
    expect(c.summary).toContain('Inconclusive: run A has only 1 sample');
    expect(c.summary).not.toMatch(/really|larger than the run-to-run noise/);
  });

  it('two INVALID runs: inconclusive, even with a clear 2x gap', () => {
    const invalid = { valid: false, reasons: ['Precision not reached: ...'], notes: [] };
    const c = compareResults(record(noisy(2, 1), { validity: invalid }), record(noisy(4, 2), { validity: invalid }));
    expect(c.significant).toBe(false);
    expect(c.inconclusiveBecause).toEqual(['run A is INVALID (Precision not reached: ...)', 'run B is INVALID (Precision not reached: ...)']);
    expect(c.summary).not.toContain('really');
  });

  it('tied samples (a coarse timer): the intervals have zero width, so inconclusive', () => {
    const c = compareResults(record(Array<number>(30).fill(1)), record(Array<number>(30).fill(1.01)));
    expect(c.ci95).toEqual([1.01, 1.01]);
    expect(c.significant).toBe(false);
    expect(c.inconclusiveBecause[0]).toMatch(/^run A's median has a confidence interval of zero width/);
    expect(c.summary).not.toContain('really');
  });

  it('gives the same verdict for the same seed (deterministic bootstrap)', () => {
    const a = record(noisy(2, 7));
    const b = record(noisy(2.1, 8));
    expect(compareResults(a, b).ci95).toEqual(compareResults(a, b).ci95);
  });
});

describe('result records', () => {
  it('round-trip through JSON and the schema', () => {
    const r = record([1, 2, 3]);
    expect(parseResultRecord(JSON.stringify(r))).toEqual({ record: r, errors: [] });
  });

  it('reject what is not a result, a newer version, and bad fields, saying where', () => {
    expect(parseResultRecord('{', 'a.json').errors[0]).toMatch(/^a\.json: not JSON/);
    expect(parseResultRecord('{"x":1}', 'a.json').errors).toEqual([
      'a.json: not a Benchmark Carpentry result (expected "format": "benchmark-carpentry/result")',
    ]);
    expect(parseResultRecord(JSON.stringify({ ...record([1]), version: 9 }), 'a.json').errors).toEqual([
      'a.json: result version 9 is newer than this workbook reads (up to 1); update the workbook',
    ]);
    const bad = { ...record([1]), samples: { unit: 'ms', perIteration: [1, -2] } };
    expect(parseResultRecord(JSON.stringify(bad), 'a.json').errors).toEqual([
      'a.json: samples.perIteration[1]: Too small: expected number to be >=0',
    ]);
  });

  it('one problem at many samples is one line, not one per sample; a record larger than any run writes is refused', () => {
    const negative = { ...record([1]), samples: { unit: 'ms', perIteration: [1, -1, 2, -2, -3, -4, -5] } };
    expect(parseResultRecord(JSON.stringify(negative), 'a.json').errors).toEqual([
      'a.json: samples.perIteration[1], [3], [4] and 2 more (5 items): Too small: expected number to be >=0',
    ]);
    const huge = { ...record([1]), samples: { unit: 'ms', perIteration: Array<number>(50_001).fill(1) } };
    expect(parseResultRecord(JSON.stringify(huge), 'a.json').errors).toEqual([
      'a.json: samples.perIteration: more samples than any workbook run writes (at most 50000)',
    ]);
  });

  it('format as a readable table with the verdict and the distribution', () => {
    const text = formatResultTable(
      record([1, 2, 3], { validity: { valid: false, reasons: ['too few samples for p90'], notes: ['slow first run'] } }),
    );
    expect(text).toContain('INVALID: too few samples for p90');
    expect(text).toContain('note: slow first run');
    expect(text).toMatch(/median \[95% CI\]\s+2\.000 ms \[\d\.\d{3} ms, \d\.\d{3} ms\], \+-\d+\.\d\d%/);
    expect(text).toContain('host.cpu: Test CPU');
  });
});
