import { diffRecords, formatRecordDiff } from '../results/record-diff.ts';
import { readRecordFile } from './record-files.ts';

/**
 * `workbook diff A.json B.json`: every field that differs between two result records (inputs,
 * environment, versions, verdict), every number that changed with its interval, and what blocked exact
 * reproduction. Exit 0 when B reproduces A (exactly or within the intervals), 1 when it does not or is
 * another experiment, 2 on bad usage.
 */
export async function diffCommand(args: string[]): Promise<number> {
  if (args.length !== 2) {
    process.stderr.write('usage: workbook diff A.json B.json\n');
    return 2;
  }
  const records = [];
  for (const file of args) {
    const read = await readRecordFile(file, 'diff');
    if ('code' in read) return read.code;
    records.push(read.record);
  }
  const d = diffRecords(records[0]!, records[1]!);
  process.stdout.write(`A: ${args[0]}\nB: ${args[1]}\n\n${formatRecordDiff(d)}`);
  return d.outcome === 'identical' || d.outcome === 'reproduced' ? 0 : 1;
}
