import { describe, expect, it } from 'vitest';
import { measure, MAX_ITERATIONS_PER_SAMPLE } from '../../runtime/measure/harness.ts';
import type { MeasureOptions, Workload } from '../../runtime/measure/types.ts';
import { relativeHalfWidth, summarize } from '../../runtime/measure/stats.ts';
import { seededRandom } from '../../runtime/data/random.ts';

/**
 * Virtual time, nothing real is timed: each clock read costs `readCost` ms, the clock shows time floored to
 * `resolution` (like a coarsened performance.now), and a fake workload advances time by what it "costs".
 */
function fakeTime(resolution = 0.125, readCost = 0.001) {
  let t = 0;
  return {
    clock: () => {
      t += readCost;
      return Math.floor(t / resolution) * resolution;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

type Time = ReturnType<typeof fakeTime>;

/** A workload whose call number `call` (0 = first run) of `iterations` iterations costs `cost(call, iterations)` ms. */
function fakeWorkload(
  time: Time,
  cost: (call: number, iterations: number) => number,
  // biome-ignore lint/suspicious/noConfusingVoidType: a workload's run may return nothing, as Workload.run does
  extra?: (call: number, iterations: number) => { deviceMs?: number } | void,
) {
  const calls: number[] = [];
  const workload: Workload = {
    run: async (iterations) => {
      const call = calls.length;
      calls.push(iterations);
      time.advance(cost(call, iterations));
      return extra?.(call, iterations);
    },
  };
  return { workload, calls };
}

/** Alternates 1 and 2 ms per iteration: IQR / median stays near 0.67, it never converges. */
const noisy = (call: number, k: number) => (call % 2 ? 1 : 2) * k;
const near = (a: number, b: number, tolerance = 0.3) => Math.abs(a - b) <= tolerance;

describe('measure: phases', () => {
  it('blocked autorange: the smallest power-of-two block that lasts >= 1000 x the resolution', async () => {
    const time = fakeTime(0.125);
    const { workload } = fakeWorkload(time, (_, k) => 0.01 * k);
    const m = await measure(workload, {}, time.clock);
    expect(m.timerResolutionMs).toBeCloseTo(0.125, 9);
    expect(m.iterationsPerSample).toBe(16384); // 0.01 ms x 16384 = 164 ms >= 125 ms; 8192 would be 82 ms
    expect(m.iterationsPerSample * 0.01).toBeGreaterThanOrEqual(1000 * m.timerResolutionMs);
    for (const s of m.samples) expect(near(s, 0.01, 1e-4)).toBe(true);
  });

  it('sizes the block on a warmed-up workload: one slow calibration run is checked by a second', async () => {
    const time = fakeTime(0.125);
    // Slow (200 ms) for the first five runs, as if a JIT were still compiling, then 1 ms per iteration.
    const { workload, calls } = fakeWorkload(time, (call, k) => (call < 5 ? 200 : k));
    const m = await measure(workload, {}, time.clock);
    expect(calls.slice(4, 6)).toEqual([1, 1]); // calibration's block of 1 looked long enough once, not twice
    expect(m.iterationsPerSample).toBe(128);
    for (const s of m.samples) expect(s * 128).toBeGreaterThanOrEqual(125);
  });

  it('re-grows the block when the workload speeds up after calibration; the short samples become warm-up', async () => {
    const time = fakeTime(0.125);
    // 200 ms per run until calibration is done (first run, 3 warm-ups, a block of 1 twice), then 1 ms per iteration.
    const { workload } = fakeWorkload(time, (call, k) => (call < 6 ? 200 : k));
    const m = await measure(workload, { minSamples: 10 }, time.clock);
    expect(m.warmup).toHaveLength(3 + 10);
    for (const w of m.warmup.slice(3)) expect(near(w, 1)).toBe(true);
    expect(m.iterationsPerSample).toBe(128); // 1 ms x 128 >= 125 ms
    expect(m.stoppedBecause).toBe('converged');
    for (const s of m.samples) expect(near(s, 1, 0.01)).toBe(true);
  });

  it('times the first run alone, reports warm-up runs, and keeps both out of the samples', async () => {
    const time = fakeTime();
    const cost = (call: number, k: number) => (call === 0 ? 50 : call <= 3 ? 2 : 1) * k;
    const { workload, calls } = fakeWorkload(time, cost);
    const m = await measure(workload, { warmupRuns: 3 }, time.clock);
    expect(near(m.firstRunMs, 50)).toBe(true);
    expect(m.warmup).toHaveLength(3);
    for (const w of m.warmup) expect(near(w, 2)).toBe(true);
    expect(calls.slice(0, 4)).toEqual([1, 1, 1, 1]);
    expect(m.iterationsPerSample).toBe(128);
    for (const s of m.samples) expect(near(s, 1, 0.01)).toBe(true);
  });

  it('the first run is the very first call, and afterFirstRun sees it before any warm-up, untimed', async () => {
    const time = fakeTime();
    const log: string[] = [];
    const workload: Workload = {
      run: async (k) => {
        log.push(`run ${k}`);
        time.advance(log.length === 1 ? 80 : k); // the cold call pays 80 ms (compile, JIT, upload)
      },
    };
    const m = await measure(
      workload,
      {
        afterFirstRun: async () => {
          log.push('verify');
          time.advance(500);
        },
      },
      time.clock,
    );
    expect(log.slice(0, 3)).toEqual(['run 1', 'verify', 'run 1']);
    expect(near(m.firstRunMs, 80)).toBe(true); // the verification's 500 ms are in no timing
    for (const w of m.warmup) expect(near(w, 1)).toBe(true);
  });

  it('a failing afterFirstRun (wrong output) ends the measurement with its error', async () => {
    const time = fakeTime();
    const { workload, calls } = fakeWorkload(time, (_, k) => k);
    await expect(
      measure(
        workload,
        {
          afterFirstRun: async () => {
            throw new Error('output does not match');
          },
        },
        time.clock,
      ),
    ).rejects.toThrow('output does not match');
    expect(calls).toEqual([1]);
  });

  it('singleQueryMultiple: a query of 200 ticks is timed alone (single queries), not in a block of 1000 ticks', async () => {
    const time = fakeTime(0.125);
    const asked = await measure(fakeWorkload(time, (_, k) => 25 * k).workload, { singleQueryMultiple: 100 }, time.clock);
    expect(asked.iterationsPerSample).toBe(1); // 25 ms = 200 ticks >= 100
    const other = fakeTime(0.125);
    const plain = await measure(fakeWorkload(other, (_, k) => 25 * k).workload, {}, other.clock);
    expect(plain.iterationsPerSample).toBeGreaterThan(1);
    // Too short even for that (5 ms = 40 ticks): blocks, whose percentiles are then of batch means.
    const short = await measure(fakeWorkload(time, (_, k) => 5 * k).workload, { singleQueryMultiple: 100 }, time.clock);
    expect(short.iterationsPerSample).toBe(32);
  });

  it('singleQueryBoundMs: with a step within 1 % of the latency bound, even a 5-tick query is timed alone', async () => {
    const time = fakeTime(0.125);
    // 0.625 ms = 5 ticks: too short for 100 ticks, but the step (0.125 ms) is 0.25 % of a 50 ms bound.
    const bound = await measure(
      fakeWorkload(time, (_, k) => 0.625 * k).workload,
      { singleQueryMultiple: 100, singleQueryBoundMs: 50, targetCi: 0.2 },
      time.clock,
    );
    expect(bound.iterationsPerSample).toBe(1);
    // A bound of 5 ms is only 40 steps: the step is too coarse to judge it with single queries, so blocks.
    const tight = await measure(fakeWorkload(time, (_, k) => 0.625 * k).workload, { singleQueryMultiple: 100, singleQueryBoundMs: 5 }, time.clock);
    expect(tight.iterationsPerSample).toBeGreaterThan(1);
  });

  it('stops on precision no finer than the timer allows: quantised single queries do not "converge" at once', async () => {
    const time = fakeTime(0.125);
    // Every query is exactly 5 ticks: the bootstrap CI is [0.625, 0.625], yet the step is 10 % of the median.
    const m = await measure(
      fakeWorkload(time, (_, k) => 0.625 * k).workload,
      { singleQueryMultiple: 100, singleQueryBoundMs: 50, minDurationMs: 100, maxDurationMs: 2000 },
      time.clock,
    );
    expect(m.stoppedBecause).toBe('max-duration');
  });

  it('never stops as converged on fewer than 10 samples, however steady (min-samples 1)', async () => {
    const time = fakeTime();
    const m = await measure(fakeWorkload(time, (_, k) => k).workload, { minSamples: 1, minDurationMs: 0 }, time.clock);
    expect(m.stoppedBecause).toBe('converged');
    expect(m.samples.length).toBeGreaterThanOrEqual(10);
  });

  it('calls onProgress at phase changes and at most every ~100 ms of clock time', async () => {
    const time = fakeTime(0.001, 0.00001);
    const { workload } = fakeWorkload(time, (_, k) => 0.01 * k);
    const seen: Parameters<NonNullable<MeasureOptions['onProgress']>>[0][] = [];
    const m = await measure(workload, { onProgress: (p) => seen.push(p) }, time.clock);
    const phases = seen.map((p) => p.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(['warmup', 'calibrate', 'measure']);
    const during = seen.filter((p) => p.phase === 'measure');
    expect(m.samples.length).toBeGreaterThan(500); // ~1.3 ms samples for 1 s
    expect(during.length).toBeGreaterThanOrEqual(m.elapsedMs / 100 - 1);
    expect(during.length).toBeLessThanOrEqual(m.elapsedMs / 100 + 2);
    expect(during.at(-1)).toEqual({ phase: 'measure', samples: m.samples.length, elapsedMs: m.elapsedMs });
  });
});

describe('measure: stop reasons', () => {
  it("converged: minimums met and the median's 95% CI within the target", async () => {
    const time = fakeTime();
    const m = await measure(fakeWorkload(time, (_, k) => k).workload, { minSamples: 10, minDurationMs: 1000 }, time.clock);
    expect(m.stoppedBecause).toBe('converged');
    expect(m.samples.length).toBeGreaterThanOrEqual(10);
    expect(m.elapsedMs).toBeGreaterThanOrEqual(1000);
  });

  it('converged on precision, not dispersion: 25% spread per sample, yet the median is known to +-1%', async () => {
    // Per-iteration cost uniform on [0.75, 1.25] ms (seeded): IQR / median is 25%, as on a shared machine.
    // The old rule (stop when IQR / median < 5%) never stopped; the median's CI narrows as 1 / sqrt(n).
    const time = fakeTime();
    const random = seededRandom(4);
    const m = await measure(
      fakeWorkload(time, (_, k) => k * (0.75 + 0.5 * random())).workload,
      { minSamples: 10, maxDurationMs: Infinity, bootstrapSeed: 3 },
      time.clock,
    );
    expect(m.stoppedBecause).toBe('converged');
    const s = summarize(m.samples, { seed: 3 });
    expect(s.relativeIqr).toBeGreaterThan(0.2);
    expect(relativeHalfWidth(s.ci95Median, s.median)).toBeLessThanOrEqual(0.01);
    // It did not stop long after the target was reached: with ~1.82 IQR / sqrt(n) as the half-width, about 1000-2000 samples.
    expect(m.samples.length).toBeGreaterThan(500);
    expect(m.samples.length).toBeLessThan(4000);
  });

  it('min-reached: no precision target, so it stops as soon as the minimums are met', async () => {
    const time = fakeTime();
    const m = await measure(fakeWorkload(time, noisy).workload, { targetCi: Infinity, minSamples: 12, minDurationMs: 0 }, time.clock);
    expect(m.stoppedBecause).toBe('min-reached');
    expect(m.samples).toHaveLength(12);
  });

  it('max-samples: a noisy workload stops at the sample cap', async () => {
    const time = fakeTime();
    const m = await measure(fakeWorkload(time, noisy).workload, { maxSamples: 30, maxDurationMs: Infinity }, time.clock);
    expect(m.stoppedBecause).toBe('max-samples');
    expect(m.samples).toHaveLength(30);
  });

  it('max-duration: a noisy workload stops at the time cap', async () => {
    const time = fakeTime();
    const m = await measure(fakeWorkload(time, noisy).workload, { maxDurationMs: 2000 }, time.clock);
    expect(m.stoppedBecause).toBe('max-duration');
    expect(m.elapsedMs).toBeGreaterThanOrEqual(2000);
    expect(m.elapsedMs).toBeLessThan(2400);
  });

  it('max-duration during calibration: a time cap shorter than one block returns without samples', async () => {
    const time = fakeTime(1); // 1 ms ticks: a block must last 1000 ms
    const m = await measure(fakeWorkload(time, (_, k) => 0.001 * k).workload, { maxDurationMs: 100, minDurationMs: 0 }, time.clock);
    expect(m.stoppedBecause).toBe('max-duration');
    expect(m.samples).toEqual([]);
  });

  it('cancelled: returns the samples measured so far', async () => {
    const time = fakeTime();
    const controller = new AbortController();
    const seen = new Map<number, number>();
    // Calibration tries each power of two, the last one (the sampling block) twice: abort during its 7th run (sample 5).
    const { workload } = fakeWorkload(time, noisy, (_, k) => {
      seen.set(k, (seen.get(k) ?? 0) + 1);
      if (k > 1 && seen.get(k) === 7) controller.abort();
    });
    const m = await measure(workload, { signal: controller.signal, maxDurationMs: Infinity }, time.clock);
    expect(m.stoppedBecause).toBe('cancelled');
    expect(m.samples).toHaveLength(5);
    expect(m.warmup).toHaveLength(3);
  });

  it('cancelled during warm-up: the first run and the warm-up so far come back', async () => {
    const time = fakeTime();
    const controller = new AbortController();
    const { workload, calls } = fakeWorkload(
      time,
      (_, k) => k,
      (call) => {
        if (call === 1) controller.abort();
      },
    );
    const m = await measure(workload, { signal: controller.signal }, time.clock);
    expect(m.stoppedBecause).toBe('cancelled');
    expect(calls).toHaveLength(2);
    expect(near(m.firstRunMs, 1)).toBe(true);
    expect(m.warmup).toHaveLength(1);
    expect(m.samples).toEqual([]);
  });

  it('yields to the event loop between samples, so a timer (a Stop button) can cancel', async () => {
    const time = fakeTime();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 0);
    const m = await measure(fakeWorkload(time, noisy).workload, { signal: controller.signal, maxDurationMs: Infinity }, time.clock);
    expect(m.stoppedBecause).toBe('cancelled');
    expect(m.samples.length).toBeLessThan(10_000);
  });
});

describe('measure: device time', () => {
  it('collects deviceMs per iteration when the workload reports it', async () => {
    const time = fakeTime();
    const { workload } = fakeWorkload(
      time,
      (_, k) => k,
      (_, k) => ({ deviceMs: 0.5 * k }),
    );
    const m = await measure(workload, {}, time.clock);
    expect(m.deviceSamples).toHaveLength(m.samples.length);
    expect(new Set(m.deviceSamples)).toEqual(new Set([0.5]));
  });

  it('has no deviceSamples when the workload reports none', async () => {
    const time = fakeTime();
    expect((await measure(fakeWorkload(time, (_, k) => k).workload, {}, time.clock)).deviceSamples).toBeUndefined();
  });

  it('keeps a sample whose device time is missing, marked null, instead of aborting the run', async () => {
    const time = fakeTime();
    let sampleCalls = 0;
    // Blocks of 128: two calibration runs, then the samples; the 3rd sample's timestamps are missing (quantised to 0 or reversed).
    const w = fakeWorkload(
      time,
      (_, k) => k,
      (_, k) => (k === 128 && ++sampleCalls === 5 ? undefined : { deviceMs: 0.5 * k }),
    );
    const m = await measure(w.workload, { maxDurationMs: Infinity }, time.clock);
    expect(m.iterationsPerSample).toBe(128);
    expect(m.deviceSamples).toHaveLength(m.samples.length);
    expect(m.deviceSamples![0]).toBe(0.5);
    expect(m.deviceSamples!.filter((d) => d === null)).toHaveLength(1);
    expect(m.deviceSamples![2]).toBeNull();
  });

  it('rejects deviceMs that is not a number >= 0', async () => {
    const time = fakeTime();
    const w = fakeWorkload(
      time,
      (_, k) => k,
      () => ({ deviceMs: -1 }),
    );
    await expect(measure(w.workload, {}, time.clock)).rejects.toThrow(/deviceMs -1 during the first run/);
  });
});

describe('measure: errors', () => {
  it('a workload that throws: the error says where, and keeps the cause', async () => {
    const time = fakeTime();
    const cause = new Error('out of memory');
    const { workload } = fakeWorkload(time, (call) => {
      if (call === 2) throw cause;
      return 1;
    });
    const failure = measure(workload, {}, time.clock);
    await expect(failure).rejects.toThrow(/workload failed during warm-up run 2 \(1 iteration\(s\)\): out of memory/);
    await expect(failure).rejects.toHaveProperty('cause', cause);
  });

  it('a clock that never moves', async () => {
    await expect(measure(fakeWorkload(fakeTime(), () => 1).workload, {}, () => 5)).rejects.toThrow(/clock did not move/);
  });

  it('work that takes no time: autorange gives up instead of looping forever', async () => {
    const time = fakeTime();
    const { workload, calls } = fakeWorkload(time, () => 0);
    await expect(measure(workload, {}, time.clock)).rejects.toThrow(/blocked autorange gave up/);
    expect(Math.max(...calls)).toBe(MAX_ITERATIONS_PER_SAMPLE);
  });

  it('bad options name the option', async () => {
    const time = fakeTime();
    const { workload } = fakeWorkload(time, () => 1);
    await expect(measure(workload, { minSamples: 0 }, time.clock)).rejects.toThrow(/minSamples/);
    await expect(measure(workload, { minSamples: 20, maxSamples: 10 }, time.clock)).rejects.toThrow(/minSamples 20 > maxSamples 10/);
    await expect(measure(workload, { targetCi: -1 }, time.clock)).rejects.toThrow(/targetCi/);
    await expect(measure(workload, { targetCi: 0 }, time.clock)).rejects.toThrow(/targetCi/);
    await expect(measure(workload, { warmupRuns: 1.5 }, time.clock)).rejects.toThrow(/warmupRuns/);
  });

  it('an option given as undefined takes its default', async () => {
    const time = fakeTime();
    const m = await measure(fakeWorkload(time, (_, k) => k).workload, { warmupRuns: undefined, targetCi: undefined }, time.clock);
    expect(m.warmup).toHaveLength(3);
    expect(m.stoppedBecause).toBe('converged');
  });

  it('a clock that returns nonsense', async () => {
    await expect(measure(fakeWorkload(fakeTime(), () => 1).workload, {}, () => NaN)).rejects.toThrow(/clock returned NaN/);
  });
});
