import { expect, test, type Locator, type Page } from '@playwright/test';
import { seriousViolations } from './pages.ts';

// The dynamic-benchmark cells for real in Chromium: the zoo's models answer the test digits in onnxruntime-web
// (WASM) in the cells' worker, the engine fits the 2PL and runs the adaptive test, the cell draws the plots.
// Every figure checked here comes from the run (or from the model cards the build wrote), none is typed in.
test.describe.configure({ timeout: 180_000 });

const PAGE = '/dynamic/';
let pageErrors: string[] = [];
test.afterEach(() => expect(pageErrors).toEqual([]));

async function runCell(page: Page, spec: string): Promise<Locator> {
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(PAGE);
  const cell = page.locator(`bench-cell[data-spec="${spec}"]`);
  await expect(cell).toHaveAttribute('data-wired', '');
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(cell.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 120_000 });
  return cell.locator('article.bc-report');
}

const cardAccuracy = async (page: Page, id: string): Promise<number> =>
  ((await (await page.request.get(`/models/zoo/${id}.card.json`)).json()) as { accuracy: { test: { value: number } } }).accuracy.test.value;

/** Kendall's tau-a, as the engine's (a tie in either ranking counts as neither agreement nor disagreement). */
function kendallTau(x: number[], y: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) for (let j = i + 1; j < x.length; j++) s += Math.sign(x[i]! - x[j]!) * Math.sign(y[i]! - y[j]!);
  return (2 * s) / (x.length * (x.length - 1));
}

test('the lab page points to the dynamic benchmarks, and that page stays light until a cell comes into view', async ({ page }) => {
  // A short window, so the cells start below the fold.
  await page.setViewportSize({ width: 1000, height: 400 });
  await page.goto('/lab/');
  await page.getByRole('link', { name: 'Dynamic benchmarks', exact: true }).click();
  await expect(page).toHaveURL(/\/dynamic\/$/);
  await expect(page.locator('bench-cell')).toHaveCount(2);
  await expect(page.locator('bench-cell').first()).toHaveAttribute('data-wired', '');
  expect(await page.locator('bench-cell').evaluateAll((cells) => cells.some((c) => c.getBoundingClientRect().top < innerHeight))).toBe(false);
  // No engine, onnxruntime-web or model before a cell asks for them (BenchCell loads its code on view or Run).
  const heavy = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => /ort|\.wasm|\.onnx|worker|controller/.test(n)),
    );
  await page.waitForTimeout(1000);
  expect(await heavy()).toEqual([]);
  await page.locator('bench-cell[data-spec="zoo-irt"]').scrollIntoViewIfNeeded();
  await expect.poll(async () => (await heavy()).length, { timeout: 30_000 }).toBeGreaterThan(0);
});

