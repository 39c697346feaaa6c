import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResultRecord } from '../../runtime/results/record.ts';
import { shortVectorAdd } from './spec-fixtures.ts';

const bin = path.resolve('runtime/cli/bin.mjs');
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const dir = mkdtempSync(path.join(tmpdir(), 'bc-rerun-'));

// The shipped vector-add spec with short time limits (about a second per run).
const spec = path.join(dir, 'vector-add.bench.yaml');
writeFileSync(spec, shortVectorAdd({ minSamples: 10 }));

describe('workbook rerun and diff (command line)', { timeout: 60_000 }, () => {
  it('reruns a record from the record alone (same spec hash, parameters, seed) and diffs the two', () => {
    const a = path.join(dir, 'a.json');
    expect([0, 1]).toContain(run(['run', spec, '--target', 'js', '--param', 'elements=4096', '--out', a]).status);
    const b = path.join(dir, 'b.json');
    const r = run(['rerun', a, '--out', b]);
    expect(r.stderr).toContain(`rerunning vector-add from ${a}: seed 1, target js`);
    expect(r.stdout).toMatch(/Diff of the record .* and the rerun/);
    expect(r.stdout).toMatch(/startedAt\s+bookkeeping\s+no/);
    expect(r.stdout).toMatch(/timings are measurements and never repeat exactly/);
    const ra = parseResultRecord(readFileSync(a, 'utf8')).record!;
    const rb = parseResultRecord(readFileSync(b, 'utf8')).record!;
    expect([rb.spec.hash, rb.seed, rb.parameters]).toEqual([ra.spec.hash, ra.seed, ra.parameters]);

    const same = run(['diff', a, a]);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('an exact reproduction');
    const other = path.join(dir, 'c.json');
    expect([0, 1]).toContain(run(['run', spec, '--target', 'js', '--param', 'elements=8192', '--out', other]).status);
    const d = run(['diff', a, other]);
    expect(d.status).toBe(1);
    expect(d.stdout).toMatch(/Not a rerun/);
    expect(d.stdout).toMatch(/parameters\.elements\s+input\s+yes\s+4096\s+8192/);
  });

  it('refuses a record edited after the run, a missing file and bad usage, saying where', () => {
    const a = path.join(dir, 'a.json');
    const record = JSON.parse(readFileSync(a, 'utf8'));
    record.spec.source.constraints.warmup += 1;
    const edited = path.join(dir, 'edited.json');
    writeFileSync(edited, JSON.stringify(record));
    const r = run(['rerun', edited]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${edited.replace(/[.]/g, '\\.')}: spec\\.hash: .*changed after the run`, 'm'));
    expect(r.stderr).not.toMatch(/\bat \S+:\d+:\d+/); // no stack trace
    expect(run(['rerun', path.join(dir, 'none.json')]).stderr).toMatch(/none\.json: no such file/);
    expect(run(['diff', a]).status).toBe(2);
    expect(run(['rerun', a, '--target', 'gpu']).stderr).toMatch(/unknown target "gpu"/);
  });
});
