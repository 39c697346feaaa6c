import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../runtime/results/record.ts';
import {
  browserFromUserAgent,
  buildWall,
  CSV_COLUMNS,
  csvField,
  describeMachine,
  readResultFiles,
  wallToCsv,
  type WallEntry,
} from '../../runtime/results/wall.ts';
import { readCsv } from './fixtures/csv.ts';

const HASH_A = `sha256:${'a'.repeat(64)}`;
const HASH_B = `sha256:${'b'.repeat(64)}`;
const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

const nodeHost = (cpu = 'Test CPU') => ({ kind: 'node', os: 'Linux 6.1.0 (linux/x64)', cpu, logicalCores: 8, runtime: 'Node.js v24.21.0' });
const browserHost = (isolated = true) => ({
  kind: 'browser',
  userAgent: CHROME_UA,
  platform: 'Linux x86_64',
  logicalCores: 4,
  crossOriginIsolated: isolated,
});

/** A record whose first metric (latency, lower is better) is `latency`; everything else plausible and fixed. */
function record(latency: number, over: Partial<ResultRecord> = {}): ResultRecord {
  return {
    format: 'benchmark-carpentry/result',
    version: 1,
    spec: { id: 'vector-add', title: 'Vector addition', hash: HASH_A, source: {} },
    parameters: { elements: 4096 },
    seed: 1,
    target: 'js',
    scenario: 'single-stream',
    startedAt: '2026-11-23T04:00:00.000Z',
    timing: {
      setupMs: 3,
      firstRunMs: 9,
      warmupMs: [2, 2, 2],
      iterationsPerSample: 4,
      timerResolutionMs: 0.005,
      stoppedBecause: 'converged',
      elapsedMs: 1200,
    },
    samples: { unit: 'ms', perIteration: [latency, latency] },
    statistics: {
      n: 30,
      min: latency,
      max: latency,
      mean: latency,
      stdev: 0,
      median: latency,
      q1: latency,
      q3: latency,
      iqr: 0,
      p50: latency,
      p90: latency,
      p95: latency,
      p99: latency,
      relativeIqr: 0,
      mad: 0,
      ci95Median: [latency * 0.9, latency * 1.1],
      bootstrap: { seed: 1, resamples: 2000 },
      outliers: [],
      percentileDefinition: 'numpy linear',
    },
    metrics: [
      { name: 'latency', kind: 'latency', unit: 'ms', direction: 'lower', values: { median: latency, min: latency / 2 } },
      { name: 'bandwidth', kind: 'gbps', unit: 'GB/s', direction: 'higher', values: { median: 1 / latency } },
    ],
    verification: { ok: true, maxAbsError: 0 },
    validity: { valid: true, reasons: [], notes: [] },
    environment: { host: nodeHost(), target: { backend: 'javascript', threads: 1 } },
    ...over,
  };
}
const entry = (file: string, r: ResultRecord): WallEntry => ({ file, record: r });
const invalid = (reason: string) => ({ valid: false, reasons: [reason], notes: [] });
const webgpuTarget = (fallback: boolean) => ({
  backend: 'webgpu',
  adapter: { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: fallback },
});

