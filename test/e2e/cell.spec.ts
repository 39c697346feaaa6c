import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PLAIN_URL } from '../../playwright.config.ts';
import { parseResultRecord } from '../../runtime/results/record.ts';

// Benchmark cells in a lesson, run for real in Chromium: WebGPU on SwiftShader and onnxruntime-web
// (WASM) in the cells' worker. Runs sample for up to the spec's time cap (10-15 s); parameters are small.
test.describe.configure({ timeout: 180_000 });

const EPISODE = '/foundations/what-is-a-benchmark/';

// Uncaught errors in the page or its worker fail the test that caused them.
let pageErrors: string[] = [];
test.afterEach(() => expect(pageErrors).toEqual([]));

async function openCell(page: Page, spec: string, beforeView?: () => Promise<void>): Promise<Locator> {
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(EPISODE);
  const cell = page.locator(`bench-cell[data-spec="${spec}"]`);
  await expect(cell).toHaveAttribute('data-wired', '');
  await beforeView?.();
  await cell.scrollIntoViewIfNeeded();
  await expect(cell).toHaveAttribute('data-wired', '');
  return cell;
}

async function runAndWait(cell: Locator) {
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(cell.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 90_000 });
}

const setParam = (cell: Locator, label: RegExp, value: string) => cell.getByRole('spinbutton', { name: label }).fill(value);

const engineLoaded = (page: Page) => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /worker|controller/.test(e.name)));

test('a WebGPU matmul cell runs on SwiftShader, shows statistics, plots and verdict; a second run with another n compares', async ({ page }) => {
  // The engine is not on the page before a cell comes into view (then the cell starts loading it: src/cell/prestart.ts).
  const cell = await openCell(page, 'matmul', async () => {
    const cellInView = await page.locator('bench-cell').evaluateAll((cells) => cells.some((c) => c.getBoundingClientRect().top < innerHeight));
    if (!cellInView) expect(await engineLoaded(page)).toBe(false);
  });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  await cell.getByRole('radio', { name: /^WebGPU/ }).check();
  await setParam(cell, /Matrix side n/, '32');
  // In view, the cell's worker got its device and compiled the kernel's pipeline before Run (src/cell/prestart.ts).
  await expect(cell).toHaveAttribute('data-prestart', 'ready', { timeout: 60_000 });
  await runAndWait(cell);

  const report = cell.locator('article.bc-report');
  await expect(report).toContainText('Run 1: Matrix multiplication');
  await expect(report.getByTestId('verdict')).toContainText(/VALID|INVALID/);
  await expect(report.getByTestId('verdict')).toContainText('The output of the first run matched the CPU reference');
  await expect(report.getByTestId('first-run')).toContainText('First run:');
  const stats = report.getByTestId('statistics');
  for (const row of ['Median [95% CI]', 'IQR (q1 to q3)', 'p90 / p95 / p99', 'Min / max', 'Outliers', 'Timer resolution'])
    await expect(stats).toContainText(row);
  const plots = report.getByTestId('plots');
  await expect(plots.locator('svg')).toHaveCount(2);
  await expect(plots.locator('figcaption').first()).toContainText(/Histogram of the \d+ samples/);
  await expect(plots.locator('svg[aria-label="Cumulative distribution of the samples"]')).toHaveCount(1);
  // The environment, and the plain statement that the adapter is a CPU fallback.
  await expect(report.locator('.bc-environment')).toContainText(/swiftshader/i);
  await expect(report.locator('.bc-environment')).toContainText('Cross-origin isolatedyes');
  // The record says what was ready before the run; its setup time is its own.
  await expect(report.locator('.bc-environment')).toContainText('compiled before this run, when the cell came into view');
  await expect(cell.getByRole('note', { name: 'What this browser offers' })).toContainText('CPU fallback');
  await expect(cell.getByRole('radio', { name: /^WebGPU/ })).toBeEnabled();

  // Change a parameter, run again, compare.
  await setParam(cell, /Matrix side n/, '16');
  await runAndWait(cell);
  await expect(cell.locator('.bc-runs tbody tr')).toHaveCount(2);
  await expect(report).toContainText('Run 2:');
  await expect(report).toContainText('n=16');
  await cell.getByRole('button', { name: 'Compare', exact: true }).click();
  const comparison = cell.getByRole('region', { name: 'Comparison of run 1 and run 2' });
  await expect(comparison).toContainText('NOT COMPARABLE');
  await expect(comparison).toContainText('parameter n differs (32 vs 16)');
  await expect(comparison).toContainText(/Run 2 takes \d+\.\d\dx the time of run 1/);
});

