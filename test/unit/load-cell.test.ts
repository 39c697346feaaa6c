import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCellProps } from '../../src/cell/cell-props.ts';
import { loadCurve } from '../../src/cell/results/LoadPlots.tsx';
import type { ResultRecord } from '../../runtime/results/record.ts';

describe('a cell of a server spec', () => {
  const texts = { 'mnist-server': readFileSync('lessons/specs/load-scenarios/mnist-server.bench.yaml', 'utf8') };
  it("lets its terminal take qps=N (the spec's target QPS), beside the spec's own parameters", () => {
    expect(checkCellProps({ spec: 'mnist-server' }, texts, '/x/').meta.parameters).toEqual(['qps']);
  });
});

describe('the throughput-vs-p99 curve of a cell', () => {
  const record = (id: string, qps: number | null, p99: number, valid: boolean) =>
    ({
      spec: { id },
      validity: { valid },
      load: { summary: { qps: { completed: qps }, latencyMs: { p99 } } },
    }) as unknown as ResultRecord;
  it("takes the cell's load runs of the same spec, one point each, and leaves out others", () => {
    const shown = record('s', 50, 3, true);
    const runs = [
      { number: 1, record: shown },
      { number: 2, record: record('s', 200, 40, false) },
      { number: 3, record: record('other', 80, 5, true) },
      { number: 4, record: record('s', null, 5, false) },
      { number: 5, record: { spec: { id: 's' }, validity: { valid: true } } as unknown as ResultRecord },
    ];
    expect(loadCurve(shown, runs)).toEqual([
      { run: 1, qps: 50, p99: 3, valid: true },
      { run: 2, qps: 200, p99: 40, valid: false },
    ]);
  });
});
