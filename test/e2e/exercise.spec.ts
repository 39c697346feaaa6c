import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mean, quantileSorted } from 'd3-array';
import { createVariant } from '../../runtime/exercises/check.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';
import type { AnyExercise, Answers, ExerciseTests } from '../../runtime/exercises/types.ts';
import fixTimingHarnessTests from '../../exercises/fix-timing-harness/tests.ts';
import fixWgslKernelTests from '../../exercises/fix-wgsl-kernel/tests.ts';
import readTwoRunsTests from '../../exercises/read-two-runs/tests.ts';
import validComparisonsTests from '../../exercises/valid-comparisons/tests.ts';
import writeASpecTests from '../../exercises/write-a-spec/tests.ts';
import { seriousViolations } from './pages.ts';

// The same folders the site is built from, read by the Node loader.
const registry = await loadExerciseRegistry();
const EXERCISE_IDS = registry.ids;
const getExercise = registry.get;
const fixTimingHarness = registry.get('fix-timing-harness');
const fixWgslKernel = registry.get('fix-wgsl-kernel');
const readTwoRuns = registry.get('read-two-runs');
const validComparisons = registry.get('valid-comparisons');
const writeASpec = registry.get('write-a-spec');

// The <Exercise> island on the practice pages, in Chromium. The test knows each variant because it
// opens the page with ?seed=, and computes the right answers here, in Node, from the exercise's hidden
// side (tests.ts solve()), which the site itself never loads.

/** The variant a page shows for `seed`, and the answers that score 1 on it. */
// biome-ignore lint/suspicious/noExplicitAny: the hidden tests of any exercise
function answersFor<V>(exercise: AnyExercise, tests: ExerciseTests<V, any>, seed: number) {
  const variant = createVariant(exercise, seed);
  return { variant, right: tests.solve(variant as never) as Answers };
}

const island = (page: Page) => page.locator('.bc-exercise-island');
const part = (page: Page, id: string) => page.locator(`.bc-ex-part[data-part="${id}"]`);
const checkButton = (page: Page) => island(page).getByRole('button', { name: 'Check', exact: true });
const progressLine = (page: Page) => page.getByTestId('exercise-progress');

async function openExercise(page: Page, id: string, seed?: number) {
  await page.goto(`/exercises/${id}/${seed === undefined ? '' : `?seed=${seed}`}`);
  await expect(island(page)).toHaveAttribute('data-ready', 'yes');
  if (seed !== undefined) await expect(page.getByTestId('exercise-seed')).toHaveText(String(seed));
}

async function answerNumber(page: Page, id: string, text: string) {
  await part(page, id).getByRole('textbox').fill(text);
}

async function pick(page: Page, partId: string, optionId: string) {
  await part(page, partId).locator(`input[value="${optionId}"]`).check();
}

/** Types text into a part's CodeMirror editor, replacing what is there. */
async function typeIntoEditor(page: Page, partId: string, text: string) {
  const content = part(page, partId).locator('.cm-content');
  await expect(content).toBeVisible();
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await expect
    .poll(() => content.evaluate((el) => (el as HTMLElement).innerText.replace(/\u200b/g, '').trim().length))
    .toBeGreaterThan(text.trim().length * 0.9);
}

function feedback(page: Page, id: string): Locator {
  return part(page, id).locator('.bc-ex-feedback');
}

