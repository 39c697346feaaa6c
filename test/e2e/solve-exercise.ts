import { expect, type Page } from '@playwright/test';
import { createVariant } from '../../runtime/exercises/check.ts';
import type { Answers, ExerciseTests } from '../../runtime/exercises/types.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';

const registry = loadExerciseRegistry();

/**
 * A learner answers an exercise on the variant the page drew: reads its seed, computes the right answers in
 * Node (the exercise's tests.ts `solve`), enters them (choices checked, numbers typed), checks once and sees
 * full marks and one attempt in the progress line.
 */
// biome-ignore lint/suspicious/noExplicitAny: the hidden tests of any exercise
export async function answerWithSolution(page: Page, id: string, tests: ExerciseTests<any, any>) {
  const ex = page.locator(`.bc-exercise-island[data-exercise="${id}"]`);
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-ready', 'yes', { timeout: 30_000 });
  await expect(ex.getByTestId('exercise-progress')).toHaveText('No attempts yet.');
  const seed = Number(await ex.getByTestId('exercise-seed').innerText());
  const right = tests.solve(createVariant((await registry).get(id), seed)) as Answers;
  for (const [partId, answer] of Object.entries(right)) {
    const part = ex.locator(`.bc-ex-part[data-part="${partId}"]`);
    if (Array.isArray(answer)) for (const a of answer) await part.locator(`input[value="${a}"]`).check();
    else if ((await part.getAttribute('data-type')) === 'choice') await part.locator(`input[value="${answer}"]`).check();
    else await part.getByRole('textbox').fill(String(answer));
  }
  await ex.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(ex.getByTestId('exercise-score')).toContainText('every part correct');
  await expect(ex.getByTestId('exercise-progress')).toContainText('Attempts: 1');
}
