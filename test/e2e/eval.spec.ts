import { expect, test, type Page } from '@playwright/test';
import type { ResultRecord } from '../../runtime/results/record.ts';

// An evaluation run for real in Chromium: a zoo model in onnxruntime-web (WASM) scored on the 2,000 test
// digits fetched from /models, every metric with its bootstrap interval, in the same record as its speed.
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

test('a quality run in the page: the zoo model scored in onnxruntime-web, intervals, confusion matrix, speed in the same record', async ({
  page,
}) => {
  const r = await runInLab(page, 'spec=zoo-quality&target=browser-wasm&model=mnist-32');
  expect(r.target).toBe('browser-wasm');
  expect(r.verification.ok).toBe(true);
  // Speed on a busy 2-core machine may miss its precision target (that is the machine's verdict); quality must not fail.
  expect(r.validity.reasons.filter((x) => /quality|f1|accuracy|not measured/.test(x))).toEqual([]);
  const q = r.quality!;
  expect(q.items).toBe(2000);
  // The model card says 0.943 on these digits (the JS forward pass); the page's ONNX Runtime agrees to a tie or two.
  expect(Math.abs(q.accuracy! - 0.943)).toBeLessThanOrEqual(2 / 2000);
  for (const k of ['accuracy', 'f1-macro', 'roc-auc', 'ece']) {
    expect(q[`${k}:ci95-low`]).toBeLessThanOrEqual(q[k]!);
    expect(q[`${k}:ci95-high`]).toBeGreaterThanOrEqual(q[k]!);
  }
  let total = 0;
  for (let t = 0; t < 10; t++) for (let p = 0; p < 10; p++) total += q[`confusion:${t}:${p}`]!;
  expect(total).toBe(2000);
  expect(r.metrics.find((m) => m.kind === 'latency')!.values.median).toBeGreaterThan(0);
  expect(JSON.stringify(r.environment.target)).toMatch(/"zoo":\{"model":"mnist-32"/);
});

test('the int8 model (DequantizeLinear) runs in onnxruntime-web, with its robustness curve from the same run', async ({ page }) => {
  const r = await runInLab(page, 'spec=zoo-robustness&target=browser-wasm&model=mnist-64-int8&sigma=0');
  expect(r.verification.ok).toBe(true);
  const q = r.quality!;
  expect(q.accuracy).toBeGreaterThan(0.9);
  expect(JSON.stringify(r.environment.target)).toContain('DequantizeLinear');
  // The robustness curve of the same run: noise at the whole pixel range costs most of the accuracy.
  expect(q['robustness:0:accuracy']).toBe(q.accuracy);
  expect(q['robustness:1:accuracy']!).toBeLessThan(0.5);
});
