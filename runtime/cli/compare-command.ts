import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { compareResults } from '../results/compare.ts';
import { parseResultRecord } from '../results/record.ts';

/** `workbook compare A.json B.json`: comparable or not (and why), significant or not, in words. */
export async function compareCommand(args: string[]): Promise<number> {
  if (args.length !== 2) {
    process.stderr.write('usage: workbook compare A.json B.json\n');
    return 2;
  }
  const records = [];
  for (const file of args) {
    const info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      process.stderr.write(`workbook compare: ${file}: is a folder; give two result files (JSON written by workbook run --out or a cell)\n`);
      return 2;
    }
    const text = info ? await readFile(file, 'utf8').catch(() => null) : null;
    if (text === null) {
      process.stderr.write(`workbook compare: ${file}: no such file\n`);
      return 2;
    }
    const { record, errors } = parseResultRecord(text, file);
    if (!record) {
      for (const e of errors) process.stderr.write(`${e}\n`);
      return 1;
    }
    records.push(record);
  }
  if (path.resolve(args[0]!) === path.resolve(args[1]!)) {
    process.stderr.write(`workbook compare: note: A and B are the same file (${args[0]}); the comparison below compares a run with itself\n`);
  }
  const c = compareResults(records[0]!, records[1]!);
  process.stdout.write(`A: ${args[0]}\nB: ${args[1]}\n\n${c.summary.replace(/(\.) (?=[A-Z])/g, '$1\n')}\n`);
  return 0;
}
