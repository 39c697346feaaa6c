import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseResultRecord } from '../../runtime/results/record.ts';
import { seriousViolations } from './pages.ts';

// A cell runs the server scenario on the MNIST model in Chromium (onnxruntime-web's WebGPU EP on SwiftShader,
// which leaves the cell's worker free to issue on schedule) and shows the live query counts and the three load
// plots. No lesson carries a server cell yet (episodes are written elsewhere), so the test hands the digit
// classifier's cell the server spec (lessons/specs/load-scenarios/mnist-server.bench.yaml), shortened.
test.describe.configure({ timeout: 240_000 });

const EPISODE = '/foundations/what-is-a-benchmark/';
const SERVER_SPEC = readFileSync('lessons/specs/load-scenarios/mnist-server.bench.yaml', 'utf8')
  .replace('min-duration-ms: 5000', 'min-duration-ms: 1500')
  .replace('target-qps: 100', 'target-qps: 60\n    min-query-count: 64')
  .replace('latency-percentile: 99', 'latency-percentile: 90')
  .replace('latency-bound-ms: 20', 'latency-bound-ms: 500')
  // The classifier's cell has a batch control; the server spec takes it (one digit per query, as MLPerf's Server).
  .replace('task:\n', 'parameters:\n  batch: { type: integer, default: 1, min: 1, max: 1, description: Digits per query }\ntask:\n')
  .replace('  batch: 1\n', '  batch: ${batch}\n');

test('a cell runs the server scenario on the MNIST model: live queries, latency over time, CDF, throughput vs p99', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(EPISODE);
  const cell = page.locator('bench-cell[data-spec="mnist-classifier"]');
  await expect(cell).toHaveAttribute('data-wired', '');
  await cell.evaluate((el, text) => {
    (el as HTMLElement).dataset.specText = text;
  }, SERVER_SPEC);
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('radio', { name: /^ONNX WebGPU/ }).check();

  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  // Live progress while the run goes on: queries issued, in flight and done.
  await expect(cell.locator('progress')).toHaveAttribute('aria-valuetext', /^\d+ queries issued, \d+ in flight, \d+ done/, { timeout: 120_000 });
  await expect(cell.getByRole('status')).toHaveText(/^(Done|Failed):/, { timeout: 200_000 });
  await expect(cell.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/);
  const report = cell.locator('article.bc-report');
  const load = report.getByTestId('load-plots');
  await expect(load).toContainText(/server under the load generator \(workbook rules\): \d+ queries issued/);
  await expect(load).toContainText('(target 60)');
  for (const id of ['plot-latency-over-time', 'plot-latency-cdf', 'plot-throughput-p99'])
    await expect(load.getByTestId(id).locator('svg')).toHaveCount(1);
  await expect(load.locator('svg[aria-label="Latency over the run"] circle').first()).toBeVisible();
  await expect(load.locator('figcaption').nth(2)).toContainText('1 so far');

  expect(await seriousViolations(page)).toEqual([]);

  // The record carries every query; download it and read it back.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    cell
      .getByRole('button', { name: /Download/ })
      .first()
      .click(),
  ]);
  const text = readFileSync((await download.path())!, 'utf8');
  const { record, errors: problems } = parseResultRecord(text);
  expect(problems).toEqual([]);
  expect(record!.scenario).toBe('server');
  expect(record!.load!.queries.scheduledMs.length).toBeGreaterThanOrEqual(64);
  expect(record!.load!.summary.qps.target).toBe(60);
  expect(errors).toEqual([]);
});
