/// <reference types="@webgpu/types" />
import type { LevelId } from '../lessons/levels.ts';
import type { JsTestSuite, SandboxReport, SandboxOptions } from './sandbox.ts';
import type { Diagnostic } from '../diagnostics.ts';

/**
 * The exercise model, after PrairieLearn: an exercise is a folder (`exercises/<id>/`): `exercise.md`
 * (frontmatter: the metadata; sections: the prose), `exercise.ts` (logic only: generate, render data,
 * check), sandbox files, `tests.ts` (hidden). runtime/exercises/folder.ts assembles them into a
 * definition, with pure functions of (seed, answers):
 *
 *   const variant = createVariant(exercise, seed);     // exercise.generate(seed), with id and seed
 *   const view = exercise.render(variant);             // what the page shows for this variant
 *   const result = await checkAnswers(exercise, variant, answers, { host });
 *
 * The same code gives instant feedback in the page and the authoritative grade in `workbook grade`.
 * Everything that crosses these functions is plain JSON, so a submission file can carry it.
 */

export const EXERCISE_KINDS = ['spec-design', 'interpretation', 'code'] as const;
/** spec-design: write or repair a benchmark spec; interpretation: read results; code: fix benchmark code. */
export type ExerciseKind = (typeof EXERCISE_KINDS)[number];

/** How one part is checked (`answer` of a part in the definition). */
export type AnswerSpec = NumberAnswerSpec | ChoiceAnswerSpec | OrderingAnswerSpec | SpecAnswerSpec | CodeAnswerSpec;

/** A number with a unit, compared as PrairieLearn does: |x - expected| <= atol + rtol * |expected|. */
export interface NumberAnswerSpec {
  type: 'number';
  /** The unit the expected value is in (`ms`, `GB/s`, `` for a plain number). Answers may use any unit of the same quantity (`0.012 s`). */
  unit: string;
  /** Relative tolerance (default 1e-2, PrairieLearn's). */
  rtol?: number;
  /** Absolute tolerance, in `unit` (default 1e-8). */
  atol?: number;
}

/** One option of a choice, or one item of an ordering. */
export interface Option {
  /** What the answer holds: lowercase words joined by hyphens. */
  id: string;
  /** What the learner reads (markdown, one line). */
  text: string;
}

/** Pick one option (`multiple: false`, answer: an id) or several (answer: a list of ids). */
export interface ChoiceAnswerSpec {
  type: 'choice';
  multiple?: boolean;
  /** Every option the part can show; a variant may reword them or show them in another order (render). */
  options: Option[];
}

/** Put items in order; answer: the list of ids, first first. Partial credit by longest common subsequence. */
export interface OrderingAnswerSpec {
  type: 'ordering';
  /** Every item the part can use; a variant shows all or some of them, shuffled (render). */
  items: Option[];
}

/** A benchmark spec in YAML (answer: the text), checked by the engine's validator and a rubric. */
export interface SpecAnswerSpec {
  type: 'spec';
  /** Text the editor starts with when the variant gives none. */
  starter?: string;
}

/** Code in an editor (answer: the text), run against tests: JavaScript in a sandbox, WGSL on WebGPU. */
export interface CodeAnswerSpec {
  type: 'code';
  language: 'js' | 'wgsl';
  /** Code the editor starts with when the variant gives none. */
  starter?: string;
}

export interface Part {
  /** The key of this part's answer and result: lowercase words joined by hyphens. */
  id: string;
  /** The question, in markdown; numbers of the variant come from render(). */
  prompt: string;
  answer: AnswerSpec;
  /** Share of the exercise's points, relative to the other parts (default 1). */
  weight?: number;
}

/** A variant: the exercise's id, the seed it was drawn from, and what generate() drew (plain JSON). */
export interface Variant<V = unknown> {
  exercise: string;
  seed: number;
  data: V;
}

/**
 * A learner's answers, by part id. number: the text typed (`12.5 ms`); choice: an option id, or a list
 * of ids when `multiple`; ordering: item ids in order; spec and code: the text. A part left out is unanswered.
 */
export type Answer = string | string[];
export type Answers = Record<string, Answer | undefined>;

/**
 * correct / partial / wrong: an attempt with its score. format-error: the answer could not be read
 * (not a number, a missing unit, YAML that does not parse, code that does not compile): it costs no attempt.
 */
export type PartStatus = 'correct' | 'partial' | 'wrong' | 'format-error';

/** One rubric item or test of a part, for a checklist under the feedback. */
export interface CheckDetail {
  /** Stable id (a rubric item's, a test's name). */
  id: string;
  /** What is checked, in the learner's words. */
  label: string;
  passed: boolean;
  /** Points of a rubric item (partial credit is the share of points passed). */
  points?: number;
  /** Why it failed, or what it found (markdown); absent when it passed with nothing to add. */
  message?: string;
}

