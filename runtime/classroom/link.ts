import { isSeed } from '../exercises/seed.ts';

/**
 * A learner's assignment link: `<site>exercises/<id>/?course=&assignment=&learner=&code=`. The code is
 * the learner's seed (HMAC of the course secret, the assignment and the learner; seed.ts), written as
 * 8 hex digits: it proves the link was made with the secret, and carries no secret. A learner who edits
 * `learner=` keeps their own code, so their submission's stamp (learner B, seed of A) is refused by
 * the grader; guessing B's code is one chance in 4 billion, checked only by the grader.
 */

export interface AssignmentLink {
  course: string;
  assignment: string;
  learner: string;
  seed: number;
}

export function assignmentCode(seed: number): string {
  return seed.toString(16).padStart(8, '0');
}

export function linkFor(site: string, exercise: string, link: AssignmentLink): string {
  const base = site.endsWith('/') ? site : `${site}/`;
  const q = new URLSearchParams({ course: link.course, assignment: link.assignment, learner: link.learner, code: assignmentCode(link.seed) });
  return `${base}exercises/${exercise}/?${q.toString()}`;
}

/** The assignment in a page's query, or why it is not one (undefined when the query has no assignment at all). */
export function parseAssignmentLink(search: string): { link?: AssignmentLink; problem?: string } {
  const q = new URLSearchParams(search);
  const fields = ['course', 'assignment', 'learner', 'code'] as const;
  if (!fields.some((f) => q.has(f))) return {};
  const missing = fields.filter((f) => !q.get(f)?.trim());
  if (missing.length)
    return { problem: `This assignment link is incomplete (${missing.join(', ')} missing): open the link your course sent you, as it is.` };
  const code = q.get('code')!.trim().toLowerCase();
  const seed = /^[0-9a-f]{8}$/.test(code) ? Number.parseInt(code, 16) : Number.NaN;
  if (!isSeed(seed))
    return {
      problem: `This assignment link's code "${q.get('code')}" is not one a course gives (8 hex digits): open the link your course sent you, as it is.`,
    };
  return { link: { course: q.get('course')!.trim(), assignment: q.get('assignment')!.trim(), learner: q.get('learner')!.trim(), seed } };
}
