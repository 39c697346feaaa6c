import { mkdtemp, readdir, readFile, writeFile, copyFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import readTwoRunsTests from '../../exercises/read-two-runs/tests.ts';
import { parseCsv } from '../../runtime/classroom/csv.ts';
import { main } from '../../runtime/cli/main.ts';
import { createVariant } from '../../runtime/exercises/check.ts';
import { seedFor } from '../../runtime/exercises/seed.ts';
import { writeGradeOutputs } from '../../runtime/node/classroom/grade-output.ts';
import { runGrading } from '../../runtime/node/classroom/grade-run.ts';
import { loadExerciseRegistry, PROJECT_ROOT } from '../../runtime/node/exercise-folders.ts';
import { seriousViolations } from './pages.ts';

// The classroom end to end: an assignment link opens the learner's variant in Chromium, the learner
// answers and exports, the grader grades the export, the gradebook row says so, the statistics page
// reads grades.json; the preview page keeps the secret to itself; dist/ holds no hidden test.

const SECRET = 'e2e-course-secret-5f1c0d9a7b3e';
const registry = await loadExerciseRegistry();

async function course() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'class-e2e-'));
  const assignment = path.join(dir, 'e2e.assignment.yaml');
  await writeFile(
    assignment,
    'id: week-e2e\ncourse: bench-101\ntitle: E2E week\nexercises:\n  - id: read-two-runs\n    points: 10\ndue: 2099-01-01T00:00:00Z\nsecret: { env: WORKBOOK_E2E_SECRET }\n',
  );
  const roster = path.join(dir, 'roster.csv');
  await writeFile(roster, 'learner,name,email\nada,Ada Lovelace,ada@example.org\nbob,Bob,bob@example.org\n');
  return { dir, assignment, roster };
}

test('assignment link -> the learner variant -> answers -> export -> grader -> gradebook row; the statistics page reads it', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  process.env.WORKBOOK_E2E_SECRET = SECRET;
  const { dir, assignment, roster } = await course();
  expect(await main(['assign', assignment, roster, '--out', path.join(dir, 'links'), '--site', `${baseURL}/`])).toBe(0);
  const links = parseCsv(await readFile(path.join(dir, 'links', 'links.csv'), 'utf8'));
  const url = links.find((r) => r.fields[0] === 'ada')!.fields[4]!;
  expect(url).not.toContain(SECRET);
  const seed = seedFor({ courseSecret: SECRET, assignment: 'week-e2e', learner: 'ada' });

  await page.goto(url);
  const island = page.locator('.bc-exercise-island');
  await expect(island).toHaveAttribute('data-ready', 'yes');
  await expect(page.getByTestId('exercise-seed')).toHaveText(String(seed));
  await expect(island).toContainText('assigned by your course: bench-101, week-e2e');
  await expect(island.getByRole('button', { name: 'New variant' })).toHaveCount(0);

  const right = readTwoRunsTests.solve(createVariant(registry.get('read-two-runs'), seed) as never) as Record<string, string>;
  const part = (id: string) => page.locator(`.bc-ex-part[data-part="${id}"]`);
  await part('median').getByRole('textbox').fill('1 ms'); // a wrong first attempt: the second is worth 75%
  await island.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('exercise-progress')).toContainText('Attempts: 1');
  await part('median').getByRole('textbox').fill(right.median!);
  await part('p90').getByRole('textbox').fill(right.p90!);
  await part('significant').locator(`input[value="${right.significant}"]`).check();
  await part('misleading').locator(`input[value="${right.misleading}"]`).check();
  await island.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('exercise-progress')).toContainText('Attempts: 2');

  await page.goto('/progress/');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export submission' }).click();
  const download = await downloading;
  const submissions = path.join(dir, 'submissions');
  await mkdir(submissions);
  await copyFile(await download.path(), path.join(submissions, 'ada.submission.json'));
  const exported = JSON.parse(await readFile(path.join(submissions, 'ada.submission.json'), 'utf8'));
  expect(exported.exercises[0].assignment).toMatchObject({ course: 'bench-101', assignment: 'week-e2e', learner: 'ada', seed });

  const result = await runGrading({ assignmentPath: assignment, submissionsDir: submissions, rosterPath: roster, env: process.env, workers: 0 });
  if ('errors' in result) throw new Error(result.errors.join('\n'));
  const out = path.join(dir, 'out');
  await writeGradeOutputs(result.grades, out);
  const rows = parseCsv(await readFile(path.join(out, 'gradebook.csv'), 'utf8')).map((r) => r.fields);
  expect(rows[1]).toEqual(['ada', 'Ada Lovelace', 'ada@example.org', 'graded', '7.5', '10', '7.5', '']);
  expect(rows[2]!.slice(0, 5)).toEqual(['bob', 'Bob', 'bob@example.org', 'missing', '0']);

  await page.goto('/instructor/statistics/');
  await page.locator('#stats-file').setInputFiles(path.join(out, 'grades.json'));
  await expect(page.getByRole('status')).toHaveText('E2E week: 2 learners, 1 graded, 1 missing, 0 error rows.');
  const section = page.locator('section[data-exercise="read-two-runs"]');
  await expect(section.locator('svg').first()).toBeVisible();
  await expect(section.getByRole('table', { name: /most common wrong answers/ })).toContainText('1 ms');
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await readFile(await (await csvDownload).path(), 'utf8');
  expect(csv).toContain('part,read-two-runs,median,1,1,0,0,0,1');
  expect(await seriousViolations(page)).toEqual([]);
});

