import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expectedCost, NO_FILE_COST } from '../../classroom/schedule.ts';
import { MAX_SUBMISSION_BYTES } from './submission-file.ts';

/**
 * The expected cost of each row (runtime/classroom/schedule.ts), read from the files before grading:
 * which of the assignment's exercises run learner code (a part of answer type code in exercise.md's
 * frontmatter), and which files have an entry for one. An estimate only: a file that cannot be read
 * here costs 1 and is refused, with its reason, by the worker that grades it.
 */

export async function codeExercisesOf(ids: readonly string[], root: string): Promise<string[]> {
  const out: string[] = [];
  for (const id of ids) {
    const text = await readFile(path.join(root, 'exercises', id, 'exercise.md'), 'utf8').catch(() => '');
    const frontmatter = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    if (/\btype:\s*code\b/.test(frontmatter)) out.push(id);
  }
  return out;
}

async function fileCost(abs: string, codeExercises: readonly string[]): Promise<number> {
  const info = await lstat(abs).catch(() => undefined);
  if (!info?.isFile() || info.size > MAX_SUBMISSION_BYTES) return 1;
  const text = await readFile(abs, 'utf8').catch(() => '');
  return expectedCost(text, codeExercises);
}

/** Costs of rows in order; rows without a file to grade cost NO_FILE_COST. Reads 64 files at a time. */
export async function rowCosts(rows: readonly { abs?: string; error?: string }[], codeExercises: readonly string[]): Promise<number[]> {
  const costs = new Array<number>(rows.length);
  for (let from = 0; from < rows.length; from += 64) {
    await Promise.all(
      rows.slice(from, from + 64).map(async (r, k) => {
        costs[from + k] = r.abs !== undefined && r.error === undefined ? await fileCost(r.abs, codeExercises) : NO_FILE_COST;
      }),
    );
  }
  return costs;
}
