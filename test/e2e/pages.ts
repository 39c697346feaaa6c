import { readdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import path from 'node:path';
import { parse } from 'yaml';
import { routeOf } from '../../runtime/lessons/index.ts';

/** Every lesson page of the workbook, with its frontmatter, read from lessons/ as the site is built. */
export function lessonPages() {
  return readdirSync('lessons', { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.mdx?$/.test(e.name))
    .map((e) => {
      const rel = path.join(e.parentPath, e.name).split(path.sep).join('/');
      const fm = /^---\n([\s\S]*?)\n---/.exec(readFileSync(rel, 'utf8'));
      return { file: rel, route: routeOf(rel), data: (fm ? parse(fm[1]!) : {}) as Record<string, unknown> };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}

/** axe's serious and critical violations on the page as it is now, one line each (id, impact, help, where): [] is the goal. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')}`,
    );
}
