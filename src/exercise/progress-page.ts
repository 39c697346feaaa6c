import { progressStore } from '../../runtime/browser/progress-db.ts';
import { describeMerge } from '../../runtime/progress/merge.ts';
import type { ProgressStore } from '../../runtime/progress/store.ts';
import { buildSubmission, readSubmission, submissionFileName, submissionToSnapshot, type ExerciseMeta } from '../../runtime/progress/submission.ts';
import { formatScore, summarize } from '../../runtime/progress/summary.ts';

/**
 * The progress page (src/pages/progress.astro): fills the table from the store, exports a submission
 * file, imports one (merging: nothing is lost) with every problem of a bad file listed.
 */

/** Larger files are not submissions of this workbook (a few hundred attempts are well under 1 MB). */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

interface Listed {
  id: string;
  title: string;
  points: number;
}

export function setUpProgressPage(): void {
  const root = document.getElementById('progress');
  if (!root) return;
  const listed = JSON.parse(root.dataset.exercises ?? '[]') as Listed[];
  const meta = new Map<string, ExerciseMeta>(listed.map((e) => [e.id, { title: e.title, points: e.points }]));
  const status = document.getElementById('progress-status')!;
  const errors = document.getElementById('progress-errors')!;
  const exportButton = document.getElementById('progress-export') as HTMLButtonElement;
  const importInput = document.getElementById('progress-import') as HTMLInputElement;

  const showErrors = (title: string, list: string[]) => {
    errors.replaceChildren();
    if (!list.length) return;
    const p = document.createElement('p');
    p.textContent = title;
    const ul = document.createElement('ul');
    for (const e of list) {
      const li = document.createElement('li');
      li.textContent = e;
      ul.append(li);
    }
    errors.append(p, ul);
  };

  const refresh = async (store: ProgressStore) => {
    const summaries = summarize(await store.attempts());
    for (const row of root.querySelectorAll<HTMLTableRowElement>('tr[data-exercise]')) {
      const id = row.dataset.exercise!;
      const s = summaries.get(id);
      const cell = (f: string) => row.querySelector<HTMLElement>(`[data-field="${f}"]`)!;
      cell('best').textContent = s?.best !== undefined ? `${formatScore(s.best, meta.get(id)?.points ?? 0)}${s.complete ? ', complete' : ''}` : '–';
      cell('attempts').textContent = String(s?.attempts ?? 0);
      cell('last').textContent = s?.lastAt ? new Date(s.lastAt).toLocaleString() : 'never';
    }
    return summaries;
  };

  progressStore().then(
    async ({ store, problem }) => {
      const summaries = await refresh(store);
      const total = [...summaries.values()].reduce((n, s) => n + s.attempts, 0);
      status.textContent =
        problem ??
        (total
          ? `${total} attempt${total === 1 ? '' : 's'} on ${summaries.size} exercise${summaries.size === 1 ? '' : 's'} in this browser.`
          : 'No attempts in this browser yet.');
      exportButton.disabled = false;
      importInput.disabled = false;

      exportButton.addEventListener('click', async () => {
        const exportedAt = new Date().toISOString();
        const submission = buildSubmission(await store.snapshot(), { exportedAt, site: location.origin, exercises: meta });
        const blob = new Blob([`${JSON.stringify(submission, null, 2)}\n`], { type: 'application/json' });
        const url = URL.createObjectURL(blob);
        const a = document.createElement('a');
        a.href = url;
        a.download = submissionFileName(exportedAt);
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        const n = submission.exercises.reduce((k, e) => k + e.attempts.length, 0);
        status.textContent = `Exported ${a.download}: ${submission.exercises.length} exercise${submission.exercises.length === 1 ? '' : 's'}, ${n} attempt${n === 1 ? '' : 's'}.`;
      });

      importInput.addEventListener('change', async () => {
        const file = importInput.files?.[0];
        if (!file) return;
        showErrors('', []);
        try {
          if (file.size > MAX_IMPORT_BYTES)
            throw new Error(`${file.name} is ${(file.size / 1024 / 1024).toFixed(0)} MB: too large for a submission file`);
          const read = readSubmission(await file.text(), { file: file.name, knownExercises: [...meta.keys()] });
          if (!read.submission) {
            status.textContent = `${file.name} was not imported; your progress is unchanged.`;
            showErrors(`Why ${file.name} cannot be imported:`, read.errors);
            return;
          }
          const report = await store.importSnapshot(submissionToSnapshot(read.submission));
          await refresh(store);
          status.textContent = `Imported ${file.name}: ${describeMerge(report)}`;
          if (read.warnings.length) showErrors('Imported, with notes:', read.warnings);
        } catch (e) {
          status.textContent = `${file.name} was not imported; your progress is unchanged.`;
          showErrors('The import failed:', [e instanceof Error ? e.message : String(e)]);
        } finally {
          importInput.value = '';
        }
      });
    },
    (e: unknown) => {
      status.textContent = `Your progress could not be read: ${e instanceof Error ? e.message : String(e)}`;
    },
  );
}
