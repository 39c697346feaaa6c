/**
 * The load scenarios (after MLPerf LoadGen): the one list the spec schema, the result record, the
 * validity rules and the docs read. Adding a scenario is one entry here, plus its behaviour (how
 * the harness issues queries, what validity checks); everything that lists scenarios follows.
 */
export const SCENARIO_TABLE = {
  'single-stream': {
    /** In a few words, for the schema's description: how queries are issued and what is reported. */
    brief: 'one at a time, latency',
    description: 'One query at a time, each timed on its own; latency is the metric (p90 by default in MLPerf).',
    /** The metric kind a run of this scenario reports: a spec must declare one. */
    reports: 'latency',
    /** Runs only through the load generator (runtime/load/): the timing loop (runtime/measure/) cannot issue it. */
    loadOnly: false,
    /** The generator must issue while earlier queries run (open loop): the SUT needs an asynchronous issue. */
    needsAsyncIssue: false,
  },
  'multi-stream': {
    brief: 'several samples per query, p99',
    description: 'Queries of several samples (8 in MLPerf), the next issued when the previous completes; the p99 of query latency is the metric.',
    reports: 'latency',
    loadOnly: true,
    needsAsyncIssue: false,
  },
  server: {
    brief: 'Poisson arrivals at a target QPS, p99 within a bound',
    description:
      'Queries arrive at random (Poisson) at a target rate, whether or not the system kept up; latency counts from the scheduled arrival, and the p99 must stay within a bound.',
    reports: 'latency',
    loadOnly: true,
    needsAsyncIssue: true,
  },
  offline: {
    brief: 'all at once, throughput',
    description: 'All the work issued at once; throughput (items per second) is the metric.',
    reports: 'throughput',
    loadOnly: false,
    needsAsyncIssue: false,
  },
} as const;

export type Scenario = keyof typeof SCENARIO_TABLE;

/** The scenarios, in the table's order (a tuple, as z.enum wants it). */
export const SCENARIOS = Object.keys(SCENARIO_TABLE) as [Scenario, ...Scenario[]];

/** Whether `value` names a scenario. */
export function isScenario(value: unknown): value is Scenario {
  return typeof value === 'string' && Object.hasOwn(SCENARIO_TABLE, value);
}

/** The scenarios in words, for help texts and errors: "`single-stream` (one at a time, latency) or `offline` (...)". */
export function scenarioChoices(quote: (name: string) => string = (s) => `\`${s}\``, withBrief = true): string {
  const items = SCENARIOS.map((s) => (withBrief ? `${quote(s)} (${SCENARIO_TABLE[s].brief})` : quote(s)));
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : items.join('');
}
