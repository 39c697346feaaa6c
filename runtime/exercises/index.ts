// The exercises part of the engine: what the site (the <Exercise> island), the grader, the linter and
// the exercise folders may use. Host adapters: runtime/browser/sandbox.ts and exercise-host.ts for the
// page, runtime/node/sandbox.ts and exercise-host.ts for Node.
export type {
  AnswerSpec,
  NumberAnswerSpec,
  ChoiceAnswerSpec,
  OrderingAnswerSpec,
  SpecAnswerSpec,
  CodeAnswerSpec,
  Option,
  Part,
  Variant,
  Answer,
  Answers,
  PartStatus,
  PartResult,
  CheckDetail,
  TextDiagnostic,
  CheckResult,
  RenderedVariant,
  RenderedPart,
  RenderedTable,
  RenderedDataset,
  RunJs,
  CheckHost,
  CheckContext,
  ExerciseDefinition,
  AnyExercise,
  ExerciseTests,
  ExerciseTestCase,
  ExpectedPart,
  DegenerateAnswer,
  ExerciseLogic,
  ExerciseLogicFactory,
  ExerciseFolderContent,
  LogicView,
  ExerciseKind,
} from './types.ts';
export { EXERCISE_KINDS } from './types.ts';
export { exerciseSchema, partSchema, answerSpecSchema, frontmatterSchema, partMetaSchema, type ExerciseFrontmatter } from './schema.ts';
export {
  defineExercise,
  defineExerciseTests,
  createVariant,
  checkAnswers,
  countsAsAttempt,
  gradeParts,
  answerShapeProblem,
  CheckUnavailableError,
} from './check.ts';
export {
  checkNumber,
  checkChoice,
  checkOrdering,
  parseQuantity,
  isClose,
  longestCommonSubsequence,
  readChoice,
  formatError,
  scored,
  DEFAULT_RTOL,
  DEFAULT_ATOL,
  type NumberCheckOptions,
  type ChoiceCheckOptions,
  type OrderingCheckOptions,
} from './checkers.ts';
export {
  checkSpecRubric,
  validates,
  declaresWarmup,
  percentileWithEnoughSamples,
  unitsOnEveryMetric,
  seededData,
  recordsHardware,
  qualityTarget,
  hardwareItemsFor,
  get,
  list,
  resolved,
  metrics,
  type RubricItem,
  type SpecSubmission,
} from './rubric.ts';
export { seedFor, isSeed, assertSeed, MAX_SEED, type SeedInput } from './seed.ts';
export { variantRandom, round, type VariantRandom } from './random.ts';
export { lookupUnit, convert } from './units.ts';
export {
  DEFAULT_SANDBOX_TIMEOUT_MS,
  DEFAULT_SANDBOX_MEMORY_MB,
  type JsTest,
  type JsTestSuite,
  type SandboxOptions,
  type SandboxReport,
  type SandboxTestResult,
  type CodeLocation,
} from './sandbox.ts';
export { runWgslKernel, compareOutput, gpuProblem, type KernelRun, type KernelOutcome, type OutputComparison } from './wgsl.ts';
export {
  lintExercises,
  DEFAULT_SOLUTION_SEEDS,
  type ExerciseFolder,
  type ExerciseLintOptions,
  type ExerciseLintResult,
  type CheckRun,
  type SolutionChecker,
} from './lint.ts';
export { expandSelfTests, selfTestProblems, DEFAULT_TEST_SEEDS, type SelfTestJob } from './self-test.ts';
export { createRegistry, UnknownExerciseError, type ExerciseRegistry } from './registry.ts';
export { assembleExercise, defineExerciseLogic, isSandboxFile, type FolderInput, type AssembledFolder, type FolderProblem } from './folder.ts';
export { parseExerciseMarkdown, placeholdersIn, fillPlaceholders, REQUIRED_SECTIONS, type ExerciseMarkdown } from './markdown.ts';
export { ATTEMPT_POLICY, attemptValue, creditedScores, creditedBest, type ScoredAttempt } from './attempts.ts';
