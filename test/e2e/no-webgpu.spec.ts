import { chromium, expect, test, type Page } from '@playwright/test';
import { ISOLATED_URL } from '../../playwright.config.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';

// A learner's browser with no WebGPU adapter: Chromium without --enable-unsafe-webgpu, where
// navigator.gpu exists but requestAdapter() gives null (the common case on a machine without a usable
// GPU). Cells find it out before the first click (src/cell/fallback-gpu.ts), preselect a target that
// runs, say why once per page, and never fail on their default. The SwiftShader path stays as it was.
test.describe.configure({ timeout: 180_000 });

const EPISODE = '/foundations/what-is-a-benchmark/';

let pageErrors: string[] = [];
const watchErrors = (page: Page) => {
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
};
test.afterEach(() => expect(pageErrors).toEqual([]));

// This file's browser has no WebGPU flag; the SwiftShader checks below start their own browser with it.
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu') } });

test.describe('without a WebGPU adapter', () => {
  test('a cell falls back to plain JavaScript before the first click, says why once, and its default run finishes', async ({ page }) => {
    watchErrors(page);
    await page.goto(EPISODE);
    expect(await page.evaluate(async () => (await navigator.gpu?.requestAdapter()) ?? null)).toBeNull();
    const cells = page.locator('bench-cell');
    const cell = page.locator('bench-cell[data-spec="matmul"]');
    await expect(cell).toHaveAttribute('data-webgpu', 'none');
    const webgpu = cell.getByRole('radio', { name: /^WebGPU/ });
    await expect(webgpu).toBeDisabled();
    await expect(webgpu).not.toBeChecked();
    await expect(cell.getByRole('radio', { name: /^JS/ })).toBeChecked();
    await expect(cell.locator('label:has(input[value="browser-webgpu"]) .bc-target-note')).toContainText('no WebGPU adapter in this browser');

    // Said once for the page, in the first cell that offers WebGPU, with what still works.
    const notes = page.getByRole('note', { name: 'Why WebGPU is missing' });
    await expect(notes).toHaveCount(1);
    await expect(cells.first().getByRole('note', { name: 'Why WebGPU is missing' })).toBeVisible();
    await expect(notes).toContainText('no graphics processor');
    await expect(notes).toContainText('plain JavaScript');
    await expect(notes).not.toContainText('--enable-unsafe-webgpu');

    // The default run: no click on a target, a small matrix.
    await cell.scrollIntoViewIfNeeded();
    await cell.getByRole('spinbutton', { name: /Matrix side n/ }).fill('32');
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(cell.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 90_000 });
    await expect(cell.locator('article.bc-report')).toContainText('Run 1:');
    await expect(page.getByText('The run did not finish')).toHaveCount(0);
    await expect(page.getByText('--enable-unsafe-webgpu')).toHaveCount(0);
    // The worker's own probe agrees after the run; the WebGPU target stays disabled and the note is not repeated.
    await expect(webgpu).toBeDisabled();
    await expect(notes).toHaveCount(1);
  });

  test('the WGSL exercise says before Check that it cannot run the kernel here, and Check uses no attempt', async ({ page }) => {
    watchErrors(page);
    await page.goto('/exercises/fix-wgsl-kernel/?seed=3');
    const island = page.locator('.bc-exercise-island');
    await expect(island.getByRole('status').filter({ hasText: 'runs your kernel on WebGPU' })).toContainText('without using an attempt');
    await island.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(island.getByRole('status').filter({ hasText: 'No attempt was used' })).toBeVisible();
    await expect(page.getByTestId('exercise-progress')).toHaveText('No attempts yet.');
  });
});

test.describe('with SwiftShader', () => {
  // The project's usual browser (--enable-unsafe-webgpu): a CPU adapter.
  let page: Page;
  test.beforeAll(async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    page = await browser.newPage({ baseURL: ISOLATED_URL });
  });
  test.afterAll(async () => page.context().browser()?.close());

  test('the WebGPU target stays the default, enabled, with no missing-WebGPU note', async () => {
    watchErrors(page);
    await page.goto(EPISODE);
    const cell = page.locator('bench-cell[data-spec="matmul"]');
    await expect(cell).toHaveAttribute('data-webgpu', 'cpu-adapter');
    await expect(cell.getByRole('radio', { name: /^WebGPU/ })).toBeEnabled();
    await expect(cell.getByRole('radio', { name: /^WebGPU/ })).toBeChecked();
    await expect(page.getByRole('note', { name: 'Why WebGPU is missing' })).toHaveCount(0);
    // Said before the first run: SwiftShader is a CPU fallback adapter.
    await expect(cell.locator('label:has(input[value="browser-webgpu"]) .bc-target-note')).toContainText('CPU fallback adapter');
  });

  test('the WGSL exercise shows no missing-WebGPU notice', async () => {
    watchErrors(page);
    await page.goto('/exercises/fix-wgsl-kernel/?seed=3');
    const island = page.locator('.bc-exercise-island');
    await expect(page.getByTestId('exercise-seed')).toHaveText('3');
    await expect(island.getByText('runs your kernel on WebGPU')).toHaveCount(0);
  });
});
