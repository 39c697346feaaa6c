import { expect, test } from '@playwright/test';

// Episode 16's search cell in the page: a real random search (tiny MLPs on generated two moons), the claim
// at unequal budgets, and the expected best of k at equal budgets (runtime/search).
test.describe.configure({ timeout: 60_000 });

test('episode 16: the search runs in the page, and the table gives both methods at every equal budget', async ({ page }, info) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/researcher/tuning-budgets/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tuning budgets');
  const cell = page.getByTestId('tuning-budget');
  await cell.scrollIntoViewIfNeeded();
  await expect(cell.getByRole('button', { name: 'Run the search' })).toBeEnabled(); // hydrated
  await cell.getByRole('button', { name: 'Run the search' }).click();
  await expect(cell.getByRole('status')).toHaveText(/^Done: 35 models trained \(seed 1\)\./, { timeout: 40_000 });
  await expect(cell.getByTestId('tuning-claim')).toContainText(/best of 30 trials.*best of 5 trials/);
  const rows = await cell.getByTestId('tuning-expected').locator('tbody tr').allInnerTexts();
  expect(rows.map((r) => Number(r.split('\t')[0]))).toEqual([1, 2, 3, 5]);
  // The expected best rises with the budget for each method.
  const col = (i: number) => rows.map((r) => Number(r.split('\t')[i]));
  for (const c of [col(1), col(2)]) for (let k = 1; k < c.length; k++) expect(c[k]!).toBeGreaterThanOrEqual(c[k - 1]!);
  await cell.screenshot({ path: info.outputPath('tuning-budgets-cell.png') });
  expect(errors).toEqual([]);
});
