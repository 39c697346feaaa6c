import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import complianceTests from '../../exercises/compliance-steps/tests.ts';
import p99Tests from '../../exercises/p99-validity/tests.ts';
import { createVariant } from '../../runtime/exercises/check.ts';
import type { Answers } from '../../runtime/exercises/types.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';
import { answerWithSolution } from './solve-exercise.ts';

// A learner walks episode 19 (An MLPerf-style run) in Chromium: reads it, runs the server cell, reads the
// LoadGen-style summary, answers both exercises and sees their progress. The cell's spec is shortened (the same
// checks, fewer queries) so the walk stays well under a minute; the page's own spec is the 5-second one.
test.describe.configure({ timeout: 120_000 });

const EPISODE = '/professional/mlperf-style-run/';
const SHORT_SPEC = readFileSync('lessons/specs/mlperf-server.bench.yaml', 'utf8')
  .replace('min-duration-ms: 5000', 'min-duration-ms: 1000')
  .replace('shipped: { package: mnist, split: test, seed: 5 }', 'shipped: { package: mnist, split: test, count: 500, seed: 5 }')
  .replace('target-qps: 100', 'target-qps: 60\n    min-query-count: 64')
  .replace('latency-percentile: 99', 'latency-percentile: 90')
  .replace('latency-bound-ms: 20', 'latency-bound-ms: 500');

/** An ordering part: moves each item up into its place with the page's own Move up buttons. */
async function answerOrdering(page: Page, id: string, order: string[]) {
  const ex = page.locator(`.bc-exercise-island[data-exercise="${id}"]`);
  for (let k = 0; k < order.length; k++) {
    for (;;) {
      const ids = await ex
        .locator('.bc-ex-ordering li button[data-focus$=":up"]')
        .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-focus')!.slice(0, -3)));
      const at = ids.indexOf(order[k]!);
      if (at === k) break;
      await ex.locator(`.bc-ex-ordering button[data-focus="${order[k]}:up"]`).click();
    }
  }
}

test('episode 19: read, run the server cell, read the LoadGen-style summary, answer both exercises, see progress', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(EPISODE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('An MLPerf-style run');
  for (const name of [
    'Reading the summary, line by line',
    'Latency from the schedule: no coordinated omission',
    'From a run to a compliant submission',
  ])
    await expect(page.getByRole('heading', { name })).toBeVisible();

  const cell = page.locator('bench-cell[data-spec="mlperf-server"]');
  await expect(cell).toHaveAttribute('data-wired', '');
  await cell.evaluate((el, text) => {
    (el as HTMLElement).dataset.specText = text;
  }, SHORT_SPEC);
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('radio', { name: /^WASM(?! threads)/ }).check();
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(cell.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 90_000 });

  // The summary, line by line, as the episode reads it; the accuracy run apart, over every held-out digit.
  const summary = cell.getByTestId('load-summary');
  const text = await summary.innerText();
  for (const line of [
    'Scenario : server',
    'Mode     : performance',
    "Rules    : the workbook's teaching defaults",
    'Target QPS    : 60.00',
    'Scheduled QPS :',
    'p90 latency :',
    'Result   :',
    'Queries :',
    'Issue delay',
  ])
    expect(text).toContain(line);
  expect(text).toMatch(/Accuracy mode \(a separate, untimed run\): 500 samples, each once; accuracy \d+\.\d\d%/);
  expect(text).toContain('not a compliant MLPerf result');
  await cell.screenshot({ path: 'test-results/professional-ep19-cell.png' });
  console.log(`episode 19 cell, short server run at 60 QPS on browser-wasm:\n${text}`);

  await answerWithSolution(page, 'p99-validity', p99Tests);

  // The ordering exercise: the page's Move buttons, then one check, full marks.
  const id = 'compliance-steps';
  const ex = page.locator(`.bc-exercise-island[data-exercise="${id}"]`);
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-ready', 'yes', { timeout: 30_000 });
  const seed = Number(await ex.getByTestId('exercise-seed').innerText());
  const right = complianceTests.solve(createVariant((await loadExerciseRegistry()).get(id), seed)) as Answers;
  await answerOrdering(page, id, right.order as string[]);
  await ex.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(ex.getByTestId('exercise-score')).toContainText('every part correct');
  await expect(ex.getByTestId('exercise-progress')).toContainText('Attempts: 1');

  // Progress survives a reload.
  await page.reload();
  const again = page.locator('.bc-exercise-island[data-exercise="p99-validity"]');
  await again.scrollIntoViewIfNeeded();
  await expect(again.getByTestId('exercise-progress')).toContainText('Attempts: 1', { timeout: 30_000 });
  expect(errors).toEqual([]);
});