/** A problem at a place in the learner's text (YAML or code), for the editor's gutter; 1-based, without a path. */
export type TextDiagnostic = Diagnostic;

export interface PartResult {
  /** 0 to 1. A format error scores 0 and costs no attempt. */
  score: number;
  status: PartStatus;
  /** What is right or wrong and what to look at, in markdown, without giving the answer away. */
  feedback: string;
  /** Rubric items or tests, each passed or failed with its message. */
  details?: CheckDetail[];
  /** Problems at lines of the answer's text (spec and code parts). */
  diagnostics?: TextDiagnostic[];
}

export interface CheckResult {
  exercise: string;
  seed: number;
  /** One result per answered part; unanswered parts are absent (and score 0 in `score`). */
  parts: Record<string, PartResult>;
  /** Weighted mean of the part scores over all parts, 0 to 1. */
  score: number;
  /** score x the exercise's points. */
  points: number;
  /** Every part answered and correct. */
  complete: boolean;
  /** Parts whose answer could not be read: these cost no attempt. */
  formatErrors: string[];
}

/** What the page shows for one variant, beside the definition's prompts. Plain JSON. */
export interface RenderedVariant {
  /** The variant's scenario, in markdown, shown above the parts: the Introduction section, placeholders filled. */
  intro: string;
  /** The values of the `{{name}}` placeholders of exercise.md for this variant (text or markdown). */
  values?: Record<string, string | number>;
  /** Tables of the variant's data (samples, results, environments). */
  tables?: RenderedTable[];
  /** Raw numbers the learner works with (to plot, copy or download). */
  datasets?: RenderedDataset[];
  /** Per part id: what this variant adds to the part. */
  parts: Record<string, RenderedPart>;
}

