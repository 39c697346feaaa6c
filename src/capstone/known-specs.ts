import { designKey } from '../../runtime/capstone/design.ts';
import { loadSpec } from '../../runtime/spec/load.ts';

/**
 * The design keys (runtime/capstone/design.ts) of the workbook's own specs (lessons/specs, every folder), for the capstone rubric's
 * "your own design" item: the same set the grader builds in Node (runtime/node/capstone-specs.ts).
 * Loaded lazily: the texts are not part of the page until the checklist first needs them.
 */
const files = import.meta.glob('../../lessons/specs/**/*.bench.yaml', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

let known: Promise<Set<string>> | undefined;

export function knownDesigns(): Promise<Set<string>> {
  known ??= Promise.all(Object.values(files).map((load) => load())).then((texts) => {
    const hashes = new Set<string>();
    for (const text of texts) {
      const spec = loadSpec(text).spec;
      if (spec) hashes.add(designKey(spec));
    }
    return hashes;
  });
  return known;
}
