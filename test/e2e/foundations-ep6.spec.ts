import { readFileSync } from 'node:fs';
import { type Browser, chromium, expect, type Locator, type Page, test } from '@playwright/test';
import { ISOLATED_URL } from '../../playwright.config.ts';
import bestBatchTests from '../../exercises/best-batch-p90/tests.ts';
import littleTests from '../../exercises/littles-law/tests.ts';
import { parseResultRecord } from '../../runtime/results/record.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';
import { answerWithSolution } from './solve-exercise.ts';

// A learner walks episode 6 of Foundations (Latency against throughput): reads it, runs the single-stream
// cell and the batch cell on their defaults (ONNX Runtime for WebAssembly), reads the p90 and the throughput
// from their own report, checks Little's law on the downloaded record as the episode asks, answers both
// exercises on the variant the page drew, and sees the progress.
test.describe.configure({ timeout: 120_000 });

const EPISODE = '/foundations/latency-throughput/';

/** The value column of the metrics table's row for one metric and summary. */
async function metricValue(cell: Locator, name: string, summary: RegExp): Promise<string> {
  const row = cell
    .locator('table.bc-table tbody tr')
    .filter({ has: cell.page().locator('th', { hasText: new RegExp(`^${name}$`) }) })
    .filter({ hasText: summary });
  return row.locator('td').nth(1).innerText();
}

async function run(cell: Locator, scenario: string) {
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(cell.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 60_000 });
  await expect(cell.getByTestId('load-plots')).toContainText(`${scenario} under the load generator (workbook rules)`);
}

async function walk(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(EPISODE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latency against throughput');
  // Typographic quotes in the built page: Little's is matched with any apostrophe.
  for (const h of [
    'Two questions about one model',
    'One input at a time: single-stream',
    'All at once: offline',
    'Growing the batch from 1 to 100',
    /^Little.s law: how many are in flight$/,
  ])
    await expect(page.getByRole('heading', { name: h, exact: typeof h === 'string' })).toBeVisible();

  // Single-stream on its default target: the p90 and the throughput the episode asks the learner to write down.
  const single = page.locator('bench-cell[data-spec="latency-single-stream"]');
  await run(single, 'single-stream');
  await expect(single.getByTestId('load-plots')).toContainText(/; p90 \d/);
  expect(await metricValue(single, 'latency', /p90/)).toMatch(/\d/);
  expect(await metricValue(single, 'throughput', /mean/)).toMatch(/\d/);

  // Little's law on the learner's own record, as the challenge does it: a closed loop holds one query, so
  // completed QPS x mean latency is just under 1 (the gap between an answer and the next issue).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    single
      .getByRole('button', { name: /Download/ })
      .first()
      .click(),
  ]);
  const { record, errors: problems } = parseResultRecord(readFileSync((await download.path())!, 'utf8'));
  expect(problems).toEqual([]);
  const summary = record!.load!.summary;
  const inFlight = (summary.qps.completed! * summary.latencyMs!.mean) / 1000;
  expect(inFlight).toBeGreaterThan(0.5);
  expect(inFlight).toBeLessThanOrEqual(1.0001);

  // The batch cell at its default batch (10): a query's p90 and the inputs per second.
  const batch = page.locator('bench-cell[data-spec="latency-batch"]');
  await run(batch, 'multi-stream');
  expect(await metricValue(batch, 'throughput', /mean/)).toMatch(/\d/);
  await expect(page.getByText('The run did not finish')).toHaveCount(0);

  await answerWithSolution(page, 'best-batch-p90', bestBatchTests);
  await answerWithSolution(page, 'littles-law', littleTests);
  expect(errors).toEqual([]);
}

test("episode 6 on SwiftShader: read, run single-stream and batch cells, check Little's law on the record, answer both exercises, see progress", async ({
  page,
}) => {
  await walk(page);
});

test.describe('without WebGPU', () => {
  let browser: Browser;
  let page: Page;
  test.beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu') });
    page = await browser.newPage({ baseURL: ISOLATED_URL, acceptDownloads: true });
  });
  test.afterAll(async () => browser.close());

  test('episode 6 with no WebGPU adapter: the WebAssembly cells and both exercises work the same', async () => {
    await walk(page);
  });
});
