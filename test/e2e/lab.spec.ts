import { expect, test, type Page } from '@playwright/test';
import type { ResultRecord } from '../../runtime/results/record.ts';

// The engine, run for real in Chromium through the lab page: WebGPU kernels (SwiftShader) and
// onnxruntime-web (WASM), verified against CPU references before timing.
test.describe.configure({ timeout: 120_000 });

async function runInLab(page: Page, query: string): Promise<ResultRecord> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/lab/?${query}`);
  await expect(page.getByRole('status')).toHaveText('Ready.');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 90_000 });
  expect(errors).toEqual([]);
  return (await page.evaluate(() => (window as unknown as { __lastResult: unknown }).__lastResult)) as ResultRecord;
}

test('a WebGPU matmul runs on SwiftShader, verified, with statistics and the adapter recorded', async ({ page }) => {
  const r = await runInLab(page, 'spec=matmul&target=browser-webgpu&n=64&variant=tiled');
  expect(r.target).toBe('browser-webgpu');
  expect(r.parameters).toEqual({ n: 64, variant: 'tiled' });
  expect(r.verification.ok).toBe(true);
  expect(r.statistics.n).toBeGreaterThanOrEqual(20);
  expect(r.timing.timerResolutionMs).toBeGreaterThan(0);
  expect(JSON.stringify(r.environment.target)).toMatch(/swiftshader/i);
  expect(r.environment.host.crossOriginIsolated).toBe(true);
  await expect(page.locator('#lab-output')).toContainText('median [95% CI]');
  await expect(page.getByRole('link', { name: 'Download result' })).toBeVisible();
});

test('the MNIST classifier runs in onnxruntime-web (WASM) with its real accuracy', async ({ page }) => {
  const r = await runInLab(page, 'spec=mnist-classifier&target=browser-wasm');
  expect(r.target).toBe('browser-wasm');
  expect(r.verification.ok).toBe(true);
  expect(r.quality?.accuracy).toBeGreaterThan(0.9);
  expect(r.metrics.find((m) => m.kind === 'accuracy')?.values.value).toBe(r.quality?.accuracy);
});

test('an MLP runs in onnxruntime-web with WASM threads on the cross-origin isolated page', async ({ page }) => {
  const r = await runInLab(page, 'spec=mlp-inference&target=browser-wasm-threads&batch=8&width=128');
  expect(r.target).toBe('browser-wasm-threads');
  expect(r.verification.ok).toBe(true);
  expect(Number(r.environment.target.threads)).toBeGreaterThan(1);
});

test("a MatMul runs in onnxruntime-web's WebGPU execution provider on SwiftShader", async ({ page }) => {
  const r = await runInLab(page, 'spec=onnx-matmul&target=browser-onnx-webgpu&n=64');
  expect(r.target).toBe('browser-onnx-webgpu');
  expect(r.verification.ok).toBe(true);
  expect(JSON.stringify(r.environment.target)).toMatch(/webgpu/i);
});

test('Stop ends a run cleanly and keeps what was measured, labelled INVALID', async ({ page }) => {
  await page.goto('/lab/?spec=matmul&target=js&n=256&variant=naive');
  await expect(page.getByRole('status')).toHaveText('Ready.');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('status')).toHaveText(/^measure: [1-9]\d* sample/, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Done: INVALID \(.*cancelled/);
  const r = (await page.evaluate(() => (window as unknown as { __lastResult: unknown }).__lastResult)) as ResultRecord;
  expect(r.timing.stoppedBecause).toBe('cancelled');
  expect(r.statistics.n).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: 'Run' })).toBeEnabled();
});
