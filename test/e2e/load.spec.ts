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

// The same scenario on browser-wasm: onnxruntime-web's WASM session.run blocks the thread that calls it, so the
// page runs it as a system under test in a worker of its own (runtime/browser/load-ort-worker.ts) while the cell's
// worker issues on schedule. Mode both adds the accuracy run over every held-out digit through that SUT: its
// logged answers must score what the model card says (the JS reference's accuracy), within 2 of 2000 digits.
const WASM_SPEC = SERVER_SPEC.replace('target-qps: 60', 'target-qps: 50')
  .replace('shipped: { package: mnist, split: test, count: 1000, seed: 5 }', 'shipped: { package: mnist, split: test, seed: 5 }')
  .replace('  load:\n', '  load:\n    mode: both\n');

test('a cell runs the server scenario on browser-wasm with the SUT in its own worker: plots, per-query times, logged accuracy', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(EPISODE);
  const cell = page.locator('bench-cell[data-spec="mnist-classifier"]');
  await expect(cell).toHaveAttribute('data-wired', '');
  await cell.evaluate((el, text) => {
    (el as HTMLElement).dataset.specText = text;
  }, WASM_SPEC);
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('radio', { name: /^WASM(?! threads)/ }).check();

  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(cell.locator('progress')).toHaveAttribute('aria-valuetext', /^\d+ queries issued, \d+ in flight, \d+ done/, { timeout: 120_000 });
  await expect(cell.getByRole('status')).toHaveText(/^(Done|Failed):/, { timeout: 200_000 });
  await expect(cell.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/);
  const load = cell.locator('article.bc-report').getByTestId('load-plots');
  await expect(load).toContainText('(target 50)');
  for (const id of ['plot-latency-over-time', 'plot-latency-cdf', 'plot-throughput-p99'])
    await expect(load.getByTestId(id).locator('svg')).toHaveCount(1);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    cell
      .getByRole('button', { name: /Download/ })
      .first()
      .click(),
  ]);
  const { record, errors: problems } = parseResultRecord(readFileSync((await download.path())!, 'utf8'));
  expect(problems).toEqual([]);
  const r = record!;
  expect(r.target).toBe('browser-wasm');
  expect(r.scenario).toBe('server');
  expect(r.load!.sut).toMatch(
    /^onnxruntime-web \(mnist-mlp, wasm\) in its own worker \(onnxruntime-web\/wasm [\d.]+, 1 thread, one query at a time\)$/,
  );
  const q = r.load!.queries;
  expect(q.scheduledMs.length).toBeGreaterThanOrEqual(64);
  expect(q.issuedMs.length).toBe(q.scheduledMs.length);
  expect(q.completedMs.every((c, i) => c !== null && c >= q.issuedMs[i]! && q.issuedMs[i]! >= q.scheduledMs[i]!)).toBe(true);
  expect(r.load!.summary.qps.target).toBe(50);

  // Accuracy mode: one logged answer per held-out digit, scored against the model card's accuracy.
  const manifest = JSON.parse(readFileSync('public/models/manifest.json', 'utf8')) as { mnist: { testAccuracy: number; testDigits: number } };
  const accuracy = r.load!.accuracy!;
  expect(accuracy.samples).toBe(manifest.mnist.testDigits);
  expect(accuracy.log!.length).toBe(manifest.mnist.testDigits);
  expect(Math.abs(accuracy.values.accuracy! - manifest.mnist.testAccuracy)).toBeLessThanOrEqual(2 / 2000);

  // How late the generator issued against the schedule, in this page (printed for the record of the measurement).
  const late = q.issuedMs.map((t, i) => t - q.scheduledMs[i]!).sort((a, b) => a - b);
  const at = (p: number) => late[Math.min(late.length - 1, Math.ceil((p / 100) * late.length) - 1)]!;
  console.log(
    `browser-wasm server at 50 QPS, SUT in its own worker: issue lateness p50 ${at(50).toFixed(3)} ms, p99 ${at(99).toFixed(3)} ms over ${late.length} queries`,
  );
  expect(errors).toEqual([]);
});
