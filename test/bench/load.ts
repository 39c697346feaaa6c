// The load generator's own accuracy (`npm run bench`, or alone: `npx node test/bench/load.ts`): how late the
// server scenario issues queries against its Poisson schedule at 100 and 1,000 QPS, and the generator's cost
// per query in a closed loop against a SUT that does nothing. Figures, never pass/fail (shared machines).
import { performance } from 'node:perf_hooks';
import { countingLibrary, hostScheduler, loadPercentile, runLoad, type LoadSettings, type SystemUnderTest } from '../../runtime/load/index.ts';

export interface LoadBenchFigures {
  issue: { qps: number; queries: number; p50Ms: number; p99Ms: number; maxMs: number }[];
  overhead: { queries: number; perQueryUs: number; ofOneMsQuery: number };
}

/** Completes every query on the next microtask: all that is timed is the generator. */
const noOpSut: SystemUnderTest = {
  name: 'no-op',
  asyncIssue: true,
  issueQuery: (_q, r) => void Promise.resolve().then(() => r.complete()),
};

const seeds = { qsl: 1, sampleIndex: 2, schedule: 3 };
const base: LoadSettings = {
  scenario: 'server',
  samplesPerQuery: 1,
  minQueryCount: 1,
  minDurationMs: 0,
  maxQueryCount: 50_000,
  maxDurationMs: 60_000,
  deadlineMs: 120_000,
  seeds,
};

export async function loadBench(durationMs = 5000): Promise<LoadBenchFigures> {
  const scheduler = hostScheduler(() => performance.now());
  const qsl = countingLibrary('none', 1024);
  const issue: LoadBenchFigures['issue'] = [];
  for (const qps of [100, 1000]) {
    const queries = Math.round((qps * durationMs) / 1000);
    const run = await runLoad({ ...base, targetQps: qps, minQueryCount: queries, maxQueryCount: queries }, { sut: noOpSut, qsl, scheduler });
    const late = run.queries.map((q) => q.issuedMs - q.scheduledMs).sort((a, b) => a - b);
    issue.push({ qps, queries: late.length, p50Ms: loadPercentile(late, 50), p99Ms: loadPercentile(late, 99), maxMs: late.at(-1)! });
  }
  // Closed loop, no-op SUT: the whole time per query is the generator's (issue, record, schedule the next).
  const n = 20_000;
  const t0 = performance.now();
  await runLoad({ ...base, scenario: 'single-stream', minQueryCount: n, maxQueryCount: n }, { sut: noOpSut, qsl, scheduler });
  const perQueryUs = ((performance.now() - t0) / n) * 1000;
  return { issue, overhead: { queries: n, perQueryUs, ofOneMsQuery: perQueryUs / 1000 } };
}

export function printLoadBench(f: LoadBenchFigures): void {
  console.log('\n## Load generator: issue time against the Poisson schedule (Node, no-op SUT; goal p99 <= 1 ms)\n');
  console.log('| target QPS | queries | p50 late | p99 late | max late | goal |\n| ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of f.issue)
    console.log(
      `| ${r.qps} | ${r.queries} | ${(r.p50Ms * 1000).toFixed(1)} µs | ${(r.p99Ms * 1000).toFixed(1)} µs | ${r.maxMs.toFixed(2)} ms | ${r.p99Ms <= 1 ? 'met' : 'NOT met'} |`,
    );
  console.log(
    `\nGenerator overhead per query (closed loop, ${f.overhead.queries} queries, no-op SUT): ${f.overhead.perQueryUs.toFixed(1)} µs, ` +
      `${(f.overhead.ofOneMsQuery * 100).toFixed(2)}% of a 1 ms query (goal <= 2%: ${f.overhead.ofOneMsQuery <= 0.02 ? 'met' : 'NOT met'}).`,
  );
}

if (import.meta.main) printLoadBench(await loadBench());
