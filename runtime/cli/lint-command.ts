import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { countDiagnostics, formatDiagnostic } from '../diagnostics.ts';
import { lintLessons, type LessonFile } from '../lessons/index.ts';

/**
 * `workbook lint [PATH...]`: lints every lesson and exercise under the given files or folders
 * (default `lessons/` and `exercises/`). A path inside `exercises/` names exercise folders
 * (runtime/exercises/lint.ts); any other path, lesson files.
 */
export async function lintCommand(args: string[], root = process.cwd()): Promise<number> {
  const hasExercises = await stat(path.join(root, 'exercises')).then(
    (i) => i.isDirectory(),
    () => false,
  );
  const targets = args.length ? args : ['lessons', ...(hasExercises ? ['exercises'] : [])];
  const chosen = new Set<string>();
  const exerciseDirs = new Set<string>();
  const assignmentFiles = new Set<string>();
  const exerciseLint = await import('../node/exercise-lint.ts');
  const assignments = await import('../node/classroom/assignment-file.ts');
  for (const t of targets) {
    const abs = path.resolve(root, t);
    const info = await stat(abs).catch(() => null);
    if (!info) {
      process.stderr.write(`workbook lint: ${t}: no such file or folder\n`);
      return 2;
    }
    // Assignment files (*.assignment.yaml): named, or at the top of a folder named.
    if (abs.endsWith(assignments.ASSIGNMENT_SUFFIX)) {
      assignmentFiles.add(abs);
      continue;
    }
    if (info.isDirectory()) for (const f of await assignments.assignmentFilesIn(abs)) assignmentFiles.add(f);
    if (exerciseLint.isUnderExercises(root, abs)) {
      for (const d of await exerciseLint.exerciseFoldersUnder(root, abs)) exerciseDirs.add(d);
      continue;
    }
    for (const f of info.isDirectory() ? await mdxUnder(abs) : [abs]) chosen.add(f);
  }
  // Links and prerequisites point across files, so the whole lesson tree is always read;
  // only the chosen files are reported.
  const all = new Set([...(await mdxUnder(path.join(root, 'lessons')).catch(() => [])), ...chosen]);
  const files: LessonFile[] = await Promise.all(
    [...all].map(async (abs) => ({ path: path.relative(root, abs).split(path.sep).join('/'), source: await readFile(abs, 'utf8') })),
  );
  const wanted = new Set([...chosen].map((abs) => path.relative(root, abs).split(path.sep).join('/')));
  const diagnostics = lintLessons(files, {
    extraRoutes: await pageRoutes(root),
    authorComponents: await authorComponents(root),
    qualityBar: true,
  }).filter((d) => wanted.has(d.path));
  const exercises = exerciseDirs.size ? await exerciseLint.lintExerciseFolders(root, [...exerciseDirs]) : { diagnostics: [], notes: [] };
  diagnostics.push(...exercises.diagnostics);
  for (const abs of [...assignmentFiles].sort()) {
    const shown = path.relative(root, abs).split(path.sep).join('/');
    const loaded = await assignments.loadAssignmentFile(abs, shown, root);
    diagnostics.push(...[...loaded.diagnostics, ...(loaded.warnings ?? [])].map((d) => ({ ...d, path: shown })));
  }
  for (const d of diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
  for (const note of exercises.notes) process.stderr.write(`workbook lint: note: ${note}\n`);
  const { errors, warnings } = countDiagnostics(diagnostics);
  const counted =
    exerciseDirs.size || assignmentFiles.size
      ? ` (${wanted.size} lesson file(s), ${exerciseDirs.size} exercise(s)${assignmentFiles.size ? `, ${assignmentFiles.size} assignment(s)` : ''})`
      : '';
  process.stderr.write(
    `workbook lint: ${wanted.size + exerciseDirs.size + assignmentFiles.size} file(s), ${errors} error(s), ${warnings} warning(s)${counted}\n`,
  );
  return errors ? 1 : 0;
}

async function mdxUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.mdx?$/.test(e.name) && !e.name.startsWith('_'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** File names in src/author/, what lessons may import through `@workbook/` (undefined outside a workbook checkout). */
async function authorComponents(root: string): Promise<string[] | undefined> {
  const names = await readdir(path.join(root, 'src', 'author')).catch(() => undefined);
  return names?.filter((n) => /\.(astro|tsx?)$/.test(n)).sort();
}

/** Routes of the site's own pages (`src/pages/schedule.astro` -> `/schedule/`), which lessons may link to. */
async function pageRoutes(root: string): Promise<string[]> {
  const dir = path.join(root, 'src', 'pages');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && /\.(astro|mdx?|ts)$/.test(e.name) && !e.name.includes('['))
    .map((e) => {
      const rel = path
        .relative(dir, path.join(e.parentPath, e.name))
        .split(path.sep)
        .join('/')
        .replace(/\.(astro|mdx?|ts)$/, '');
      return rel === 'index' ? '/' : `/${rel.replace(/\/index$/, '')}/`;
    });
}
