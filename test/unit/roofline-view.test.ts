/** The roofline view: the page's runs of one target become roofs and points; the numbers shown are the runs'. */
import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../runtime/spec/index.ts';
import type { ResultRecord } from '../../runtime/results/record.ts';
import { publishCellRuns, pageRuns } from '../../src/cell/results/page-runs.ts';
import { Roofline } from '../../src/cell/results/Roofline.tsx';
import { kernelTaskOf, rooflineRuns } from '../../src/cell/results/roofline-runs.ts';
import type { RunEntry } from '../../src/cell/store.ts';

const spec = (id: string) => loadSpec(readFileSync(`lessons/specs/${id}.bench.yaml`, 'utf8'), id).spec!;
const record = (id: string, parameters: Record<string, string | number>, medianMs: number, minMs: number, target = 'browser-webgpu') =>
  ({
    spec: { id, title: id, hash: 'sha256:' + '0'.repeat(64), source: spec(id) },
    parameters,
    target,
    statistics: { median: medianMs, min: minMs },
  }) as unknown as ResultRecord;
const entry = (r: ResultRecord, number: number): RunEntry => ({ record: r, number, fromFile: false }) as unknown as RunEntry;

// copy of 2^22 floats (32 MiB moved) best in 8 ms: 4.194 GB/s. matmul n = 256 (33.55 MFLOP): tiled best 4 ms = 8.389 GFLOP/s.
const copy = record('copy-bandwidth', { elements: 4194304 }, 10, 8);
const tiled = record('matmul', { n: 256, variant: 'tiled' }, 5, 4);
const naive = record('matmul', { n: 256, variant: 'naive' }, 100, 90);

describe('roofline runs', () => {
  it("reads the kernel task back from the spec in the record with the run's parameters", () => {
    expect(kernelTaskOf(naive)).toMatchObject({ operation: 'matmul', variant: 'naive', size: 256 });
    expect(kernelTaskOf(copy)).toMatchObject({ operation: 'copy', size: 4194304 });
    expect(kernelTaskOf(record('zoo-quality', { model: 'mnist-64' }, 1, 1))).toBeNull();
  });
  it("keeps one target's runs only", () => {
    expect(rooflineRuns([copy, tiled, record('copy-bandwidth', { elements: 1024 }, 1, 1, 'js')], 'browser-webgpu').map((r) => r.label)).toEqual([
      'copy, 4,194,304 elements',
      'matmul tiled, n = 256',
    ]);
  });
});

describe('Roofline', () => {
  it('says which roof is missing until the page has a copy run', () => {
    const cell = {};
    publishCellRuns(cell, [tiled]);
    const html = renderToStaticMarkup(createElement(Roofline, { runs: [entry(tiled, 1)], hasCopyCell: () => true }));
    expect(html).toContain('still needs a copy run (the memory roof)');
    // A matmul cell on a page that measures no copy (Foundations, the lab) shows no roofline note at all.
    expect(renderToStaticMarkup(createElement(Roofline, { runs: [entry(tiled, 1)], hasCopyCell: () => false }))).toBe('');
    publishCellRuns(cell, []);
  });
  it('draws the roofs from the fastest samples and places each matmul with its share of the roof', () => {
    const copyCell = {};
    const matmulCell = {};
    publishCellRuns(copyCell, [copy]);
    publishCellRuns(matmulCell, [tiled, naive]);
    expect(pageRuns()).toHaveLength(3);
    const html = renderToStaticMarkup(createElement(Roofline, { runs: [entry(tiled, 1), entry(naive, 2)] }));
    expect(html).toContain('4.19 GB/s');
    expect(html).toContain('8.39 GFLOP/s');
    // ridge 8.389 / 4.194 = 2.00 FLOP/byte; matmul intensity 256 / 6 = 42.7: compute-bound
    expect(html).toContain('2.00 FLOP/byte');
    expect(html).toContain('42.7');
    // tiled: 33.55 MFLOP / 5 ms = 6.71 GFLOP/s = 80% of 8.39; naive: 0.336 GFLOP/s = 4%
    expect(html).toMatch(/matmul tiled, n = 256<\/th><td>42.7<\/td><td>6.71<\/td><td>8.39 GFLOP\/s \(compute\)<\/td><td>80%/);
    expect(html).toMatch(/matmul naive, n = 256<\/th><td>42.7<\/td><td>0.34<\/td><td>8.39 GFLOP\/s \(compute\)<\/td><td>4%/);
  });
  it('shows nothing under a cell without matmul runs', () => {
    expect(renderToStaticMarkup(createElement(Roofline, { runs: [entry(copy, 1)] }))).toBe('');
  });
});
