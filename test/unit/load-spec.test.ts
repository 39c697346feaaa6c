import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../runtime/spec/index.ts';

// A valid server spec; each test breaks one rule. Line numbers refer to this text.
const SERVER = `version: 2
id: s
title: S
description: D
task:
  kind: inference
  model: mnist-mlp
  batch: 1
  dtype: float32
infrastructure:
  targets: [node-onnx]
  record: [backend, host]
datasets:
  - name: digits
    shipped: { package: mnist, split: test, count: 1000, seed: 5 }
metrics:
  - { name: latency, kind: latency, unit: ms, direction: lower, aggregation: [p50, p99], definition: From scheduled arrival to completion }
constraints:
  scenario: server
  warmup: 10
  min-samples: 100
  min-duration-ms: 5000
  max-duration-ms: 20000
  latency-bound-ms: 20
  load:
    target-qps: 100
    latency-percentile: 99
`;

function edit(...pairs: [string, string][]): string {
  let text = SERVER;
  for (const [from, to] of pairs) {
    if (!text.includes(from)) throw new Error(`not in the spec: ${from}`);
    text = text.replace(from, to);
  }
  return text;
}

const errors = (text: string) =>
  loadSpec(text, 's.bench.yaml')
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.line}: ${d.message}`);

describe('constraints.load: located errors before anything runs', () => {
  it('a good server spec validates clean, and p99 with 100 min-samples is fine under early stopping', () => {
    expect(errors(SERVER)).toEqual([]);
  });

  it('target QPS of 0 or below', () => {
    expect(errors(edit(['target-qps: 100', 'target-qps: 0']))).toEqual(['26: constraints.load.target-qps: expected more than 0, got 0']);
    expect(errors(edit(['target-qps: 100', 'target-qps: -5']))).toEqual(['26: constraints.load.target-qps: expected more than 0, got -5']);
  });

  it('a target QPS absurdly high for the duration', () => {
    expect(errors(edit(['target-qps: 100', 'target-qps: 1000000']))).toEqual([
      '26: constraints.load.target-qps: 1000000 queries per second for 5 s is 5,000,000 queries; a run records each, at most 50,000: lower the rate or min-duration-ms',
    ]);
  });

  it('a rate too low to issue the minimum queries within the time cap', () => {
    expect(errors(edit(['target-qps: 100', 'target-qps: 10']))).toEqual([
      '26: constraints.load.target-qps: at 10 queries per second, 662 queries over at least 5 s take about 66.2 s of arrivals, longer than max-duration-ms (20000): raise the rate or max-duration-ms, or lower min-query-count',
    ]);
  });

  it('a latency bound without a percentile', () => {
    expect(errors(edit(['    latency-percentile: 99\n', '']))).toEqual([
      '24: constraints.latency-bound-ms: a latency bound needs the percentile it holds: add load.latency-percentile (99 for p99)',
    ]);
  });

  it('a server run without its rate, or without a bound', () => {
    expect(errors(edit(['    target-qps: 100\n', '']))).toEqual([
      '25: constraints.load: a server run needs target-qps: the mean rate of its Poisson arrivals',
    ]);
    expect(errors(edit(['  latency-bound-ms: 20\n', '']))).toEqual([
      '18: constraints: a server run is judged against a latency bound: add latency-bound-ms (and load.latency-percentile)',
    ]);
  });

  it('the server scenario on the WASM targets: their SUT runs in a worker of its own, so they issue asynchronously', () => {
    expect(errors(edit(['targets: [node-onnx]', 'targets: [node-onnx, browser-wasm, browser-wasm-threads]']))).toEqual([]);
  });

  it('a sweep with no points', () => {
    expect(errors(edit(['    latency-percentile: 99\n', '    latency-percentile: 99\n    sweep: { from: 200, to: 10 }\n']))).toEqual([
      '28: constraints.load.sweep: the sweep from 200 to 10 has no points: the end must be above the start',
    ]);
  });

  it('server and multi-stream need the load generator', () => {
    const noLoad = edit(['  load:\n    target-qps: 100\n    latency-percentile: 99\n', '']);
    expect(errors(noLoad)).toContain(
      '19: constraints.scenario: the server scenario runs through the load generator: add a constraints.load mapping with target-qps',
    );
  });

  it("MLPerf's rules cannot be met by a short run", () => {
    expect(errors(edit(['    target-qps: 100\n', '    target-qps: 50\n    rules: mlperf\n']))).toEqual([
      "22: constraints.min-duration-ms: MLPerf's rules (load.rules: mlperf) ask server runs for at least 600000 ms; this is 5000",
      '26: constraints.load.target-qps: at 50 queries per second, 100 queries over at least 600 s take about 600.0 s of arrivals, longer than max-duration-ms (20000): raise the rate or max-duration-ms, or lower min-query-count',
    ]);
  });

  it('an unknown load field or mode names what is allowed', () => {
    expect(errors(edit(['    target-qps: 100\n', '    target-qps: 100\n    mode: fast\n']))[0]).toMatch(
      /^27: constraints\.load\.mode: expected "performance" or "both", got "fast"/,
    );
  });
});

describe('the load scenario specs of the lessons (lessons/specs/load-scenarios/)', () => {
  const dir = 'lessons/specs/load-scenarios';
  const files = readdirSync(dir).filter((f) => f.endsWith('.bench.yaml'));
  it('cover every scenario', () => {
    const scenarios = files.map((f) => loadSpec(readFileSync(`${dir}/${f}`, 'utf8')).spec!.constraints.scenario);
    expect([...new Set(scenarios)].sort()).toEqual(['multi-stream', 'offline', 'server', 'single-stream']);
  });
  for (const f of files) {
    it(`${f} validates clean, under the load generator, and points editors at the JSON Schema`, () => {
      const text = readFileSync(`${dir}/${f}`, 'utf8');
      const { spec, diagnostics } = loadSpec(text, `${dir}/${f}`);
      expect(diagnostics).toEqual([]);
      expect(spec!.constraints.load).toBeDefined();
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../runtime/spec/benchmark-spec.schema.json');
    });
  }
});