describe('buildWall grouping', () => {
  it('puts each spec version, parameter set and seed in its own table, and says why', () => {
    const wall = buildWall([
      entry(
        'new.json',
        record(1, { spec: { id: 'vector-add', title: 'Vector addition v2', hash: HASH_B, source: {} }, startedAt: '2026-11-24T00:00:00.000Z' }),
      ),
      entry('a.json', record(2)),
      entry('big.json', record(5, { parameters: { elements: 16384 } })),
      entry('b.json', record(3)),
      entry('mm.json', record(7, { spec: { id: 'matmul', title: 'Matrix multiplication', hash: HASH_A, source: {} }, parameters: { n: 64 } })),
      entry('small.json', record(4, { parameters: { elements: 8192 } })),
    ]);
    expect(wall.runs).toBe(6);
    expect(wall.specs.map((s) => s.id)).toEqual(['matmul', 'vector-add']);
    const [matmul, va] = wall.specs;
    expect(matmul!.warnings).toEqual([]);
    expect(matmul!.groups).toHaveLength(1);
    expect(matmul!.groups[0]!.distinguishedBy).toEqual([]);

    expect(va!.title).toBe('Vector addition v2');
    expect(va!.groups.map((g) => [g.version, g.parameterText, g.rows.map((r) => r.file)])).toEqual([
      [1, 'elements=4096', ['a.json', 'b.json']],
      [1, 'elements=8192', ['small.json']],
      [1, 'elements=16384', ['big.json']],
      [2, 'elements=4096', ['new.json']],
    ]);
    expect(va!.warnings).toHaveLength(2);
    expect(va!.warnings[0]).toMatch(/^The spec "vector-add" changed between runs: 2 versions were loaded \(sha256:aaaaaaaa…, sha256:bbbbbbbb…\)/);
    expect(va!.warnings[1]).toMatch(/ran with 3 different parameter sets \(elements=4096; elements=8192; elements=16384\)/);
    expect(va!.groups[0]!.distinguishedBy).toEqual(['spec version 1 of 2 (sha256:aaaaaaaa…)', 'parameters elements=4096']);
    expect(va!.groups[3]!.distinguishedBy).toEqual(['spec version 2 of 2 (sha256:bbbbbbbb…)', 'parameters elements=4096']);
  });

  it('keeps different input seeds apart, as compareResults does', () => {
    const wall = buildWall([entry('s1.json', record(1)), entry('s7.json', record(1, { seed: 7 }))]);
    const spec = wall.specs[0]!;
    expect(spec.groups.map((g) => g.distinguishedBy)).toEqual([['seed 1'], ['seed 7']]);
    expect(spec.warnings).toEqual(['"vector-add" ran with 2 different input seeds (1, 7): each seed has its own table.']);
  });

  it('does not depend on the order the files were dropped in', () => {
    const entries = [
      entry('a.json', record(2)),
      entry('b.json', record(1, { target: 'browser-webgpu', environment: { host: browserHost(), target: webgpuTarget(true) } })),
      entry('c.json', record(3, { validity: invalid('too few samples') })),
      entry('d.json', record(2, { startedAt: '2026-11-23T05:00:00.000Z' })),
      entry('e.json', record(4, { parameters: { elements: 8192 } })),
    ];
    const expected = buildWall(entries);
    fc.assert(
      fc.property(fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }), (shuffled) => {
        expect(buildWall(shuffled)).toEqual(expected);
      }),
      { seed: 4, numRuns: 50 },
    );
  });
});

describe('buildWall rows', () => {
  it('sorts valid runs best first by the first metric, INVALID runs after, with the ratio to the best valid run', () => {
    const wall = buildWall([
      entry('slow.json', record(4)),
      entry('broken-fast.json', record(0.5, { validity: invalid('The time cap was hit') })),
      entry('fast.json', record(1)),
      entry('mid.json', record(2)),
    ]);
    const g = wall.specs[0]!.groups[0]!;
    expect(g.metrics).toEqual([
      { name: 'latency', aggregation: 'median', unit: 'ms', direction: 'lower' },
      { name: 'bandwidth', aggregation: 'median', unit: 'GB/s', direction: 'higher' },
    ]);
    expect(g.rows.map((r) => [r.rank, r.file, r.valid, r.ratioToBest])).toEqual([
      [1, 'fast.json', true, 1],
      [2, 'mid.json', true, 2],
      [3, 'slow.json', true, 4],
      [4, 'broken-fast.json', false, 0.5],
    ]);
    expect(g.rows[0]!.values).toEqual([1, 1]);
    expect(g.rows[0]!.ci95).toEqual([0.9, 1.1]);
    expect(g.rows[3]!.reasons).toEqual(['The time cap was hit']);
  });

  it('sorts by a higher-is-better first metric the other way, ratio = best / value', () => {
    const throughput = (v: number): Partial<ResultRecord> => ({
      metrics: [{ name: 'throughput', kind: 'throughput', unit: 'items/s', direction: 'higher', values: { mean: v } }],
    });
    const g = buildWall([
      entry('a.json', record(1, throughput(100))),
      entry('b.json', record(1, throughput(400))),
      entry('c.json', record(1, throughput(200))),
    ]).specs[0]!.groups[0]!;
    expect(g.rows.map((r) => [r.file, r.values[0], r.ratioToBest])).toEqual([
      ['b.json', 400, 1],
      ['c.json', 200, 2],
      ['a.json', 100, 4],
    ]);
  });

  it('compares to the best INVALID run when no run is valid', () => {
    const g = buildWall([entry('a.json', record(3, { validity: invalid('x') })), entry('b.json', record(1.5, { validity: invalid('y') }))]).specs[0]!
      .groups[0]!;
    expect(g.rows.map((r) => [r.file, r.ratioToBest])).toEqual([
      ['b.json', 1],
      ['a.json', 2],
    ]);
  });
});

