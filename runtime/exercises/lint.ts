import type { z } from 'zod';
import type { Diagnostic } from '../lessons/lint.ts';
import { canonicalJson } from '../spec/hash.ts';
import { CheckUnavailableError, checkAnswers, createVariant } from './check.ts';
import { assembleExercise, type FolderInput } from './folder.ts';
import { parseExerciseMarkdown, placeholdersIn } from './markdown.ts';
import { exerciseSchema } from './schema.ts';
import type { AnyExercise, Answers, CheckResult, ExerciseTests, Variant } from './types.ts';

/**
 * `workbook lint` for exercise folders: exercise.md (frontmatter schema, every section present, a
 * prompt for every part, every `{{placeholder}}` given by render), exercise.ts (generate deterministic,
 * plain JSON, depending on the seed; render works), and tests.ts: the solution scores 1 on at least
 * 200 seeds, and every degenerate answer (empty, every option ticked, a constant, the starter
 * unchanged, another seed's answer, known cheats) scores below half on every seed tried.
 * Problems are `path:line:col`. Host-agnostic: the caller reads the folders (runtime/node/exercise-lint.ts).
 */

/** One exercise folder, as the caller read it. */
export interface ExerciseFolder {
  /** `exercises/<name>` relative to the project root, with forward slashes. */
  path: string;
  /** exercise.md, exercise.ts's default export and the sandbox files. */
  input: FolderInput;
  /** The text of tests.ts, and what importing it gave (or why it failed). */
  testsSource?: string;
  testsModule?: Record<string, unknown>;
  testsImportError?: string;
}

/** One check for a SolutionChecker: a variant, answers, with or without the hidden tests. */
export interface CheckRun {
  variant: Variant;
  answers: Answers;
  hidden?: boolean;
}

/** Checks answers on variants, somewhere (this process, or one with WebGPU). */
export type SolutionChecker = (
  folder: ExerciseFolder,
  exercise: AnyExercise,
  tests: ExerciseTests<unknown, unknown>,
  runs: CheckRun[],
) => Promise<(CheckResult | Error)[]>;

export interface ExerciseLintOptions {
  /** Seeds for the variant checks (determinism, JSON, render, placeholders); default 1, 2, 3. */
  seeds?: readonly number[];
  /** How many seeds (1..n) the solution must score 1 on; default 200, the floor the workbook promises. */
  solutionSeeds?: number;
  /** Seeds every degenerate answer is tried on; default 1..12. */
  degenerateSeeds?: readonly number[];
  /** How answers are checked; by default checkAnswers in this process, without a host. */
  checkSolutions?: SolutionChecker;
}

export interface ExerciseLintResult {
  diagnostics: Diagnostic[];
  /** Checks that could not run here (no WebGPU...), in sentences: not errors. */
  notes: string[];
  /** What was checked, per folder: for the report. */
  counts: Record<string, { solutionSeeds: number; degenerateChecks: number }>;
}

export const DEFAULT_SOLUTION_SEEDS = 200;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function lintExercises(folders: readonly ExerciseFolder[], options: ExerciseLintOptions = {}): Promise<ExerciseLintResult> {
  const result: ExerciseLintResult = { diagnostics: [], notes: [], counts: {} };
  for (const folder of folders) await lintOne(folder, options, result);
  result.diagnostics.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column);
  return result;
}

