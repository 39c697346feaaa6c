import type { z } from 'zod';
import type { Diagnostic } from '../lessons/lint.ts';
import { canonicalJson } from '../spec/hash.ts';
import { CheckUnavailableError, checkAnswers, createVariant } from './check.ts';
import { exerciseSchema } from './schema.ts';
import type { AnyExercise, Answers, CheckResult, ExerciseTests, Variant } from './types.ts';

/**
 * `workbook lint` for exercises: every folder of `exercises/` holds a definition that the schema
 * accepts, whose id is the folder's name, whose generate() is deterministic, gives plain JSON and
 * depends on the seed, whose render() works, and whose solution (tests.ts solve()) scores 1 for a few
 * seeds. Problems are `path:line:col` where the definition's source shows the place, else line 1.
 * Host-agnostic: the caller imports the modules (Node: runtime/cli/lint-command.ts).
 */

/** One exercise folder, as the caller read and imported it. */
export interface ExerciseFolder {
  /** `exercises/<name>` relative to the project root, with forward slashes. */
  path: string;
  /** The text of exercise.ts, or undefined when there is none. */
  source?: string;
  /** What importing exercise.ts gave, or why it failed. */
  module?: Record<string, unknown>;
  importError?: string;
  /** The same for tests.ts. */
  testsSource?: string;
  testsModule?: Record<string, unknown>;
  testsImportError?: string;
}

/** Checks a solution's answers on variants, somewhere (this process, or one with WebGPU). */
export type SolutionChecker = (folder: ExerciseFolder, exercise: AnyExercise, runs: { variant: Variant; answers: Answers }[]) => Promise<(CheckResult | Error)[]>;

export interface ExerciseLintOptions {
  /** Seeds to draw variants from (default 1, 2, 3). */
  seeds?: readonly number[];
  /** How solutions are checked; by default checkAnswers in this process, without a host. */
  checkSolutions?: SolutionChecker;
  /**
   * The ids the registry lists (runtime/exercises/registry.ts): folders missing from it are reported,
   * and, when `complete` (the folders are all of exercises/), ids without a folder.
   */
  registry?: { ids: readonly string[]; complete: boolean };
}

export interface ExerciseLintResult {
  diagnostics: Diagnostic[];
  /** Checks that could not run here (no WebGPU...), in sentences: not errors. */
  notes: string[];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function lintExercises(folders: readonly ExerciseFolder[], options: ExerciseLintOptions = {}): Promise<ExerciseLintResult> {
  const diagnostics: Diagnostic[] = [];
  const notes: string[] = [];
  for (const folder of folders) await lintOne(folder, options, diagnostics, notes);
  if (options.registry) {
    const { ids, complete } = options.registry;
    const names = new Set(folders.map((f) => f.path.split('/').pop()!));
    for (const folder of folders) {
      const name = folder.path.split('/').pop()!;
      if (!ids.includes(name)) {
        diagnostics.push({ path: `${folder.path}/exercise.ts`, line: 1, column: 1, severity: 'error', message: `"${name}" is not listed in runtime/exercises/registry.ts: import its exercise.ts there, or the site never shows it` });
      }
    }
    if (complete) {
      for (const id of ids) {
        if (!names.has(id)) diagnostics.push({ path: 'runtime/exercises/registry.ts', line: 1, column: 1, severity: 'error', message: `the registry lists "${id}", but there is no folder exercises/${id}/` });
      }
    }
  }
  return { diagnostics: diagnostics.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column), notes };
}