test.describe('read-two-runs (numbers and choices)', () => {
  const SEED = 123;
  const { variant, right } = answersFor(readTwoRuns, readTwoRunsTests, SEED);
  const data = variant.data as { a: number[]; b: number[]; medianOf: 'a' | 'b' };
  const run = data.medianOf === 'a' ? data.a : data.b;
  const theMedian = quantileSorted(
    [...run].sort((x, y) => x - y),
    0.5,
  )!;
  const theMean = mean(run)!;

  test('a wrong answer gets feedback, a format error costs no attempt, right answers pass, a hint; a reload keeps it all', async ({ page }) => {
    expect(Math.abs(theMean - theMedian) / theMedian).toBeGreaterThan(0.01); // the variant can tell the two apart
    await openExercise(page, 'read-two-runs', SEED);
    await expect(progressLine(page)).toHaveText('No attempts yet.');

    // Wrong: the mean instead of the median.
    await answerNumber(page, 'median', `${theMean.toFixed(4)} ms`);
    await checkButton(page).click();
    await expect(feedback(page, 'median')).toHaveAttribute('data-status', 'wrong');
    await expect(feedback(page, 'median')).toContainText('Not yet');
    await expect(feedback(page, 'median')).toContainText('That is the mean');
    await expect(progressLine(page)).toContainText('Attempts: 1');

    // A number without its unit cannot be read: said so, and no attempt used.
    await answerNumber(page, 'median', theMedian.toFixed(3));
    await checkButton(page).click();
    await expect(feedback(page, 'median')).toHaveAttribute('data-status', 'format-error');
    await expect(feedback(page, 'median')).toContainText('Give the unit too');
    await expect(island(page).getByRole('status').filter({ hasText: 'Not counted as an attempt' })).toBeVisible();
    await expect(progressLine(page)).toContainText('Attempts: 1');

    // Right, every part.
    await answerNumber(page, 'median', String(right.median));
    await answerNumber(page, 'p90', String(right.p90));
    await pick(page, 'significant', String(right.significant));
    await pick(page, 'misleading', String(right.misleading));
    await checkButton(page).click();
    for (const id of ['median', 'p90', 'significant', 'misleading']) await expect(feedback(page, id)).toHaveAttribute('data-status', 'correct');
    await expect(page.getByTestId('exercise-score')).toHaveText(/10 of 10 points \(100%\) · every part correct/);
    await expect(progressLine(page)).toContainText('Attempts: 2');

    // Hints, one at a time.
    await island(page).getByRole('button', { name: 'Show hint 1 of 4' }).click();
    const hints = island(page).getByRole('region', { name: 'Hints' });
    await expect(hints.getByRole('listitem')).toHaveCount(1);
    await expect(hints).toContainText('Sort the samples first');
    await expect(island(page).getByRole('button', { name: 'Show hint 2 of 4' })).toBeVisible();

    // A reload, without the seed in the address: the same variant, answers, feedback, attempts and hint.
    await openExercise(page, 'read-two-runs');
    await expect(page.getByTestId('exercise-seed')).toHaveText(String(SEED));
    await expect(part(page, 'median').getByRole('textbox')).toHaveValue(String(right.median));
    await expect(part(page, 'significant').locator(`input[value="${right.significant}"]`)).toBeChecked();
    await expect(feedback(page, 'p90')).toHaveAttribute('data-status', 'correct');
    await expect(progressLine(page)).toContainText('Attempts: 2');
    await expect(island(page).getByRole('region', { name: 'Hints' }).getByRole('listitem')).toHaveCount(1);
  });

  test('"New variant" draws other numbers and starts an empty form; the attempts stay', async ({ page }) => {
    await openExercise(page, 'read-two-runs', SEED);
    await answerNumber(page, 'median', String(right.median));
    await checkButton(page).click();
    await expect(progressLine(page)).toContainText('Attempts: 1');
    const before = await island(page).locator('.bc-ex-dataset pre').first().innerText();
    await island(page).getByRole('button', { name: 'New variant' }).click();
    await expect(page.getByTestId('exercise-seed')).not.toHaveText(String(SEED));
    await expect(island(page).locator('.bc-ex-dataset pre').first()).not.toHaveText(before);
    await expect(part(page, 'median').getByRole('textbox')).toHaveValue('');
    await expect(feedback(page, 'median')).toHaveCount(0);
    await expect(progressLine(page)).toContainText('Attempts: 1');
    expect(new URL(page.url()).searchParams.has('seed')).toBe(false);
  });

  test('the worked solution shows in the instructor view only', async ({ page }) => {
    await openExercise(page, 'read-two-runs', SEED);
    const solution = page.locator('.bc-ex-solution');
    await expect(solution).toBeHidden();
    await page.goto(`/exercises/read-two-runs/?seed=${SEED}&instructor=1`);
    await expect(solution).toBeVisible();
    await expect(solution).toContainText('linear interpolation');
  });
});

