import { toCsv } from './csv.ts';
import { GRADES_FORMAT, GRADES_VERSION, roundPoints, type GradesFile, type LearnerGrade } from './grades.ts';
import { learnerIdProblem } from './roster.ts';
import { cleanBlock, cleanText } from './text.ts';

/** The longest feedback a part prints in a learner's file (a checker quoting a 1 MB error stops here). */
export const FEEDBACK_MAX = 4000;

/**
 * Everything `workbook grade` writes, rendered from grades.json alone: so a run, a re-run and a merge
 * of shards give the same bytes. No times, no paths of this machine, learners in code-point order of
 * their ids (not locale order, which differs between machines).
 */

export const byLearner = (x: { learner: string }, y: { learner: string }) => (x.learner < y.learner ? -1 : x.learner > y.learner ? 1 : 0);

/** A number as the gradebooks print it: at most 3 decimals, no trailing zeros. */
const num = (x: number) => String(roundPoints(x));

export function gradesJson(grades: GradesFile): string {
  return `${JSON.stringify(grades, null, 2)}\n`;
}

/** gradebook.csv: one row per learner, every exercise's points, the status and why. */
export function plainGradebook(g: GradesFile): string {
  const ids = g.assignment.exercises.map((e) => e.id);
  const rows: (string | number)[][] = [['learner', 'name', 'email', 'status', 'points', 'max', ...ids, 'message']];
  for (const l of g.learners) {
    rows.push([l.learner, l.name ?? '', l.email ?? '', l.status, num(l.points), num(l.max), ...l.exercises.map((e) => num(e.points)), l.message]);
  }
  return toCsv(rows, [0, 2]);
}

/**
 * gradebook.canvas.csv, for Canvas's Gradebook import: Student, ID, SIS User ID, SIS Login ID,
 * Section, then one column named for the assignment, and a "Points Possible" row. A missing
 * submission scores 0; an error row is left blank, so nothing is posted before someone looks.
 */
export function canvasGradebook(g: GradesFile): string {
  const rows: (string | number)[][] = [
    ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', g.assignment.title],
    ['Points Possible', '', '', '', '', num(g.assignment.max)],
  ];
  for (const l of g.learners) {
    rows.push([
      l.name ?? l.learner,
      l.canvasId ?? '',
      l.sisUserId ?? '',
      l.sisLoginId ?? l.learner,
      l.section ?? '',
      l.status === 'error' ? '' : num(l.points),
    ]);
  }
  return toCsv(rows, [1, 2, 3]);
}

/**
 * gradebook.moodle.csv, for Moodle's "Import grades from CSV": identify users by "Email address" (or
 * "Username"), map the assignment's column to the grade item and "Feedback" to its feedback.
 */
export function moodleGradebook(g: GradesFile): string {
  const rows: (string | number)[][] = [['Email address', 'Username', g.assignment.title, 'Feedback']];
  for (const l of g.learners) {
    const feedback =
      l.status === 'graded' ? `${num(l.points)} of ${num(l.max)} points${l.message ? `; ${l.message}` : ''}` : `${l.status}: ${l.message}`;
    rows.push([l.email ?? '', l.learner, l.status === 'error' ? '' : num(l.points), feedback]);
  }
  return toCsv(rows, [0, 1]);
}

/** The feedback file's name for a learner, or undefined when the id cannot name a file (the row says why). */
export function feedbackFileName(learner: string): string | undefined {
  return learnerIdProblem(learner) ? undefined : `${learner}.md`;
}