test('the IRT cell: six zoo models answer in the page, the fitted abilities order them as their accuracy, with curves, trace and where it fails', async ({
  page,
}) => {
  const report = await runCell(page, 'zoo-irt');
  await expect(report.getByTestId('verdict')).toContainText('The output of the first run matched the CPU reference');
  const irt = report.getByTestId('irt');
  await expect(irt).toContainText('6 models answered every item');
  const rows = await irt
    .getByTestId('irt-abilities')
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => ({
        name: tr.getAttribute('data-model')!,
        ability: Number(tr.getAttribute('data-ability')),
        accuracy: Number(tr.getAttribute('data-accuracy')),
      })),
    );
  expect(rows.map((r) => r.name).sort()).toEqual([
    'mnist-16',
    'mnist-32',
    'mnist-64',
    'mnist-64-contaminated',
    'mnist-64-int8',
    'mnist-64-undertrained',
  ]);
  // Best first, by the fitted ability.
  expect(rows.map((r) => r.ability)).toEqual([...rows.map((r) => r.ability)].sort((a, b) => b - a));
  // The abilities keep the accuracies' order but for near ties: Kendall tau above 0.8 (at most one pair of six swapped).
  const tau = kendallTau(
    rows.map((r) => r.ability),
    rows.map((r) => r.accuracy),
  );
  expect(tau).toBeGreaterThan(0.8);
  await expect(irt.getByTestId('irt-tau-accuracy')).toHaveText(tau.toFixed(3));
  // Each model answered in the page as its model card says it does on these 2000 digits (a tie or two apart).
  for (const r of rows) expect(Math.abs(r.accuracy - (await cardAccuracy(page, r.name)))).toBeLessThanOrEqual(2 / 2000);
  // The record names the five other models that answered, by checksum.
  await expect(report.locator('.bc-environment pre')).toContainText(/"companions": \[\s*\{\s*"model": "mnist-16",\s*"sha256": "[0-9a-f]{64}"/);
  // The plots, drawn from the same record.
  await expect(irt.getByTestId('item-curves').locator('path.bc-eval-line')).toHaveCount(5);
  await expect(irt.getByTestId('item-curves')).toContainText(/item \d+: difficulty -?\d\.\d\d, discrimination \d\.\d\d/);
  await expect(irt.getByTestId('ranking-trace').locator('path.bc-eval-line')).toHaveCount(2);
  await expect(irt.getByTestId('ranking-trace')).toContainText(/5 items adaptive -?[01]\.\d\d, random -?[01]\.\d\d/);
  await expect(irt.getByTestId('adaptive-trace')).toContainText('Adaptive test of mnist-32: ability estimate after each of 60 items');
  console.log(
    `IRT in the page: ${rows.map((r) => `${r.name} ${r.accuracy.toFixed(4)} theta ${r.ability.toFixed(2)}`).join(', ')}; tau(ability, accuracy) ${tau.toFixed(3)}; ${await irt.getByTestId('ranking-trace').locator('figcaption').textContent()}`,
  );
  // The report with its plots is as accessible as the rest of the workbook.
  expect(await seriousViolations(page)).toEqual([]);
  await expect(irt.getByTestId('irt-fails')).toContainText(
    /Where it fails\. (The adaptive test ranks every model|Within 60 items the adaptive test never settles)/,
  );
});

test('the memorisation cell: the contaminated model and its clean twin on the static test set and on rotating fresh sets', async ({ page }) => {
  const report = await runCell(page, 'zoo-memorisation');
  const m = report.getByTestId('memorisation');
  const shown = async (id: string) => Number((await m.getByTestId(id).textContent())!.replace('%', '')) / 100;
  // Both scores on the static set, as the model cards give them on the same 2000 test digits.
  expect(Math.abs((await shown('memorisation-static-model')) - (await cardAccuracy(page, 'mnist-64-contaminated')))).toBeLessThanOrEqual(2 / 2000);
  expect(Math.abs((await shown('memorisation-static-twin')) - (await cardAccuracy(page, 'mnist-64')))).toBeLessThanOrEqual(2 / 2000);
  console.log(`memorisation in the page: ${await m.locator('p').first().textContent()}`);
  const table = m.getByTestId('static-vs-rotating').locator('tbody tr');
  await expect(table).toHaveCount(6); // the static set and 5 rotating sets
  await expect(table.first()).toContainText('static test set');
  await expect(table.nth(1)).toContainText(/rotation 1 \(seed \d+\)/);
  // Each row's advantage is its two scores' difference, with the value inside its interval.
  for (const cells of await table.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!)))) {
    const [twin, model, advantage] = cells.map((c) => c.match(/-?\d+\.\d+/g)!.map(Number));
    expect(advantage![0]).toBeCloseTo(model![0]! - twin![0]!, 2);
    expect(advantage![1]).toBeLessThanOrEqual(advantage![0]! + 0.0005);
    expect(advantage![2]).toBeGreaterThanOrEqual(advantage![0]! - 0.0005);
  }
});
