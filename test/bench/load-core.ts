// The load generator bench's measurements, host-neutral (Node and a page): runtime/load with the host's
// scheduler on performance.now, a SUT that does nothing, so what is timed is the generator and its host.
import { countingLibrary, hostScheduler, loadPercentile, runLoad, type LoadSettings, type SystemUnderTest } from '../../runtime/load/index.ts';

export interface LoadBenchFigures {
  host: string;
  issue: { qps: number; queries: number; p50Ms: number; p99Ms: number; maxMs: number }[];
  overhead: { queries: number; perQueryUs: number; ofOneMsQuery: number };
  /** The host without the generator: a thread spinning on the clock for 2 s, the gaps it saw (the CPU taken away). */
  hostAlone: { gapsOver1Ms: number; longestGapMs: number };
}

/** Spins on the clock for `ms`: gaps between reads longer than 1 ms are time the host took this thread off the CPU. */
function hostGaps(ms = 2000): LoadBenchFigures['hostAlone'] {
  const end = performance.now() + ms;
  let last = performance.now();
  let gapsOver1Ms = 0;
  let longestGapMs = 0;
  for (let now = last; now < end; now = performance.now()) {
    const gap = now - last;
    if (gap > 1) gapsOver1Ms++;
    if (gap > longestGapMs) longestGapMs = gap;
    last = now;
  }
  return { gapsOver1Ms, longestGapMs };
}

/** Completes every query on the next microtask. */
const noOpSut: SystemUnderTest = {
  name: 'no-op',
  asyncIssue: true,
  issueQuery: (_q, r) => void Promise.resolve().then(() => r.complete()),
};

const base: LoadSettings = {
  scenario: 'server',
  samplesPerQuery: 1,
  minQueryCount: 1,
  minDurationMs: 0,
  maxQueryCount: 50_000,
  maxDurationMs: 60_000,
  deadlineMs: 120_000,
  seeds: { qsl: 1, sampleIndex: 2, schedule: 3 },
};

export async function measureLoadGenerator(host: string, durationMs = 5000): Promise<LoadBenchFigures> {
  const scheduler = hostScheduler(() => performance.now());
  const qsl = countingLibrary('none', 1024);
  const issue: LoadBenchFigures['issue'] = [];
  for (const qps of [100, 1000]) {
    const queries = Math.round((qps * durationMs) / 1000);
    const run = await runLoad({ ...base, targetQps: qps, minQueryCount: queries, maxQueryCount: queries }, { sut: noOpSut, qsl, scheduler });
    const late = run.queries.map((q) => q.issuedMs - q.scheduledMs).sort((a, b) => a - b);
    issue.push({ qps, queries: late.length, p50Ms: loadPercentile(late, 50), p99Ms: loadPercentile(late, 99), maxMs: late.at(-1)! });
  }
  // Closed loop, no-op SUT: the whole time per query is the generator's (issue, record, chain the next).
  const n = 20_000;
  const t0 = performance.now();
  await runLoad({ ...base, scenario: 'single-stream', minQueryCount: n, maxQueryCount: n }, { sut: noOpSut, qsl, scheduler });
  const perQueryUs = ((performance.now() - t0) / n) * 1000;
  return { host, issue, overhead: { queries: n, perQueryUs, ofOneMsQuery: perQueryUs / 1000 }, hostAlone: hostGaps() };
}

export function printLoadFigures(all: readonly LoadBenchFigures[]): void {
  console.log('\n## Load generator: issue time against the Poisson schedule (no-op SUT; goal p99 <= 1 ms in Node)\n');
  console.log('| host | target QPS | queries | p50 late | p99 late | max late | p99 goal |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const f of all)
    for (const r of f.issue)
      console.log(
        `| ${f.host} | ${r.qps} | ${r.queries} | ${(r.p50Ms * 1000).toFixed(1)} µs | ${(r.p99Ms * 1000).toFixed(1)} µs | ${r.maxMs.toFixed(2)} ms | ${r.p99Ms <= 1 ? 'met' : 'NOT met'} |`,
      );
  console.log('\nThe host alone (a thread spinning on the clock for 2 s, right after): when it loses the CPU, any timer is late by as much.\n');
  console.log('| host | gaps over 1 ms | longest gap |\n| --- | ---: | ---: |');
  for (const f of all) console.log(`| ${f.host} | ${f.hostAlone.gapsOver1Ms} | ${f.hostAlone.longestGapMs.toFixed(2)} ms |`);
  console.log('\n| host | generator cost per query (closed loop, no-op SUT) | share of a 1 ms query (goal <= 2%) |\n| --- | ---: | ---: |');
  for (const f of all)
    console.log(
      `| ${f.host} | ${f.overhead.perQueryUs.toFixed(1)} µs | ${(f.overhead.ofOneMsQuery * 100).toFixed(2)}% (${f.overhead.ofOneMsQuery <= 0.02 ? 'met' : 'NOT met'}) |`,
    );
}
