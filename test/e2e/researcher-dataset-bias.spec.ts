import { expect, test } from '@playwright/test';

// Episode 17's cell in the page: a zoo model scored per subgroup (each digit, thin and heavy ink), each
// subgroup's accuracy with its bootstrap interval, and the worst group marked.
test.describe.configure({ timeout: 90_000 });

test('episode 17: the per-subgroup table has an interval per subgroup, and the worst-group accuracy is its smallest row', async ({ page }, info) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/researcher/dataset-bias/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dataset bias');
  const cell = page.locator('bench-cell[data-spec="bias-by-digit"]');
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(cell.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 80_000 });
  const slices = cell.getByTestId('slices');
  await expect(slices.locator('tbody tr')).toHaveCount(12);
  const rows = await slices
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th,td')].map((c) => c.textContent ?? '')));
  for (const [, items, accuracy, ci] of rows) {
    const [lo, hi] = ci!.split(' to ').map(Number);
    const a = Number.parseFloat(accuracy!);
    expect(Number(items)).toBeGreaterThan(100);
    expect(lo! <= a && a <= hi!).toBe(true);
  }
  const worst = Math.min(...rows.map((r) => Number.parseFloat(r[2]!)));
  expect(rows.filter((r) => r[2]!.includes('(worst)')).map((r) => Number.parseFloat(r[2]!))).toEqual([worst]);
  await slices.scrollIntoViewIfNeeded();
  await slices.screenshot({ path: info.outputPath('dataset-bias-slices.png') });
  expect(errors).toEqual([]);
});