test('an ONNX cell runs the MNIST classifier in onnxruntime-web (WASM) with its accuracy', async ({ page }) => {
  const wasmFetched: string[] = [];
  page.on('request', (r) => void (/\.wasm(\?|$)/.test(r.url()) && wasmFetched.push(new URL(r.url()).pathname)));
  // ORT's Emscripten code says so in the worker's console when it cannot compile while downloading.
  const workerConsole: string[] = [];
  page.on('worker', (w) => w.on('console', (m) => workerConsole.push(m.text())));
  const cell = await openCell(page, 'mnist-classifier');
  await expect(cell.getByRole('radio', { name: /^WASM\b/ }).first()).toBeChecked();
  // In view, the cell starts its backend before Run: the CPU-only build's wasm, not a WebGPU build's.
  await expect(cell).toHaveAttribute('data-prestart', 'ready', { timeout: 30_000 });
  expect(wasmFetched).toEqual([expect.stringMatching(/\/ort-wasm-simd-threaded-[\w-]+\.wasm$/)]);
  await runAndWait(cell);
  expect(wasmFetched).toHaveLength(1);
  expect(workerConsole.filter((line) => /streaming compile failed|ArrayBuffer instantiation/.test(line))).toEqual([]);
  const report = cell.locator('article.bc-report');
  await expect(report).toContainText('on WASM');
  await expect(report.locator('table').first()).toContainText(/accuracy\s*value\s*9\d\.\d\d%/);
  await expect(report.getByTestId('statistics')).toContainText('Median [95% CI]');
  await expect(report.getByTestId('plots').locator('svg')).toHaveCount(2);
  await expect(report.locator('.bc-environment')).toContainText('onnxruntime-web');
  await expect(report.locator('.bc-environment')).toContainText(/Threads\s*1/);
  await expect(report.locator('.bc-environment')).toContainText('onnxruntime-web/wasm');
  await expect(report.locator('.bc-environment')).toContainText('when the cell came into view');
});

