import { describe, expect, it } from 'vitest';
import {
  VirtualScheduler,
  countingLibrary,
  runAccuracy,
  runLoad,
  summarizeLoad,
  syntheticSut,
  type LoadProgress,
  type LoadSettings,
  type SystemUnderTest,
} from '../../runtime/load/index.ts';

const seeds = { qsl: 1, sampleIndex: 2, schedule: 3 };
const base: LoadSettings = {
  scenario: 'single-stream',
  samplesPerQuery: 1,
  minQueryCount: 100,
  minDurationMs: 0,
  maxQueryCount: 10_000,
  maxDurationMs: 1e9,
  deadlineMs: 60_000,
  seeds,
};

function setup(sutOptions: Partial<Parameters<typeof syntheticSut>[0]> = {}) {
  const scheduler = new VirtualScheduler();
  const sut = syntheticSut({ scheduler, service: { kind: 'constant', ms: 1 }, ...sutOptions });
  const qsl = countingLibrary('digits', 2000, 256);
  return { scheduler, sut, qsl };
}

describe('the scenario drivers', () => {
  it('single-stream: one sample per query, each issued when the previous completes, until both minimums are met', async () => {
    const { scheduler, sut, qsl } = setup();
    const run = await scheduler.run(runLoad({ ...base, minQueryCount: 50, minDurationMs: 120 }, { sut, qsl, scheduler }));
    expect(run.ended).toBe('complete');
    expect(run.queries.length).toBe(121); // 1 ms each: the duration decides; LoadGen counts the last issue (at 120 ms)
    run.queries.forEach((q, i) => {
      expect(q.sampleCount).toBe(1);
      expect(q.issuedMs).toBe(i);
      expect(q.scheduledMs).toBe(q.issuedMs);
      expect(q.completedMs).toBe(i + 1);
    });
  });

  it("multi-stream: queries of several samples, served by parallel servers; latency is the query's (its last sample)", async () => {
    const { scheduler, sut, qsl } = setup({ servers: 4, service: { kind: 'constant', ms: 2 } });
    const run = await scheduler.run(runLoad({ ...base, scenario: 'multi-stream', samplesPerQuery: 8 }, { sut, qsl, scheduler }));
    expect(run.queries.length).toBe(100);
    // 8 samples on 4 servers: two rounds of 2 ms.
    for (const q of run.queries) expect(q.completedMs! - q.issuedMs).toBe(4);
    expect(run.queries.every((q) => q.sampleCount === 8)).toBe(true);
  });

  it('offline: one query of all the samples; min-query-count counts samples', async () => {
    const { scheduler, sut, qsl } = setup({ servers: 2 });
    const run = await scheduler.run(runLoad({ ...base, scenario: 'offline', minQueryCount: 1000 }, { sut, qsl, scheduler }));
    expect(run.queries.length).toBe(1);
    expect(run.queries[0]!.sampleCount).toBe(1000);
    expect(run.queries[0]!.completedMs).toBe(500);
    const s = summarizeLoad(run, { rules: 'workbook' });
    expect(s.samplesPerSecond).toBe(2000);
  });

  it('draws samples only from the loaded set, the same for the same seeds', async () => {
    const seen = new Set<number>();
    const make = () => {
      const { scheduler, qsl } = setup();
      const inner = syntheticSut({ scheduler, service: { kind: 'constant', ms: 1 } });
      const sut: SystemUnderTest = {
        ...inner,
        issueQuery: (q, r) => {
          for (const s of q.samples) seen.add(s);
          inner.issueQuery(q, r);
        },
      };
      return scheduler.run(runLoad({ ...base, minQueryCount: 2000, maxQueryCount: 2000 }, { sut, qsl, scheduler }));
    };
    await make();
    expect(seen.size).toBeLessThanOrEqual(256);
    expect(seen.size).toBeGreaterThan(200);
    const first = new Set(seen);
    seen.clear();
    await make();
    expect(seen).toEqual(first);
  });

  it('server: refuses a SUT without asynchronous issue', async () => {
    const { scheduler, qsl } = setup();
    const sync: SystemUnderTest = { name: 'sync', asyncIssue: false, issueQuery: (_q, r) => r.complete() };
    await expect(runLoad({ ...base, scenario: 'server', targetQps: 10 }, { sut: sync, qsl, scheduler })).rejects.toThrow(/asynchronous issue/);
  });

  it('reports progress: issued, in flight, done', async () => {
    const { scheduler, sut, qsl } = setup({ service: { kind: 'constant', ms: 30 } });
    const seen: LoadProgress[] = [];
    await scheduler.run(
      runLoad(
        { ...base, scenario: 'server', targetQps: 100, minQueryCount: 200, minDurationMs: 0, maxQueryCount: 200 },
        { sut, qsl, scheduler, onProgress: (p) => seen.push(p) },
      ),
    );
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.some((p) => p.inFlight > 1)).toBe(true); // 30 ms service at 100 QPS: a queue forms
    expect(seen.at(-1)).toMatchObject({ issued: 200, inFlight: 0, done: 200 });
    for (const p of seen) expect(p.issued).toBe(p.inFlight + p.done);
  });
});

