import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

// Episode 18's round trip in the page: run the cell, download the record, load it back as a reviewer would,
// rerun from the loaded record alone, and read the record diff (runtime/results/record-diff.ts).
test.describe.configure({ timeout: 90_000 });

test('episode 18: run, download, load the record, rerun from it alone, and diff the two records', async ({ page }, info) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/researcher/reproducibility/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reproducibility');
  const cell = page.locator('bench-cell[data-spec="reproduce-digits"]');
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(cell.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 60_000 });

  const [download] = await Promise.all([page.waitForEvent('download'), cell.getByRole('button', { name: 'Download run 1' }).click()]);
  const file = info.outputPath('record.json');
  await download.saveAs(file);
  const record = JSON.parse(readFileSync(file, 'utf8'));
  await cell.getByLabel(/Load result files/).setInputFiles(file);
  await expect(cell.getByRole('button', { name: 'Rerun run 2 from its record' })).toBeVisible();

  await cell.getByRole('button', { name: 'Rerun run 2 from its record' }).click();
  await expect(cell.getByRole('status')).toHaveText(/^Done: (VALID|INVALID).*Run 3:/, { timeout: 60_000 });
  const diff = cell.getByRole('region', { name: 'Record diff of run 2 and run 3' });
  await expect(diff).toBeVisible();
  // Same spec, seed and parameters in the same browser: every quality number repeats bit for bit; timings do not.
  const line = await diff.locator('.bc-verdict-line').innerText();
  expect(line).toMatch(/^(REPRODUCED WITHIN INTERVALS|NOT REPRODUCED) /);
  const q = /quality: (\d+) of (\d+) identical/.exec(line)!;
  expect(Number(q[1])).toBe(Number(q[2]));
  expect(Number(q[2])).toBeGreaterThan(50);
  await expect(diff.getByRole('row', { name: /^startedAt bookkeeping no/ })).toBeVisible();
  await expect(diff.getByText(/timings are measurements and never repeat exactly/)).toBeVisible();
  expect(record.seed).toBe(5);
  await diff.scrollIntoViewIfNeeded();
  await cell.screenshot({ path: info.outputPath('reproducibility-cell.png') });
  await diff.screenshot({ path: info.outputPath('reproducibility-diff.png') });
  expect(errors).toEqual([]);
});
