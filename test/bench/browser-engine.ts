import type { Browser } from '@playwright/test';
import type { ResultRecord } from '../../runtime/results/record.ts';

/** Runs one spec in the lab page of a fresh context and returns its result record. */
export async function runInLab(browser: Browser, baseUrl: string, query: string): Promise<ResultRecord> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/lab/?${query}`);
  await page.getByRole('status').filter({ hasText: 'Ready.' }).waitFor();
  await page.getByRole('button', { name: 'Run' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^(Done|Failed)/ })
    .waitFor({ timeout: 120_000 });
  const record = (await page.evaluate(() => (window as unknown as { __lastResult?: unknown }).__lastResult)) as ResultRecord | undefined;
  const status = await page.getByRole('status').textContent();
  await context.close();
  if (!record || status?.startsWith('Failed')) throw new Error(`bench: ${query}: ${status}`);
  return record;
}

/**
 * Our tiled WGSL matmul against onnxruntime-web's WebGPU MatMul at the same size, in the same
 * browser, alternating so drift hits both alike. Ratio = ORT median / ours (>= 1: ours is as fast).
 */
export async function matmulVersusOrt(browser: Browser, baseUrl: string, n: number, rounds: number) {
  const ours: number[] = [];
  const ort: number[] = [];
  for (let r = 0; r < rounds; r++) {
    ours.push((await runInLab(browser, baseUrl, `spec=matmul&target=browser-webgpu&n=${n}&variant=tiled`)).statistics.median);
    ort.push((await runInLab(browser, baseUrl, `spec=onnx-matmul&target=browser-onnx-webgpu&n=${n}`)).statistics.median);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { n, ours, ort, ratio: med(ort) / med(ours) };
}
