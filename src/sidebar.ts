import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { LEVELS, routeOf } from '../runtime/lessons/index.ts';

/**
 * The sidebar: the workbook's own pages, then each level with its episodes in `order`.
 * Read from the lesson files when the site is built, so a new episode appears without config.
 */
const PAGE_LABELS: Record<string, string> = {
  setup: 'Setup',
  schedule: 'Schedule',
  exercises: 'Exercises',
  progress: 'Progress',
  lab: 'Benchmark lab',
  wall: 'Results wall',
  glossary: 'Glossary',
  profiles: 'Learner profiles',
};

export function lessonSidebar(root = process.cwd()) {
  const pages = ['setup', 'schedule', 'exercises', 'progress', 'lab', 'wall', 'glossary', 'profiles'];
  const levels = LEVELS.map((level) => {
    const dir = path.join(root, 'lessons', level.id);
    const episodes = readdirSafe(dir)
      .filter((f) => /\.mdx?$/.test(f) && !f.startsWith('index.') && !f.startsWith('_'))
      .map((f) => {
        const fm = frontmatter(path.join(dir, f));
        return { label: String(fm.title ?? f), link: routeOf(`lessons/${level.id}/${f}`), order: Number(fm.order ?? 999) };
      })
      .sort((a, b) => a.order - b.order)
      .map(({ label, link }) => ({ label, link }));
    return { label: level.title, items: [{ label: 'About this level', link: `/${level.id}/` }, ...episodes] };
  });
  return [{ label: 'Start here', items: pages.map((p) => ({ label: PAGE_LABELS[p] ?? p, link: `/${p}/` })) }, ...levels];
}

function readdirSafe(dir: string) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function frontmatter(file: string): Record<string, unknown> {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
  try {
    return (m ? parse(m[1]!) : {}) ?? {};
  } catch {
    return {}; // `workbook lint` reports the broken frontmatter with its line
  }
}
