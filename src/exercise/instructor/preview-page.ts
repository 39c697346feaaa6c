import { assignmentCode, linkFor } from '../../../runtime/classroom/link.ts';
import { learnerIdProblem } from '../../../runtime/classroom/roster.ts';
import { seedFor } from '../../../runtime/exercises/seed.ts';

/**
 * The instructor's assignment preview: the course secret is typed here and used here only (seedFor
 * runs in this page; the form is never submitted, nothing is fetched), to show which variant any
 * learner gets: a link to that variant's practice page, and the learner's own assignment link.
 */
export function setUpPreviewPage(): void {
  const root = document.getElementById('preview')!;
  const form = root.querySelector('form')!;
  const out = document.getElementById('preview-result')!;
  const exercises = JSON.parse(root.dataset.exercises ?? '[]') as { id: string; title: string }[];
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    out.replaceChildren();
    const [course, assignment, learner, secret] = ['course', 'assignment', 'learner', 'secret'].map(value) as [string, string, string, string];
    const problem =
      !course || !assignment || !learner || !secret ? 'Fill in the course, the assignment, the learner and the secret.' : learnerIdProblem(learner);
    if (problem) {
      const p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.textContent = problem;
      out.append(p);
      return;
    }
    const seed = seedFor({ courseSecret: secret, assignment, learner });
    const head = document.createElement('p');
    head.textContent = `${learner}'s variant in ${assignment}: seed ${seed} (code ${assignmentCode(seed)}).`;
    head.dataset.testid = 'preview-seed';
    const list = document.createElement('ul');
    const base = `${location.origin}/`;
    for (const e of exercises) {
      const li = document.createElement('li');
      const view = document.createElement('a');
      view.href = `/exercises/${e.id}/?seed=${seed}`;
      view.textContent = e.title;
      const link = document.createElement('a');
      link.href = linkFor(base, e.id, { course, assignment, learner, seed });
      link.textContent = 'the learner’s link';
      li.append(view, ' (', link, ')');
      list.append(li);
    }
    out.append(head, list);
  });
}
