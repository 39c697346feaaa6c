import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { ISOLATED_URL } from '../../playwright.config.ts';
import { createVariant } from '../../runtime/exercises/check.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';
import type { Answers, ExerciseTests } from '../../runtime/exercises/types.ts';
import prfTests from '../../exercises/precision-recall-f1/tests.ts';
import rocTests from '../../exercises/roc-auc-from-scores/tests.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';

// A learner walks episode 5 of Foundations (Quality metrics): reads it, runs its evaluation cell (a zoo
// model scored on 2000 test digits in onnxruntime-web), checks on the report what the episode says about
// it, answers both exercises on the variant the page drew, and sees the progress. Once on SwiftShader,
// once in Chromium without WebGPU: the cell runs on WebAssembly either way.
test.describe.configure({ timeout: 300_000 });

const EPISODE = '/foundations/quality-metrics/';
const registry = await loadExerciseRegistry();
// biome-ignore lint/suspicious/noExplicitAny: the hidden tests of any exercise
const SOLVERS: Record<string, ExerciseTests<any, any>> = { 'precision-recall-f1': prfTests, 'roc-auc-from-scores': rocTests };

const island = (page: Page, id: string) => page.locator(`.bc-exercise-island[data-exercise="${id}"]`);

/** Reads the variant the page drew, computes its right answers in Node (tests.ts solve) and enters them. */
async function answerExercise(page: Page, id: string) {
  const ex = island(page, id);
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-ready', 'yes', { timeout: 30_000 });
  await expect(ex.getByTestId('exercise-progress')).toHaveText('No attempts yet.');
  const seed = Number(await ex.getByTestId('exercise-seed').innerText());
  const right = SOLVERS[id]!.solve(createVariant(registry.get(id), seed)) as Answers;
  for (const [partId, answer] of Object.entries(right)) {
    await ex.locator(`.bc-ex-part[data-part="${partId}"]`).getByRole('textbox').fill(String(answer));
  }
  await ex.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(ex.getByTestId('exercise-score')).toContainText('every part correct');
  await expect(ex.getByTestId('exercise-progress')).toContainText('Attempts: 1');
}

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

  await answerExercise(page, 'precision-recall-f1');
  await answerExercise(page, 'roc-auc-from-scores');
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
