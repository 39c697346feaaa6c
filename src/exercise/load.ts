import { assembleExercise } from '../../runtime/exercises/folder.ts';
import type { AnyExercise } from '../../runtime/exercises/types.ts';
import { folderInputs } from './catalog-inputs.ts';

/**
 * The exercise's own code, exercise.md and sandbox files, one chunk per exercise, loaded when an island
 * needs it, assembled by the same loader as at build time (runtime/exercises/folder.ts). Only
 * exercise.md, exercise.ts and sandbox files (*.js, *.wgsl outside hidden/) match: tests.ts never
 * reaches the page.
 */
const markdown = import.meta.glob<string>('../../exercises/*/exercise.md', { query: '?raw', import: 'default' });
const logic = import.meta.glob<unknown>('../../exercises/*/exercise.ts', { import: 'default' });
const sandbox = import.meta.glob<string>(['../../exercises/*/**/*.js', '../../exercises/*/**/*.wgsl'], { query: '?raw', import: 'default' });

export async function loadExercise(id: string): Promise<AnyExercise> {
  const base = `../../exercises/${id}/`;
  const loadMd = markdown[`${base}exercise.md`];
  const loadTs = logic[`${base}exercise.ts`];
  if (!loadMd || !loadTs) throw new Error(`"${id}" is not an exercise of this workbook (no exercises/${id}/exercise.md and exercise.ts)`);
  const fileKeys = Object.keys(sandbox).filter((k) => k.startsWith(base));
  const [md, ts, texts] = await Promise.all([loadMd(), loadTs(), Promise.all(fileKeys.map((k) => sandbox[k]!()))]);
  const [input] = folderInputs(
    { [`${base}exercise.md`]: md },
    { [`${base}exercise.ts`]: ts },
    Object.fromEntries(fileKeys.map((k, i) => [k, texts[i]!])),
  );
  const { exercise, problems } = assembleExercise(input!);
  if (!exercise) throw new Error(problems.map((p) => `exercises/${id}/${p.file}:${p.line}: ${p.message}`).join('; '));
  return exercise;
}
