import { fillPlaceholders, parseExerciseMarkdown, type MarkdownProblem } from './markdown.ts';
import type { AnyExercise, ExerciseDefinition, ExerciseLogic, ExerciseLogicFactory, Part, RenderedPart, RenderedVariant } from './types.ts';

/**
 * The one loader of exercise folders, for the site and for Node: given what a host read from
 * `exercises/<id>/` (exercise.md's text, exercise.ts's default export, the sandbox files), it builds
 * the definition the page and the grader use. The hosts only read: src/exercise/catalog.ts (Vite's
 * import.meta.glob) and runtime/node/exercise-folders.ts (fs). tests.ts is never read here.
 */

/** What a host read from one folder. */
export interface FolderInput {
  /** The folder's name (the exercise's id). */
  name: string;
  /** exercise.md, or undefined when the folder has none. */
  markdown?: string;
  /** exercise.ts's default export (the logic factory), or why importing it failed. */
  logic?: unknown;
  logicError?: string;
  /** Sandbox files by path inside the folder: `sandbox/prelude.js`, ... (*.js and *.wgsl, never tests.ts). */
  files: Record<string, string>;
}

export interface FolderProblem extends MarkdownProblem {
  /** The file inside the folder: exercise.md or exercise.ts. */
  file: 'exercise.md' | 'exercise.ts';
}

export interface AssembledFolder {
  exercise?: AnyExercise;
  problems: FolderProblem[];
}

/** Is this file of the folder a sandbox file the page may see? (.js / .wgsl, outside a hidden/ folder.) */
export function isSandboxFile(path: string): boolean {
  return /\.(js|wgsl)$/.test(path) && !path.split('/').includes('hidden');
}

/** Types exercise.ts's default export: `export default defineExerciseLogic<Data>((folder) => ({ generate, render, check }))`. */
export function defineExerciseLogic<V, H = never>(factory: ExerciseLogicFactory<V, H>): ExerciseLogicFactory<V, H> {
  return factory;
}

export function assembleExercise(input: FolderInput): AssembledFolder {
  const problems: FolderProblem[] = [];
  if (input.markdown === undefined) {
    problems.push({
      file: 'exercise.md',
      line: 1,
      column: 1,
      message: 'missing: every exercise folder has an exercise.md (frontmatter with the metadata, then the prose sections)',
    });
    return { problems };
  }
  const md = parseExerciseMarkdown(input.markdown);
  problems.push(...md.problems.map((p) => ({ file: 'exercise.md' as const, ...p })));
  if (md.meta && md.meta.id !== input.name)
    problems.push({
      file: 'exercise.md',
      line: 2,
      column: 1,
      message: `id "${md.meta.id}" does not match the folder name "${input.name}"; they must be the same`,
    });
  if (input.logicError !== undefined) problems.push({ file: 'exercise.ts', line: 1, column: 1, message: `cannot be loaded: ${input.logicError}` });
  else if (typeof input.logic !== 'function')
    problems.push({
      file: 'exercise.ts',
      line: 1,
      column: 1,
      message: 'the default export must be defineExerciseLogic((folder) => ({ generate, render, check }))',
    });
  if (problems.length || !md.meta) return { problems };

  const parts: Part[] = md.meta.parts.map((p) => ({ ...p, prompt: md.prompts[p.id]! }));
  let logic: ExerciseLogic<unknown, unknown>;
  try {
    logic = (input.logic as ExerciseLogicFactory<unknown, unknown>)({ id: md.meta.id, parts, files: input.files });
  } catch (e) {
    return {
      problems: [{ file: 'exercise.ts', line: 1, column: 1, message: `the logic factory threw: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
  for (const fn of ['generate', 'render', 'check'] as const) {
    if (typeof logic?.[fn] !== 'function') problems.push({ file: 'exercise.ts', line: 1, column: 1, message: `the logic has no ${fn}() function` });
  }
  if (problems.length) return { problems };

  const { introduction, hints, solution, notes } = md;
  const exercise: ExerciseDefinition<unknown, unknown> = {
    ...md.meta,
    parts,
    introduction,
    hints,
    solution,
    notes,
    files: input.files,
    generate: (seed) => logic.generate(seed),
    render(variant): RenderedVariant {
      const view = logic.render(variant);
      const values = view.values ?? {};
      const rendered: Record<string, RenderedPart> = {};
      for (const p of parts) rendered[p.id] = { ...(view.parts?.[p.id] ?? {}), prompt: fillPlaceholders(p.prompt, values) };
      for (const id of Object.keys(view.parts ?? {})) if (!(id in rendered)) rendered[id] = view.parts![id]!; // lint reports it
      return {
        intro: fillPlaceholders(introduction, values),
        values,
        ...(view.tables ? { tables: view.tables } : {}),
        ...(view.datasets ? { datasets: view.datasets } : {}),
        parts: rendered,
      };
    },
    check: (variant, answers, context) => logic.check(variant, answers, context),
  };
  return { exercise, problems };
}