export interface RenderedTable {
  id: string;
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface RenderedDataset {
  id: string;
  label: string;
  unit: string;
  values: number[];
}

export interface RenderedPart {
  /** The part's prompt for this variant: its section of exercise.md with the placeholders filled. */
  prompt?: string;
  /** The text the editor starts with (spec and code parts). */
  starter?: string;
  /** The options in this variant's order and words (choice parts); ids are the definition's. */
  options?: Option[];
  /** The items to order, shuffled for this variant (ordering parts); ids are the definition's. */
  items?: Option[];
  /** The tests the learner's code is run against (code parts), by name and what they check. */
  tests?: { name: string; description: string }[];
}

/** Runs JavaScript against tests in a sandbox (runtime/node/sandbox.ts, runtime/browser/sandbox.ts). */
export type RunJs = (code: string, suite: JsTestSuite, options?: SandboxOptions) => Promise<SandboxReport>;

/**
 * What the place running a check offers to code exercises: the page (runtime/browser/exercise-host.ts)
 * or Node (runtime/node/exercise-host.ts). A check that needs what the host lacks throws CheckUnavailableError.
 */
export interface CheckHost {
  /** A JavaScript sandbox with a time limit. */
  runJs?: RunJs;
  /** WebGPU (navigator.gpu, or dawn.node's), or undefined when there is none here. */
  gpu?: () => Promise<GPU | undefined>;
}

export interface CheckContext<H = never> {
  host?: CheckHost;
  /** Hidden tests from the exercise's tests.ts, added by the grader; the page never has them. */
  hidden?: H;
}

/**
 * An exercise as the page and the grader use it: exercise.md and exercise.ts of its folder, assembled by
 * runtime/exercises/folder.ts (and validated by schema.ts). V: the variant's data; H: the hidden tests
 * the grader may add (tests.ts `hidden(variant)`), when the exercise has any.
 */
export interface ExerciseDefinition<V = unknown, H = never> {
  /** The folder name: lowercase words joined by hyphens. */
  id: string;
  title: string;
  level: LevelId;
  kind: ExerciseKind;
  /** Points the whole exercise is worth in a gradebook. */
  points: number;
  /** One sentence for lists and the progress page. */
  summary: string;
  /** Minutes a learner needs, about. */
  minutes: number;
  parts: Part[];
  /** The Introduction section (markdown, with `{{name}}` placeholders that render fills). */
  introduction: string;
  /** Hints, revealed one at a time, most general first; none gives the answer away. */
  hints: string[];
  /** The worked solution in markdown: the method, for the instructor view (the variant's numbers come from tests.ts solve()). */
  solution: string;
  /** Instructor notes in markdown (timing, common mistakes). */
  notes: string;
  /** The folder's sandbox files (`sandbox/prelude.js`, ...), by path inside the folder. */
  files: Record<string, string>;
  /** Draws the variant's data from the seed: pure, deterministic, plain JSON (numbers rounded as shown). */
  generate(seed: number): V;
  /** What the page shows for the variant. Pure. */
  render(variant: Variant<V>): RenderedVariant;
  /**
   * Checks the answered parts (only those present in `answers`, each already of the right JSON type)
   * and returns a result per part. Deterministic. Throws CheckUnavailableError when the host lacks
   * what a part needs (a sandbox, WebGPU).
   */
  check(variant: Variant<V>, answers: Answers, context: CheckContext<H>): Promise<Record<string, PartResult>>;
}

/** What an exercise's render() returns: the variant's data; the prose comes from exercise.md. */
export interface LogicView {
  /** Values of the `{{name}}` placeholders in exercise.md (every one used there must be here). */
  values: Record<string, string | number>;
  tables?: RenderedTable[];
  datasets?: RenderedDataset[];
  /** Per part: starter, options, items, tests (the prompt is the part's section of exercise.md). */
  parts?: Record<string, Omit<RenderedPart, 'prompt'>>;
}

/** The logic of an exercise (exercises/<id>/exercise.ts): pure functions, no prose. */
export interface ExerciseLogic<V = unknown, H = never> {
  generate(seed: number): V;
  render(variant: Variant<V>): LogicView;
  check(variant: Variant<V>, answers: Answers, context: CheckContext<H>): Promise<Record<string, PartResult>>;
}

/** What exercise.ts's factory is given: the metadata of exercise.md and the folder's sandbox files. */
export interface ExerciseFolderContent {
  id: string;
  parts: Part[];
  /** Sandbox files by path inside the folder (`sandbox/prelude.js`); read them, never import them. */
  files: Record<string, string>;
}

/** The default export of exercise.ts: builds the logic from the folder's content. */
export type ExerciseLogicFactory<V = unknown, H = never> = (folder: ExerciseFolderContent) => ExerciseLogic<V, H>;

/** An exercise as the registry lists it, its data type erased. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds exercises of every variant and answer type; each checks its own
export type AnyExercise = ExerciseDefinition<any, any>;

/**
 * The hidden side of an exercise, exported as default by `exercises/<id>/tests.ts`: never imported by
 * the site. vitest and `workbook lint` run its cases; the grader adds `hidden` tests and may use `solve`
 * for an instructor's answer key.
 */
export interface ExerciseTests<V = unknown, H = never> {
  /** Correct answers for a variant: must score 1 (checked by lint on at least 200 seeds). */
  solve(variant: Variant<V>): Answers;
  /** Typical answers and what check must say about them. */
  cases: ExerciseTestCase<V>[];
  /**
   * Answers that must never pass (empty, every option ticked, a constant, the starter unchanged, the
   * answer of another seed, a known cheat): `workbook lint` checks each scores below half on every seed it tries.
   */
  degenerate: DegenerateAnswer<V>[];
  /** Extra tests the grader runs (code exercises): passed to check as `context.hidden`. */
  hidden?: (variant: Variant<V>) => H;
}

export interface ExerciseTestCase<V = unknown> {
  /** What the case shows: "the mean instead of the median, with feedback about outliers". */
  name: string;
  /** Seeds to try it on (default: 1, 2, 3). */
  seeds?: number[];
  /** The answers, from the variant (and the exercise, for its render). Return undefined to skip a variant the case does not apply to. */
  // biome-ignore lint/suspicious/noExplicitAny: a test case is checked against an exercise of any answer type
  answers: (variant: Variant<V>, exercise: ExerciseDefinition<V, any>) => Answers | undefined;
  /** What check must return, per part. */
  expect: Record<string, ExpectedPart>;
  /** Run the case with the hidden tests too (grader mode). */
  withHidden?: boolean;
}

/** An answer that must score below half (below `below` when given): a loophole kept closed. */
export interface DegenerateAnswer<V = unknown> {
  name: string;
  /** The answers; undefined skips a variant the trick does not apply to. */
  // biome-ignore lint/suspicious/noExplicitAny: a test case is checked against an exercise of any answer type
  answers: (variant: Variant<V>, exercise: ExerciseDefinition<V, any>) => Answers | undefined;
  /** The score it must stay under (default 0.5). */
  below?: number;
  /** Run with the hidden tests too (grader mode). */
  withHidden?: boolean;
}

export interface ExpectedPart {
  status: PartStatus | PartStatus[];
  /** Text the feedback (with its details' messages) must contain, or a pattern it must match. */
  feedback?: string | RegExp | (string | RegExp)[];
  /** The exact score, or [min, max]. */
  score?: number | [number, number];
}
