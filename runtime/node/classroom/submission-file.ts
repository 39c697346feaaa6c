import { open, lstat } from 'node:fs/promises';
import { learnerIdProblem } from '../../classroom/roster.ts';
import { SUBMISSION_FILE_SUFFIX } from '../../progress/submission.ts';

/**
 * Reading one file of the submissions folder, before any JSON: only a regular file (never a link,
 * which could point at the secret or the hidden tests), named `<learner>.submission.json` with a
 * plain learner id, at most MAX_SUBMISSION_BYTES, UTF-8 text without NUL bytes.
 */

/** The largest submission read: 4 MiB (a learner with hundreds of code attempts stays far below). */
export const MAX_SUBMISSION_BYTES = 4 * 1024 * 1024;

/** The learner a file name names, or why it names none. */
export function learnerOfFileName(name: string): { learner: string } | { error: string } {
  if (!name.endsWith(SUBMISSION_FILE_SUFFIX)) return { error: `"${name}" is not named <learner>${SUBMISSION_FILE_SUFFIX}` };
  const learner = name.slice(0, -SUBMISSION_FILE_SUFFIX.length);
  const problem = learnerIdProblem(learner);
  return problem ? { error: `the file name "${name}" does not name a learner: ${problem}` } : { learner };
}

export type ReadOutcome = { text: string } | { error: string };

export async function readSubmissionFile(abs: string, name: string): Promise<ReadOutcome> {
  const info = await lstat(abs).catch((e: NodeJS.ErrnoException) => e);
  if (info instanceof Error) return { error: `${name}: cannot be read (${info.code ?? info.message})` };
  if (!info.isFile())
    return { error: `${name}: not a regular file (${info.isSymbolicLink() ? 'a link' : 'a folder or device'}): refused, only files are graded` };
  if (info.size === 0) return { error: `${name}: the file is empty (0 bytes): export the submission again from the progress page` };
  if (info.size > MAX_SUBMISSION_BYTES)
    return {
      error: `${name}: ${info.size} bytes, more than the limit of ${MAX_SUBMISSION_BYTES} bytes (4 MiB): not a submission the workbook exports`,
    };
  const handle = await open(abs, 'r');
  let bytes: Buffer;
  try {
    // Read at most the limit plus one byte, whatever the size said: the file may have grown since. A buffer
    // of the size said plus one first (not 4 MiB zeroed per file, most of what the grader's GC collected);
    // filled to its end, the file grew, and is read again up to the limit.
    let buffer = Buffer.allocUnsafe(info.size + 1);
    let { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead === buffer.length) {
      buffer = Buffer.allocUnsafe(MAX_SUBMISSION_BYTES + 1);
      ({ bytesRead } = await handle.read(buffer, 0, buffer.length, 0));
    }
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (bytes.length > MAX_SUBMISSION_BYTES) return { error: `${name}: more than the limit of ${MAX_SUBMISSION_BYTES} bytes (4 MiB)` };
  if (bytes.includes(0)) return { error: `${name}: a binary file (it holds NUL bytes), not the JSON text of a submission` };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: `${name}: not UTF-8 text (a binary file?), not the JSON text of a submission` };
  }
}
