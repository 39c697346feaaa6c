import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResultRecord } from '../../runtime/results/record.ts';
import { shortVectorAdd } from './spec-fixtures.ts';

const bin = path.resolve('runtime/cli/bin.mjs');
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const dir = mkdtempSync(path.join(tmpdir(), 'bc-run-'));

// The shipped vector-add spec with short time limits, so the test takes about a second per run.
const spec = path.join(dir, 'vector-add.bench.yaml');
writeFileSync(spec, shortVectorAdd({ minSamples: 10 }));

// Each test spawns the CLI two or three times (Node start, a ~1 s run each): far beyond vitest's 5 s default on a busy machine.
describe('workbook run and compare (command line)', { timeout: 60_000 }, () => {
  it('runs a spec on the js target, prints the table and writes a record that loads', () => {
    const out = path.join(dir, 'a.json');
    const r = run(['run', spec, '--target', 'js', '--param', 'elements=4096', '--out', out]);
    expect([0, 1]).toContain(r.status); // 1 = INVALID, which this noisy machine may well give
    expect(r.stdout).toContain('Vector addition, the hello world of memory bandwidth (vector-add) on js, single-stream');
    expect(r.stdout).toMatch(/^(VALID|INVALID: .+)$/m);
    expect(r.stdout).toMatch(/median \[95% CI\]\s+\S+ \S+ \[/);
    expect(r.stderr).toContain('output of the first run verified against the CPU reference');
    const { record, errors } = parseResultRecord(readFileSync(out, 'utf8'), out);
    expect(errors).toEqual([]);
    expect(record!.parameters).toEqual({ elements: 4096 });
    expect(record!.verification.ok).toBe(true);
    expect(record!.samples.perIteration.length).toBe(record!.statistics.n);
    expect(r.status).toBe(record!.validity.valid ? 0 : 1);

    const out2 = path.join(dir, 'b.json');
    expect([0, 1]).toContain(run(['run', spec, '--target', 'js', '--param', 'elements=65536', '--out', out2]).status);
    const c = run(['compare', out, out2]);
    expect(c.status).toBe(0);
    expect(c.stdout).toContain('The two results are NOT comparable: parameter elements differs (4096 vs 65536).');
    expect(c.stdout).toMatch(/B takes \d+\.\d\dx the time of A \(95% CI/);
  });

  it('explains bad parameters, targets and files with exit 2, and a bad spec with its line', () => {
    const p = run(['run', spec, '--target', 'js', '--param', 'elements=99']);
    expect(p.status).toBe(2);
    expect(p.stderr).toBe('workbook run: parameter elements: 99 is out of range; elements goes from 1024 to 16777216\n');
    const t = run(['run', spec, '--target', 'gpu']);
    expect(t.status).toBe(2);
    expect(t.stderr).toContain('unknown target "gpu"; targets are js, browser-webgpu');
    expect(run(['run', path.join(dir, 'none.yaml')]).stderr).toContain('none.yaml: no such file');
    const bad = path.join(dir, 'bad.bench.yaml');
    writeFileSync(bad, readFileSync(spec, 'utf8').replace('direction: lower', 'direction: down'));
    const b = run(['run', bad]);
    expect(b.status).toBe(1);
    expect(b.stderr).toBe(`${bad}:32:16: metrics[0].direction: expected "lower" or "higher", got "down"\n`);
  });

  it('refuses a target the spec does not list, and a file that is not a result', () => {
    const r = run(['run', spec, '--target', 'node-onnx']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("workbook run: target node-onnx is not one of this spec's targets (browser-webgpu, node-webgpu, js)\n");
    const junk = path.join(dir, 'junk.json');
    writeFileSync(junk, '{"hello": 1}');
    const c = run(['compare', junk, junk]);
    expect(c.status).toBe(1);
    expect(c.stderr).toContain('not a Benchmark Carpentry result');
  });

  it('compare: a folder is named as one, and a file compared with itself is said to be', () => {
    const folder = run(['compare', path.join(dir, 'a.json'), dir]);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toContain('is a folder; give two result files');
    const same = run(['compare', path.join(dir, 'a.json'), path.join(dir, 'a.json')]);
    expect(same.status).toBe(0);
    expect(same.stderr).toContain('A and B are the same file');
  });
});
