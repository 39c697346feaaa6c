import { expect, test, type Locator, type Page } from '@playwright/test';
import irtProbabilityTests from '../../exercises/irt-probability/tests.ts';
import nextItemTests from '../../exercises/next-item-to-ask/tests.ts';
import { seriousViolations } from './pages.ts';
import { answerWithSolution } from './solve-exercise.ts';

// A learner walks episode 15 of the Researcher level (Dynamic benchmarks with IRT): reads it, runs the IRT cell
// (six zoo models answer 2000 test digits in onnxruntime-web, the engine fits the 2PL and runs the adaptive
// test), answers both exercises on the variant the page drew, and sees the progress. The other tests run the
// cells of episodes 13-15 and keep a screenshot of each after its run (test-results/researcher/), with the
// figures the cells showed in the log: every figure checked comes from the run, none is typed in.
test.describe.configure({ timeout: 240_000 });

const SHOTS = 'test-results/researcher';

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function runBenchCell(page: Page, spec: string): Promise<Locator> {
  const cell = page.locator(`bench-cell[data-spec="${spec}"]`);
  await expect(cell).toHaveAttribute('data-wired', '');
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(cell.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 180_000 });
  await expect(page.getByText('The run did not finish')).toHaveCount(0);
  return cell;
}

test('episode 15: read, run the IRT cell and its adaptive test, answer both exercises, see progress', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/researcher/dynamic-benchmarks/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dynamic benchmarks with item response theory');
  for (const h of ['The two-parameter logistic model', 'Adaptive testing: ask what tells most', 'A model that saw the test: static against rotating'])
    await expect(page.getByRole('heading', { name: h, exact: true })).toBeVisible();

  const cell = await runBenchCell(page, 'zoo-irt');
  const irt = cell.getByTestId('irt');
  await expect(irt).toContainText('6 models answered every item');
  await expect(irt).toContainText(/converged in \d+ iterations/);
  const rows = await irt
    .getByTestId('irt-abilities')
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map(
        (tr) =>
          `${tr.getAttribute('data-model')} theta ${Number(tr.getAttribute('data-ability')).toFixed(2)} acc ${Number(tr.getAttribute('data-accuracy')).toFixed(4)}`,
      ),
    );
  expect(rows).toHaveLength(6);
  // The adaptive test of the picked model, item by item, and where the adaptive ranking fails.
  await expect(irt.getByTestId('adaptive-trace')).toContainText('Adaptive test of mnist-32: ability estimate after each of 60 items');
  await expect(irt.getByTestId('irt-fails')).toContainText('Where it fails.');
  await cell.screenshot({ path: `${SHOTS}/ep15-irt-cell.png` });
  console.log(
    `ep15 IRT cell: ${(await irt.locator('p').first().textContent())?.trim()} | ${rows.join('; ')} | ${await irt.getByTestId('ranking-trace').locator('figcaption').textContent()} | ${await irt.getByTestId('irt-fails').textContent()}`,
  );

  await answerWithSolution(page, 'irt-probability', irtProbabilityTests);
  await answerWithSolution(page, 'next-item-to-ask', nextItemTests);
  // Progress survives a reload: both exercises still show their attempt.
  await page.reload();
  for (const id of ['irt-probability', 'next-item-to-ask']) {
    const ex = page.locator(`.bc-exercise-island[data-exercise="${id}"]`);
    await ex.scrollIntoViewIfNeeded();
    await expect(ex.getByTestId('exercise-progress')).toContainText('Attempts: 1');
  }
  expect(errors).toEqual([]);
});

test('episode 15: the contaminated model and its clean twin, static set against rotating sets', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/researcher/dynamic-benchmarks/');
  const cell = await runBenchCell(page, 'zoo-memorisation');
  const m = cell.getByTestId('memorisation');
  await expect(m.getByTestId('static-vs-rotating').locator('tbody tr')).toHaveCount(6);
  await cell.screenshot({ path: `${SHOTS}/ep15-memorisation-cell.png` });
  console.log(`ep15 memorisation cell: ${(await m.locator('p').first().textContent())?.trim()}`);
  expect(errors).toEqual([]);
});

test('episode 13: the A/A cell runs pairs of the same spec and counts the false wins of the comparison', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/researcher/is-the-difference-real/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Is the difference real?');
  const cell = page.locator('aa-cell[data-spec="aa-vector-add"]');
  await expect(cell).toHaveAttribute('data-wired', '');
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('spinbutton', { name: 'A/A pairs' }).fill('6');
  await cell.getByRole('button', { name: 'Run the pairs' }).click();
  await expect(cell.getByRole('status')).toHaveText(/^Done: 6 A\/A pairs, \d+ false wins?\./, { timeout: 180_000 });
  const rows = cell.getByTestId('aa-pairs').locator('tbody tr');
  await expect(rows).toHaveCount(6);
  // The summary's counts are the table's: conclusive rows, and those marked as false wins.
  const conclusive = await cell.locator('tbody tr[data-conclusive="true"]').count();
  const wins = await cell.locator('tbody tr[data-false-win="true"]').count();
  await expect(cell.getByTestId('aa-summary')).toContainText(`; ${conclusive} could decide.`);
  if (conclusive > 0)
    await expect(cell.getByTestId('aa-summary')).toContainText(
      `${wins} of ${conclusive} called the difference significant at the default alpha of 0.05`,
    );
  else await expect(cell.getByTestId('aa-summary')).toContainText('None could decide');
  await cell.screenshot({ path: `${SHOTS}/ep13-aa-cell.png` });
  console.log(`ep13 A/A cell: ${await cell.getByTestId('aa-summary').textContent()}`);
  // The table the run drew is as accessible as the rest of the workbook.
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('episode 14: the leakage cell finds the planted exact copies and misses the shifted ones', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/researcher/leakage/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Leakage and contamination');
  const cell = page.locator('leakage-cell');
  await expect(cell).toHaveAttribute('data-wired', '');
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('button', { name: 'Plant and search' }).click();
  await expect(cell.getByRole('status')).toHaveText(/^Done: /, { timeout: 60_000 });
  // 20 exact copies planted: all 20 found; near (exact included) at most the 40 exact and noisy ones.
  await expect(cell.getByTestId('leakage-table').locator('tr[data-row="exact"] td').nth(1)).toHaveText('20');
  const near = Number(await cell.getByTestId('leakage-table').locator('tr[data-row="near"] td').nth(1).textContent());
  expect(near).toBeGreaterThanOrEqual(20);
  expect(near).toBeLessThanOrEqual(40);
  await cell.screenshot({ path: `${SHOTS}/ep14-leakage-cell.png` });
  console.log(`ep14 leakage cell: ${await cell.getByTestId('leakage-summary').textContent()}`);
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});
