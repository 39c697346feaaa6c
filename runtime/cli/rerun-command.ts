import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { RunError } from '../engine/run-spec.ts';
import { runOnNode } from '../node/runners.ts';
import { diffRecords, formatRecordDiff } from '../results/record-diff.ts';
import { formatResultTable } from '../results/format.ts';
import { rerunPlan } from '../results/rerun.ts';
import { ParameterError } from '../spec/index.ts';
import { isTarget, TARGETS, targetsOn } from '../targets/index.ts';
import { readRecordFile } from './record-files.ts';

const USAGE = `usage: workbook rerun RECORD.json [--target T] [--out FILE]\n  reruns the record's spec with its parameters and seed, then diffs the two records\n  T: run elsewhere than the record's target (${targetsOn('node').join(', ')} run here)`;

/**
 * `workbook rerun RECORD.json`: the round trip of a result from its record alone. The spec, parameters and
 * seed come from the record (checked against its hash: runtime/results/rerun.ts), the run is the same
 * native path as `workbook run`, and the new record is diffed against the old one. Exit 0 when the rerun
 * reproduces the record (exactly or within the intervals), 1 when not, 2 on bad usage.
 */
export async function rerunCommand(args: string[]): Promise<number> {
  // biome-ignore lint/suspicious/noImplicitAnyLet: typed by parseArgs's result in the try below
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { target: { type: 'string' }, out: { type: 'string' } } });
  } catch (e) {
    process.stderr.write(`workbook rerun: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) {
    process.stderr.write(`workbook rerun: give exactly one result file\n${USAGE}\n`);
    return 2;
  }
  const file = positionals[0]!;
  if (values.target !== undefined && !isTarget(values.target)) {
    process.stderr.write(`workbook rerun: unknown target "${values.target}"; targets are ${TARGETS.join(', ')}\n`);
    return 2;
  }
  const read = await readRecordFile(file, 'rerun');
  if ('code' in read) return read.code;
  const { plan, errors } = rerunPlan(read.record, file);
  if (!plan) {
    for (const e of errors) process.stderr.write(`${e}\n`);
    return 1;
  }
  const target = values.target ?? plan.target;
  if (!targetsOn('node').includes(target)) {
    process.stderr.write(
      `workbook rerun: ${file}: the record ran on ${plan.target}, which runs in a page, not here; rerun it in the page's cell, or here with --target ${plan.spec.infrastructure.targets.filter((t) => targetsOn('node').includes(t)).join(' or --target ') || '(none of its targets run here)'}\n`,
    );
    return 2;
  }
  process.stderr.write(
    `rerunning ${plan.spec.id} from ${file}: seed ${plan.seed}, target ${target}${target !== plan.target ? ` (the record ran on ${plan.target})` : ''}\n`,
  );
  try {
    const record = await runOnNode({ spec: plan.spec, overrides: plan.overrides, target, log: (line) => process.stderr.write(`${line}\n`) });
    process.stdout.write(formatResultTable(record));
    if (values.out) {
      await writeFile(values.out, `${JSON.stringify(record, null, 2)}\n`);
      process.stderr.write(`result written to ${values.out}\n`);
    }
    const d = diffRecords(read.record, record);
    process.stdout.write(
      `\nDiff of the record (A: ${file}) and the rerun (B${values.out ? `: ${values.out}` : ''}):\n${formatRecordDiff(d, ['record', 'rerun'])}`,
    );
    return d.outcome === 'identical' || d.outcome === 'reproduced' ? 0 : 1;
  } catch (e) {
    if (e instanceof ParameterError || e instanceof RunError) {
      process.stderr.write(`workbook rerun: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
