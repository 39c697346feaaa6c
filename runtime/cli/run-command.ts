import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../diagnostics.ts';
import { loadSpec, ParameterError } from '../spec/index.ts';
import { isTarget, targetsOn, TARGETS } from '../targets/index.ts';
import { RunError } from '../engine/run-spec.ts';
import { formatDuration } from '../format/index.ts';
import { formatResultTable } from '../results/format.ts';
import { runOnNode } from '../node/runners.ts';
import { applyLoadOverrides } from '../load/overrides.ts';
import { SCENARIOS } from '../scenarios.ts';

const USAGE = `usage: workbook run SPEC [--target T] [--scenario S] [--param k=v]... [--out FILE]\n  T: one of the spec's targets that run here (${targetsOn('node').join(', ')})\n  S: ${SCENARIOS.join(', ')}, run by the load generator; --param qps=N sets a server run's target QPS`;

/** `workbook run`: progress on stderr, a readable table on stdout, the record in --out. */
export async function runCommand(args: string[]): Promise<number> {
  // biome-ignore lint/suspicious/noImplicitAnyLet: TypeScript types it from the assignment in the try below (parseArgs's result)
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { target: { type: 'string' }, scenario: { type: 'string' }, param: { type: 'string', multiple: true }, out: { type: 'string' } },
    });
  } catch (e) {
    process.stderr.write(`workbook run: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) {
    process.stderr.write(`workbook run: give exactly one spec file\n${USAGE}\n`);
    return 2;
  }
  const file = positionals[0]!;
  const target = values.target;
  if (target !== undefined && !isTarget(target)) {
    process.stderr.write(`workbook run: unknown target "${target}"; targets are ${TARGETS.join(', ')}\n`);
    return 2;
  }
  const overrides: Record<string, string> = {};
  for (const p of values.param ?? []) {
    const eq = p.indexOf('=');
    if (eq <= 0) {
      process.stderr.write(`workbook run: --param ${p}: expected name=value\n`);
      return 2;
    }
    overrides[p.slice(0, eq)] = p.slice(eq + 1);
  }
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) {
    process.stderr.write(`workbook run: ${file}: no such file\n`);
    return 2;
  }
  const { spec: written, diagnostics } = loadSpec(text, file);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!written || errors.length) {
    for (const d of errors) process.stderr.write(`${formatDiagnostic(d, file)}\n`);
    return 1;
  }
  // --scenario and --param qps=... change the load generator's constraints; checked as validate would.
  const applied = applyLoadOverrides(written, { scenario: values.scenario, overrides, target });
  if (applied.errors.length) {
    for (const e of applied.errors) process.stderr.write(`workbook run: ${file}: ${e}\n`);
    return 2;
  }
  const spec = applied.spec;
  let lastProgress = 0;
  try {
    // The same path as the agent's runs (runtime/node/runners.ts).
    const record = await runOnNode({
      spec,
      overrides: applied.overrides,
      target: applied.target ?? target,
      log: (line) => process.stderr.write(`${line}\n`),
      onProgress: (p) => {
        if (p.phase === 'queries' || (p.elapsedMs - lastProgress < 500 && p.phase === 'measure')) return;
        lastProgress = p.elapsedMs;
        process.stderr.write(`  ${p.phase}: ${p.samples} sample(s), ${formatDuration(p.elapsedMs)}\n`);
      },
      onLoadProgress: (p) => {
        if (p.elapsedMs - lastProgress < 1000) return;
        lastProgress = p.elapsedMs;
        process.stderr.write(`  queries: ${p.issued} issued, ${p.inFlight} in flight, ${p.done} done, ${formatDuration(p.elapsedMs)}\n`);
      },
    });
    process.stdout.write(formatResultTable(record));
    if (values.out) {
      await writeFile(values.out, `${JSON.stringify(record, null, 2)}\n`);
      process.stderr.write(`result written to ${values.out}\n`);
    }
    return record.validity.valid ? 0 : 1;
  } catch (e) {
    if (e instanceof ParameterError) {
      process.stderr.write(`workbook run: ${e.message}\n`);
      return 2;
    }
    if (e instanceof RunError) {
      process.stderr.write(`workbook run: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
