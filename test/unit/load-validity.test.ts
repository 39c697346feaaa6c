import { describe, expect, it } from 'vitest';
import {
  RULE_SETS,
  VirtualScheduler,
  countingLibrary,
  earlyStoppingEstimate,
  earlyStoppingServer,
  formatLoadSummary,
  logBinomialCdf,
  minPassingQueries,
  runLoad,
  summarizeLoad,
  syntheticSut,
  type LoadSettings,
} from '../../runtime/load/index.ts';

describe("LoadGen's early stopping", () => {
  it('the binomial CDF matches a direct sum', () => {
    const direct = (t: number, n: number, q: number) => {
      let sum = 0;
      let c = 1;
      for (let x = 0; x <= t; x++) {
        sum += c * q ** x * (1 - q) ** (n - x);
        c = (c * (n - x)) / (x + 1);
      }
      return sum;
    };
    for (const [t, n, q] of [
      [0, 10, 0.1],
      [3, 40, 0.1],
      [5, 100, 0.01],
      [20, 60, 0.3],
    ] as const) {
      expect(Math.exp(logBinomialCdf(t, n, q))).toBeCloseTo(direct(t, n, q), 12);
    }
  });

  it("needs MLPerf's known counts: 44 queries with none over at p90, 64 for an estimate at p90, 662 at p99", () => {
    expect(minPassingQueries(0, 0.9)).toBe(Math.ceil(Math.log(0.01) / Math.log(0.9))); // 44
    expect(minPassingQueries(1, 0.9) + 1).toBe(64);
    // loadgen/mlperf.conf: *.MultiStream.min_query_count = 662, the early-stopping minimum at p99.
    expect(minPassingQueries(1, 0.99) + 1).toBe(662);
  });

  it('is the smallest passing count: one fewer does not pass', () => {
    for (const [t, p] of [
      [0, 0.9],
      [5, 0.9],
      [12, 0.99],
      [100, 0.95],
    ] as const) {
      const h = minPassingQueries(t, p);
      expect(logBinomialCdf(t, h + t, 1 - p)).toBeLessThan(Math.log(0.01));
      expect(logBinomialCdf(t, h - 1 + t, 1 - p)).toBeGreaterThanOrEqual(Math.log(0.01));
    }
  });

  it("estimates the percentile's upper bound as LoadGen's loop does (t stepped one by one)", () => {
    const latencies = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) + 1); // 1..1000, shuffled
    const loadgen = (n: number, p: number) => {
      let t = 1;
      for (let i = 2; i < n + 1; i++) {
        if (n < minPassingQueries(i, p) + i) {
          t = i - 1;
          break;
        }
      }
      return n - t + 1; // sorted[n - t] of 1..n
    };
    for (const p of [0.9, 0.99]) {
      const es = earlyStoppingEstimate(latencies, p);
      expect(es.ok).toBe(true);
      if (es.ok) {
        expect(es.estimate).toBe(loadgen(1000, p));
        // An upper bound: above the plain percentile (900 at p90), by the sampling error of 1,000 queries.
        expect(es.estimate).toBeGreaterThan(Math.floor(1000 * p));
      }
    }
    expect(earlyStoppingEstimate(latencies.slice(0, 63), 0.9)).toEqual({ ok: false, minQueries: 64 });
  });

  it('server: passes with few queries over the bound, fails with too many for the count', () => {
    expect(earlyStoppingServer(1000, 0, 0.99)).toEqual({ ok: true, needed: 459 });
    // MLPerf's counts at p99: 662 queries with 1 over, 838 with 2, 1001 with 3.
    expect(earlyStoppingServer(662, 1, 0.99)).toEqual({ ok: true, needed: 662 });
    expect(earlyStoppingServer(1001, 3, 0.99).ok).toBe(true);
    expect(earlyStoppingServer(1000, 3, 0.99).ok).toBe(false); // 0.3 % over, yet 1,000 queries cannot show the p99
    expect(earlyStoppingServer(100_000, 500, 0.99).ok).toBe(true);
  });
});

const seeds = { qsl: 1, sampleIndex: 2, schedule: 3 };
async function serverRun(qps: number, over: Partial<LoadSettings> = {}) {
  const scheduler = new VirtualScheduler();
  const sut = syntheticSut({ scheduler, service: { kind: 'exponential', meanMs: 2 }, seed: 5 });
  const settings: LoadSettings = {
    scenario: 'server',
    samplesPerQuery: 1,
    targetQps: qps,
    minQueryCount: 662,
    minDurationMs: 5000,
    maxQueryCount: 50_000,
    maxDurationMs: 60_000,
    deadlineMs: 120_000,
    seeds,
    ...over,
  };
  return scheduler.run(runLoad(settings, { sut, qsl: countingLibrary('x', 100), scheduler }));
}