test('the preview page shows any learner variant from a secret typed in the page, and sends the secret nowhere', async ({ page }) => {
  const seen: string[] = [];
  page.on('request', (r) => seen.push(`${r.url()} ${r.postData() ?? ''}`));
  await page.goto('/instructor/preview/');
  await page.getByLabel('Assignment').fill('week-e2e');
  await page.getByLabel('Learner').fill('ada');
  await page.getByLabel('Course secret').fill(SECRET);
  await page.getByRole('button', { name: 'Show variants' }).click();
  const seed = seedFor({ courseSecret: SECRET, assignment: 'week-e2e', learner: 'ada' });
  await expect(page.getByTestId('preview-seed')).toContainText(`seed ${seed}`);
  await expect(page.getByRole('link', { name: registry.get('read-two-runs').title })).toHaveAttribute(
    'href',
    `/exercises/read-two-runs/?seed=${seed}`,
  );
  expect(page.url()).not.toContain(SECRET);
  for (const r of seen) expect(r).not.toContain(SECRET);
  expect(await seriousViolations(page)).toEqual([]);
});

test('dist/ holds no hidden test (tests.ts) and no secret of the repository', async () => {
  // Text of every tests.ts that appears nowhere the site may show it: not in its exercise's other files,
  // nor in runtime/ or src/ (a test's expected feedback is the checker's own words, which the page shows).
  const needles: string[] = ['corpus-secret-0123456789abcdef'];
  let site = '';
  for (const dir of ['runtime', 'src'])
    for (const e of await readdir(path.join(PROJECT_ROOT, dir), { recursive: true, withFileTypes: true }))
      if (e.isFile() && /\.(ts|tsx|astro|js)$/.test(e.name)) site += await readFile(path.join(e.parentPath, e.name), 'utf8');
  for (const id of registry.ids) {
    const folder = path.join(PROJECT_ROOT, 'exercises', id);
    const tests = await readFile(path.join(folder, 'tests.ts'), 'utf8');
    let shared = site;
    for (const e of await readdir(folder, { recursive: true, withFileTypes: true }))
      if (e.isFile() && e.name !== 'tests.ts') shared += await readFile(path.join(e.parentPath, e.name), 'utf8');
    for (const m of tests.matchAll(/'([^'\\\n]{24,})'|`([^`\\$\n]{24,})`/g)) {
      const text = m[1] ?? m[2]!;
      if (!shared.includes(text)) needles.push(text);
    }
  }
  expect(needles.length).toBeGreaterThan(20);
  const dist = path.join(PROJECT_ROOT, 'dist');
  const hits: string[] = [];
  for (const e of await readdir(dist, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !/\.(html|js|mjs|css|json|txt|xml|map|md)$/.test(e.name)) continue;
    const text = await readFile(path.join(e.parentPath, e.name), 'utf8');
    for (const n of needles) if (text.includes(n)) hits.push(`${path.relative(dist, path.join(e.parentPath, e.name))}: ${n}`);
  }
  expect(hits).toEqual([]);
});
