import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSpec } from '../../runtime/engine/run-spec.ts';
import { nodeRunners } from '../../runtime/node/runners.ts';
import { nodeLoadSystem } from '../../runtime/node/load-onnx.ts';
import { parseResultRecord } from '../../runtime/results/record.ts';
import type { Runner } from '../../runtime/runners/types.ts';
import { loadSpec } from '../../runtime/spec/load.ts';

/** A lesson spec with its text edited, checked clean. */
function spec(file: string, ...pairs: [string, string][]) {
  let text = readFileSync(file, 'utf8');
  for (const [from, to] of pairs) {
    if (!text.includes(from)) throw new Error(`not in ${file}: ${from}`);
    text = text.replace(from, to);
  }
  const { spec, diagnostics } = loadSpec(text, file);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return spec!;
}

const host = { kind: 'node' };
let runnerAccuracy = Number.NaN;
const clock = () => performance.now();

describe('runSpec under the load generator (constraints.load)', () => {
  it('server on onnxruntime-node: every query timed from its scheduled arrival, a record that reads back', async () => {
    const s = spec(
      'lessons/specs/load-scenarios/mnist-server.bench.yaml',
      ['min-duration-ms: 5000', 'min-duration-ms: 1000'],
      ['target-qps: 100', 'target-qps: 100\n    min-query-count: 100'],
      ['latency-percentile: 99', 'latency-percentile: 90'],
      ['latency-bound-ms: 20', 'latency-bound-ms: 200'],
    );
    const seen: number[] = [];
    // qps=150, as a cell's terminal or --param sends it: the spec's target-qps for this run, and in its record.
    const record = await runSpec({
      spec: s,
      overrides: { qps: 150 },
      runners: nodeRunners({}),
      target: 'node-onnx',
      host,
      clock,
      onLoadProgress: (p) => seen.push(p.done),
    });
    expect(record.load!.settings.targetQps).toBe(150);
    expect((record.spec.source as typeof s).constraints.load!['target-qps']).toBe(150);
    expect(record.validity.reasons).toEqual([]);
    const load = record.load!;
    expect(load.rules).toBe('workbook');
    const n = load.queries.scheduledMs.length;
    expect(n).toBeGreaterThanOrEqual(150);
    expect(load.queries.completedMs.every((c) => c !== null)).toBe(true);
    // Latency counts from the schedule: never less than from the issue.
    load.queries.scheduledMs.forEach((s, i) => expect(load.queries.issuedMs[i]!).toBeGreaterThanOrEqual(s));
    expect(record.samples.perIteration).toHaveLength(n);
    expect(record.samples.perIteration[0]).toBeCloseTo(load.queries.completedMs[0]! - load.queries.scheduledMs[0]!, 9);
    expect(load.summary.percentile!.p).toBe(90);
    expect(record.metrics.find((m) => m.name === 'throughput')!.values.mean).toBeCloseTo(load.summary.qps.completed!, 6);
    expect(seen.at(-1)).toBe(n);
    const back = parseResultRecord(JSON.stringify(record));
    expect(back.errors).toEqual([]);
    expect(back.record!.load!.summary.result).toBe('VALID');
  }, 60_000);

  it('multi-stream in mode both: the accuracy run is separate, over the whole split, and meets the quality target', async () => {
    const s = spec('lessons/specs/load-scenarios/mnist-multi-stream.bench.yaml', ['min-duration-ms: 2000', 'min-duration-ms: 300']);
    const record = await runSpec({ spec: s, runners: nodeRunners({}), target: 'node-onnx', host, clock });
    expect(record.load!.accuracy!.samples).toBe(1000);
    expect(record.metrics.find((m) => m.name === 'accuracy')!.values.value).toBeGreaterThan(0.9);
    expect(record.load!.queries.sampleCount.every((k) => k === 8)).toBe(true);
    expect(record.load!.queries.scheduledMs.length).toBeGreaterThanOrEqual(662);
    expect(record.validity.valid).toBe(true);
    runnerAccuracy = record.metrics.find((m) => m.name === 'accuracy')!.values.value!;
  }, 60_000);

  it("with the CLI's load system: each digit's own data, and an accuracy log of one response per digit of the spec's split", async () => {
    const s = spec('lessons/specs/load-scenarios/mnist-multi-stream.bench.yaml', ['min-duration-ms: 2000', 'min-duration-ms: 300']);
    const record = await runSpec({
      spec: s,
      runners: nodeRunners({}),
      target: 'node-onnx',
      host,
      clock,
      loadSystem: (t, target, n) => nodeLoadSystem(t, target, n, {}),
    });
    const acc = record.load!.accuracy!;
    expect(acc.samples).toBe(1000);
    expect(acc.log!.map((e) => e.sample)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    // The same 1000 digits as the runner's own accuracy: ONNX Runtime may flip a knife-edge digit, no more.
    expect(Math.abs(acc.values.accuracy! - runnerAccuracy)).toBeLessThanOrEqual(0.001);
    expect(record.validity.notes.join(' ')).toMatch(/The SUT is onnxruntime-node .* with each sample's own data \(MNIST held-out digits \(1000\)\)/);
    expect(parseResultRecord(JSON.stringify(record)).errors).toEqual([]);
  }, 60_000);

  it('a bad qps is refused before anything runs', async () => {
    const s = spec('lessons/specs/load-scenarios/mnist-server.bench.yaml');
    await expect(runSpec({ spec: s, overrides: { qps: 0 }, runners: nodeRunners({}), host, clock })).rejects.toThrow(
      '--param qps=0: the target QPS must be a number more than 0',
    );
  });

  it('a runner that never completes a query: the deadline ends the run, INVALID, naming it', async () => {
    let calls = 0;
    const stuck: Runner = {
      target: 'node-onnx',
      unsupported: async () => null,
      prepare: async () => ({
        workload: { run: () => (++calls === 20 ? new Promise<void>(() => {}) : Promise.resolve()) },
        work: { items: 1 },
        verify: async () => ({ ok: true, maxAbsError: 0 }),
        environment: async () => ({}),
        dispose: async () => {},
      }),
    };
    const s = spec(
      'lessons/specs/load-scenarios/mnist-server.bench.yaml',
      ['target-qps: 100', 'target-qps: 100\n    deadline-ms: 1500'],
      ['min-duration-ms: 5000', 'min-duration-ms: 1000'],
    );
    const t0 = performance.now();
    const record = await runSpec({ spec: s, runners: [stuck], target: 'node-onnx', host, clock });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(record.validity.valid).toBe(false);
    // Calls 1-11 are the first run and warm-up; query 8 is the 20th call. The queue behind it never moves either.
    expect(record.validity.reasons[0]).toMatch(/queries were never completed by the deadline \(1\.50 s after the start\): query 8, query 9/);
    expect(record.load!.ended).toBe('deadline');
  }, 30_000);
});
