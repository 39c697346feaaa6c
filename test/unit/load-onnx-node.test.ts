import { describe, expect, it } from 'vitest';
import { hostScheduler, runAccuracy, runLoad, summarizeLoad } from '../../runtime/load/index.ts';
import { trainedMnist } from '../../runtime/node/mnist-data.ts';
import { nodeMnistLoad } from '../../runtime/node/load-onnx.ts';

const scheduler = hostScheduler(() => performance.now());

describe('the MNIST classifier on onnxruntime-node as a system under test', { timeout: 60_000 }, () => {
  it("accuracy mode: every held-out digit once, one logged response each; the accuracy from the log is the model card's", async () => {
    const m = await nodeMnistLoad({ performanceSampleCount: 500 });
    try {
      const acc = await runAccuracy(m.sut, m.qsl, scheduler, { samplesPerQuery: 100, deadlineMs: 30_000 });
      expect(acc.missing).toEqual([]);
      expect(acc.log.map((e) => e.sample)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
      // ONNX Runtime and the JS reference sum in different orders: a digit on a knife edge may flip, no more.
      expect(Math.abs(m.accuracyOf(acc.log) - trainedMnist().testAccuracy)).toBeLessThanOrEqual(0.001);
      // A log of wrong answers scores what it is: the check can fail.
      expect(m.accuracyOf(acc.log.map((e) => ({ ...e, response: (Number(e.response) + 1) % 10 })))).toBeLessThan(0.05);
    } finally {
      await m.close();
    }
  });

  it('performance mode, server at 200 QPS: on the loaded samples only, every query timed from its arrival', async () => {
    const m = await nodeMnistLoad({ performanceSampleCount: 64 });
    const seen = new Set<number>();
    const sut = {
      ...m.sut,
      issueQuery: (q: Parameters<typeof m.sut.issueQuery>[0], r: Parameters<typeof m.sut.issueQuery>[1]) => {
        for (const s of q.samples) seen.add(s);
        m.sut.issueQuery(q, r);
      },
    };
    try {
      const run = await runLoad(
        {
          scenario: 'server',
          samplesPerQuery: 1,
          targetQps: 200,
          minQueryCount: 200,
          minDurationMs: 1000,
          maxQueryCount: 5000,
          maxDurationMs: 10_000,
          deadlineMs: 20_000,
          seeds: { qsl: 1, sampleIndex: 2, schedule: 3 },
        },
        { sut, qsl: m.qsl, scheduler },
      );
      expect(run.ended).toBe('complete');
      expect(seen.size).toBeLessThanOrEqual(64);
      const s = summarizeLoad(run, { rules: 'workbook', percentile: 99, latencyBoundMs: 1000 });
      expect(s.queries.completed).toBe(run.queries.length);
      expect(s.latencyMs!.p50).toBeGreaterThan(0);
    } finally {
      await m.close();
    }
  });

  it('a query for a sample that is not loaded fails, naming it', async () => {
    const m = await nodeMnistLoad();
    try {
      const error = await new Promise<unknown>((resolve) =>
        m.sut.issueQuery({ id: 0, samples: [7] }, { complete: () => resolve(null), fail: resolve }),
      );
      expect(String(error)).toMatch(/sample 7 is not loaded/);
    } finally {
      await m.close();
    }
  });
});
