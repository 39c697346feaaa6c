/** The load generator (after MLPerf LoadGen): see DESIGN.md, "Load scenarios", and driver.ts. */
export type { Query, QueryRecord, QuerySampleLibrary, Responder, Scheduler, SystemUnderTest, LoadProgress } from './types.ts';
export { VirtualScheduler, type HostStall } from './virtual-scheduler.ts';
export { hostScheduler, macrotask } from './host-scheduler.ts';
export { poissonSchedule, serverQueryCount } from './arrivals.ts';
export { loadedSet, samplePicker, countingLibrary } from './sample-library.ts';
export { syntheticSut, serviceSampler, meanService, type ServiceTime, type Stall, type SyntheticSutOptions } from './synthetic-sut.ts';
export { runLoad, type LoadRun, type LoadSettings, type LoadSeeds, type RunLoadOptions } from './driver.ts';
export { runAccuracy, type AccuracyRun, type AccuracyEntry } from './accuracy.ts';
export { earlyStoppingEstimate, earlyStoppingServer, minPassingQueries, logBinomialCdf, EARLY_STOPPING_CONFIDENCE } from './early-stopping.ts';
export { RULE_SETS, RULE_SET_NAMES, type RuleSet, type RuleSetName, type ScenarioRules } from './rules.ts';
export { summarizeLoad, formatLoadSummary, loadPercentile, LOAD_PERCENTILE_DEFINITION, type LoadJudge, type LoadSummary } from './summary.ts';
export { ASYNC_ISSUE, scenarioTargetProblem } from './targets.ts';
export { sweepQps, parseSweepRange, sweepRangeProblem, type SweepRange, type SweepPoint, type SweepResult } from './sweep.ts';
export { workloadSut } from './workload-sut.ts';
export { loadSettingsOf, DEFAULT_PERFORMANCE_SAMPLES, DEADLINE_GRACE_MS } from './settings.ts';
export { applyLoadOverrides, LOAD_PARAMS } from './overrides.ts';