test('Stop ends a run half way and keeps what it measured; the result downloads, parses and loads back', async ({ page }) => {
  const cell = await openCell(page, 'matmul');
  await cell.getByRole('radio', { name: /^JS\b/ }).check();
  await setParam(cell, /Matrix side n/, '256');
  await cell.getByRole('combobox', { name: /Kernel/ }).selectOption('naive');
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(cell.locator('.bc-cell-samples')).toHaveText(/^[1-9]\d* samples? so far/, { timeout: 60_000 });
  await expect(cell.locator('progress')).toBeVisible();
  await cell.getByRole('button', { name: 'Stop' }).click();
  await expect(cell.getByRole('status')).toHaveText(/^Done: INVALID \(The run was cancelled/, { timeout: 30_000 });
  await expect(cell.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await expect(cell.locator('.bc-runs tbody tr')).toHaveCount(1);
  await expect(cell.getByTestId('verdict')).toContainText('cancelled');

  const [download] = await Promise.all([page.waitForEvent('download'), cell.getByRole('button', { name: 'Download run 1' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^matmul-js-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.json$/);
  const text = readFileSync(await download.path(), 'utf8');
  const { record, errors } = parseResultRecord(text, download.suggestedFilename());
  expect(errors).toEqual([]);
  expect(record!.timing.stoppedBecause).toBe('cancelled');
  expect(record!.statistics.n).toBeGreaterThan(0);
  expect(record!.samples.perIteration.length).toBe(record!.statistics.n);
  expect(record!.environment.host.crossOriginIsolated).toBe(true);

  // Load it back (as a file from elsewhere), and a broken file: a clear message, no stack trace.
  const input = cell.getByLabel(/Load result files/);
  await input.setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(cell.locator('.bc-runs tbody tr')).toHaveCount(2);
  await expect(cell.locator('.bc-runs tbody tr').nth(1)).toContainText(download.suggestedFilename());
  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(text.replace('"format"', '"fromat"')) });
  const alert = cell.getByRole('alert');
  await expect(alert).toContainText('broken.json: not a Benchmark Carpentry result');
  await expect(alert).not.toContainText(/\bat \S+:\d+/);
  await expect(cell.locator('.bc-runs tbody tr')).toHaveCount(2);
});

test("the terminal takes the workbook's commands and says it is not a shell", async ({ page }) => {
  const cell = await openCell(page, 'matmul');
  await cell.getByRole('button', { name: 'Open the terminal' }).click();
  const screen = cell.locator('.xterm-rows');
  await expect(screen).toContainText('Type help.');
  const type = async (line: string) => {
    await cell.locator('.xterm').click();
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  };
  await type('help');
  await expect(screen).toContainText('This is not a system shell');
  await type('ls -la');
  await expect(screen).toContainText('ls: unknown command.');
  await type('validate');
  await expect(screen).toContainText('lessons/specs/matmul.bench.yaml: no problems');
  await type('clear');
  await type('env');
  await expect(screen).toContainText('WebGPU: available, adapter');
  await expect(screen).toContainText('cross-origin isolated: yes');
  await type('run --target js --param n=16');
  await expect(screen).toContainText('npx workbook run lessons/specs/matmul.bench.yaml --target js --param n=16');
  await expect(screen).toContainText('run 1 is in the list', { timeout: 90_000 });
  await expect(cell.locator('.bc-runs tbody tr')).toHaveCount(1);
  await expect(cell.getByRole('spinbutton', { name: /Matrix side n/ })).toHaveValue('16');
  await type('runs');
  await expect(screen).toContainText(/1\s+js\s+n=16 variant=tiled/);
});

test('axe finds no serious or critical problems on a lesson page after a run', async ({ page }) => {
  const cell = await openCell(page, 'matmul');
  await cell.getByRole('radio', { name: /^JS\b/ }).check();
  await setParam(cell, /Matrix side n/, '16');
  await runAndWait(cell);
  await expect(cell.getByTestId('plots').locator('svg')).toHaveCount(2);
  await cell.getByRole('button', { name: 'Open the terminal' }).waitFor({ state: 'detached' });
  for (const theme of ['light', 'dark']) {
    // As Starlight's theme menu does: the same page, the other colours.
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${theme}: ${v.id} (${v.impact}): ${v.help} at ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join('; ')}`,
      );
    expect(bad).toEqual([]);
  }
});

test('on a static host without COOP/COEP the cells still run, say so, and two cells take turns', async ({ page }) => {
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${PLAIN_URL}/foundations/measuring-time/`);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  const mlp = page.locator('bench-cell[data-spec="mlp-inference"]');
  await expect(mlp.getByRole('radio', { name: /^WASM threads/ })).toBeDisabled();
  await expect(mlp.locator('.bc-cell-targets')).toContainText('needs a cross-origin isolated page');

  // Episode 2 (Clocks and batching) has the vector addition and the MLP: the second cell waits for the first.
  const add = page.locator('bench-cell[data-spec="vector-add"]');
  const sum = mlp;
  await add.getByRole('radio', { name: /^JS\b/ }).check();
  await add.getByRole('spinbutton', { name: /Elements/ }).fill('1024');
  await sum
    .getByRole('radio', { name: /^WASM\b/ })
    .first()
    .check();
  await add.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(add.getByRole('status')).toHaveText(/^(Starting|Warming|Calibrating|Measuring)/);
  await sum.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(sum.getByRole('status')).toHaveText(/^Waiting for another run on this page to finish/);
  await expect(add.getByRole('status')).toHaveText(/^Done: /, { timeout: 60_000 });
  await expect(sum.getByRole('status')).toHaveText(/^Done: /, { timeout: 60_000 });
  await expect(add.getByRole('note', { name: 'What this browser offers' })).toContainText('not cross-origin isolated');
  await expect(add.locator('.bc-environment')).toContainText('Cross-origin isolatedno');
});
