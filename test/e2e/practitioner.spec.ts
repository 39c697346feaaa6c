import { expect, test } from '@playwright/test';
import aiTests from '../../exercises/arithmetic-intensity/tests.ts';
import boundTests from '../../exercises/memory-or-compute-bound/tests.ts';
import { answerWithSolution } from './solve-exercise.ts';

// A learner walks Practitioner episode 9 (The roofline) in Chromium on SwiftShader: reads it, runs the copy
// cell (the memory roof), the matmul cell naive and then tiled (the compute roof), sees the roofline of this
// device drawn under the matmul cell with both kernels on it, answers both exercises, and sees the progress.
test.describe.configure({ timeout: 240_000 });

const EPISODE = '/practitioner/roofline/';

test('episode 9 on SwiftShader: run copy and matmul, see the roofline with the kernels on it, answer both exercises', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(EPISODE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The roofline');
  for (const h of ['Two limits for every kernel', 'Measure the memory roof: copy', 'Measure the compute roof: a tiled matrix multiplication'])
    await expect(page.getByRole('heading', { name: h, exact: true })).toBeVisible();

  const copy = page.locator('bench-cell[data-spec="copy-bandwidth"]');
  const matmul = page.locator('bench-cell[data-spec="matmul"]');
  // A smaller copy and matmul than the defaults keep the walk short on a software adapter; the roofline is the same model.
  await copy.scrollIntoViewIfNeeded();
  await copy.locator('input[name="param:elements"]').fill('1048576');
  await copy.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(copy.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 60_000 });

  await matmul.scrollIntoViewIfNeeded();
  await matmul.locator('input[name="param:n"]').fill('128');
  await matmul.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(matmul.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 60_000 });
  await matmul.locator('select[name="param:variant"]').selectOption('tiled');
  await matmul.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(matmul.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 60_000 });
  await expect(page.getByText('The run did not finish')).toHaveCount(0);

  // The roofline under the matmul cell: both roofs measured, a plot, and both kernels placed with their share of the roof.
  const roofline = matmul.getByTestId('roofline');
  await expect(roofline).toBeVisible();
  const roofs = await roofline.getByTestId('roofline-roofs').innerText();
  expect(roofs).toMatch(/Memory roof [\d.]+ GB\/s .* compute roof [\d.]+ GFLOP\/s .* ridge point [\d.]+ FLOP\/byte/s);
  await expect(roofline.getByTestId('roofline-plot').locator('svg')).toBeVisible();
  const rows = roofline.getByTestId('roofline-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).locator('th')).toHaveText('matmul naive, n = 128');
  await expect(rows.nth(1).locator('th')).toHaveText('matmul tiled, n = 128');
  // matmul n = 128: 2n^3 / 12n^2 = 21.3 FLOP/byte for both kernels, whatever the device.
  for (const i of [0, 1]) await expect(rows.nth(i).locator('td').first()).toHaveText('21.3');
  // The figures this machine showed, kept in the report for the note.
  test.info().annotations.push({
    type: 'roofline',
    description: `${await roofline.getByTestId('roofline-roofs').innerText()} | ${(await roofline.getByTestId('roofline-table').locator('tbody').innerText()).replace(/\s+/g, ' ')}`,
  });
  await matmul.screenshot({ path: 'test-results/practitioner-roofline-cell.png' });

  await answerWithSolution(page, 'arithmetic-intensity', aiTests);
  await answerWithSolution(page, 'memory-or-compute-bound', boundTests);
  expect(errors).toEqual([]);
});
