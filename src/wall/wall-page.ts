// The results wall page's controller: file input and drop zone, the loaded records, Export CSV, Clear.
// Records stay in this page (memory only); the reader (zod, the wall) loads with the first file.
import type { WallEntry } from '../../runtime/results/wall.ts';

/** A result file bigger than this is refused before it is read (a long run's record is a few MB). */
export const MAX_FILE_BYTES = 50 * 2 ** 20;

interface NamedFile {
  name: string;
  file: File;
}

/** Files and folders dropped on the page; folders are walked for .json files. */
async function droppedFiles(data: DataTransfer): Promise<NamedFile[]> {
  const entries = [...data.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  if (!entries.length) return [...data.files].map((file) => ({ name: file.name, file }));
  const out: NamedFile[] = [];
  const walk = async (entry: FileSystemEntry, top: boolean): Promise<void> => {
    if (entry.isFile) {
      // Inside a folder only .json files are taken; a file dropped by itself is always tried.
      if (!top && !/\.json$/i.test(entry.name)) return;
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ name: entry.fullPath.replace(/^\//, '') || file.name, file });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries gives at most ~100 entries per call: read until it gives none.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (!batch.length) break;
        for (const child of batch) await walk(child, false);
      }
    }
  };
  for (const e of entries) await walk(e, true);
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function setUpWall() {
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const input = $<HTMLInputElement>('wall-files');
  const drop = $<HTMLDivElement>('wall-drop');
  const exportButton = $<HTMLButtonElement>('wall-export');
  const clearButton = $<HTMLButtonElement>('wall-clear');
  const status = $<HTMLParagraphElement>('wall-status');
  const errorsBox = $<HTMLElement>('wall-errors');
  const errorList = $<HTMLUListElement>('wall-error-list');
  const tables = $<HTMLDivElement>('wall-tables');

  const entries: WallEntry[] = [];
  const texts = new Set<string>();
  const problems: { file: string; errors: string[] }[] = [];
  let modules: Promise<[typeof import('../../runtime/results/wall.ts'), typeof import('./render.ts')]> | null = null;
  const load = () => (modules ??= Promise.all([import('../../runtime/results/wall.ts'), import('./render.ts')]));

  const uniqueName = (name: string) => {
    const taken = new Set([...entries.map((e) => e.file), ...problems.map((p) => p.file)]);
    if (!taken.has(name)) return name;
    for (let i = 2; ; i++) if (!taken.has(`${name} (${i})`)) return `${name} (${i})`;
  };

  async function render(note = '') {
    const [{ buildWall }, { renderWall, h }] = await load();
    const wall = buildWall(entries);
    tables.replaceChildren(...renderWall(wall));
    errorList.replaceChildren(
      ...problems.map((p) =>
        h(
          'li',
          {},
          h('strong', {}, p.file),
          p.errors.length === 1
            ? `: ${p.errors[0]!.replace(`${p.file}: `, '')}`
            : h('ul', {}, ...p.errors.map((e) => h('li', {}, e.replace(`${p.file}: `, '')))),
        ),
      ),
    );
    errorsBox.hidden = problems.length === 0;
    exportButton.disabled = entries.length === 0;
    clearButton.disabled = entries.length === 0 && problems.length === 0;
    const tableCount = wall.specs.reduce((n, s) => n + s.groups.length, 0);
    status.textContent =
      (entries.length
        ? `${plural(entries.length, 'result')} from ${plural(wall.specs.length, 'spec')} in ${plural(tableCount, 'table')}.`
        : 'No results yet.') +
      (problems.length ? ` ${plural(problems.length, 'file')} could not be read (listed below).` : '') +
      (note ? ` ${note}` : '');
  }

  async function add(files: NamedFile[]) {
    if (!files.length) return;
    status.textContent = `Reading ${plural(files.length, 'file')}…`;
    const [{ readResultFiles }] = await load();
    const read: { name: string; text: string }[] = [];
    let skipped = 0;
    for (const { name, file } of files) {
      const unique = uniqueName(name);
      if (file.size > MAX_FILE_BYTES) {
        problems.push({
          file: unique,
          errors: [`${unique}: ${(file.size / 2 ** 20).toFixed(0)} MB is too large for a result file (the limit is ${MAX_FILE_BYTES / 2 ** 20} MB)`],
        });
        continue;
      }
      let text: string;
      try {
        text = await file.text();
      } catch (e) {
        problems.push({ file: unique, errors: [`${unique}: could not be read (${(e as Error).message || 'the browser refused'})`] });
        continue;
      }
      if (texts.has(text)) {
        skipped++;
        continue;
      }
      texts.add(text);
      read.push({ name: unique, text });
    }
    const result = readResultFiles(read);
    entries.push(...result.entries);
    problems.push(...result.errors);
    await render(skipped ? `${plural(skipped, 'file')} already on the wall ${skipped === 1 ? 'was' : 'were'} skipped.` : '');
  }

  const guarded = (files: Promise<NamedFile[]> | NamedFile[]) =>
    Promise.resolve(files)
      .then(add)
      .catch((e: unknown) => {
        status.textContent = `Could not load the files: ${(e as Error)?.message ?? String(e)}`;
      });

  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])].map((file) => ({ name: file.name, file }));
    input.value = ''; // the same files can be chosen again after Clear
    void guarded(files);
  });

  // The whole page takes drops, so a file dropped beside the zone is read rather than opened by the browser.
  let depth = 0;
  const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  window.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    depth++;
    drop.classList.add('bc-wall-dragging');
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) drop.classList.remove('bc-wall-dragging');
  });
  window.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('drop', (e) => {
    if (!hasFiles(e) || !e.dataTransfer) return;
    e.preventDefault();
    depth = 0;
    drop.classList.remove('bc-wall-dragging');
    void guarded(droppedFiles(e.dataTransfer));
  });

  exportButton.addEventListener('click', async () => {
    const [{ buildWall, wallToCsv }] = await load();
    // The byte order mark makes spreadsheets read the file as UTF-8 (µs, ·).
    const blob = new Blob([`\uFEFF${wallToCsv(buildWall(entries))}`], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = Object.assign(document.createElement('a'), { href: url, download: `results-wall-${new Date().toISOString().slice(0, 10)}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });

  clearButton.addEventListener('click', async () => {
    entries.length = 0;
    problems.length = 0;
    texts.clear();
    await render('The wall was cleared.');
    input.focus();
  });
}
