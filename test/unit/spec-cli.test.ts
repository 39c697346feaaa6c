import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = path.resolve('runtime/cli/bin.mjs');
const run = (args: string[], cwd = process.cwd()) => spawnSync(process.execPath, [bin, 'validate', ...args], { cwd, encoding: 'utf8' });
const matmul = readFileSync('lessons/specs/matmul.bench.yaml', 'utf8');
// validate walks subfolders too (lessons/specs/load-scenarios/).
const exampleCount = readdirSync('lessons/specs', { recursive: true }).filter((f) => String(f).endsWith('.bench.yaml')).length;

/** A scratch folder with the given files (relative path -> text). */
function scratch(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'bc-validate-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

describe('workbook validate (command line)', () => {
  it('passes on the example specs of this repository', () => {
    const r = run(['lessons/specs']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`workbook validate: ${exampleCount} file(s), 0 error(s), 0 warning(s)\n`);
    expect(r.status).toBe(0);
  });

  it('prints path:line:col: message per problem and exits 1 on errors', () => {
    const broken = matmul.replace('unit: GFLOP/s', 'unit: GFLOPS').replace('aggregation: [median, min]', 'aggregation: [median, p99]');
    const root = scratch({
      'specs/matmul.bench.yaml': broken,
      'specs/ok/vector-add.bench.yaml': readFileSync('lessons/specs/vector-add.bench.yaml', 'utf8'),
    });
    const lineOf = (needle: string) => broken.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const r = run(['specs'], root);
    expect(r.stdout).toBe(
      `specs/matmul.bench.yaml:${lineOf('p99')}:27: metrics[0].aggregation[1]: p99 needs at least 1000 samples to mean anything; constraints.min-samples is 20\n` +
        `specs/matmul.bench.yaml:${lineOf('GFLOPS')}:11: metrics[1].unit: a gflops metric is reported in GFLOP/s: write GFLOP/s, not "GFLOPS" (the same unit, but the record keeps the spelling as written)\n`,
    );
    expect(r.stderr).toBe('workbook validate: 2 file(s), 2 error(s), 0 warning(s)\n');
    expect(r.status).toBe(1);
  });

  it('warnings alone exit 0, marked "warning: "', () => {
    const root = scratch({ 'other-name.bench.yaml': matmul });
    const r = run(['other-name.bench.yaml'], root);
    expect(r.stdout).toBe(
      'other-name.bench.yaml:3:5: warning: id: "matmul" does not match the file name other-name.bench.yaml; name the file matmul.bench.yaml or change the id\n',
    );
    expect(r.stderr).toBe('workbook validate: 1 file(s), 0 error(s), 1 warning(s)\n');
    expect(r.status).toBe(0);
  });

  it('reports a YAML syntax error at its position', () => {
    const root = scratch({ 'bad.bench.yaml': 'version: 1\nid: [a\n' });
    const r = run(['bad.bench.yaml'], root);
    expect(r.stdout).toMatch(/^bad\.bench\.yaml:\d+:\d+: not valid YAML: /);
    expect(r.status).toBe(1);
  });

  it('usage errors exit 2: no arguments, a missing path, a folder without specs, an unknown option', () => {
    const none = run([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('give at least one spec file or folder');
    const missing = run(['no/such/spec.bench.yaml']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no/such/spec.bench.yaml: no such file or folder');
    const empty = run(['.'], scratch({ 'readme.txt': 'nothing here' }));
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('.: no *.bench.yaml files in this folder');
    const flag = run(['--strict', 'lessons/specs']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain('unknown option --strict');
  });
});
