import { describe, expect, it } from 'vitest';
import {
  VirtualScheduler,
  countingLibrary,
  loadPercentile,
  poissonSchedule,
  runLoad,
  syntheticSut,
  type LoadSettings,
  type ServiceTime,
  type Stall,
} from '../../runtime/load/index.ts';

/**
 * The load generator against queueing theory, on the synthetic SUT under a virtual clock (fixed seeds, so the
 * numbers are the same on every machine and the tolerances are about sampling error, not flakiness).
 */

const seeds = { qsl: 1, sampleIndex: 2, schedule: 3 };

function settings(over: Partial<LoadSettings>): LoadSettings {
  return {
    scenario: 'server',
    samplesPerQuery: 1,
    minQueryCount: 1,
    minDurationMs: 0,
    maxQueryCount: 1_000_000,
    maxDurationMs: 1e12,
    deadlineMs: 1e12,
    seeds,
    ...over,
  };
}

async function run(s: LoadSettings, service: ServiceTime, extra: { stalls?: Stall[]; hostStalls?: Stall[]; servers?: number } = {}) {
  const scheduler = new VirtualScheduler({ hostStalls: extra.hostStalls });
  const sut = syntheticSut({ scheduler, service, seed: 7, stalls: extra.stalls, servers: extra.servers });
  const result = await scheduler.run(runLoad(s, { sut, qsl: countingLibrary('synthetic', 1000), scheduler }));
  const latencies = result.queries.map((q) => q.completedMs! - q.scheduledMs);
  return { result, latencies, sorted: [...latencies].sort((a, b) => a - b) };
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('the server scenario is an M/G/1 queue with the synthetic SUT', () => {
  const N = 200_000;
  it('M/D/1: mean time in system matches s + rho s / (2 (1 - rho)) (Pollaczek-Khinchine)', async () => {
    const s = 2; // ms
    const rho = 0.7;
    const qps = (rho / s) * 1000;
    const { latencies } = await run(settings({ targetQps: qps, minQueryCount: N, maxQueryCount: N }), { kind: 'constant', ms: s });
    expect(latencies.length).toBe(N);
    const theory = s + (rho * s) / (2 * (1 - rho)); // 4.333 ms
    expect(Math.abs(mean(latencies) - theory) / theory).toBeLessThan(0.03);
    // The same run with the wrong rate is far off: the test can tell 0.7 from 0.6.
    const wrong = s + (0.6 * s) / (2 * 0.4);
    expect(Math.abs(mean(latencies) - wrong) / wrong).toBeGreaterThan(0.1);
  });

  it('M/M/1: mean time in system matches s / (1 - rho)', async () => {
    const s = 2;
    const rho = 0.5;
    const qps = (rho / s) * 1000;
    const { latencies } = await run(settings({ targetQps: qps, minQueryCount: N, maxQueryCount: N }), { kind: 'exponential', meanMs: s });
    const theory = s / (1 - rho); // 4 ms
    expect(Math.abs(mean(latencies) - theory) / theory).toBeLessThan(0.03);
    // M/M/1 time in system is exponential with rate mu - lambda: its p99 is ln(100) / (mu - lambda).
    const p99 = loadPercentile(
      [...latencies].sort((a, b) => a - b),
      99,
    );
    expect(Math.abs(p99 - Math.log(100) * theory) / (Math.log(100) * theory)).toBeLessThan(0.05);
  });
});

describe('a 200 ms stall', () => {
  const stall = [{ atMs: 1000, durationMs: 200 }];
  const service: ServiceTime = { kind: 'constant', ms: 2 };
  const server = settings({ targetQps: 100, minQueryCount: 1000, maxQueryCount: 1000 });

  it('shows in the server p99 (open loop: the arrivals during the stall queue behind it)', async () => {
    const calm = await run(server, service);
    const stalled = await run(server, service, { stalls: stall });
    expect(loadPercentile(calm.sorted, 99)).toBeLessThan(10);
    expect(loadPercentile(stalled.sorted, 99)).toBeGreaterThan(50);
    expect(stalled.sorted.filter((x) => x > 20).length).toBeGreaterThanOrEqual(10);
  });

  it('does not show in a closed loop (single-stream): only the one query in service waits, so the p99 stays 2 ms', async () => {
    const closed = settings({ scenario: 'single-stream', minQueryCount: 1000, maxQueryCount: 1000 });
    const { sorted } = await run(closed, service, { stalls: stall });
    expect(sorted.length).toBe(1000);
    expect(loadPercentile(sorted, 99)).toBe(2);
    expect(sorted.at(-1)).toBeGreaterThanOrEqual(200); // the stall is there, hidden in one query
    expect(sorted.filter((x) => x > 2).length).toBe(1);
  });

  it('on the issuing host (a busy thread) still shows, because latency counts from the scheduled arrival', async () => {
    const { result, sorted } = await run(server, service, { hostStalls: stall });
    expect(loadPercentile(sorted, 99)).toBeGreaterThan(50);
    // Measured from the actual issue, the same run would look far calmer (coordinated omission): only the burst
    // of ~20 late queries queueing behind each other (2 ms each) is left, not the 200 ms they waited to go out.
    const fromIssue = result.queries.map((q) => q.completedMs! - q.issuedMs).sort((a, b) => a - b);
    expect(loadPercentile(fromIssue, 99)).toBeLessThan(25);
    expect(loadPercentile(sorted, 99)).toBeGreaterThan(2 * loadPercentile(fromIssue, 99));
    expect(Math.max(...result.queries.map((q) => q.issuedMs - q.scheduledMs))).toBeGreaterThan(150);
  });
});

/** Kolmogorov-Smirnov statistic of `xs` against the exponential CDF with rate `rate`. */
function ksExponential(xs: readonly number[], rate: number): number {
  const s = [...xs].sort((a, b) => a - b);
  let d = 0;
  s.forEach((x, i) => {
    const f = 1 - Math.exp(-rate * x);
    d = Math.max(d, Math.abs(f - i / s.length), Math.abs((i + 1) / s.length - f));
  });
  return d;
}

describe('Poisson arrivals', () => {
  const n = 5000;
  const qps = 200;
  const times = poissonSchedule(qps, n, 42);
  const gaps = times.map((t, i) => t - (i === 0 ? 0 : times[i - 1]!));
  // Critical value of the one-sample KS test at alpha = 0.01: 1.628 / sqrt(n).
  const critical = 1.628 / Math.sqrt(n);

  it('have exponential gaps at the target rate (Kolmogorov-Smirnov, alpha 0.01)', () => {
    expect(ksExponential(gaps, qps / 1000)).toBeLessThan(critical);
    expect(mean(gaps)).toBeCloseTo(1000 / qps, 0);
  });
  it('and the test rejects what is not: the wrong rate, or evenly spaced arrivals', () => {
    expect(ksExponential(gaps, (qps * 1.1) / 1000)).toBeGreaterThan(critical);
    expect(
      ksExponential(
        Array.from({ length: n }, () => 1000 / qps),
        qps / 1000,
      ),
    ).toBeGreaterThan(critical);
  });
  it('are the same for the same seed and differ for another', () => {
    expect(poissonSchedule(qps, 10, 42)).toEqual(times.slice(0, 10));
    expect(poissonSchedule(qps, 10, 43)).not.toEqual(times.slice(0, 10));
  });
});