describe('validity and summary after LoadGen', () => {
  it('a server run well within its bound is VALID, with scheduled and completed QPS near the target', async () => {
    const s = summarizeLoad(await serverRun(100), { rules: 'workbook', percentile: 99, latencyBoundMs: 50 });
    expect(s.reasons).toEqual([]);
    expect(s.result).toBe('VALID');
    expect(s.qps.target).toBe(100);
    expect(Math.abs(s.qps.scheduled! - 100)).toBeLessThan(8);
    expect(Math.abs(s.qps.completed! - s.qps.scheduled!)).toBeLessThan(2);
    expect(s.latencyMs!.p99).toBeLessThan(50);
    expect(s.notes.join(' ')).toMatch(/not a compliant MLPerf result/);
  });

  it('the same system at 450 QPS (rho 0.9) exceeds a 20 ms p99 bound: INVALID, saying by how much and what to do', async () => {
    const s = summarizeLoad(await serverRun(450), { rules: 'workbook', percentile: 99, latencyBoundMs: 20 });
    expect(s.result).toBe('INVALID');
    expect(s.reasons.join(' ')).toMatch(/The p99 latency, .* exceeds the bound of 20\.0 ms: reduce the target QPS\./);
    expect(s.overBound!.count).toBeGreaterThan(0);
  });

  it('a bound met at the percentile but with too few queries for early stopping is INVALID', async () => {
    // ~1,000 queries, bound at about the p99.6: the p99 is within it, but 1,000 queries cannot show that.
    const run = await serverRun(100, { minDurationMs: 10_000, minQueryCount: 900 });
    const sorted = run.queries.map((q) => q.completedMs! - q.scheduledMs).sort((a, b) => a - b);
    const bound = sorted[Math.floor(sorted.length * 0.996)]!;
    const s = summarizeLoad(run, { rules: 'workbook', percentile: 99, latencyBoundMs: bound });
    expect(s.percentile!.valueMs!).toBeLessThanOrEqual(bound);
    expect(s.result).toBe('INVALID');
    expect(s.reasons.join(' ')).toMatch(/Early stopping not met: with \d+ of \d+ queries over the bound/);
  });

  it('too few queries and too short, each named', async () => {
    const run = await serverRun(100, { minQueryCount: 10, minDurationMs: 100 });
    const s = summarizeLoad(
      { ...run, settings: { ...run.settings, minQueryCount: 5000, minDurationMs: 600_000 } },
      {
        rules: 'mlperf',
        percentile: 99,
        latencyBoundMs: 1000,
      },
    );
    expect(s.reasons.join('\n')).toMatch(/Only \d+ queries issued; the rules ask for at least 5000/);
    expect(s.reasons.join('\n')).toMatch(/Too short: the last arrival was scheduled at .*; the rules ask for at least 600 s/);
  });

  it('single-stream: the early-stopping estimate is held against a bound', async () => {
    const scheduler = new VirtualScheduler();
    const sut = syntheticSut({ scheduler, service: { kind: 'lognormal', medianMs: 2, sigma: 0.5 }, seed: 9 });
    const run = await scheduler.run(
      runLoad(
        {
          scenario: 'single-stream',
          samplesPerQuery: 1,
          minQueryCount: 200,
          minDurationMs: 0,
          maxQueryCount: 200,
          maxDurationMs: 1e9,
          deadlineMs: 1e9,
          seeds,
        },
        { sut, qsl: countingLibrary('x', 100), scheduler },
      ),
    );
    const plain = summarizeLoad(run, { rules: 'workbook', percentile: 90 });
    const es = plain.percentile!.earlyStopping as { estimateMs: number };
    expect(es.estimateMs).toBeGreaterThan(plain.percentile!.valueMs!);
    // A bound between the plain p90 and its early-stopping estimate: the plain figure would pass, the honest one does not.
    const bound = (es.estimateMs + plain.percentile!.valueMs!) / 2;
    const judged = summarizeLoad(run, { rules: 'workbook', percentile: 90, latencyBoundMs: bound });
    expect(judged.result).toBe('INVALID');
    expect(judged.reasons.join(' ')).toMatch(/early-stopping estimate of the p90 latency \(its upper bound at 99% confidence\)/);
  });

  it("prints a summary in LoadGen's spirit", async () => {
    const text = formatLoadSummary(summarizeLoad(await serverRun(100), { rules: 'workbook', percentile: 99, latencyBoundMs: 50 }));
    expect(text).toMatch(/Scenario : server/);
    expect(text).toMatch(/Target QPS +: 100\.00/);
    expect(text).toMatch(/Scheduled QPS : \d+\.\d\d/);
    expect(text).toMatch(/Result {3}: VALID/);
    expect(text).toMatch(/p99 latency : .* \(bound 50(\.0+)? ms\)/);
  });

  it("keeps MLPerf's real values beside the teaching defaults", () => {
    expect(RULE_SETS.mlperf.scenarios.server.minDurationMs).toBe(600_000);
    expect(RULE_SETS.mlperf.scenarios['multi-stream'].minQueryCount).toBe(662);
    expect(RULE_SETS.mlperf.scenarios.offline.minQueryCount).toBe(24_576);
    for (const s of ['single-stream', 'multi-stream', 'server'] as const) {
      const rules = RULE_SETS.workbook.scenarios[s];
      // A teaching default below the early-stopping minimum could never give an estimate.
      expect(rules.minQueryCount).toBeGreaterThanOrEqual(minPassingQueries(1, rules.percentile! / 100) + 1);
    }
  });
});