describe('buildWall: what a ratio may claim', () => {
  const many = (x: number) => ({ samples: { unit: 'ms' as const, perIteration: Array<number>(30).fill(x) } });
  const verdicts = (entries: WallEntry[]) => buildWall(entries).specs[0]!.groups[0]!.rows.map((r) => [r.file, r.versusBest?.verdict]);

  it('two valid runs with enough samples and apart intervals: a real difference; overlapping: within the noise', () => {
    // record(x) has the interval [0.9x, 1.1x]: 1 and 2 do not overlap, 1 and 1.05 do.
    expect(verdicts([entry('a.json', record(1, many(1))), entry('b.json', record(2, many(2))), entry('c.json', record(1.05, many(1.05)))])).toEqual([
      ['a.json', 'reference'],
      ['c.json', 'within-noise'],
      ['b.json', 'different'],
    ]);
  });

  it('runs of 1 sample each, or an INVALID reference: inconclusive, saying why', () => {
    const one = (x: number) => ({ samples: { unit: 'ms' as const, perIteration: [x] } });
    const rows = buildWall([entry('a.json', record(1, one(1))), entry('b.json', record(1.01, one(1.01)))]).specs[0]!.groups[0]!.rows;
    expect(rows[1]!.versusBest).toEqual({
      verdict: 'inconclusive',
      why: 'the reference run has only 1 sample; a comparison needs at least 10 in each run; this run has only 1 sample; a comparison needs at least 10 in each run',
    });
    const bad = buildWall([
      entry('a.json', record(1, { ...many(1), validity: invalid('x') })),
      entry('b.json', record(3, { ...many(3), validity: invalid('y') })),
    ]).specs[0]!.groups[0]!.rows;
    expect(bad[1]!.versusBest).toEqual({ verdict: 'inconclusive', why: 'the reference run is INVALID (x); this run is INVALID (y)' });
  });

  it('the CSV carries the verdict beside the ratio', () => {
    const csv = readCsv(wallToCsv(buildWall([entry('a.json', record(1, many(1))), entry('b.json', record(2, many(2)))])));
    const at = csv[0]!.indexOf('ratio_verdict');
    expect(csv[0]![at - 1]).toBe('ratio_to_best');
    expect(csv.slice(1).map((row) => row[at])).toEqual(['reference', 'different']);
  });
});

describe('machines', () => {
  it('describes a Node run: runtime, OS, CPU, cores, target and backend, threads', () => {
    const m = describeMachine(
      record(1, {
        target: 'node-onnx',
        environment: { host: nodeHost('AMD EPYC 7B13'), target: { backend: 'onnxruntime-node', executionProvider: 'cpu', intraOpThreads: 8 } },
      }),
    );
    expect(m).toEqual({
      host: 'Node.js v24.21.0 on linux/x64',
      cpu: 'AMD EPYC 7B13',
      logicalCores: 8,
      fallbackAdapter: false,
      target: 'node-onnx',
      backend: 'onnxruntime-node/cpu',
      threads: 8,
      label: 'Node.js v24.21.0 on linux/x64 · AMD EPYC 7B13, 8 cores · node-onnx (onnxruntime-node/cpu) · 8 threads',
    });
  });

  it('describes a browser WebGPU run: browser and version, OS, cores, adapter with its fallback, isolation', () => {
    const m = describeMachine(record(1, { target: 'browser-webgpu', environment: { host: browserHost(false), target: webgpuTarget(true) } }));
    expect(m.label).toBe('Chrome 156 on Linux · 4 cores · google swiftshader (CPU fallback) · browser-webgpu (webgpu) · not isolated');
    expect(m.fallbackAdapter).toBe(true);
    expect(m.crossOriginIsolated).toBe(false);
    expect(m.cpu).toBeUndefined();
  });

  it('names browsers from their user agents', () => {
    expect(browserFromUserAgent(CHROME_UA)).toBe('Chrome 156');
    expect(
      browserFromUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36'),
    ).toBe('Headless Chrome 156');
    expect(
      browserFromUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0',
      ),
    ).toBe('Edge 140');
    expect(browserFromUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe('Firefox 140');
    expect(
      browserFromUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15'),
    ).toBe('Safari 26.0');
    expect(browserFromUserAgent('Node.js/24')).toBeUndefined();
  });
});

