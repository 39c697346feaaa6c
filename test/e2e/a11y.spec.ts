import { expect, test } from '@playwright/test';
import { lessonPages, seriousViolations } from './pages.ts';

// Every lesson page, with the instructor view on so notes and opened solutions are checked too.
const routes = [...lessonPages().map((p) => p.route), '/schedule/'];

for (const route of routes) {
  test(`axe: ${route} has no serious or critical violations`, async ({ page }) => {
    await page.goto(`${route}?instructor=1`);
    await page.waitForLoadState('networkidle');
    const bad = await seriousViolations(page);
    expect(bad).toEqual([]);
  });
}
