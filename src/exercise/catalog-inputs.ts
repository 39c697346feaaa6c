import { isSandboxFile, type FolderInput } from '../../runtime/exercises/folder.ts';

/** Vite's glob results (keys `../../exercises/<id>/<file>`) as the loader's per-folder inputs; shared by catalog.ts and load.ts. */
const PREFIX = '../../exercises/';

export function folderInputs(md: Record<string, string>, ts: Record<string, unknown>, files: Record<string, string>): FolderInput[] {
  const names = new Set([...Object.keys(md), ...Object.keys(ts)].map((k) => k.slice(PREFIX.length).split('/')[0]!));
  return [...names].sort().map((name) => {
    const input: FolderInput = { name, markdown: md[`${PREFIX}${name}/exercise.md`], logic: ts[`${PREFIX}${name}/exercise.ts`], files: {} };
    for (const [key, text] of Object.entries(files)) {
      const rel = key.slice(`${PREFIX}${name}/`.length);
      if (key.startsWith(`${PREFIX}${name}/`) && isSandboxFile(rel)) input.files[rel] = text;
    }
    return input;
  });
}
