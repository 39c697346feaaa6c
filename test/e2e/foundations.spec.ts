import { chromium, expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { ISOLATED_URL } from '../../playwright.config.ts';
import iterationsTests from '../../exercises/iterations-per-sample/tests.ts';
import timerTests from '../../exercises/timer-resolution/tests.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';
import { answerWithSolution } from './solve-exercise.ts';

// A learner walks episode 2 of Foundations (Clocks and batching): reads it, runs its cell, answers both
// exercises on the variant the page drew for them, and sees the progress. Once on SwiftShader (the
// project's browser) and once in Chromium without WebGPU (no adapter: the cell falls back and says so).
test.describe.configure({ timeout: 240_000 });

const EPISODE = '/foundations/measuring-time/';

async function walk(page: Page, expectWebGpu: 'cpu-adapter' | 'none') {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(EPISODE);
  // Read: the Carpentries frame, the two sections the exercises build on.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Clocks and batching');
  await expect(page.getByRole('heading', { name: 'Your clock has a grain: timer resolution' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Make every sample long: batching' })).toBeVisible();

  // Run the cell with its default target: it must finish whatever this browser offers.
  const cell = page.locator('bench-cell[data-spec="vector-add"]');
  await expect(cell).toHaveAttribute('data-webgpu', expectWebGpu);
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('spinbutton', { name: /Elements/ }).fill('4096');
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(cell.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 120_000 });
  await expect(cell.locator('[data-testid="statistics"]')).toContainText('Timer resolution');
  await expect(page.getByText('The run did not finish')).toHaveCount(0);

  // Both exercises, then the progress each keeps.
  await answerWithSolution(page, 'iterations-per-sample', iterationsTests);
  await answerWithSolution(page, 'timer-resolution', timerTests);
  expect(errors).toEqual([]);
}

test('episode 2 on SwiftShader: read, run the cell, answer both exercises, see progress', async ({ page }) => {
  await walk(page, 'cpu-adapter');
  await expect(page.locator('bench-cell[data-spec="vector-add"]').getByRole('radio', { name: /^WebGPU/ })).toBeChecked();
});

test.describe('without WebGPU', () => {
  let browser: Browser;
  let page: Page;
  test.beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu') });
    page = await browser.newPage({ baseURL: ISOLATED_URL });
  });
  test.afterAll(async () => browser.close());

  test('episode 2 with no WebGPU adapter: the cell falls back, says so once, and the walk still works', async () => {
    await walk(page, 'none');
    const cell: Locator = page.locator('bench-cell[data-spec="vector-add"]');
    await expect(cell.getByRole('radio', { name: /^JS\b/ })).toBeChecked();
    await expect(page.getByRole('note', { name: 'Why WebGPU is missing' })).toHaveCount(1);
  });
});

test('every Foundations episode has a cell and two exercises, and the level pages load', async ({ page }) => {
  for (const slug of ['what-is-a-benchmark', 'measuring-time', 'warm-up-and-distributions', 'gpus-and-environment', 'quality-metrics']) {
    await page.goto(`/foundations/${slug}/`);
    expect(await page.locator('bench-cell').count(), slug).toBeGreaterThanOrEqual(1);
    expect(await page.locator('.bc-exercise-island').count(), slug).toBeGreaterThanOrEqual(2);
  }
  for (const slug of ['instructor-guide', 'cheat-sheet']) {
    const response = await page.goto(`/foundations/${slug}/`);
    expect(response?.status(), slug).toBe(200);
  }
});

test('the cheat sheet prints on one A4 page', async ({ page }) => {
  await page.goto('/foundations/cheat-sheet/');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).toHaveLength(1);
});
