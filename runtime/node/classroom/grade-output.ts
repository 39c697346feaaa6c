import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GradesFile } from '../../classroom/grades.ts';
import { canvasGradebook, feedbackFileName, feedbackMarkdown, gradesJson, moodleGradebook, plainGradebook } from '../../classroom/render.ts';

/**
 * Writes what a grading run gives: grades.json, the three gradebooks and feedback/<learner>.md; a
 * shard writes its grades.json only (the merge renders the rest). Old feedback files are removed first,
 * so the folder holds exactly this run's output.
 */
export async function writeGradeOutputs(grades: GradesFile, out: string): Promise<string[]> {
  await mkdir(out, { recursive: true });
  const written: string[] = [];
  const put = async (rel: string, text: string) => {
    await writeFile(path.join(out, rel), text);
    written.push(rel);
  };
  await put('grades.json', gradesJson(grades));
  if (grades.shard) return written;
  await put('gradebook.csv', plainGradebook(grades));
  await put('gradebook.canvas.csv', canvasGradebook(grades));
  await put('gradebook.moodle.csv', moodleGradebook(grades));
  const dir = path.join(out, 'feedback');
  await mkdir(dir, { recursive: true });
  for (const old of await readdir(dir)) if (old.endsWith('.md')) await rm(path.join(dir, old));
  for (const l of grades.learners) {
    const name = feedbackFileName(l.learner);
    if (name) await put(`feedback/${name}`, feedbackMarkdown(grades, l));
  }
  return written;
}