// Episode 19's search in the page: the terminal's sweep runs the server cell at the rates the CLI's search asks
// for (both ends, then bisection), each a real run in the worker that joins the list and the throughput-vs-p99
// plot, and prints the CLI's table and answer. A short spec, three points, a 20 ms p90 bound, so it is quick.
const SWEEP_SPEC = readFileSync('lessons/specs/mlperf-server.bench.yaml', 'utf8')
  .replace('min-duration-ms: 5000', 'min-duration-ms: 1000')
  .replace('max-duration-ms: 20000', 'max-duration-ms: 6000')
  .replace('shipped: { package: mnist, split: test, seed: 5 }', 'shipped: { package: mnist, split: test, count: 200, seed: 5 }')
  .replace('target-qps: 100', 'target-qps: 100\n    min-query-count: 64')
  .replace('latency-percentile: 99', 'latency-percentile: 90')
  // A bound a busy CI machine keeps at 50 QPS and breaks at 5000, so the sweep has both a VALID and an INVALID point.
  .replace('latency-bound-ms: 20', 'latency-bound-ms: 200');

test("episode 19: the sweep in the cell's terminal finds the highest VALID QPS, every point in the list and the plot", async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(EPISODE);
  const cell = page.locator('bench-cell[data-spec="mlperf-server"]');
  await expect(cell).toHaveAttribute('data-wired', '');
  await cell.evaluate((el, text) => {
    (el as HTMLElement).dataset.specText = text;
  }, SWEEP_SPEC);
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('radio', { name: /^WASM(?! threads)/ }).check();
  await cell.getByRole('button', { name: 'Open the terminal' }).click();
  const screen = cell.locator('.xterm-rows');
  await expect(screen).toContainText('Type help.');
  await cell.locator('.xterm').click();
  await page.keyboard.type('sweep --param qps=50..5000 --max-points 3');
  await page.keyboard.press('Enter');
  await expect(screen).toContainText('-- qps = 50', { timeout: 30_000 });
  await expect(screen).toContainText(/Highest VALID target QPS: [\d.]+ \(INVALID at [\d.]+: |No point was VALID|Every point was VALID/, {
    timeout: 90_000,
  });
  await expect(cell.locator('.bc-runs tbody tr')).toHaveCount(3);
  await expect(cell.getByTestId('load-plots')).toContainText("this cell's 3 load runs of mlperf-server");
  const text = (await screen.innerText()).replace(/\u00a0/g, ' ');
  expect(text).toMatch(/Highest VALID target QPS: [\d.]+ \(INVALID at [\d.]+: /);
  await cell.screenshot({ path: 'test-results/professional-ep19-sweep.png' });
  console.log(`episode 19 cell, sweep --param qps=50..5000 --max-points 3 on browser-wasm:\n${text}`);
  expect(errors).toEqual([]);
});

// Episodes 20 and 21: each cell runs once in the page (short settings), the generated trace plots and integrates
// and says it is generated; each is screenshot for the record of what the cells showed.
test('episodes 20 and 21: the energy cell says energy is not measurable in a page, the generated trace is labelled, the copy cell runs', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto('/professional/energy/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Energy across the layers of a system');
  const trace = page.getByTestId('power-trace');
  await trace.scrollIntoViewIfNeeded();
  await expect(trace).toContainText('GENERATED trace (seed 1');
  await expect(trace.getByTestId('power-plot').locator('svg').first()).toBeVisible({ timeout: 30_000 });
  const rows = await trace.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText.replace(/\s+/g, ' ')));
  expect(rows).toHaveLength(4);
  console.log(`episode 20, generated trace (seed 1, GPU):\n${rows.join('\n')}`);
  await trace.screenshot({ path: 'test-results/professional-ep20-trace.png' });

  const energyCell = page.locator('bench-cell[data-spec="energy-per-query"]');
  await expect(energyCell).toHaveAttribute('data-wired', '');
  await energyCell.evaluate((el) => {
    const c = el as HTMLElement;
    c.dataset.specText = c.dataset
      .specText!.replace('min-duration-ms: 5000', 'min-duration-ms: 1000')
      .replace('max-duration-ms: 15000', 'max-duration-ms: 3000');
  });
  await energyCell.scrollIntoViewIfNeeded();
  await energyCell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(energyCell.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 60_000 });
  await energyCell.screenshot({ path: 'test-results/professional-ep20-cell.png' });

  await page.goto('/professional/limited-hardware/');
  const copy = page.locator('bench-cell[data-spec="copy-bandwidth"]');
  await expect(copy).toHaveAttribute('data-wired', '');
  await copy.scrollIntoViewIfNeeded();
  await copy.getByRole('radio', { name: /^JS\b/ }).check();
  await copy.getByRole('spinbutton', { name: /Elements/ }).fill('262144');
  await copy.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(copy.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 60_000 });
  console.log(`episode 21, copy cell at 2^18 on JS: ${await copy.getByRole('status').innerText()}`);
  await copy.screenshot({ path: 'test-results/professional-ep21-cell.png' });
  expect(errors).toEqual([]);
});

test('the Professional cheat sheet prints on one A4 page, and the level pages load', async ({ page }) => {
  for (const slug of ['', 'instructor-guide/', 'cheat-sheet/']) expect((await page.goto(`/professional/${slug}`))?.status(), slug).toBe(200);
  await page.goto('/professional/cheat-sheet/');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).toHaveLength(1);
});
