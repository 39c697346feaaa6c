import { copyFile, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ISOLATED_URL } from '../../playwright.config.ts';
import { spawnAgent } from '../../runtime/node/agent/spawn-agent.ts';
import { swiftShaderEnv } from '../../runtime/node/webgpu.ts';
import { parseCsv } from '../../runtime/classroom/csv.ts';
import { CAPSTONE_SECTIONS } from '../../runtime/capstone/report.ts';
import { writeGradeOutputs } from '../../runtime/node/classroom/grade-output.ts';
import { runGrading } from '../../runtime/node/classroom/grade-run.ts';
import { PROJECT_ROOT } from '../../runtime/node/exercise-folders.ts';
import { specHash } from '../../runtime/spec/hash.ts';
import { loadSpec } from '../../runtime/spec/load.ts';

// The capstone end to end: in Chromium a learner designs a spec in the page's editor, runs it in the
// page, writes the report and exports it; the grader grades the file: the checked points in the
// gradebook row, the instructor's points named as pending, the record matched to the spec.

const SPEC = (await readFile(path.join(PROJECT_ROOT, 'test/unit/fixtures/capstone/kiosk-frame-blend.bench.yaml'), 'utf8'))
  .replace('min-duration-ms: 300', 'min-duration-ms: 200')
  .replace('max-duration-ms: 3000', 'max-duration-ms: 2000');
// An honest short report as a learner writes it (the rubric counts real words and sentences, not tokens).
const HONEST = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'test/fixtures/capstone/honest-sections.json'), 'utf8')) as Record<string, string>;
const words = (id: string) => HONEST[id]!;

test('capstone: design a spec, run it in the page, write the report, export, grade: checked points and "needs instructor"', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/professional/capstone/');
  const bench = page.locator('.bc-capstone');
  await expect(bench.getByText('Checked: 0 of 70 points')).toBeVisible();

  await bench.getByLabel('Your domain, in a few words').fill('museum kiosk frame blending');
  const content = page.getByTestId('capstone-editor').locator('.cm-content');
  await expect(content).toBeVisible();
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(SPEC);
  await expect(page.getByTestId('capstone-validation')).toContainText('The spec validates');

  await bench.getByRole('button', { name: 'Run my spec' }).click();
  await expect(page.getByTestId('capstone-run-status')).toContainText('the record is attached', { timeout: 30_000 });
  await expect(page.getByTestId('record-browser')).toContainText('95% CI');

  for (const s of CAPSTONE_SECTIONS) await bench.getByLabel(s.title, { exact: true }).fill(words(s.id));
  await expect(bench.getByText('Checked: 70 of 70 points')).toBeVisible();
  await bench.screenshot({ path: 'test-results/capstone-after-run.png' });

  const downloading = page.waitForEvent('download');
  await bench.getByRole('button', { name: 'Export the report' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^capstone-\d{4}-\d{2}-\d{2}\.submission\.json$/);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'capstone-e2e-'));
  const submissions = path.join(dir, 'submissions');
  await mkdir(submissions);
  const file = path.join(submissions, 'ada.submission.json');
  await copyFile(await download.path(), file);
  const exported = JSON.parse(await readFile(file, 'utf8'));
  expect(exported.format).toBe('benchmark-carpentry/capstone');
  expect(exported.records).toHaveLength(1);
  expect(exported.records[0].target).toBe('js');
  expect(exported.records[0].spec.hash).toBe(specHash(loadSpec(SPEC).spec!));

  const result = await runGrading({
    assignmentPath: path.join(PROJECT_ROOT, 'exercises/capstone.assignment.yaml'),
    submissionsDir: submissions,
    env: { COURSE_SECRET: 'capstone-e2e-secret-0123456789' },
    workers: 0,
  });
  if ('errors' in result) throw new Error(result.errors.join('\n'));
  const out = path.join(dir, 'out');
  await writeGradeOutputs(result.grades, out);
  const rows = parseCsv(await readFile(path.join(out, 'gradebook.csv'), 'utf8')).map((r) => r.fields);
  expect(rows[0]).toEqual(['learner', 'name', 'email', 'status', 'points', 'max', 'capstone', 'message']);
  const ada = rows.find((r) => r[0] === 'ada')!;
  // A run that the browser judged INVALID (a noisy machine) still earns the record's points: the verdict is there.
  expect(ada.slice(3, 7)).toEqual(['graded', '70', '100', '70']);
  expect(ada[7]).toContain(
    'needs instructor: fit to the domain (0/10 pending), reading of the results (0/10 pending), threats to validity (0/10 pending)',
  );
  expect(ada[7]).not.toContain('FLAGGED');
  const feedback = await readFile(path.join(out, 'feedback', 'ada.md'), 'utf8');
  expect(feedback).toContain('Part record-matches-spec: correct');
});

test('capstone with the agent paired: the same spec runs natively and both records are attached', async ({ page }) => {
  test.setTimeout(120_000);
  const agent = await spawnAgent(['--allow-origin', ISOLATED_URL, '--site', `${ISOLATED_URL}/professional/capstone/`], {
    env: { ...process.env, ...swiftShaderEnv() },
  });
  try {
    await page.goto(agent.link);
    const bench = page.locator('.bc-capstone');
    const content = page.getByTestId('capstone-editor').locator('.cm-content');
    await expect(content).toBeVisible();
    await content.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(SPEC.replace('targets: [js]', 'targets: [js, node-webgpu]'));
    await expect(page.getByTestId('capstone-validation')).toContainText('The spec validates');
    const target = bench.getByLabel('Target');
    await expect(target.locator('option', { hasText: '(agent)' })).toHaveCount(1, { timeout: 30_000 });
    await bench.getByRole('button', { name: 'Run my spec' }).click();
    await expect(page.getByTestId('record-browser')).toBeVisible({ timeout: 30_000 });
    await target.selectOption({ label: (await target.locator('option', { hasText: '(agent)' }).innerText()).trim() });
    await bench.getByRole('button', { name: 'Run my spec' }).click();
    await expect(page.getByTestId('record-agent')).toContainText('node-webgpu', { timeout: 60_000 });
    // Both records are runs of the spec on screen: the checklist's record items pass.
    await expect(bench.getByText('The record fits your spec', { exact: false })).toBeVisible();
    await expect(bench.locator('li[data-status="failed"]', { hasText: 'fits your spec' })).toHaveCount(0);
  } finally {
    agent.stop();
  }
});