test('valid-comparisons: the steps are put in order with the keyboard, and the whole exercise passes', async ({ page }) => {
  const SEED = 31;
  const { right } = answersFor(validComparisons, validComparisonsTests, SEED);
  await openExercise(page, 'valid-comparisons', SEED);
  const list = part(page, 'order').getByRole('list');
  const target = right.order as string[];
  const texts = await list.getByRole('listitem').allInnerTexts();
  expect(texts.length).toBe(target.length);
  // Selection sort with the Up buttons, from the keyboard: focus a button, press Enter.
  for (let i = 0; i < target.length; i++) {
    for (;;) {
      const ids = await list
        .locator('button[data-focus$=":up"]')
        .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-focus')!.replace(/:up$/, '')));
      const at = ids.indexOf(target[i]!);
      if (at === i) break;
      const up = list.locator(`button[data-focus="${target[i]}:up"]`);
      await up.focus();
      await page.keyboard.press('Enter');
      // Focus stays on the moved item, so the next Enter moves it again.
      await expect(list.locator(`button[data-focus^="${target[i]}:"]`).and(page.locator(':focus'))).toHaveCount(1);
    }
  }
  await pick(page, 'valid-pair', String(right['valid-pair']));
  for (const reason of right['why-invalid'] as string[]) await pick(page, 'why-invalid', reason);
  await checkButton(page).click();
  for (const id of ['order', 'valid-pair', 'why-invalid']) await expect(feedback(page, id)).toHaveAttribute('data-status', 'correct');
});

test('write-a-spec: completion from the schema; a mistake is marked at its line; Check gives a checklist; the right spec passes', async ({
  page,
}) => {
  const SEED = 5;
  const { right } = answersFor(writeASpec, writeASpecTests, SEED);
  const good = String(right.spec);
  const lines = good.split('\n');
  const lineOf = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
  const line = lineOf('direction: lower');
  const last = lineOf('min-duration-ms: 1000');
  expect(line).toBeGreaterThan(0);
  expect(last).toBeGreaterThan(line);
  // Four mistakes: the feedback quotes the first three, the list under it names the fourth by its line.
  const broken = good
    .replace('direction: lower', 'direction: down')
    .replace('scenario: single-stream', 'scenario: one-stream')
    .replace('warmup: 5', 'warmup: -1')
    .replace('min-duration-ms: 1000', 'min-duration-ms: soon');
  await openExercise(page, 'write-a-spec', SEED);
  // Completion from the spec's JSON Schema, with the field's description.
  await typeIntoEditor(page, 'spec', 'version: 1\nconstraints:\n  warmup: 1\n  ');
  await page.keyboard.type('min-s');
  const completion = page.locator('.cm-tooltip-autocomplete');
  await expect(completion).toContainText('min-samples');
  await expect(completion).toContainText('p90 needs 100');
  await page.keyboard.press('Escape');
  await typeIntoEditor(page, 'spec', broken);
  // The engine's validator marks each line, in the text and in the gutter.
  const editor = part(page, 'spec').locator('.cm-editor');
  await expect(
    editor
      .locator('.cm-line')
      .nth(line - 1)
      .locator('.cm-lintRange-error')
      .first(),
  ).toBeVisible();
  await expect(
    editor
      .locator('.cm-line')
      .nth(last - 1)
      .locator('.cm-lintRange-error')
      .first(),
  ).toBeVisible();
  await expect(editor.locator('.cm-line').nth(line).locator('.cm-lintRange-error')).toHaveCount(0);
  await expect(editor.locator('.cm-gutter-lint .cm-lint-marker-error').first()).toBeVisible();
  await checkButton(page).click();
  const fb = feedback(page, 'spec');
  await expect(fb).toHaveAttribute('data-status', 'partial');
  // validates, warm-up, and (since the run-rules item) the run rules: min-duration-ms is not a number
  await expect(fb.getByRole('list', { name: 'Checklist' }).getByRole('listitem').filter({ hasText: 'failed' })).toHaveCount(3);
  await expect(fb.locator('.bc-ex-feedback-text')).toContainText(`line ${line}: metrics[0].direction: expected "lower" or "higher", got "down"`);
  const byLine = fb.getByRole('list', { name: 'Problems by line' });
  await expect(byLine.getByRole('listitem')).toHaveCount(1);
  await expect(byLine).toContainText(`line ${last}, column`);
  await expect(byLine).toContainText('expected a number, got "soon"');
  await typeIntoEditor(page, 'spec', good);
  await expect(editor.locator('.cm-lintRange-error')).toHaveCount(0);
  await checkButton(page).click();
  await expect(fb).toHaveAttribute('data-status', 'correct');
});