/** A learner's feedback, per exercise and part: score and the checker's feedback (never the answer). */
export function feedbackMarkdown(g: GradesFile, l: LearnerGrade): string {
  const out: string[] = [`# ${g.assignment.title}: feedback for ${cleanText(l.name ?? l.learner)}`, ''];
  if (l.status === 'missing') out.push('No submission was received.', '');
  else if (l.status === 'error') out.push(`**Not graded:** ${cleanText(l.message, 1000)}`, '');
  out.push(`**${num(l.points)} of ${num(l.max)} points.**`, '');
  if (l.status === 'graded' && l.message) out.push(`Note: ${cleanText(l.message, 1000)}`, '');
  if (l.status === 'graded' || l.exercises.some((e) => e.graded)) {
    for (const e of l.exercises) {
      const meta = g.assignment.exercises.find((x) => x.id === e.exercise);
      out.push(`## ${meta?.title ?? e.exercise} (${num(e.points)} of ${num(e.max)} points)`, '');
      if (e.error) out.push(`Not checked: ${cleanText(e.error, 1000)}`, '');
      if (!e.graded) {
        out.push(e.attempts ? 'No attempt on your own variant was graded.' : 'Not attempted.', '');
        continue;
      }
      const b = e.best!;
      const notes = [`${e.graded} attempt(s) graded`, `the best scores ${Math.round(b.score * 100)}%`];
      if (b.value < 1) notes.push(`worth ${Math.round(b.value * 100)}% as a later attempt on the same variant`);
      if (b.late < 1) notes.push(`${Math.round(b.late * 100)}% for lateness`);
      if (e.flagged) notes.push(`${e.flagged} attempt(s) on another variant not scored`);
      if (e.beyondLimit) notes.push(`${e.beyondLimit} attempt(s) past the limit not graded`);
      if (e.overBudget) notes.push(`${e.overBudget} code check(s) past the file's step budget scored 0`);
      out.push(`${notes.join('; ')}.`, '');
      for (const [part, p] of Object.entries(e.parts)) {
        // The checker's feedback can quote the learner's own output (a code part's error): cleaned, cut.
        out.push(`### Part ${part}: ${p.status} (${Math.round(p.score * 100)}%)`, '', cleanBlock(p.feedback.trim(), FEEDBACK_MAX), '');
      }
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Joins shards' grades into the single run's: same assignment, each shard of the same count once. */
export function mergeGrades(files: readonly { name: string; grades: GradesFile }[]): { grades?: GradesFile; errors: string[] } {
  const errors: string[] = [];
  if (files.length === 0) return { errors: ['nothing to merge'] };
  for (const f of files) {
    if (f.grades?.format !== GRADES_FORMAT || f.grades.version !== GRADES_VERSION)
      errors.push(`${f.name}: not a grades.json of version ${GRADES_VERSION}`);
    else if (!f.grades.shard) errors.push(`${f.name}: not a shard (it has no "shard"); merge the grades.json of a --shard run`);
  }
  if (errors.length) return { errors };
  const first = files[0]!.grades;
  const count = first.shard!.count;
  const seen = new Map<number, string>();
  for (const f of files) {
    if (JSON.stringify(f.grades.assignment) !== JSON.stringify(first.assignment))
      errors.push(`${f.name}: graded another assignment (or another version of it) than ${files[0]!.name}`);
    if (f.grades.shard!.count !== count)
      errors.push(`${f.name}: shard ${f.grades.shard!.index}/${f.grades.shard!.count}, the others are of ${count}`);
    const dup = seen.get(f.grades.shard!.index);
    if (dup) errors.push(`${f.name}: shard ${f.grades.shard!.index} is also ${dup}`);
    seen.set(f.grades.shard!.index, f.name);
    // Every shard must have seen the same rows and secret (a file added between shards' runs is not silently dropped).
    const [a, b] = [first.shard!, f.grades.shard!];
    if (a.rows !== b.rows)
      errors.push(
        `${f.name}: saw another list of learners and files than ${files[0]!.name} (${b.total ?? '?'} rows against ${a.total ?? '?'}): a submission was added or removed between shards' runs; grade all shards again over the same folder`,
      );
    if (a.key !== b.key) errors.push(`${f.name}: graded with another course secret than ${files[0]!.name} (the secrets' fingerprints differ)`);
    if (f.grades.learners.length !== f.grades.shard!.learners)
      errors.push(`${f.name}: holds ${f.grades.learners.length} learners, its shard says ${f.grades.shard!.learners}: truncated?`);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !seen.has(k));
  if (missing.length) errors.push(`shard(s) ${missing.join(', ')} of ${count} missing`);
  if (errors.length) return { errors };
  const learners = files.flatMap((f) => f.grades.learners).sort(byLearner);
  for (let k = 1; k < learners.length; k++)
    if (learners[k]!.learner === learners[k - 1]!.learner) errors.push(`the learner "${learners[k]!.learner}" is in two shards`);
  if (errors.length) return { errors };
  const { shard: _, ...rest } = first;
  if (first.shard!.total !== undefined && learners.length !== first.shard!.total)
    return { errors: [`the shards hold ${learners.length} rows, their run had ${first.shard!.total}`] };
  return { grades: { ...rest, learners }, errors: [] };
}
