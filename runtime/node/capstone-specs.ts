import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CapstoneOptions } from '../capstone/rubric.ts';
import { designKey } from '../capstone/design.ts';
import { loadSpec } from '../spec/load.ts';

/**
 * The capstone rubric's options in Node: the design keys of the workbook's own specs (lessons/specs, every
 * folder), so a report that submits one of them renamed or reworded is told it is not the learner's design.
 * The page builds the same set from the same files (src/capstone/known-specs.ts).
 */
export async function capstoneOptions(root: string): Promise<CapstoneOptions> {
  const dir = path.join(root, 'lessons', 'specs');
  const files = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  const designs = new Set<string>();
  for (const f of files.filter((n) => n.endsWith('.bench.yaml')).sort()) {
    const spec = loadSpec(await readFile(path.join(dir, f), 'utf8')).spec;
    if (spec) designs.add(designKey(spec));
  }
  return { knownDesigns: designs };
}
