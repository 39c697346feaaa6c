import type { Constraints } from '../spec/schema.ts';
import type { LoadSettings } from './driver.ts';
import { MAX_LOAD_QUERIES, RULE_SETS } from './rules.ts';
import type { LoadJudge } from './summary.ts';

/** Samples loaded for a performance run when the spec names no count (LoadGen's performance_sample_count). */
export const DEFAULT_PERFORMANCE_SAMPLES = 1024;
/** How long after max-duration-ms a run may still wait for its last queries, unless load.deadline-ms says. */
export const DEADLINE_GRACE_MS = 10_000;

/**
 * A spec's constraints (with `load`) as the driver and the judge take them: the spec's values where it gives
 * them, the rule set's otherwise; seeds default to ones derived from the inputs' seed.
 */
export function loadSettingsOf(c: Constraints, seed: number, taskBatch?: number): { settings: LoadSettings; judge: LoadJudge } {
  const load = c.load;
  if (!load) throw new RangeError('loadSettingsOf: the spec has no constraints.load');
  const rules = RULE_SETS[load.rules].scenarios[c.scenario];
  const percentile = load['latency-percentile'] ?? rules.percentile;
  return {
    settings: {
      scenario: c.scenario,
      // Multi-stream's query is the model's batch unless the spec says otherwise, so a batch parameter sizes it.
      samplesPerQuery: load['samples-per-query'] ?? (c.scenario === 'multi-stream' && taskBatch !== undefined ? taskBatch : rules.samplesPerQuery),
      ...(load['target-qps'] !== undefined ? { targetQps: load['target-qps'] } : {}),
      minQueryCount: load['min-query-count'] ?? rules.minQueryCount,
      minDurationMs: c['min-duration-ms'],
      maxQueryCount: MAX_LOAD_QUERIES,
      maxDurationMs: c['max-duration-ms'],
      deadlineMs: load['deadline-ms'] ?? c['max-duration-ms'] + DEADLINE_GRACE_MS,
      seeds: load.seeds
        ? { qsl: load.seeds.qsl, sampleIndex: load.seeds['sample-index'], schedule: load.seeds.schedule }
        : { qsl: seed, sampleIndex: seed + 1, schedule: seed + 2 },
    },
    judge: {
      rules: load.rules,
      ...(percentile !== undefined && c.scenario !== 'offline' ? { percentile } : {}),
      ...(c['latency-bound-ms'] !== undefined ? { latencyBoundMs: c['latency-bound-ms'] } : {}),
    },
  };
}
