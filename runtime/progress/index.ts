// A learner's progress on the exercises: the records the browser keeps, the submission file, merging,
// the variant's seed. Pure (no DOM, no Node); the IndexedDB adapter is runtime/browser/progress-db.ts.
export {
  answerSchema,
  answersSchema,
  attemptSchema,
  exerciseStateSchema,
  assignmentSchema,
  assignmentRefSchema,
  lastResultSchema,
  emptySnapshot,
  PART_STATUSES,
  SEED_SOURCES,
  type Attempt,
  type ExerciseState,
  type Assignment,
  type LastResult,
  type ProgressSnapshot,
  type SeedSource,
} from './records.ts';
export { summarize, formatScore, type ExerciseSummary } from './summary.ts';
export { mergeSnapshots, describeMerge, type MergeReport, type MergeResult } from './merge.ts';
export {
  SUBMISSION_FORMAT,
  SUBMISSION_VERSION,
  SUBMISSION_FILE_SUFFIX,
  submissionSchema,
  buildSubmission,
  readSubmission,
  submissionToSnapshot,
  submissionFileName,
  migrations as submissionMigrations,
  type Submission,
  type SubmissionEntry,
  type ExerciseMeta,
  type BuildOptions,
  type ReadOptions,
  type ReadResult,
} from './submission.ts';
export { PROGRESS_DB_NAME, PROGRESS_DB_VERSION, upgradeAttemptV1, upgradeSeedV1, type AttemptV1, type SeedV1 } from './migrate.ts';
export { MemoryProgressStore, type ProgressStore } from './store.ts';
export { chooseSeed, parseUrlSeed, type SeedChoice, type SeedInputs } from './seed-choice.ts';