describe('a SUT that fails: the run ends, INVALID, naming the queries; nothing hangs', () => {
  it('a query that is never completed: the deadline ends the run and names it', async () => {
    const { scheduler, sut, qsl } = setup({ neverComplete: [7] });
    const run = await scheduler.run(runLoad({ ...base, deadlineMs: 5000 }, { sut, qsl, scheduler }));
    expect(run.ended).toBe('deadline');
    expect(run.queries.length).toBe(8); // the closed loop waited on query 7
    expect(run.queries[7]!.completedMs).toBeNull();
    const s = summarizeLoad(run, { rules: 'workbook', percentile: 90 });
    expect(s.result).toBe('INVALID');
    expect(s.reasons.join(' ')).toMatch(/1 query was never completed by the deadline \(5.00 s after the start\): query 7\./);
  });

  it('server: queries never completed are named, the rest still counted', async () => {
    const { scheduler, sut, qsl } = setup({ neverComplete: [3, 5] });
    const run = await scheduler.run(
      runLoad({ ...base, scenario: 'server', targetQps: 50, minQueryCount: 100, maxQueryCount: 100, deadlineMs: 60_000 }, { sut, qsl, scheduler }),
    );
    expect(run.ended).toBe('deadline');
    expect(run.queries.length).toBe(100);
    const s = summarizeLoad(run, { rules: 'workbook', percentile: 99, latencyBoundMs: 10 });
    expect(s.queries).toMatchObject({ issued: 100, completed: 98, incomplete: 2 });
    expect(s.reasons[0]).toMatch(/2 queries were never completed .*: query 3, query 5\./);
  });

  it('a deadline before the schedule is out: INVALID, saying so even with nothing in flight', async () => {
    const { scheduler, sut, qsl } = setup();
    const run = await scheduler.run(
      runLoad({ ...base, scenario: 'server', targetQps: 10, minQueryCount: 100, maxQueryCount: 100, deadlineMs: 2000 }, { sut, qsl, scheduler }),
    );
    expect(run.ended).toBe('deadline');
    expect(run.queries.length).toBeLessThan(40);
    const s = summarizeLoad(run, { rules: 'workbook', percentile: 99, latencyBoundMs: 10 });
    expect(s.reasons[0]).toBe('The deadline (2.00 s after the start) ended the run before all its queries were issued.');
  });

  it('a SUT that throws: that query fails, issuing stops, the error is named', async () => {
    const { scheduler, sut, qsl } = setup({ throwOn: [4] });
    const run = await scheduler.run(runLoad(base, { sut, qsl, scheduler }));
    expect(run.ended).toBe('failed');
    expect(run.queries.length).toBe(5);
    expect(run.queries[4]!.error).toBe('synthetic fault: query 4 throws');
    const s = summarizeLoad(run, { rules: 'workbook', percentile: 90 });
    expect(s.result).toBe('INVALID');
    expect(s.reasons).toContain('Query 4 failed: synthetic fault: query 4 throws');
  });

  it('a SUT that calls fail', async () => {
    const { scheduler, qsl } = setup();
    const sut: SystemUnderTest = {
      name: 'failing',
      asyncIssue: true,
      issueQuery: (q, r) => scheduler.at(scheduler.now() + 1, () => r.fail(new Error(`out of memory at ${q.id}`))),
    };
    const run = await scheduler.run(runLoad(base, { sut, qsl, scheduler }));
    expect(run.queries).toHaveLength(1);
    expect(run.queries[0]!.error).toBe('out of memory at 0');
  });
});

describe('accuracy mode', () => {
  it('visits every sample of the whole split once, in chunks of the loaded set, and logs each response', async () => {
    const { scheduler, qsl } = setup();
    const sut = syntheticSut({ scheduler, service: { kind: 'constant', ms: 1 }, respond: (s) => s % 10 });
    const loads: number[][] = [];
    const lib = { ...qsl, load: (s: readonly number[]) => void loads.push([...s]) };
    const acc = await scheduler.run(runAccuracy(sut, lib, scheduler, { samplesPerQuery: 8, deadlineMs: 60_000 }));
    expect(acc.log.map((e) => e.sample)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(acc.log.every((e) => e.response === e.sample % 10)).toBe(true);
    expect(loads.map((l) => l.length)).toEqual([256, 256, 256, 256, 256, 256, 256, 208]);
    expect(acc.missing).toEqual([]);
  });
  it('names the samples a SUT never answered', async () => {
    const { scheduler, qsl } = setup();
    const sut = syntheticSut({ scheduler, service: { kind: 'constant', ms: 1 }, neverComplete: [2] });
    const acc = await scheduler.run(runAccuracy(sut, qsl, scheduler, { samplesPerQuery: 10, deadlineMs: 1000 }));
    expect(acc.missing.slice(0, 10)).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    expect(acc.missing.length).toBe(2000 - 20);
    expect(acc.errors[0]).toMatch(/samples 20..29: not completed by the deadline/);
  });
});