async function lintOne(folder: ExerciseFolder, options: ExerciseLintOptions, result: ExerciseLintResult): Promise<void> {
  const out = result.diagnostics;
  const name = folder.path.split('/').pop()!;
  const md = `${folder.path}/exercise.md`;
  const ts = `${folder.path}/exercise.ts`;
  const testsFile = `${folder.path}/tests.ts`;
  const report = (path: string, message: string, line = 1, column = 1): void => {
    out.push({ path, line, column, severity: 'error', message });
  };

  if (!SLUG.test(name)) report(md, `folder name "${name}" must be lowercase words joined by hyphens (it is the exercise's id)`);
  const assembled = assembleExercise(folder.input);
  for (const p of assembled.problems) report(`${folder.path}/${p.file}`, p.message, p.line, p.column);
  const exercise = assembled.exercise;
  if (!exercise) return;
  const parsed = exerciseSchema.safeParse(exercise);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(md, schemaMessage(issue));
    return;
  }
  const lines = parseExerciseMarkdown(folder.input.markdown ?? '').lines;

  // The hidden side.
  let tests: ExerciseTests<unknown, unknown> | undefined;
  if (folder.testsSource === undefined)
    report(
      testsFile,
      'missing: every exercise has a tests.ts whose default export has solve(variant), cases and degenerate answers (see runtime/exercises/types.ts ExerciseTests)',
    );
  else if (folder.testsImportError !== undefined || !folder.testsModule)
    report(testsFile, `cannot be loaded: ${folder.testsImportError ?? 'no module'}`);
  else {
    const t = folder.testsModule.default as Partial<ExerciseTests<unknown, unknown>> | undefined;
    if (!t || typeof t.solve !== 'function' || !Array.isArray(t.cases))
      report(testsFile, 'the default export must be defineExerciseTests<Data>({ solve, cases, degenerate })');
    else if (!Array.isArray(t.degenerate) || t.degenerate.length === 0)
      report(
        testsFile,
        'degenerate: list the answers that must never pass (empty, every option ticked, a constant, the starter unchanged, the answer of another seed)',
      );
    else tests = t as ExerciseTests<unknown, unknown>;
  }

  // generate: deterministic, plain JSON, depends on the seed; render works and fills every placeholder.
  const seeds = options.seeds ?? [1, 2, 3];
  const variants: Variant[] = [];
  const used = [{ key: 'Introduction', text: exercise.introduction }, ...exercise.parts.map((p) => ({ key: `part:${p.id}`, text: p.prompt }))];
  for (const seed of seeds) {
    let first: Variant;
    let again: Variant;
    try {
      first = createVariant(exercise, seed);
      again = createVariant(exercise, seed);
    } catch (e) {
      return report(ts, `generate(${seed}) threw: ${errorText(e)}`);
    }
    let text: string;
    try {
      text = canonicalJson(first.data);
    } catch (e) {
      return report(
        ts,
        `generate(${seed}) must return plain JSON (numbers, text, lists, objects; no typed arrays, NaN or undefined in lists): ${errorText(e)}`,
      );
    }
    if (canonicalJson(JSON.parse(JSON.stringify(first.data))) !== text)
      report(ts, `generate(${seed}) does not survive a JSON round trip: keep the variant plain JSON`);
    if (canonicalJson(again.data) !== text)
      report(
        ts,
        `generate(${seed}) gave two different variants: it must depend on the seed only (use variantRandom(seed), never Math.random or the clock)`,
      );
    try {
      const view = exercise.render(first);
      for (const id of Object.keys(view.parts ?? {})) {
        if (!exercise.parts.some((p) => p.id === id))
          report(ts, `render() returns a part "${id}" that exercise.md does not have (parts: ${exercise.parts.map((p) => p.id).join(', ')})`);
      }
      const values = view.values ?? {};
      for (const { key, text: prose } of used) {
        for (const ph of placeholdersIn(prose)) {
          if (!(ph in values))
            report(
              md,
              `{{${ph}}} in the section "${key.replace(/^part:/, 'Part ')}" is not among the values render() gives for seed ${seed} (${Object.keys(values).join(', ') || 'none'})`,
              lines[key] ?? 1,
            );
        }
      }
    } catch (e) {
      report(ts, `render() threw on the variant of seed ${seed}: ${errorText(e)}`);
    }
    variants.push(first);
  }
  if (variants.length > 1 && new Set(variants.map((v) => canonicalJson(v.data))).size === 1) {
    report(ts, `generate() gave the same variant for seeds ${seeds.join(', ')}: two seeds must give different numbers, or answers can be copied`);
  }
  if (!tests || variants.length === 0 || out.some((d) => d.path.startsWith(`${folder.path}/`))) return;

  // The solution scores 1 on every seed; each degenerate answer scores below half on every seed tried.
  const runs: (CheckRun & { what: string; below?: number })[] = [];
  const solutionSeeds = options.solutionSeeds ?? DEFAULT_SOLUTION_SEEDS;
  for (let seed = 1; seed <= solutionSeeds; seed++) {
    const variant = createVariant(exercise, seed);
    try {
      runs.push({ variant, answers: tests.solve(variant), what: 'solution' });
    } catch (e) {
      report(testsFile, `solve() threw on the variant of seed ${seed}: ${errorText(e)}`);
    }
  }
  let degenerateChecks = 0;
  for (const d of tests.degenerate) {
    for (const seed of options.degenerateSeeds ?? Array.from({ length: 12 }, (_, i) => i + 1)) {
      const variant = createVariant(exercise, seed);
      let answers: Answers | undefined;
      try {
        answers = d.answers(variant, exercise);
      } catch (e) {
        report(testsFile, `the degenerate answer "${d.name}" threw on seed ${seed}: ${errorText(e)}`);
        continue;
      }
      if (!answers) continue;
      degenerateChecks++;
      runs.push({ variant, answers, hidden: d.withHidden ?? false, what: `degenerate:${d.name}`, below: d.below ?? 0.5 });
    }
  }
  result.counts[folder.path] = { solutionSeeds, degenerateChecks };
  const checker = options.checkSolutions ?? defaultChecker;
  let results: (CheckResult | Error)[];
  try {
    results = await checker(folder, exercise, tests, runs);
  } catch (e) {
    results = runs.map(() => (e instanceof Error ? e : new Error(String(e))));
  }
  const failedSolutions: string[] = [];
  results.forEach((r, i) => {
    const run = runs[i]!;
    const seed = run.variant.seed;
    if (r instanceof CheckUnavailableError || (r instanceof Error && r.name === 'CheckUnavailableError')) {
      if (!result.notes.some((n) => n.startsWith(`${folder.path}:`)))
        result.notes.push(`${folder.path}: the solution and degenerate answers were not checked here: ${r.message}`);
    } else if (r instanceof Error) {
      report(
        ts,
        `check() failed on the ${run.what === 'solution' ? 'solution' : `degenerate answer "${run.what.slice(11)}"`} of seed ${seed}: ${r.message}`,
      );
    } else if (run.what === 'solution') {
      if (!r.complete) {
        const wrong = Object.entries(r.parts)
          .filter(([, p]) => p.status !== 'correct')
          .map(([id, p]) => `${id} is ${p.status} (${p.feedback.split('\n')[0]})`);
        const missing = exercise.parts.filter((p) => !(p.id in r.parts)).map((p) => `${p.id} is unanswered`);
        failedSolutions.push(`seed ${seed}: ${[...wrong, ...missing].join('; ')}`);
      }
    } else if (!(r.score < run.below!)) {
      report(
        testsFile,
        `the degenerate answer "${run.what.slice(11)}" scores ${round3(r.score)} on seed ${seed}; it must score below ${run.below}: a loophole is open`,
      );
    }
  });
  if (failedSolutions.length) {
    report(
      testsFile,
      `the solution (solve) does not score 1 on ${failedSolutions.length} of ${solutionSeeds} seeds: ${failedSolutions.slice(0, 3).join(' | ')}`,
    );
  }
}

const defaultChecker: SolutionChecker = async (_folder, exercise, tests, runs) => {
  const out: (CheckResult | Error)[] = [];
  for (const run of runs) {
    try {
      out.push(await checkAnswers(exercise, run.variant, run.answers, run.hidden && tests.hidden ? { hidden: tests.hidden(run.variant) } : {}));
    } catch (e) {
      out.push(e instanceof Error ? e : new Error(String(e)));
    }
  }
  return out;
};

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function schemaMessage(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  const where = path.length ? path.reduce((s, k) => (/^\d+$/.test(k) ? `${s}[${k}]` : s ? `${s}.${k}` : k), '') : 'the definition';
  if (issue.code === 'unrecognized_keys') return `${where}: unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}`;
  return `${where}: ${issue.message}`;
}
