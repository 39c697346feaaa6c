import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Assignment } from '../../classroom/assignment.ts';
import { PROJECT_ROOT } from '../exercise-folders.ts';

/**
 * The course secret, read where the assignment says: an environment variable, or a file outside the
 * project (so it can never be committed, built into dist/ or exported in a submission). A secret that
 * can be guessed makes every learner's seed guessable, so a short one is refused.
 */

export const MIN_SECRET_LENGTH = 16;

/** Expands a leading `~/`; relative paths are taken from the assignment file's folder. */
export function secretFilePath(file: string, assignmentDir: string): string {
  if (file === '~' || file.startsWith('~/')) return path.join(os.homedir(), file.slice(1));
  return path.resolve(assignmentDir, file);
}

/** Why this secret file's place is not allowed (inside the project: the repo, the site, dist/), or undefined. */
export function secretFileProblem(abs: string, root = PROJECT_ROOT): string | undefined {
  const rel = path.relative(path.resolve(root), abs);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)))
    return `the secret file ${abs} is inside the project (${path.resolve(root)}): keep it outside, where it cannot be committed or built into the site`;
  return undefined;
}

export type SecretResult = { secret: string } | { error: string };

/** Reads the secret of `assignment` (whose file is in `assignmentDir`); an error says where it looked and why it failed. */
export async function readCourseSecret(
  assignment: Assignment,
  assignmentDir: string,
  env: NodeJS.ProcessEnv = process.env,
  root = PROJECT_ROOT,
): Promise<SecretResult> {
  let secret: string;
  if ('env' in assignment.secret) {
    const value = env[assignment.secret.env];
    if (value === undefined || value.trim() === '')
      return { error: `the course secret: the environment variable ${assignment.secret.env} is not set (the assignment's secret.env names it)` };
    secret = value.trim();
  } else {
    const abs = secretFilePath(assignment.secret.file, assignmentDir);
    const problem = secretFileProblem(abs, root);
    if (problem) return { error: `the course secret: ${problem}` };
    try {
      secret = (await readFile(abs, 'utf8')).trim();
    } catch (e) {
      return { error: `the course secret: cannot read ${abs} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
    }
  }
  if (secret.length < MIN_SECRET_LENGTH)
    return {
      error: `the course secret is ${secret.length} characters long: use at least ${MIN_SECRET_LENGTH} random ones (openssl rand -hex 32), or learners can guess each other's variants`,
    };
  return { secret };
}
