import { describe, expect, it } from 'vitest';
import { formatSweep, qpsSweepFile } from '../../runtime/load/sweep-format.ts';
import { sweepQps } from '../../runtime/load/sweep.ts';
import { compareResults } from '../../runtime/results/compare.ts';
import type { ResultRecord } from '../../runtime/results/record.ts';
import { parseCommandLine, runCommandLine, type CellContext, type RunView, type TerminalHost } from '../../runtime/terminal/index.ts';
import { makeRecord } from './fixtures/record.ts';

// The page's `sweep` and `workbook sweep` share the search (sweepQps) and its words (sweep-format.ts).

const server: CellContext = {
  specId: 'mlperf-server',
  specFile: 'lessons/specs/mlperf-server.bench.yaml',
  targets: ['browser-wasm', 'browser-onnx-webgpu'],
  specTargets: ['browser-wasm', 'browser-onnx-webgpu', 'node-onnx'],
  parameters: ['qps'],
  sweep: { from: 40, to: 1000 },
};

const REASON = 'The p99 latency (31.0 ms) is above the bound of 20 ms';

/** A record at `qps`: VALID up to `capacity`, else INVALID for its p99. */
function pointRecord(qps: number, capacity: number): ResultRecord {
  const valid = qps <= capacity;
  return makeRecord([1, 1.1, 0.9], { validity: { valid, reasons: valid ? [] : [`${REASON}.`], notes: [] }, parameters: { qps } });
}

function serverHost(capacity: number) {
  let text = '';
  const runs: RunView[] = [];
  const requests: { target: string; params: Record<string, string> }[] = [];
  const host: TerminalHost = {
    write: (t) => {
      text += t;
    },
    clear: () => undefined,
    defaults: () => ({ target: 'browser-wasm', params: {} }),
    async run(request) {
      requests.push(request);
      const entry = { number: runs.length + 1, record: pointRecord(Number(request.params.qps), capacity), origin: 'this page' };
      runs.push(entry);
      return entry;
    },
    running: () => false,
    stop: () => false,
    runs: () => runs,
    probe: async () => {
      throw new Error('not used');
    },
    validate: async () => [],
    compare: async (a, b) => compareResults(a, b),
  };
  return { host, output: () => text, requests, runs };
}

describe('formatSweep (shared by the CLI and the page)', () => {
  it('states the highest VALID QPS and the first INVALID one with its reason', async () => {
    const result = await sweepQps({ from: 20, to: 100, precision: 10, maxPoints: 8 }, async (qps) => {
      const record = pointRecord(qps, 70);
      return { valid: record.validity.valid, result: record };
    });
    const text = formatSweep(qpsSweepFile('mlperf-server', result));
    expect(text).toMatch(/^sweep of target-qps on mlperf-server: bracket 20\.\.100, then bisection to 10 QPS/);
    expect(text).toContain(`Highest VALID target QPS: 70.0 (INVALID at 80.0: ${REASON}).`);
    expect(text).toContain('| 20 |');
    expect(text).toContain('| 100 |');
  });

  it('says when even the low end is INVALID, with why', async () => {
    const result = await sweepQps({ from: 20, to: 100, precision: 10, maxPoints: 8 }, async (qps) => ({ valid: false, result: pointRecord(qps, 0) }));
    expect(formatSweep(qpsSweepFile('s', result))).toContain(`No point was VALID: even 20 QPS breaks the rules: ${REASON}.`);
  });
});

describe("the page's sweep command", () => {
  it('parses a range, precision and points; refuses where the spec is not a server run', () => {
    expect(parseCommandLine('sweep --param qps=20..100 --precision 10 --max-points 4', server)).toEqual({
      command: { name: 'sweep', params: {}, range: { from: 20, to: 100 }, precision: 10, maxPoints: 4 },
    });
    expect(parseCommandLine('npx workbook sweep mlperf-server.bench.yaml', server)).toEqual({ command: { name: 'sweep', params: {} } });
    expect(parseCommandLine('sweep --param qps=100..20', server)).toEqual({
      error: 'sweep: --param qps=100..20 from 100 to 20 has no points: the end must be above the start',
    });
    expect(parseCommandLine('sweep --max-points 1', server)).toEqual({
      error: 'sweep: --max-points 1: expected a whole number, at least 2 (the bracket)',
    });
    expect(parseCommandLine('sweep', { ...server, sweep: null })).toEqual({
      error: 'sweep: mlperf-server names no sweep range (constraints.load.sweep); give one, like sweep --param qps=20..200',
    });
    const notServer = { ...server, sweep: undefined, specId: 'matmul', parameters: ['n'] };
    expect(parseCommandLine('sweep', notServer)).toEqual({
      error: 'sweep: searches the target QPS of a server run; matmul is not one (run it at other settings with run --param k=v)',
    });
  });

  it("runs each point the search asks for as one of the cell's runs, and prints the CLI's table and answer", async () => {
    const h = serverHost(70);
    await runCommandLine('sweep --param qps=20..100 --precision 10', server, h.host);
    expect(h.requests.map((r) => r.params.qps)).toEqual(['20', '100', '60', '80', '70']);
    expect(h.requests.every((r) => r.target === 'browser-wasm')).toBe(true);
    expect(h.runs).toHaveLength(5);
    const out = h.output();
    expect(out).toContain('-- qps = 100\n');
    expect(out).toContain(`   run 2: INVALID: ${REASON}.\n`);
    expect(out).toContain(`Highest VALID target QPS: 70.0 (INVALID at 80.0: ${REASON}).`);
    expect(out).toContain('runs 1, 2, 3, 4, 5 are in the list');
    expect(out).toContain('npx workbook sweep lessons/specs/mlperf-server.bench.yaml --param qps=20..100 --target node-onnx');
  });

  it("takes the spec's range when given none", async () => {
    const h = serverHost(2000);
    await runCommandLine('sweep', server, h.host);
    expect(h.requests.map((r) => r.params.qps)).toEqual(['40', '1000']);
    expect(h.output()).toContain('Every point was VALID: the highest QPS within the bound is at least 1000.');
  });
});