describe('differences and warnings', () => {
  it('lists only the environment fields that differ, target first, values in row order', () => {
    const g = buildWall([
      entry('node.json', record(2)),
      entry('other-cpu.json', record(1, { environment: { host: nodeHost('Other CPU'), target: { backend: 'javascript', threads: 1 } } })),
      entry(
        'gpu.json',
        record(3, {
          target: 'node-webgpu',
          environment: { host: nodeHost(), target: { ...webgpuTarget(false), features: ['timestamp-query', 'subgroups'] } },
        }),
      ),
    ]).specs[0]!.groups[0]!;
    expect(g.rows.map((r) => r.file)).toEqual(['other-cpu.json', 'node.json', 'gpu.json']);
    expect(g.differences).toEqual([
      { field: 'target', key: true, values: ['js', 'js', 'node-webgpu'] },
      { field: 'host.cpu', key: true, values: ['Other CPU', 'Test CPU', 'Test CPU'] },
      { field: 'target.backend', key: true, values: ['javascript', 'javascript', 'webgpu'] },
      { field: 'target.adapter.vendor', key: true, values: ['(not recorded)', '(not recorded)', 'google'] },
      { field: 'target.adapter.architecture', key: true, values: ['(not recorded)', '(not recorded)', 'swiftshader'] },
      { field: 'target.adapter.description', key: true, values: ['(not recorded)', '(not recorded)', '(empty)'] },
      { field: 'target.adapter.isFallbackAdapter', key: true, values: ['(not recorded)', '(not recorded)', 'false'] },
      { field: 'target.threads', key: true, values: ['1', '1', '(not recorded)'] },
      { field: 'target.adapter.device', key: false, values: ['(not recorded)', '(not recorded)', '(empty)'] },
      { field: 'target.features', key: false, values: ['(not recorded)', '(not recorded)', 'timestamp-query, subgroups'] },
    ]);
    // gpu.json's adapter is named SwiftShader, so the one fallback rule (runtime/gpu/fallback.ts) calls it a CPU
    // fallback even though its record says isFallbackAdapter: false.
    expect(g.warnings).toEqual([
      expect.stringMatching(/^Mixed targets \(js, node-webgpu\)/),
      '1 of 3 runs used a software (CPU fallback) WebGPU adapter (google swiftshader): those WebGPU numbers describe the CPU, not a GPU.',
    ]);
  });

  it('has no differences and no warnings for identical, valid, same-target runs', () => {
    const g = buildWall([entry('a.json', record(1)), entry('b.json', record(1.1, { startedAt: '2026-11-23T05:00:00.000Z' }))]).specs[0]!.groups[0]!;
    expect(g.differences).toEqual([]);
    expect(g.warnings).toEqual([]);
  });

  it('warns about INVALID runs, a CPU fallback adapter, pages without isolation, timers, block sizes, verification and duplicates', () => {
    const coarse = record(2, {
      target: 'browser-webgpu',
      environment: { host: browserHost(false), target: webgpuTarget(true) },
      timing: { ...record(1).timing, timerResolutionMs: 0.1, iterationsPerSample: 64 },
      validity: invalid('The time cap was hit after 10 s'),
      verification: { ok: false, maxAbsError: 3 },
    });
    const g = buildWall([entry('fine.json', record(1)), entry('coarse.json', coarse), entry('coarse-copy.json', coarse)]).specs[0]!.groups[0]!;
    expect(g.warnings).toEqual([
      "2 of 3 runs are INVALID and rank after the valid ones: their numbers did not meet the spec's rules (each row says why), so do not read them as results.",
      "Mixed targets (browser-webgpu, js): the rows ran different code paths, so a difference between them is the target's as much as the machine's.",
      '2 of 3 runs used a software (CPU fallback) WebGPU adapter (google swiftshader): those WebGPU numbers describe the CPU, not a GPU.',
      '2 of 3 runs were browser pages not cross-origin isolated: the browser coarsens their timers (to 0.1 ms in Chromium) and turns off wasm threads, so short times there are less precise.',
      'Timer resolutions differ by 20x (from 5 µs to 100 µs): runs with the coarse timer needed bigger blocks of iterations per sample, and their spread is measured less finely.',
      'Samples are blocks of different sizes (4, 64 iterations): medians compare, but percentiles of blocks are not percentiles of single iterations, and tails differ with the block size.',
      '2 of 3 runs gave output that failed verification against the CPU reference.',
      'coarse.json and coarse-copy.json hold the same run: it is counted twice in this table.',
    ]);
  });
});