test('fix-timing-harness: the code runs in the sandbox worker; failures read as sentences; the fix passes', async ({ page }) => {
  const SEED = 7;
  const { right } = answersFor(fixTimingHarness, fixTimingHarnessTests, SEED);
  await openExercise(page, 'fix-timing-harness', SEED);
  await expect(part(page, 'code').locator('.cm-content')).toBeVisible();
  // The starter as given: its faults fail their tests, each with a message.
  await checkButton(page).click();
  const fb = feedback(page, 'code');
  await expect(fb).toHaveAttribute('data-status', /wrong|partial/, { timeout: 30_000 });
  const failed = fb.getByRole('list', { name: 'Checklist' }).getByRole('listitem').filter({ hasText: 'failed' });
  expect(await failed.count()).toBeGreaterThan(0);
  await expect(failed.first().locator('.bc-ex-detail-message')).toHaveText(/\w+ \w+ \w+/);
  // Code that does not parse: a format error with no attempt used.
  await expect(progressLine(page)).toContainText('Attempts: 1');
  await typeIntoEditor(page, 'code', String(right.code).replace('batch *= 2;', 'batch *= ;'));
  await checkButton(page).click();
  await expect(fb).toHaveAttribute('data-status', 'format-error');
  await expect(fb).toContainText('does not parse');
  await expect(progressLine(page)).toContainText('Attempts: 1');
  // The fixed harness.
  await typeIntoEditor(page, 'code', String(right.code));
  await checkButton(page).click();
  await expect(fb).toHaveAttribute('data-status', 'correct', { timeout: 30_000 });
  await expect(progressLine(page)).toContainText('Attempts: 2');
});

test('fix-wgsl-kernel: the kernel runs on WebGPU in the page, with the first wrong element named; the fix passes', async ({ page }) => {
  const SEED = 3;
  const { right } = answersFor(fixWgslKernel, fixWgslKernelTests, SEED);
  await openExercise(page, 'fix-wgsl-kernel', SEED);
  await expect(part(page, 'code').locator('.cm-content')).toBeVisible();
  await checkButton(page).click();
  const fb = feedback(page, 'code');
  await expect(fb).toHaveAttribute('data-status', 'wrong', { timeout: 30_000 });
  await expect(fb).toContainText(/out\[\d+\]/);
  await typeIntoEditor(page, 'code', String(right.code));
  await checkButton(page).click();
  await expect(fb).toHaveAttribute('data-status', 'correct', { timeout: 30_000 });
});

test('without WebGPU, the WGSL check says why and uses no attempt', async ({ page }) => {
  // A browser without WebGPU: navigator.gpu is gone before the page's scripts run.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true }));
  await openExercise(page, 'fix-wgsl-kernel', 3);
  await expect(part(page, 'code').locator('.cm-content')).toBeVisible();
  await checkButton(page).click();
  await expect(island(page).getByRole('status').filter({ hasText: 'No attempt was used' })).toContainText(/WebGPU/);
  await expect(feedback(page, 'code')).toHaveCount(0);
  await expect(progressLine(page)).toHaveText('No attempts yet.');
});

