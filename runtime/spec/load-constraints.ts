import { MAX_LOAD_QUERIES, RULE_SETS } from '../load/rules.ts';
import { sweepRangeProblem } from '../load/sweep.ts';
import { scenarioTargetProblem } from '../load/targets.ts';
import { SCENARIO_TABLE } from '../scenarios.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Spec } from './schema.ts';

type Path = (string | number)[];
type Report = (path: Path, message: string, severity?: Diagnostic['severity'], atKey?: boolean) => void;

/**
 * The rules of `constraints.load` (the load generator, runtime/load/), each reported where it applies, before
 * anything runs: a scenario that needs the generator, a server run without its rate or its bound, a bound
 * without its percentile, a rate too high for the duration, a target that cannot issue asynchronously, a
 * sweep with no points, minimums below the rule set's.
 */
export function checkLoadConstraints(spec: Spec, report: Report): void {
  const c = spec.constraints;
  const load = c.load;
  const scenario = c.scenario;
  if (!load) {
    if (SCENARIO_TABLE[scenario].loadOnly) {
      report(
        ['constraints', 'scenario'],
        `the ${scenario} scenario runs through the load generator: add a constraints.load mapping${scenario === 'server' ? ' with target-qps' : ''}`,
      );
    }
    return;
  }
  const at = (...rest: Path): Path => ['constraints', 'load', ...rest];
  const rules = RULE_SETS[load.rules].scenarios[scenario];
  if (c['latency-bound-ms'] !== undefined && load['latency-percentile'] === undefined && scenario !== 'offline') {
    report(['constraints', 'latency-bound-ms'], 'a latency bound needs the percentile it holds: add load.latency-percentile (99 for p99)');
  }
  if (scenario === 'offline' && c['latency-bound-ms'] !== undefined)
    report(['constraints', 'latency-bound-ms'], 'an offline run reports throughput; it has no per-query latency to bound');
  if (scenario === 'server') {
    if (load['target-qps'] === undefined) report(at(), 'a server run needs target-qps: the mean rate of its Poisson arrivals', 'error', true);
    if (c['latency-bound-ms'] === undefined)
      report(['constraints'], 'a server run is judged against a latency bound: add latency-bound-ms (and load.latency-percentile)', 'error', true);
  } else if (load['target-qps'] !== undefined) {
    report(
      at('target-qps'),
      `target-qps sets the arrival rate of the server scenario; ${article(scenario)} ${scenario} run issues on its own schedule`,
      'warning',
    );
  }
  const qps = load['target-qps'];
  if (scenario === 'server' && qps !== undefined) {
    const minDuration = Math.max(c['min-duration-ms'], load.rules === 'mlperf' ? rules.minDurationMs : 0);
    const queries = Math.ceil((qps * minDuration) / 1000);
    const minQueries = load['min-query-count'] ?? rules.minQueryCount;
    const spanS = Math.max(minQueries / qps, minDuration / 1000);
    if (queries <= MAX_LOAD_QUERIES && spanS * 1000 > c['max-duration-ms']) {
      report(
        at('target-qps'),
        `at ${qps} queries per second, ${minQueries} queries over at least ${minDuration / 1000} s take about ${spanS.toFixed(1)} s of arrivals, longer than max-duration-ms (${c['max-duration-ms']}): raise the rate or max-duration-ms, or lower min-query-count`,
      );
    }
    if (queries > MAX_LOAD_QUERIES) {
      report(
        at('target-qps'),
        `${qps} queries per second for ${minDuration / 1000} s is ${queries.toLocaleString('en')} queries; a run records each, at most ${MAX_LOAD_QUERIES.toLocaleString('en')}: lower the rate or min-duration-ms`,
      );
    }
  }
  if (load.rules === 'mlperf') {
    if (c['min-duration-ms'] < rules.minDurationMs)
      report(
        ['constraints', 'min-duration-ms'],
        `MLPerf's rules (load.rules: mlperf) ask ${scenario} runs for at least ${rules.minDurationMs} ms; this is ${c['min-duration-ms']}`,
      );
    if (load['min-query-count'] !== undefined && load['min-query-count'] < rules.minQueryCount)
      report(at('min-query-count'), `MLPerf's rules ask ${scenario} runs for at least ${rules.minQueryCount}; this is ${load['min-query-count']}`);
  }
  spec.metrics.forEach((m, i) => {
    if (m.kind === 'throughput') {
      m.aggregation.forEach((a, j) => {
        if (a !== 'mean')
          report(
            ['metrics', i, 'aggregation', j],
            `under the load generator a throughput is the completed samples per second over the run, a mean: write mean, not ${a}`,
          );
      });
    }
    if (m.kind === 'accuracy' && load.mode !== 'both')
      report(['metrics', i, 'kind'], 'accuracy comes from the accuracy run, separate from the timed one: set constraints.load.mode: both');
  });
  if (c['max-duration-ms'] < c['min-duration-ms']) return; // reported with the durations
  spec.infrastructure.targets.forEach((t, i) => {
    const why = scenarioTargetProblem(scenario, t, spec.task.kind);
    if (why) report(['infrastructure', 'targets', i], why);
  });
  if (load.sweep) {
    if (scenario !== 'server') report(at('sweep'), `a sweep searches the target QPS of a server run; this is ${article(scenario)} ${scenario} run`);
    const problem = sweepRangeProblem(load.sweep.from, load.sweep.to, 'the sweep');
    if (problem) report(at('sweep'), problem);
  }
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
