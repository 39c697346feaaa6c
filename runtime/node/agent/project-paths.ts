// The page sends specs, never file paths. A spec may still name a file (datasets[].shipped.path,
// "a file shipped with the workbook, relative to the project root"): the agent resolves it inside
// the project and refuses any that leaves it, by `..`, an absolute path, or a symbolic link.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Spec } from '../../spec/index.ts';

/** The project the agent serves: the folder above runtime/. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Why `file` (as a spec wrote it) may not be read by the agent, or null when it lies inside `root`. */
export function pathProblem(file: string, root: string = PROJECT_ROOT): string | null {
  if (file.includes('\0')) return 'contains a NUL character';
  if (path.isAbsolute(file) || /^[a-zA-Z]:[\\/]/.test(file))
    return 'is an absolute path; the agent reads only files inside the project, named relative to its root';
  const realRoot = realpathSync(root);
  const resolved = path.resolve(realRoot, file);
  if (!isInside(resolved, realRoot)) return `leaves the project (it resolves to ${resolved}, outside ${realRoot})`;
  let real: string;
  try {
    real = realpathSync(resolved);
  } catch {
    return 'does not exist in the project';
  }
  if (!isInside(real, realRoot)) return `is a link that leaves the project (to ${real})`;
  return null;
}

const isInside = (p: string, root: string) => p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/** Every file a spec names, each with why it is refused; empty when all lie inside the project. */
export function specPathProblems(spec: Pick<Spec, 'datasets'>, root: string = PROJECT_ROOT): string[] {
  const problems: string[] = [];
  spec.datasets.forEach((d, i) => {
    const file = d.shipped?.path;
    if (typeof file !== 'string') return;
    const why = pathProblem(file, root);
    if (why) problems.push(`datasets[${i}].shipped.path ${JSON.stringify(file)} ${why}`);
  });
  return problems;
}

/**
 * The same check on a spec's text before it is validated: no spec kind reads a shipped file yet (the rules
 * refuse one), but a path that leaves the project is refused for that reason first, whatever the rules
 * come to allow. Text that is not YAML gives no problems here (the validator says what is wrong with it).
 */
export function specTextPathProblems(text: string, root: string = PROJECT_ROOT): string[] {
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 100 });
  } catch {
    return [];
  }
  const datasets = (value as { datasets?: unknown } | null)?.datasets;
  if (!Array.isArray(datasets)) return [];
  return specPathProblems({ datasets: datasets.filter((d) => d && typeof d === 'object') as Spec['datasets'] }, root);
}
