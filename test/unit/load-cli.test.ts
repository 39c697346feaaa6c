import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyLoadOverrides } from '../../runtime/load/overrides.ts';
import { parseSweepRange, sweepQps } from '../../runtime/load/sweep.ts';
import { parseResultRecord } from '../../runtime/results/record.ts';
import { loadSpec } from '../../runtime/spec/load.ts';

const bin = path.resolve('runtime/cli/bin.mjs');
const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const dir = mkdtempSync(path.join(tmpdir(), 'bc-load-'));
const read = (file: string) => loadSpec(readFileSync(file, 'utf8'), file).spec!;

describe('--scenario and --param qps', () => {
  const server = read('lessons/specs/load-scenarios/mnist-server.bench.yaml');
  it('set the scenario and the target QPS on a copy of the spec (its hash then says what ran)', () => {
    const r = applyLoadOverrides(server, { overrides: { qps: '250' } });
    expect(r.errors).toEqual([]);
    expect(r.spec.constraints.load!['target-qps']).toBe(250);
    expect(server.constraints.load!['target-qps']).toBe(100);
    expect(r.overrides).toEqual({});
  });
  it('say what is wrong, as validate would, before anything runs', () => {
    expect(applyLoadOverrides(server, { overrides: { qps: '-3' } }).errors).toEqual(['--param qps=-3: the target QPS must be a number more than 0']);
    expect(applyLoadOverrides(server, { overrides: { qps: '1e9' } }).errors[0]).toMatch(
      /^--param qps=1000000000: constraints\.load\.target-qps: 1000000000 queries per second for 5 s/,
    );
    const single = read('lessons/specs/load-scenarios/mlp-single-stream.bench.yaml');
    expect(applyLoadOverrides(single, { scenario: 'server', overrides: {} }).errors).toEqual([
      '--scenario server: constraints.load: a server run needs target-qps: the mean rate of its Poisson arrivals',
    ]);
    // Its WASM targets issue asynchronously through the page's SUT worker (runtime/browser/load-ort-worker.ts): every
    // listed target can run it, so none is picked for the run, and the one asked for is taken.
    const any = applyLoadOverrides(single, { scenario: 'server', overrides: { qps: '40' } });
    expect(any.errors).toEqual([]);
    expect(any.target).toBeUndefined();
    expect(applyLoadOverrides(single, { scenario: 'server', overrides: { qps: '40' }, target: 'browser-wasm' })).toMatchObject({
      errors: [],
      target: 'browser-wasm',
    });
  });
});

describe('the QPS sweep (bracket, then bisection)', () => {
  it('finds the highest VALID rate within the precision, keeping every point', async () => {
    const capacity = 437; // VALID below this rate
    const r = await sweepQps({ from: 10, to: 1000, precision: 5, maxPoints: 20 }, async (qps) => ({ valid: qps <= capacity, result: qps }));
    expect(r.points.slice(0, 2).map((p) => p.qps)).toEqual([10, 1000]);
    expect(r.highestValidQps!).toBeLessThanOrEqual(capacity);
    expect(r.lowestInvalidQps! - r.highestValidQps!).toBeLessThanOrEqual(5);
    expect(r.lowestInvalidQps!).toBeGreaterThan(capacity);
    expect(r.points.length).toBe(2 + Math.ceil(Math.log2(990 / 5)));
  });
  it('says so when even the lowest rate fails, or the highest passes', async () => {
    expect(
      (await sweepQps({ from: 10, to: 100, precision: 1, maxPoints: 10 }, async () => ({ valid: false, result: 0 }))).highestValidQps,
    ).toBeNull();
    const all = await sweepQps({ from: 10, to: 100, precision: 1, maxPoints: 10 }, async () => ({ valid: true, result: 0 }));
    expect([all.highestValidQps, all.lowestInvalidQps, all.points.length]).toEqual([100, null, 2]);
  });
  it('a range with no points is refused, saying why', () => {
    expect(parseSweepRange('200..10', '--param qps=200..10')).toEqual({
      error: '--param qps=200..10 from 200 to 10 has no points: the end must be above the start',
    });
    expect(parseSweepRange('10..10', 'x')).toEqual({ error: 'x from 10 to 10 has no points: the end must be above the start' });
    expect(parseSweepRange('0..10', 'x')).toEqual({ error: 'x starts at 0; a target QPS must be more than 0' });
    expect(parseSweepRange('ten', 'x')).toEqual({ error: 'x: expected a range from..to, like 10..200, got "ten"' });
    expect(parseSweepRange('10..200', 'x')).toEqual({ from: 10, to: 200 });
  });
});

describe('workbook run --scenario server and workbook sweep (command line)', { timeout: 120_000 }, () => {
  const spec = path.join(dir, 'mnist-server.bench.yaml');
  writeFileSync(
    spec,
    readFileSync('lessons/specs/load-scenarios/mnist-server.bench.yaml', 'utf8')
      .replace('min-duration-ms: 5000', 'min-duration-ms: 500')
      .replace('latency-percentile: 99', 'latency-percentile: 90\n    min-query-count: 64')
      .replace('latency-bound-ms: 20', 'latency-bound-ms: 100'),
  );
  it("run: prints LoadGen's summary, writes a record with every query", () => {
    const out = path.join(dir, 'server.json');
    const r = cli(['run', spec, '--scenario', 'server', '--param', 'qps=200', '--out', out]);
    expect(r.stderr).toMatch(/Scenario : server/);
    expect(r.stderr).toMatch(/Target QPS +: 200\.00/);
    const { record, errors } = parseResultRecord(readFileSync(out, 'utf8'));
    expect(errors).toEqual([]);
    expect(record!.load!.settings.targetQps).toBe(200);
    expect(record!.load!.queries.scheduledMs.length).toBe(record!.load!.summary.queries.issued);
    expect(r.status, r.stderr.slice(-2000)).toBe(record!.validity.valid ? 0 : 1);
  });
  it('bad input: exit 2 with the place named, nothing run', () => {
    const r = cli(['sweep', spec, '--param', 'qps=200..10']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('workbook sweep: --param qps=200..10 from 200 to 10 has no points: the end must be above the start\n');
    const q = cli(['run', spec, '--param', 'qps=0']);
    expect(q.status).toBe(2);
    expect(q.stderr).toContain('--param qps=0: the target QPS must be a number more than 0');
  });
  it('sweep: every point in the file, the answer in the table', () => {
    const out = path.join(dir, 'sweep.json');
    const r = cli(['sweep', spec, '--param', 'qps=20..100', '--max-points', '3', '--out', out]);
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    expect(r.stdout).toMatch(/^sweep of target-qps on mnist-server: bracket 20\.\.100, then bisection/);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.format).toBe('benchmark-carpentry/sweep');
    expect(file.points.length).toBeGreaterThanOrEqual(2);
    for (const p of file.points) expect(parseResultRecord(JSON.stringify(p.record)).errors).toEqual([]);
  });
});
