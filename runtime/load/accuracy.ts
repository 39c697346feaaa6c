import type { QuerySampleLibrary, Scheduler, SystemUnderTest } from './types.ts';

/** One sample's answer in accuracy mode (LoadGen's mlperf_log_accuracy.json: a response per sample). */
export interface AccuracyEntry {
  sample: number;
  response: unknown;
}

export interface AccuracyRun {
  mode: 'accuracy';
  /** Every sample of the split, each once, with the SUT's response; in sample order. */
  log: AccuracyEntry[];
  /** Samples whose query failed or never completed before the deadline. */
  missing: number[];
  errors: string[];
}

/**
 * Accuracy mode (LoadGen's AccuracyOnly): every sample of the whole split goes through the SUT once, loaded in
 * chunks of the performance sample count, queries of `samplesPerQuery` issued one after another; the responses
 * are logged per sample for a checker. Nothing is timed: accuracy and performance are separate runs, so an
 * accuracy figure never comes from the timed run's samples, and a timed run never carries logging cost.
 */
export async function runAccuracy(
  sut: SystemUnderTest,
  qsl: QuerySampleLibrary,
  scheduler: Scheduler,
  options: { samplesPerQuery?: number; deadlineMs: number },
): Promise<AccuracyRun> {
  const per = options.samplesPerQuery ?? 1;
  const log: AccuracyEntry[] = [];
  const missing: number[] = [];
  const errors: string[] = [];
  const end = scheduler.now() + options.deadlineMs;
  let id = 0;
  for (let start = 0; start < qsl.totalSampleCount; start += qsl.performanceSampleCount) {
    const chunk = Array.from({ length: Math.min(qsl.performanceSampleCount, qsl.totalSampleCount - start) }, (_, i) => start + i);
    await qsl.load?.(chunk);
    for (let i = 0; i < chunk.length; i += per) {
      const samples = chunk.slice(i, i + per);
      const answer = await new Promise<{ responses?: readonly unknown[]; error?: string }>((resolve) => {
        let settled = false;
        const settle = (r: { responses?: readonly unknown[]; error?: string }) => {
          if (settled) return;
          settled = true;
          timer.cancel();
          resolve(r);
        };
        const timer = scheduler.at(end, () => settle({ error: 'not completed by the deadline' }));
        try {
          sut.issueQuery(
            { id: id++, samples },
            {
              complete: (responses) => settle({ responses: responses ?? [] }),
              fail: (e) => settle({ error: e instanceof Error ? e.message : String(e) }),
            },
          );
        } catch (e) {
          settle({ error: e instanceof Error ? e.message : String(e) });
        }
      });
      if (answer.error !== undefined) {
        missing.push(...samples);
        if (errors.length < 5) errors.push(`samples ${samples[0]}..${samples.at(-1)}: ${answer.error}`);
      } else samples.forEach((sample, k) => log.push({ sample, response: answer.responses![k] }));
      if (scheduler.now() >= end) {
        // Past the deadline: the rest of the split is missing, named, not silently skipped.
        for (let s = start + i + samples.length; s < qsl.totalSampleCount; s++) missing.push(s);
        break;
      }
    }
    await qsl.unload?.(chunk);
    if (scheduler.now() >= end) break;
  }
  return { mode: 'accuracy', log, missing, errors };
}
