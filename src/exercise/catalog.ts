import { assembleExercise } from '../../runtime/exercises/folder.ts';
import { folderInputs } from './catalog-inputs.ts';
import { createRegistry, type ExerciseRegistry } from '../../runtime/exercises/registry.ts';

/**
 * The site's reader of exercise folders, at build time (Astro pages, Exercise.astro): the same loader
 * as Node (runtime/exercises/folder.ts), fed by Vite's import.meta.glob. A folder that does not load
 * fails the build with its file and line. tests.ts never matches these patterns: hidden tests stay
 * out of the site. The island loads an exercise's code lazily (load.ts).
 */
const markdown = import.meta.glob<string>('../../exercises/*/exercise.md', { query: '?raw', import: 'default', eager: true });
const logic = import.meta.glob<unknown>('../../exercises/*/exercise.ts', { import: 'default', eager: true });
const sandbox = import.meta.glob<string>(['../../exercises/*/**/*.js', '../../exercises/*/**/*.wgsl'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

function build(): ExerciseRegistry {
  const assembled = folderInputs(markdown, logic, sandbox).map((input) => ({ input, ...assembleExercise(input) }));
  const problems = assembled.flatMap((a) => a.problems.map((p) => `exercises/${a.input.name}/${p.file}:${p.line}:${p.column}: ${p.message}`));
  if (problems.length) throw new Error(`exercise folders that do not load:\n${problems.join('\n')}`);
  return createRegistry(assembled.map((a) => a.exercise!));
}

export const catalog: ExerciseRegistry = build();
