import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toCsv } from '../classroom/csv.ts';
import { linkFor } from '../classroom/link.ts';
import { parseRoster } from '../classroom/roster.ts';
import { formatDiagnostic } from '../diagnostics.ts';
import { seedFor } from '../exercises/seed.ts';

/**
 * `workbook assign ASSIGNMENT ROSTER.csv --out DIR [--site URL]`: each learner's links, one per
 * exercise, to their own variants: DIR/links.csv (learner, name, email, exercise, url) for a mail merge
 * or the LMS, and DIR/links.md to read. The links carry the learner's code, never the secret.
 */
export async function assignCommand(args: string[]): Promise<number> {
  const positional: string[] = [];
  let out: string | undefined;
  let site: string | undefined;
  let classroom = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === '--out') out = args[++k];
    else if (a === '--site') site = args[++k];
    else if (a === '--classroom') classroom = true;
    else if (a.startsWith('--')) return usage(`unknown option ${a}`);
    else positional.push(a);
  }
  if (positional.length !== 2 || !out) return usage('give the assignment, the roster and --out DIR');
  const [assignmentPath, rosterPath] = positional as [string, string];
  const { loadAssignmentFile } = await import('../node/classroom/assignment-file.ts');
  const { readCourseSecret } = await import('../node/classroom/secret.ts');
  const loaded = await loadAssignmentFile(path.resolve(assignmentPath), assignmentPath);
  if (!loaded.assignment) {
    for (const d of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    return 1;
  }
  const a = loaded.assignment;
  const base = site ?? a.site;
  if (!base) return usage(`${assignmentPath} has no "site": give --site https://... (where the workbook is served)`);
  // GitHub Classroom: links for the public key the learner's workflow grades with (no secret there to match).
  const { publicClassroomKey } = await import('../classroom/github-classroom.ts');
  const secret = classroom ? { secret: publicClassroomKey(a) } : await readCourseSecret(a, path.dirname(path.resolve(assignmentPath)));
  if ('error' in secret) {
    process.stderr.write(`workbook assign: ${assignmentPath}: ${secret.error}\n`);
    return 1;
  }
  const text = await readFile(rosterPath, 'utf8').catch((e: NodeJS.ErrnoException) => e);
  if (text instanceof Error) {
    process.stderr.write(`workbook assign: ${rosterPath}: cannot be read (${text.code ?? text.message})\n`);
    return 1;
  }
  const roster = parseRoster(text);
  if (roster.errors.length) {
    for (const e of roster.errors) process.stderr.write(`${rosterPath}: ${e}\n`);
    return 1;
  }
  const rows: string[][] = [['learner', 'name', 'email', 'exercise', 'url']];
  const md: string[] = [`# ${a.title}: links`, '', `Due ${a.due}. Each learner opens their own links; a link shows their variant.`, ''];
  for (const l of roster.learners) {
    const seed = seedFor({ courseSecret: secret.secret, assignment: a.id, learner: l.learner });
    md.push(`## ${l.name ?? l.learner}`, '');
    for (const e of a.exercises) {
      const url = linkFor(base, e.id, { course: a.course, assignment: a.id, learner: l.learner, seed });
      rows.push([l.learner, l.name ?? '', l.email ?? '', e.id, url]);
      md.push(`- ${e.id} (${e.points} points): ${url}`);
    }
    md.push('');
  }
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'links.csv'), toCsv(rows, [0, 2, 3, 4]));
  await writeFile(path.join(out, 'links.md'), `${md.join('\n').trimEnd()}\n`);
  process.stderr.write(
    `workbook assign: ${roster.learners.length} learner(s) x ${a.exercises.length} exercise(s): wrote ${out}/links.csv and links.md\n`,
  );
  return 0;
}

function usage(message: string): number {
  process.stderr.write(`workbook assign: ${message}\nusage: workbook assign ASSIGNMENT ROSTER.csv --out DIR [--site URL] [--classroom]\n`);
  return 2;
}