test('every practice page shows its variant without a page error', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const id of EXERCISE_IDS) {
    await openExercise(page, id, 1000 + id.length);
    await expect(island(page).locator('.bc-ex-intro')).not.toBeEmpty();
    await expect(island(page).locator('.bc-ex-part')).toHaveCount(getExercise(id).parts.length);
  }
  await page.goto('/exercises/');
  for (const id of EXERCISE_IDS) await expect(page.locator(`a[href="/exercises/${id}/"]`)).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('a submission exported from the progress page imports into a fresh browser profile', async ({ page, browser }) => {
  const SEED = 77;
  const { right } = answersFor(readTwoRuns, readTwoRunsTests, SEED);
  await openExercise(page, 'read-two-runs', SEED);
  await answerNumber(page, 'median', String(right.median));
  await answerNumber(page, 'p90', String(right.p90));
  await pick(page, 'significant', String(right.significant));
  await pick(page, 'misleading', String(right.misleading));
  await checkButton(page).click();
  await expect(progressLine(page)).toContainText('Attempts: 1');

  await page.goto('/progress/');
  const row = page.locator('tr[data-exercise="read-two-runs"]');
  await expect(row.locator('[data-field="attempts"]')).toHaveText('1');
  await expect(row.locator('[data-field="best"]')).toHaveText('10 of 10 points (100%), complete');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export submission' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^benchmark-carpentry-\d{4}-\d\d-\d\d\.submission\.json$/);
  const file = await download.path();
  const submission = JSON.parse(readFileSync(file, 'utf8'));
  expect(submission).toMatchObject({ format: 'benchmark-carpentry/submission', version: 1 });
  const entry = submission.exercises.find((e: { exercise: string }) => e.exercise === 'read-two-runs');
  expect(entry.attempts).toHaveLength(1);
  expect(entry.attempts[0]).toMatchObject({ seed: SEED, score: 1, points: 10, answers: right });
  expect(entry.state).toMatchObject({ seed: SEED, seedSource: 'url' });

  // A fresh profile: nothing stored yet.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('/progress/');
  await expect(other.getByRole('status').filter({ hasText: 'No attempts in this browser yet.' })).toBeVisible();
  const otherRow = other.locator('tr[data-exercise="read-two-runs"]');
  await expect(otherRow.locator('[data-field="attempts"]')).toHaveText('0');
  // A file that is not a submission: refused, with the reason, and nothing changes.
  await other
    .locator('#progress-import')
    .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"benchmark-carpentry/result","version":1}') });
  await expect(other.getByRole('alert')).toContainText('notes.json is not a Benchmark Carpentry submission');
  await expect(otherRow.locator('[data-field="attempts"]')).toHaveText('0');
  // The exported file: merged in.
  await other.locator('#progress-import').setInputFiles(file);
  await expect(other.getByRole('status').filter({ hasText: /^Imported .*: 1 attempt added/ })).toBeVisible();
  await expect(otherRow.locator('[data-field="attempts"]')).toHaveText('1');
  await expect(otherRow.locator('[data-field="best"]')).toHaveText('10 of 10 points (100%), complete');
  // Importing it again adds nothing.
  await other.locator('#progress-import').setInputFiles(file);
  await expect(other.getByRole('status').filter({ hasText: '0 attempts added (1 already here)' })).toBeVisible();
  // The practice page of the new profile shows the imported variant and attempt.
  await other.goto('/exercises/read-two-runs/');
  await expect(other.getByTestId('exercise-seed')).toHaveText(String(SEED));
  await expect(other.getByTestId('exercise-progress')).toContainText('Attempts: 1');
  await fresh.close();
});

for (const route of ['/exercises/', '/progress/', '/exercises/read-two-runs/?seed=123', '/exercises/write-a-spec/?seed=5']) {
  test(`axe: ${route} has no serious or critical violations`, async ({ page }) => {
    await page.goto(route.includes('?') ? `${route}&instructor=1` : `${route}?instructor=1`);
    if (route.includes('/exercises/') && route.includes('seed')) {
      await expect(island(page)).toHaveAttribute('data-ready', 'yes');
      // With feedback on screen: a check of whatever the form holds (an empty spec's starter, or nothing).
      await checkButton(page).click();
      await expect(island(page).locator('.bc-ex-outcome')).not.toHaveText(/Checking/);
      if (route.includes('write-a-spec')) await expect(part(page, 'spec').locator('.cm-content')).toBeVisible();
    }
    await page.waitForLoadState('networkidle');
    const bad = await seriousViolations(page);
    expect(bad).toEqual([]);
  });
}
