import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { ISOLATED_URL } from '../../playwright.config.ts';
import prfTests from '../../exercises/precision-recall-f1/tests.ts';
import rocTests from '../../exercises/roc-auc-from-scores/tests.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';
import { answerWithSolution } from './solve-exercise.ts';

// A learner walks episode 5 of Foundations (Quality metrics): reads it, runs its evaluation cell (a zoo
// model scored on 2000 test digits in onnxruntime-web), checks on the report what the episode says about
// it, answers both exercises on the variant the page drew, and sees the progress. Once on SwiftShader,
// once in Chromium without WebGPU: the cell runs on WebAssembly either way.
test.describe.configure({ timeout: 300_000 });

const EPISODE = '/foundations/quality-metrics/';

/** The value in the cell's metrics table for one metric. */
async function metric(page: Page, name: string): Promise<string> {
  return page
    .getByTestId('quality-metrics')
    .getByRole('row', { name: new RegExp(`^${name}\\b`) })
    .locator('td')
    .first()
    .innerText();
}

async function walk(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(EPISODE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quality metrics');
  for (const h of ['The confusion matrix', 'Precision, recall and F1', 'Scores, thresholds and ROC-AUC'])
    await expect(page.getByRole('heading', { name: h, exact: true })).toBeVisible();

  // Run the cell with its defaults: it must finish in any browser, GPU or not.
  const cell = page.locator('bench-cell[data-spec="zoo-quality"]');
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(cell.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 240_000 });
  await expect(page.getByText('The run did not finish')).toHaveCount(0);
  const matrix = cell.getByTestId('confusion-matrix');
  await expect(matrix).toBeVisible();
  // Ten digits, 2000 items: every cell of the matrix adds up to the test set the episode names.
  const counts = (await matrix.locator('tbody td').allInnerTexts()).map(Number);
  expect(counts).toHaveLength(100);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(2000);
  // The episode asks the learner to check that the micro F1 equals the accuracy on their own run.
  expect(await metric(page, 'f1-micro')).toBe(await metric(page, 'accuracy'));

  await answerWithSolution(page, 'precision-recall-f1', prfTests);
  await answerWithSolution(page, 'roc-auc-from-scores', rocTests);
  expect(errors).toEqual([]);
}

test('episode 5 on SwiftShader: read, run the evaluation cell, answer both exercises, see progress', async ({ page }) => {
  await walk(page);
});

test.describe('without WebGPU', () => {
  let browser: Browser;
  let page: Page;
  test.beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu') });
    page = await browser.newPage({ baseURL: ISOLATED_URL });
  });
  test.afterAll(async () => browser.close());

  test('episode 5 with no WebGPU adapter: the WebAssembly cell and both exercises work the same', async () => {
    await walk(page);
  });
});
