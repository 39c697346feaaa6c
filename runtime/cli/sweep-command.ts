import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../diagnostics.ts';
import { RunError } from '../engine/run-spec.ts';
import { applyLoadOverrides } from '../load/overrides.ts';
import { parseSweepRange, sweepQps, type SweepPoint } from '../load/sweep.ts';
import {
  DEFAULT_SWEEP_MAX_POINTS,
  defaultSweepPrecision,
  formatSweep,
  qpsSweepFile,
  sweepPointVerdict,
  type SweepFile,
} from '../load/sweep-format.ts';
import { runOnNode } from '../node/runners.ts';
import type { ResultRecord } from '../results/record.ts';
import { loadSpec, ParameterError } from '../spec/index.ts';
import { isTarget, TARGETS } from '../targets/index.ts';
import type { Target } from '../spec/task.ts';

const USAGE = `usage: workbook sweep SPEC --param qps=FROM..TO [--precision QPS] [--max-points N] [--target T] [--out FILE]
       workbook sweep SPEC --param NAME=FROM..TO [--target T] [--out FILE]
  qps: the highest target QPS at which a server run is VALID: both ends first (the bracket), then bisection
       until the VALID and INVALID rates are within --precision (default 1/32 of the range); after MLPerf
       LoadGen's FindPeakPerformance. Without --param, the spec's constraints.load.sweep.
  NAME: an integer parameter of the spec (batch, threads), run at FROM, 2 FROM, 4 FROM, ... up to TO.
  Every point's full record goes to --out (a sweep file), VALID or not.`;

export type { SweepFile };

/** `workbook sweep`: runs a spec over a parameter; a table of points on stdout, every record in --out. */
export async function sweepCommand(args: string[]): Promise<number> {
  // biome-ignore lint/suspicious/noImplicitAnyLet: typed by parseArgs's result in the try below
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        target: { type: 'string' },
        param: { type: 'string', multiple: true },
        precision: { type: 'string' },
        'max-points': { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (e) {
    process.stderr.write(`workbook sweep: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { positionals, values } = parsed;
  const fail = (message: string, code = 2) => {
    process.stderr.write(`workbook sweep: ${message}\n`);
    return code;
  };
  if (positionals.length !== 1) return fail(`give exactly one spec file\n${USAGE}`);
  const file = positionals[0]!;
  if (values.target !== undefined && !isTarget(values.target)) return fail(`unknown target "${values.target}"; targets are ${TARGETS.join(', ')}`);
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return fail(`${file}: no such file`);
  const { spec, diagnostics } = loadSpec(text, file);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!spec || errors.length) {
    for (const d of errors) process.stderr.write(`${formatDiagnostic(d, file)}\n`);
    return 1;
  }
  const ranges = (values.param ?? []).filter((p) => p.includes('..'));
  const fixed: Record<string, string> = {};
  for (const p of (values.param ?? []).filter((x) => !x.includes('..'))) {
    const eq = p.indexOf('=');
    if (eq <= 0) return fail(`--param ${p}: expected name=value or name=from..to`);
    fixed[p.slice(0, eq)] = p.slice(eq + 1);
  }
  if (ranges.length > 1) return fail(`sweep one parameter at a time; got ${ranges.join(', ')}`);
  let name = 'qps';
  let range: { from: number; to: number };
  if (ranges.length === 1) {
    const eq = ranges[0]!.indexOf('=');
    name = ranges[0]!.slice(0, eq);
    const r = parseSweepRange(ranges[0]!.slice(eq + 1), `--param ${ranges[0]}`);
    if ('error' in r) return fail(r.error);
    range = r;
  } else if (spec.constraints.load?.sweep) range = spec.constraints.load.sweep;
  else return fail(`${file}: nothing to sweep: give --param qps=FROM..TO (or another parameter), or constraints.load.sweep in the spec\n${USAGE}`);

  const log = (line: string) => process.stderr.write(`${line}\n`);
  const runAt = async (value: number): Promise<{ valid: boolean; result: ResultRecord }> => {
    const applied = applyLoadOverrides(spec, { overrides: { ...fixed, [name]: String(value) }, target: values.target as Target | undefined });
    if (applied.errors.length) throw new RunError(applied.errors.join('; '));
    log(`-- ${name} = ${value}`);
    // The same native path as `workbook run` and the agent (runtime/node/runners.ts).
    const record = await runOnNode({
      spec: applied.spec,
      overrides: applied.overrides,
      target: applied.target ?? (values.target as Target | undefined),
      log: (line) => (line.startsWith('  ') ? undefined : log(`   ${line}`)),
    });
    log(`   ${sweepPointVerdict(record)}`);
    return { valid: record.validity.valid, result: record };
  };

  try {
    let out: SweepFile;
    if (name === 'qps' && !('qps' in spec.parameters)) {
      if (spec.constraints.scenario !== 'server')
        return fail(`${file}: a QPS sweep searches a server run; this spec's scenario is ${spec.constraints.scenario}`);
      const precision = values.precision !== undefined ? Number(values.precision) : defaultSweepPrecision(range, spec.constraints.load?.sweep);
      const maxPoints = values['max-points'] !== undefined ? Number(values['max-points']) : DEFAULT_SWEEP_MAX_POINTS;
      if (!(precision > 0)) return fail(`--precision ${values.precision}: expected a number of QPS more than 0`);
      if (!(Number.isInteger(maxPoints) && maxPoints >= 2))
        return fail(`--max-points ${values['max-points']}: expected a whole number, at least 2 (the bracket)`);
      const result = await sweepQps({ ...range, precision, maxPoints }, runAt);
      out = qpsSweepFile(spec.id, result);
    } else {
      const decl = spec.parameters[name];
      if (decl?.type !== 'integer') return fail(`--param ${name}=...: ${name} is not an integer parameter of this spec (nor qps)`);
      const points: SweepPoint<ResultRecord>[] = [];
      for (let v = Math.ceil(range.from); v <= range.to; v *= 2) {
        const { valid, result } = await runAt(v);
        points.push({ qps: v, valid, result });
      }
      out = {
        format: 'benchmark-carpentry/sweep',
        version: 1,
        spec: spec.id,
        parameter: name,
        search: `every power-of-two multiple of ${range.from} up to ${range.to}`,
        points: points.map((p) => ({ value: p.qps, valid: p.valid, record: p.result })),
      };
    }
    process.stdout.write(formatSweep(out));
    if (values.out) {
      await writeFile(values.out, `${JSON.stringify(out, null, 2)}\n`);
      log(`sweep written to ${values.out}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof ParameterError || e instanceof RunError) return fail(e.message, 1);
    throw e;
  }
}
