import { expect, test } from '@playwright/test';
import { PLAIN_URL } from '../../playwright.config.ts';
import { lessonPages } from './pages.ts';

const episode = lessonPages().find((p) => p.route === '/foundations/measuring-time/')!;
/** The episode with the WebGPU probe (Foundations episode 4). */
const PROBE_EPISODE = '/foundations/gpus-and-environment/';

test('an episode opens with its timings, questions and objectives and closes with key points', async ({ page }) => {
  await page.goto(episode.route);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(String(episode.data.title));
  const overview = page.getByRole('region', { name: 'Episode overview' });
  await expect(overview).toContainText(`Teaching: ${episode.data.teaching} min`);
  const objectives = page.getByRole('list', { name: 'Objectives' });
  await expect(objectives.getByRole('listitem')).toHaveText(episode.data.objectives as string[]);
  await expect(page.getByRole('list', { name: 'Questions' }).getByRole('listitem')).toHaveText(episode.data.questions as string[]);
  await expect(page.getByRole('note', { name: 'Key points' }).getByRole('listitem')).toHaveText(episode.data.keypoints as string[]);
});

test('a learner expands a solution inside a challenge', async ({ page }) => {
  await page.goto(episode.route);
  const challenge = page.locator('section.bc-challenge').first();
  const solution = challenge.locator('details.bc-solution').first();
  await expect(solution).not.toHaveAttribute('open');
  await expect(solution.locator('.bc-body')).toBeHidden();
  await solution.getByText('Solution', { exact: true }).click();
  await expect(solution).toHaveAttribute('open');
  await expect(solution.locator('.bc-body')).toBeVisible();
});

test('the instructor view shows instructor notes, opens solutions, and persists', async ({ page }) => {
  await page.goto(episode.route);
  const note = page.locator('[data-block="instructor"]').first();
  await expect(note).toBeHidden();
  const toggle = page.getByRole('button', { name: /Instructor view/ });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(note).toBeVisible();
  await expect(page.locator('details.bc-solution').first()).toHaveAttribute('open');
  await page.reload();
  await expect(page.locator('[data-block="instructor"]').first()).toBeVisible();
  await page.getByRole('button', { name: /Instructor view/ }).click();
  await expect(page.locator('[data-block="instructor"]').first()).toBeHidden();
  await expect(page.locator('details.bc-solution').first()).not.toHaveAttribute('open');
});

test('the instructor view is reachable by URL, on and off', async ({ page }) => {
  await page.goto(`${episode.route}?instructor=1`);
  await expect(page.locator('[data-block="instructor"]').first()).toBeVisible();
  await expect(page.getByRole('button', { name: /Instructor view/ })).toHaveAttribute('aria-pressed', 'true');
  await page.goto(`${episode.route}?instructor=0`);
  await expect(page.locator('[data-block="instructor"]').first()).toBeHidden();
});

test('search finds a lesson', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).first().click();
  await page.getByRole('dialog', { name: 'Search' }).getByRole('textbox', { name: 'Search' }).fill('timer resolution');
  const hit = page.locator('.pagefind-ui__result-link').first();
  await expect(hit).toBeVisible();
  await expect(page.locator('.pagefind-ui__result-link', { hasText: String(episode.data.title) }).first()).toBeVisible();
});

test('the WebGPU probe shows the real SwiftShader adapter on a cross-origin isolated page', async ({ page }) => {
  await page.goto(PROBE_EPISODE);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const probe = page.getByTestId('webgpu-probe');
  await probe.scrollIntoViewIfNeeded();
  await expect(probe).toContainText('WebGPU is available');
  await expect(probe.getByTestId('adapter-vendor')).toContainText(/swiftshader/i);
  await expect(probe).toContainText('CPU fallback adapter');
  await expect(probe.getByTestId('adapter-features')).toContainText('timestamp-query');
  await expect(probe.getByTestId('isolation')).toHaveText(/^yes/);
});

test('on a static host without COOP/COEP the lesson still works, labelled', async ({ page }) => {
  await page.goto(`${PLAIN_URL}${PROBE_EPISODE}`);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  const probe = page.getByTestId('webgpu-probe');
  await probe.scrollIntoViewIfNeeded();
  await expect(probe.getByTestId('isolation')).toContainText('no: the server sent no COOP/COEP headers');
  await expect(probe).toContainText('WebGPU is available');
});

test('the schedule sums teaching and exercises per level', async ({ page }) => {
  const episodes = lessonPages().filter((p) => p.data.level === 'foundations' && p.data.order);
  const total = episodes.reduce((s, p) => s + Number(p.data.teaching) + Number(p.data.exercises), 0);
  await page.goto('/schedule/');
  const table = page.getByRole('table').first();
  await expect(table.locator('tbody tr')).toHaveCount(episodes.length);
  const fmt = total >= 60 ? `${Math.floor(total / 60)} h${total % 60 ? ` ${total % 60} min` : ''}` : `${total} min`;
  await expect(table.locator('tfoot')).toContainText(fmt);
});

test('every level has a one-page cheat sheet: each prints on one A4 and one Letter page', async ({ page }) => {
  for (const level of ['foundations', 'practitioner', 'researcher', 'professional']) {
    expect((await page.goto(`/${level}/cheat-sheet/`))?.status(), level).toBe(200);
    await page.emulateMedia({ media: 'print' });
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = await page.pdf({ format });
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [], `${level} on ${format}`).toHaveLength(1);
    }
  }
});
