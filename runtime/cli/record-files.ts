import { readFile, stat } from 'node:fs/promises';
import { parseResultRecord, type ResultRecord } from '../results/record.ts';

/** Reads one result file for a command, or says on stderr why not (folder, missing, not a record) and gives the exit code. */
export async function readRecordFile(file: string, command: string): Promise<{ record: ResultRecord } | { code: number }> {
  const info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    process.stderr.write(`workbook ${command}: ${file}: is a folder; give a result file (JSON written by workbook run --out or a cell's Download)\n`);
    return { code: 2 };
  }
  const text = info ? await readFile(file, 'utf8').catch(() => null) : null;
  if (text === null) {
    process.stderr.write(`workbook ${command}: ${file}: no such file\n`);
    return { code: 2 };
  }
  const { record, errors } = parseResultRecord(text, file);
  if (!record) {
    for (const e of errors) process.stderr.write(`${e}\n`);
    return { code: 1 };
  }
  return { record };
}
