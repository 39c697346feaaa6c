import { describe, expect, it } from 'vitest';
import { normalFloat32 } from '../../runtime/data/random.ts';
import { summarize } from '../../runtime/measure/stats.ts';
import type { Measurement } from '../../runtime/measure/types.ts';
import { evaluate, type ValidityInput } from '../../runtime/measure/validity.ts';

/** `n` latencies around 10 ms (sd 0.1), seeded. */
const latencies = (n: number, seed = 5) => Array.from(normalFloat32(n, seed, 10, 0.1));

function measurement(samples: number[], over: Partial<Measurement> = {}): Measurement {
  return {
    samples,
    iterationsPerSample: 1,
    warmup: [11, 10.5, 10.2],
    firstRunMs: 12,
    timerResolutionMs: 0.005,
    stoppedBecause: 'converged',
    elapsedMs: 2500,
    ...over,
  };
}

/** A single-stream p90 input that is VALID until a test changes something. */
function input(samples = latencies(200), over: Partial<Measurement> = {}, rest: Partial<ValidityInput> = {}): ValidityInput {
  const m = measurement(samples, over);
  return {
    scenario: 'single-stream',
    measurement: m,
    stats: samples.length ? summarize(samples) : null,
    percentiles: [90],
    minSamples: 100,
    minDurationMs: 1000,
    maxRelativeIqr: 0.05,
    latencyBoundMs: 20,
    itemsPerIteration: 1,
    ...rest,
  };
}

describe('evaluate: VALID', () => {
  it('a converged single-stream run with enough samples and time, under the bound', () => {
    const v = evaluate(input());
    expect(v).toEqual({ valid: true, reasons: [], notes: [] });
  });
});

describe('evaluate: INVALID, with the reason', () => {
  const only = (i: ValidityInput) => {
    const v = evaluate(i);
    expect(v.valid).toBe(false);
    return v.reasons;
  };

  it('too few samples for the percentile asked', () => {
    expect(only(input(latencies(60), {}, { minSamples: 10 }))).toEqual(['p90 needs at least 100 samples (10 beyond the 90th percentile); this run has 60.']);
  });

  it('fewer samples than the spec minimum', () => {
    expect(only(input(latencies(150), {}, { minSamples: 300 }))).toEqual(['Only 150 sample(s); the spec asks for at least 300.']);
  });

  it('measured for less than the minimum duration', () => {
    expect(only(input(undefined, { elapsedMs: 400 }))).toEqual(['Measured for 400 ms; the spec asks for at least 1.00 s.']);
  });

  it('stopped by the time cap before converging', () => {
    expect(only(input(undefined, { stoppedBecause: 'max-duration', elapsedMs: 10_000 }))).toEqual([
      'The time cap was hit after 10.0 s and 200 sample(s), before the measurement converged.',
    ]);
  });

  it('variance too high', () => {
    const wide = Array.from(normalFloat32(200, 5, 10, 2));
    expect(only(input(wide, {}, { latencyBoundMs: undefined }))).toEqual([
      expect.stringMatching(/^Variance too high: the IQR is \d+\.\d % of the median, above the 5\.0 % allowed\.$/),
    ]);
  });

  it('cancelled', () => {
    expect(only(input(undefined, { stoppedBecause: 'cancelled' }))).toEqual(['The run was cancelled (stopped by hand) after 200 sample(s): a partial measurement.']);
  });

  it('cancelled before any sample: every missing minimum is listed', () => {
    const reasons = only(input([], { stoppedBecause: 'cancelled', elapsedMs: 0 }));
    expect(reasons).toHaveLength(4);
    expect(reasons[0]).toMatch(/cancelled/);
  });

  it('the p90 latency exceeds the latency bound', () => {
    const samples = latencies(200);
    expect(only(input(samples, {}, { latencyBoundMs: 10.05 }))).toEqual([expect.stringMatching(/^The p90 latency, 10\.\d ms, exceeds the latency bound of 10\.1 ms\.$/)]);
    expect(evaluate(input(samples, {}, { latencyBoundMs: 10.5 })).valid).toBe(true);
  });
});

describe('evaluate: notes that do not invalidate', () => {
  it('a slow first run', () => {
    const v = evaluate(input(undefined, { firstRunMs: 250 }));
    expect(v.valid).toBe(true);
    expect(v.notes).toEqual([expect.stringMatching(/^The first run took 250 ms, 25\.\dx the median: compilation/)]);
  });

  it('outliers, counted', () => {
    const samples = latencies(200);
    samples[3] = 30;
    samples[77] = 25;
    const v = evaluate(input(samples, {}, { latencyBoundMs: undefined }));
    expect(v.valid).toBe(true);
    expect(v.notes).toEqual(['2 of 200 samples are outliers (modified z-score above 3.5); they are kept in the statistics.']);
  });

  it('percentiles of blocks, not of single queries', () => {
    const v = evaluate(input(undefined, { iterationsPerSample: 64 }));
    expect(v.valid).toBe(true);
    expect(v.notes).toEqual([expect.stringMatching(/^Each sample is the mean of a block of 64 iterations.*5\.00 µs.*not single queries/)]);
  });

  it('stopped at the sample cap', () => {
    expect(evaluate(input(undefined, { stoppedBecause: 'max-samples' })).notes).toEqual([expect.stringMatching(/sample cap \(200\)/)]);
  });
});

describe('evaluate: offline throughput', () => {
  it('items over the total measured time', () => {
    const samples = Array.from({ length: 20 }, () => 2); // 2 ms per iteration of 8 items, in blocks of 4
    const v = evaluate(input(samples, { iterationsPerSample: 4 }, { scenario: 'offline', percentiles: [], minSamples: 10, latencyBoundMs: undefined, itemsPerIteration: 8 }));
    expect(v.valid).toBe(true);
    expect(v.throughput).toEqual({ itemsPerSecond: 4000 });
  });

  it('single-stream reports no throughput', () => {
    expect(evaluate(input()).throughput).toBeUndefined();
  });
});

describe('evaluate: inconsistent input is an error, not a verdict', () => {
  it('stats of other samples', () => {
    const i = input();
    expect(() => evaluate({ ...i, stats: summarize([1, 2, 3]) })).toThrow(/stats describe 3 samples but the measurement has 200/);
  });
  it('a latency bound on the offline scenario, or without a percentile', () => {
    expect(() => evaluate(input(undefined, {}, { scenario: 'offline' }))).toThrow(/single-stream scenario only/);
    expect(() => evaluate(input(undefined, {}, { percentiles: [] }))).toThrow(/needs a percentile/);
  });
  it('a percentile outside (0, 100), and bad numbers', () => {
    expect(() => evaluate(input(undefined, {}, { percentiles: [90, 100] }))).toThrow(/percentiles\[1\] must be between 0 and 100/);
    expect(() => evaluate(input(undefined, {}, { itemsPerIteration: 0 }))).toThrow(/itemsPerIteration/);
    expect(() => evaluate(input(undefined, {}, { minSamples: 2.5 }))).toThrow(/minSamples/);
  });
});