async function lintOne(folder: ExerciseFolder, options: ExerciseLintOptions, out: Diagnostic[], notes: string[]): Promise<void> {
  const file = `${folder.path}/exercise.ts`;
  const name = folder.path.split('/').pop()!;
  const report = (message: string, at: { line: number; column: number } = { line: 1, column: 1 }, path = file): void => {
    out.push({ path, ...at, severity: 'error', message });
  };
  const at = (...keys: (string | number)[]) => locate(folder.source ?? '', keys, folder.module?.default);

  if (!SLUG.test(name)) report(`folder name "${name}" must be lowercase words joined by hyphens (it is the exercise's id)`);
  if (folder.source === undefined) return report('missing: every exercise folder has an exercise.ts that exports its definition as default');
  if (folder.importError !== undefined || !folder.module) return report(`cannot be loaded: ${folder.importError ?? 'no module'}`);
  const definition = folder.module.default;
  if (!definition || typeof definition !== 'object') return report('has no default export: write `export default defineExercise({ ... })`');

  const parsed = exerciseSchema.safeParse(definition);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(schemaMessage(issue, definition), at(...(issue.path as (string | number)[])));
    return;
  }
  const exercise = definition as AnyExercise;
  if (exercise.id !== name) report(`id "${exercise.id}" does not match the folder name "${name}"; they must be the same`, at('id'));

  // The hidden side.
  const testsFile = `${folder.path}/tests.ts`;
  let tests: ExerciseTests<unknown, unknown> | undefined;
  if (folder.testsSource === undefined) report('missing: every exercise has a tests.ts whose default export has solve(variant) and cases (see runtime/exercises/types.ts ExerciseTests)', undefined, testsFile);
  else if (folder.testsImportError !== undefined || !folder.testsModule) report(`cannot be loaded: ${folder.testsImportError ?? 'no module'}`, undefined, testsFile);
  else {
    const t = folder.testsModule.default as Partial<ExerciseTests<unknown, unknown>> | undefined;
    if (!t || typeof t.solve !== 'function' || !Array.isArray(t.cases)) report('the default export must be defineExerciseTests(exercise, { solve, cases })', undefined, testsFile);
    else tests = t as ExerciseTests<unknown, unknown>;
  }

  // generate: deterministic, plain JSON, depends on the seed; render works.
  const seeds = options.seeds ?? [1, 2, 3];
  const variants: Variant[] = [];
  for (const seed of seeds) {
    let first: Variant;
    let again: Variant;
    try {
      first = createVariant(exercise, seed);
      again = createVariant(exercise, seed);
    } catch (e) {
      report(`generate(${seed}) threw: ${errorText(e)}`, at('generate'));
      return;
    }
    let text: string;
    try {
      text = canonicalJson(first.data);
    } catch (e) {
      report(`generate(${seed}) must return plain JSON (numbers, text, lists, objects; no typed arrays, NaN or undefined in lists): ${errorText(e)}`, at('generate'));
      return;
    }
    if (canonicalJson(JSON.parse(JSON.stringify(first.data))) !== text) report(`generate(${seed}) does not survive a JSON round trip: keep the variant plain JSON`, at('generate'));
    if (canonicalJson(again.data) !== text) report(`generate(${seed}) gave two different variants: it must depend on the seed only (use variantRandom(seed), never Math.random or the clock)`, at('generate'));
    try {
      const view = exercise.render(first);
      for (const id of Object.keys(view.parts ?? {})) {
        if (!exercise.parts.some((p) => p.id === id)) report(`render() returns a part "${id}" that the definition does not have (parts: ${exercise.parts.map((p) => p.id).join(', ')})`, at('render'));
      }
    } catch (e) {
      report(`render() threw on the variant of seed ${seed}: ${errorText(e)}`, at('render'));
    }
    variants.push(first);
  }
  if (variants.length > 1 && new Set(variants.map((v) => canonicalJson(v.data))).size === 1) {
    report(`generate() gave the same variant for seeds ${seeds.join(', ')}: two seeds must give different numbers, or answers can be copied`, at('generate'));
  }

  // The solution scores 1.
  if (!tests || variants.length === 0) return;
  const runs: { variant: Variant; answers: Answers }[] = [];
  for (const variant of variants) {
    try {
      runs.push({ variant, answers: tests.solve(variant) });
    } catch (e) {
      report(`solve() threw on the variant of seed ${variant.seed}: ${errorText(e)}`, locate(folder.testsSource ?? '', ['solve']), testsFile);
    }
  }
  const checker = options.checkSolutions ?? defaultChecker;
  let results: (CheckResult | Error)[];
  try {
    results = await checker(folder, exercise, runs);
  } catch (e) {
    results = runs.map(() => (e instanceof Error ? e : new Error(String(e))));
  }
  results.forEach((r, i) => {
    const seed = runs[i]!.variant.seed;
    if (r instanceof CheckUnavailableError || (r instanceof Error && r.name === 'CheckUnavailableError')) {
      if (!notes.some((n) => n.startsWith(`${folder.path}:`))) notes.push(`${folder.path}: the solution was not checked here: ${r.message}`);
    } else if (r instanceof Error) {
      report(`check() failed on the solution of seed ${seed}: ${r.message}`, at('check'));
    } else if (!r.complete) {
      const wrong = Object.entries(r.parts)
        .filter(([, p]) => p.status !== 'correct')
        .map(([id, p]) => `${id} is ${p.status} (${p.feedback.split('\n')[0]})`);
      const missing = exercise.parts.filter((p) => !(p.id in r.parts)).map((p) => `${p.id} is unanswered`);
      report(`the solution (tests.ts solve) does not score 1 on the variant of seed ${seed}: ${[...wrong, ...missing].join('; ')}`, at('check'));
    }
  });
}

const defaultChecker: SolutionChecker = async (_folder, exercise, runs) => {
  const out: (CheckResult | Error)[] = [];
  for (const run of runs) {
    try {
      out.push(await checkAnswers(exercise, run.variant, run.answers));
    } catch (e) {
      out.push(e instanceof Error ? e : new Error(String(e)));
    }
  }
  return out;
};

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function schemaMessage(issue: z.core.$ZodIssue, definition: unknown): string {
  const path = issue.path.map(String);
  const where = path.length ? path.reduce((s, k) => (/^\d+$/.test(k) ? `${s}[${k}]` : s ? `${s}.${k}` : k), '') : 'the definition';
  if (issue.code === 'unrecognized_keys') return `${where}: unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}`;
  let v: unknown = definition;
  for (const k of issue.path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined;
  if (v === undefined && issue.code === 'invalid_type') return `${where}: missing`;
  return `${where}: ${issue.message}`;
}

/**
 * Where a value of the definition is written in its source: each key of the path is looked for after
 * the previous one (`parts` ... `answer` ... `unit`); an element of a list that has an id (a part, an
 * option) is found by `id: '<its id>'`. Good enough for hand-written definitions; 1:1 when nothing is found.
 */
export function locate(source: string, path: readonly (string | number)[], definition?: unknown): { line: number; column: number } {
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  let pos = -1;
  let value: unknown = definition;
  for (const key of path) {
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    let pattern: RegExp | undefined;
    if (typeof key === 'string') pattern = new RegExp(`(?:^|[\\s{,(])['"]?${escape(key)}['"]?\\s*[:(]`, 'g');
    else {
      const id = value && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
      if (typeof id === 'string') pattern = new RegExp(`(?:^|[\\s{,(])id\\s*:\\s*['"\`]${escape(id)}['"\`]`, 'g');
    }
    if (!pattern) continue;
    pattern.lastIndex = pos + 1;
    const m = pattern.exec(source);
    if (!m) break;
    pos = m.index + m[0].match(/^[\s{,(]*/)![0].length;
  }
  if (pos < 0) return { line: 1, column: 1 };
  const before = source.slice(0, pos);
  return { line: before.split('\n').length, column: pos - before.lastIndexOf('\n') };
}
