import type { Scenario } from '../scenarios.ts';

/** A scenario's run rules in one rule set. */
export interface ScenarioRules {
  /** The latency percentile the result is (single-stream, multi-stream) or is held to (server). */
  percentile?: number;
  samplesPerQuery: number;
  minQueryCount: number;
  minDurationMs: number;
  /** server: the bound when the spec gives none (MLPerf's default target_latency). */
  latencyBoundMs?: number;
}

export interface RuleSet {
  name: RuleSetName;
  title: string;
  /** Where the numbers come from. */
  source: string;
  earlyStoppingConfidence: number;
  scenarios: Record<Scenario, ScenarioRules>;
}

export const RULE_SET_NAMES = ['workbook', 'mlperf'] as const;
export type RuleSetName = (typeof RULE_SET_NAMES)[number];

/**
 * MLPerf's real values beside the workbook's teaching defaults. Every load record names the set it used.
 *
 * mlperf: mlcommons/inference loadgen/mlperf.conf (min_duration 600000 ms in every scenario; SingleStream
 * p90; MultiStream p99, 8 samples per query, min_query_count 662; Server p99, target_latency 10 ms by
 * default, 15 ms for resnet50; Offline min_query_count 24576 samples for resnet50) and loadgen/test_settings.h
 * (min_query_count 100 where mlperf.conf sets none). Early stopping at 99 % confidence (results.cc).
 *
 * workbook: the same rules, shorter, so a run fits a lesson: 5 s instead of 10 minutes, and query counts at
 * the early-stopping minimum of the scenario's percentile (64 queries at p90, 662 at p99: fewer could not
 * give a tail estimate at all). A short run is not MLPerf-compliant and its record says so.
 */
export const RULE_SETS: Record<RuleSetName, RuleSet> = {
  workbook: {
    name: 'workbook',
    title: "the workbook's teaching defaults (short runs; not MLPerf-compliant)",
    source: 'runtime/load/rules.ts: MLPerf LoadGen rules with shorter minimums',
    earlyStoppingConfidence: 0.99,
    scenarios: {
      'single-stream': { percentile: 90, samplesPerQuery: 1, minQueryCount: 64, minDurationMs: 2_000 },
      'multi-stream': { percentile: 99, samplesPerQuery: 8, minQueryCount: 662, minDurationMs: 2_000 },
      server: { percentile: 99, samplesPerQuery: 1, minQueryCount: 662, minDurationMs: 5_000, latencyBoundMs: 10 },
      offline: { samplesPerQuery: 1, minQueryCount: 1_024, minDurationMs: 1_000 },
    },
  },
  mlperf: {
    name: 'mlperf',
    title: "MLPerf Inference's values (loadgen/mlperf.conf): ten-minute runs",
    source: 'mlcommons/inference loadgen/mlperf.conf and loadgen/test_settings.h',
    earlyStoppingConfidence: 0.99,
    scenarios: {
      'single-stream': { percentile: 90, samplesPerQuery: 1, minQueryCount: 100, minDurationMs: 600_000 },
      'multi-stream': { percentile: 99, samplesPerQuery: 8, minQueryCount: 662, minDurationMs: 600_000 },
      server: { percentile: 99, samplesPerQuery: 1, minQueryCount: 100, minDurationMs: 600_000, latencyBoundMs: 10 },
      offline: { samplesPerQuery: 1, minQueryCount: 24_576, minDurationMs: 600_000 },
    },
  },
};

/** The most queries one run issues: a record keeps each one's times (the record's sample cap, runtime/results/record.ts). */
export const MAX_LOAD_QUERIES = 50_000;
