import { expect, test } from '@playwright/test';
import moreRobustTests from '../../exercises/more-robust-model/tests.ts';
import rceTests from '../../exercises/relative-corruption-error/tests.ts';
import { answerWithSolution } from './solve-exercise.ts';

// A learner walks Practitioner episode 11 (Robustness): reads it, runs the rotation cell (a zoo model on
// 500 digits, clean and at five rotations, in onnxruntime-web), reads the per-severity errors the episode
// builds CE and relative CE from, answers both exercises on the page's variants, and sees the progress.
test.describe.configure({ timeout: 120_000 });

test('episode 11: read, run a corruption cell, read its errors, answer both exercises, see progress', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/practitioner/robustness/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Robustness');
  for (const h of ['A clean score is one point of a curve', 'Corruption error and relative corruption error', 'Which model is more robust?'])
    await expect(page.getByRole('heading', { level: 2, name: h, exact: true })).toBeVisible();

  const cell = page.locator('bench-cell[data-spec="corruption-rotation"]');
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(cell.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 90_000 });
  await expect(cell.getByTestId('robustness-curve')).toBeVisible();
  const table = cell.getByTestId('corruption-errors');
  await expect(table).toBeVisible();
  // Five severities, each error = 1 - accuracy, and the sums the episode divides by a baseline's.
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(5);
  let errorSum = 0;
  for (let i = 0; i < 5; i++) {
    const [accuracy, error] = (await rows.nth(i).locator('td').allInnerTexts()).map(Number);
    expect(accuracy! + error!).toBeCloseTo(1, 3);
    errorSum += error!;
  }
  expect(Number(await table.getByTestId('error-sum').innerText())).toBeCloseTo(errorSum, 3);
  // The figures this run showed, for the note (the screenshot has them too).
  console.log(`robustness cell: ${(await table.innerText()).replace(/\s+/g, ' ')}`);
  await cell.screenshot({ path: 'test-results/screens/robustness-cell.png' });

  await answerWithSolution(page, 'relative-corruption-error', rceTests);
  await answerWithSolution(page, 'more-robust-model', moreRobustTests);
  expect(errors).toEqual([]);
});
