import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatDiagnostic } from '../diagnostics.ts';
import { loadSpec } from '../spec/index.ts';

const USAGE = 'usage: workbook validate SPEC... (files, or folders to search for *.bench.yaml)';

/**
 * `workbook validate SPEC...`: checks benchmark specs (files, or every *.bench.yaml under a folder)
 * against the schema and the rules beyond it. Prints `path:line:col: message` per problem and a
 * summary on stderr; exit 0 clean (warnings allowed), 1 on errors, 2 on bad usage.
 */
export async function validateCommand(args: string[], root = process.cwd()): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const flag = args.find((a) => a.startsWith('-'));
  if (flag) return usage(`unknown option ${flag}`);
  if (!args.length) return usage('give at least one spec file or folder');

  const files = new Set<string>();
  for (const arg of args) {
    const abs = path.resolve(root, arg);
    const info = await stat(abs).catch(() => null);
    if (!info) return usage(`${arg}: no such file or folder`);
    if (!info.isDirectory()) {
      files.add(abs);
      continue;
    }
    const found = await specsUnder(abs);
    if (!found.length) return usage(`${arg}: no *.bench.yaml files in this folder`);
    for (const f of found) files.add(f);
  }

  let errors = 0;
  let warnings = 0;
  for (const abs of files) {
    const shown = path.relative(root, abs).split(path.sep).join('/') || abs;
    const text = await readFile(abs, 'utf8').catch((e: NodeJS.ErrnoException) => {
      process.stdout.write(
        `${formatDiagnostic({ path: shown, line: 1, column: 1, severity: 'error', message: `cannot read the file (${e.code ?? e.message})` })}\n`,
      );
      return undefined;
    });
    if (text === undefined) {
      errors++;
      continue;
    }
    for (const d of loadSpec(text, shown).diagnostics) {
      if (d.severity === 'error') errors++;
      else warnings++;
      process.stdout.write(`${formatDiagnostic(d, shown)}\n`);
    }
  }
  process.stderr.write(`workbook validate: ${files.size} file(s), ${errors} error(s), ${warnings} warning(s)\n`);
  return errors ? 1 : 0;
}

function usage(problem: string): number {
  process.stderr.write(`workbook validate: ${problem}\n${USAGE}\n`);
  return 2;
}

async function specsUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.bench.yaml') && !e.parentPath.split(path.sep).includes('node_modules'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