describe('reading files', () => {
  it('keeps the good files and lists each bad one with its reason', () => {
    const { entries, errors } = readResultFiles([
      { name: 'good.json', text: JSON.stringify(record(1)) },
      { name: 'broken.json', text: '{ "format": ' },
      { name: 'notes.json', text: '{"hello": 1}' },
      { name: 'bad-field.json', text: JSON.stringify({ ...record(1), seed: 'one' }) },
    ]);
    expect(entries.map((e) => e.file)).toEqual(['good.json']);
    expect(errors.map((e) => e.file)).toEqual(['broken.json', 'notes.json', 'bad-field.json']);
    expect(errors[0]!.errors[0]).toMatch(/^broken\.json: not JSON/);
    expect(errors[1]!.errors).toEqual(['notes.json: not a Benchmark Carpentry result (expected "format": "benchmark-carpentry/result")']);
    expect(errors[2]!.errors).toEqual(['bad-field.json: seed: Invalid input: expected number, received string']);
  });
});

describe('wallToCsv', () => {
  it('quotes fields as RFC 4180 and defuses spreadsheet formulas in text', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(false)).toBe('false');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('writes the documented header, then one line per row with its table, metrics in their own columns', () => {
    const wall = buildWall([
      entry(
        'fast, "mine".json',
        record(1, { spec: { id: 'vector-add', title: 'Vector addition, with "quotes"\nand a line', hash: HASH_A, source: {} } }),
      ),
      entry('slow.json', record(2, { target: 'browser-webgpu', environment: { host: browserHost(), target: webgpuTarget(true) } })),
      entry(
        'mm.json',
        record(5, {
          spec: { id: 'matmul', title: 'Matmul', hash: HASH_B, source: {} },
          metrics: [{ name: 'gflops', kind: 'gflops', unit: 'GFLOP/s', direction: 'higher', values: { median: 3 } }],
        }),
      ),
    ]);
    const csv = wallToCsv(wall);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = readCsv(csv);
    const header = rows[0]!;
    expect(header).toEqual([
      ...CSV_COLUMNS,
      'gflops median (GFLOP/s, higher is better)',
      'latency median (ms, lower is better)',
      'bandwidth median (GB/s, higher is better)',
    ]);
    expect(rows).toHaveLength(4);
    const at = (row: string[], col: string) => row[header.indexOf(col)];
    const [mm, fast, slow] = rows.slice(1) as [string[], string[], string[]];
    expect(at(mm, 'spec_id')).toBe('matmul');
    expect(at(mm, 'gflops median (GFLOP/s, higher is better)')).toBe('3');
    expect(at(mm, 'latency median (ms, lower is better)')).toBe('');
    expect(at(fast, 'spec_title')).toBe('Vector addition, with "quotes"\nand a line');
    expect(at(fast, 'file')).toBe('fast, "mine".json');
    expect(at(fast, 'rank')).toBe('1');
    expect(at(fast, 'parameters')).toBe('elements=4096');
    expect(at(fast, 'spec_version')).toBe('1 of 1');
    expect(at(fast, 'latency median (ms, lower is better)')).toBe('1');
    expect(at(fast, 'ci95_low_ms')).toBe('0.9');
    expect(at(slow, 'ratio_to_best')).toBe('2');
    expect(at(slow, 'machine')).toBe('Chrome 156 on Linux · 4 cores · google swiftshader (CPU fallback) · browser-webgpu (webgpu) · isolated');
    expect(at(slow, 'fallback_adapter')).toBe('true');
    expect(at(slow, 'cross_origin_isolated')).toBe('true');
    expect(at(fast, 'cross_origin_isolated')).toBe('');
    expect(at(slow, 'table_warnings')).toMatch(/^Mixed targets .* \| 1 of 2 runs used a software \(CPU fallback\) WebGPU adapter/);
    expect(at(slow, 'differences')).toBe(
      `target=browser-webgpu; host.kind=browser; host.runtime=(not recorded); host.userAgent=${CHROME_UA}; host.platform=Linux x86_64; host.os=(not recorded); ` +
        'host.cpu=(not recorded); host.logicalCores=4; host.crossOriginIsolated=true; target.backend=webgpu; target.adapter.vendor=google; ' +
        'target.adapter.architecture=swiftshader; target.adapter.description=(empty); target.adapter.isFallbackAdapter=true; ' +
        'target.threads=(not recorded); target.adapter.device=(empty)',
    );
    expect(at(fast, 'differences')).toMatch(/^target=js; host\.kind=node; host\.runtime=Node\.js v24\.21\.0; host\.userAgent=\(not recorded\);/);
  });

  it('writes only the header for an empty wall', () => {
    expect(wallToCsv(buildWall([]))).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});
