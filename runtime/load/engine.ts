import { RunError, qualityReasons, type RunSpecInput } from '../engine/run-spec.ts';
import { formatDuration } from '../format/index.ts';
import { estimateTimerResolution } from '../measure/timer-resolution.ts';
import { summarize } from '../measure/stats.ts';
import { METRIC_KIND_TABLE } from '../metrics/index.ts';
import { recordEnvironment } from '../results/keep.ts';
import { RESULT_VERSION, type LoadSection, type ResultRecord } from '../results/record.ts';
import type { PreparedTask, Runner } from '../runners/types.ts';
import { specHash } from '../spec/hash.ts';
import type { ResolvedSpec } from '../spec/resolve.ts';
import type { Aggregation } from '../spec/schema.ts';
import { runAccuracy } from './accuracy.ts';
import { runLoad } from './driver.ts';
import { hostScheduler } from './host-scheduler.ts';
import { RULE_SETS } from './rules.ts';
import { countingLibrary } from './sample-library.ts';
import { DEFAULT_PERFORMANCE_SAMPLES, loadSettingsOf } from './settings.ts';
import { formatLoadSummary, summarizeLoad, type LoadSummary } from './summary.ts';
import { ASYNC_ISSUE } from './targets.ts';
import type { LoadSystem } from './types.ts';
import { workloadSut } from './workload-sut.ts';

/**
 * One spec run under the load generator (constraints.load), from a prepared task: the cold first run timed and
 * verified, warm-up runs, then the performance run (the scenario's queries through a SUT around the task's
 * workload, on the host's clock), then, in mode both, the accuracy run over the whole split (the runner's
 * quality, separate and untimed). The record holds every query's times and LoadGen's summary.
 */
export async function runUnderLoad(
  input: RunSpecInput,
  ctx: { resolved: ResolvedSpec; runner: Runner; prepared: PreparedTask; setupMs: number; startedAt: string },
): Promise<ResultRecord> {
  const { clock } = input;
  const { resolved, runner, prepared } = ctx;
  const log = input.log ?? (() => {});
  const c = resolved.constraints;
  const load = c.load!;
  const { settings, judge } = loadSettingsOf(c, resolved.seed, resolved.task.kind === 'inference' ? resolved.task.batch : undefined);
  const resolution = estimateTimerResolution(clock);

  const timedRun = async (what: string) => {
    const t = clock();
    try {
      await prepared.workload.run(1);
    } catch (error) {
      throw new RunError(`the ${runner.target} run failed during ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return clock() - t;
  };
  const firstRunMs = await timedRun('the first run');
  const verification = await prepared.verify();
  if (!verification.ok) {
    throw new RunError(
      `the ${runner.target} output does not match the CPU reference (max error ${verification.maxAbsError.toExponential(2)}${verification.detail ? `: ${verification.detail}` : ''}); a wrong answer is not timed`,
    );
  }
  log('output of the first run verified against the CPU reference');
  const warmupMs: number[] = [];
  for (let i = 0; i < c.warmup; i++) warmupMs.push(await timedRun(`warm-up run ${i + 1}`));

  const task = resolved.task;
  const system = await input.loadSystem?.(task, runner.target, load['performance-sample-count']);
  try {
    return await measureUnderLoad(input, ctx, { settings, judge, resolution, firstRunMs, verification, warmupMs, system });
  } finally {
    await system?.close();
  }
}

async function measureUnderLoad(
  input: RunSpecInput,
  ctx: { resolved: ResolvedSpec; runner: Runner; prepared: PreparedTask; setupMs: number; startedAt: string },
  m: {
    settings: ReturnType<typeof loadSettingsOf>['settings'];
    judge: ReturnType<typeof loadSettingsOf>['judge'];
    resolution: number;
    firstRunMs: number;
    verification: Awaited<ReturnType<PreparedTask['verify']>>;
    warmupMs: number[];
    system: LoadSystem | undefined;
  },
): Promise<ResultRecord> {
  const { spec, clock } = input;
  const { resolved, runner, prepared, setupMs, startedAt } = ctx;
  const { settings, judge, resolution, firstRunMs, verification, warmupMs, system } = m;
  const log = input.log ?? (() => {});
  const c = resolved.constraints;
  const load = c.load!;
  const task = resolved.task;
  const total = system
    ? system.qsl.totalSampleCount
    : task.kind === 'inference' && task.model === 'mnist-mlp'
      ? (resolved.datasets.find((d) => d.shipped)?.shipped?.count ?? DEFAULT_PERFORMANCE_SAMPLES)
      : DEFAULT_PERFORMANCE_SAMPLES;
  const performanceSampleCount = system ? system.qsl.performanceSampleCount : Math.min(total, load['performance-sample-count'] ?? total);
  const qsl = system?.qsl ?? countingLibrary(`${spec.id} inputs`, total, performanceSampleCount);
  const sut =
    system?.sut ??
    workloadSut(`${runner.target} (${spec.id}, one query at a time)`, prepared.workload, prepared.work.items, ASYNC_ISSUE[runner.target]);
  const scheduler = input.loadScheduler ?? hostScheduler(clock);
  log(
    `${settings.scenario} under the load generator (${RULE_SETS[load.rules].title})${settings.targetQps !== undefined ? ` at ${settings.targetQps} QPS` : ''}: ` +
      `at least ${settings.minQueryCount} ${settings.scenario === 'offline' ? 'samples' : 'queries'} and ${formatDuration(settings.minDurationMs)}`,
  );
  let run: Awaited<ReturnType<typeof runLoad>>;
  try {
    run = await runLoad(settings, {
      sut,
      qsl,
      scheduler,
      signal: input.signal,
      onProgress: (p) => {
        input.onLoadProgress?.(p);
        // The same counts through the engine's one progress channel (a cell's worker forwards only that).
        input.onProgress?.({ phase: 'queries', samples: p.done, elapsedMs: p.elapsedMs, issued: p.issued, inFlight: p.inFlight });
      },
    });
  } catch (error) {
    if (error instanceof RangeError) throw new RunError(error.message);
    throw error;
  }
  const summary = summarizeLoad(run, judge);
  for (const line of formatLoadSummary(summary).trimEnd().split('\n')) log(line);
  const completed = run.queries.filter((q) => q.completedMs !== null);
  if (completed.length === 0) throw new RunError(`no query completed, so there is nothing to record: ${summary.reasons.join(' ')}`);
  const latencies = completed.map((q) => q.completedMs! - q.scheduledMs);

  // Accuracy mode: a separate, untimed run over the whole split, never mixed with the timing: through the
  // host's SUT, one logged response per sample, scored from the log; else the runner's own quality measure.
  let quality: Record<string, number> | undefined;
  let accuracyLog: { sample: number; response: unknown }[] | undefined;
  const accuracyReasons: string[] = [];
  if (load.mode === 'both') {
    log('accuracy mode: every sample of the split, untimed');
    if (system?.accuracyOf) {
      const acc = await runAccuracy(system.sut, system.qsl, scheduler, {
        samplesPerQuery: settings.samplesPerQuery,
        deadlineMs: settings.deadlineMs,
      });
      accuracyLog = acc.log;
      if (acc.missing.length > 0)
        accuracyReasons.push(
          `The accuracy run got no answer for ${acc.missing.length} of ${total} samples (${acc.errors.join('; ')}): accuracy over part of the split is not the split's.`,
        );
      else quality = { accuracy: system.accuracyOf(acc.log) };
    } else if (prepared.quality) quality = await prepared.quality();
    else
      throw new RunError(
        `load.mode both asks for an accuracy run, but ${runner.target} has no quality measure for this task (only mnist-mlp has labels)`,
      );
  }

  const reasons = [...summary.reasons, ...accuracyReasons];
  const notes = [
    ...summary.notes,
    ...(system
      ? [
          system.fixedInput
            ? `The SUT is ${run.sut}: every sample is the task's fixed input (${qsl.name}), so sample identity does not change the work.`
            : `The SUT is ${run.sut}, with each sample's own data (${qsl.name}).`,
        ]
      : [
          `The SUT runs the task's fixed input for every sample (${prepared.work.items} per run), one query at a time: sample identity does not change the work.`,
        ]),
  ];
  const metrics = spec.metrics.map((m) => {
    const values: Record<string, number> = {};
    for (const a of m.aggregation) {
      const v = m.kind === 'accuracy' ? (quality?.[m.name] ?? quality?.accuracy) : loadMetricValue(m.kind, a, summary, settings.samplesPerQuery);
      if (v !== undefined && Number.isFinite(v)) values[a] = v;
      else
        reasons.push(
          `${m.name} (${a}) was not measured: ${m.kind === 'accuracy' ? 'accuracy comes from the accuracy run (load.mode: both)' : METRIC_KIND_TABLE[m.kind].notMeasured}`,
        );
    }
    return { name: m.name, kind: m.kind, unit: m.unit, direction: m.direction, values };
  });
  if (c.quality) reasons.push(...qualityReasons(c.quality, quality, metrics));
  const stats = summarize(latencies, { seed: resolved.seed });
  const section: LoadSection = {
    rules: load.rules,
    mode: load.mode,
    sut: run.sut,
    settings: {
      samplesPerQuery: settings.samplesPerQuery,
      ...(settings.targetQps !== undefined ? { targetQps: settings.targetQps } : {}),
      minQueryCount: settings.minQueryCount,
      minDurationMs: settings.minDurationMs,
      maxDurationMs: settings.maxDurationMs,
      deadlineMs: settings.deadlineMs,
      seeds: settings.seeds,
      totalSampleCount: total,
      performanceSampleCount,
    },
    ended: run.ended,
    queries: {
      scheduledMs: run.queries.map((q) => q.scheduledMs),
      issuedMs: run.queries.map((q) => q.issuedMs),
      completedMs: run.queries.map((q) => q.completedMs),
      sampleCount: run.queries.map((q) => q.sampleCount),
      errors: Object.fromEntries(run.queries.filter((q) => q.error !== undefined).map((q) => [String(q.id), q.error!])),
    },
    summary,
    ...(quality ? { accuracy: { samples: total, values: quality, ...(accuracyLog ? { log: accuracyLog } : {}) } } : {}),
  };
  return {
    format: 'benchmark-carpentry/result',
    version: RESULT_VERSION,
    spec: { id: spec.id, title: spec.title, hash: specHash(spec), source: spec },
    parameters: resolved.params,
    seed: resolved.seed,
    target: runner.target,
    scenario: c.scenario,
    startedAt,
    timing: {
      setupMs,
      firstRunMs,
      warmupMs,
      iterationsPerSample: 1,
      timerResolutionMs: resolution,
      stoppedBecause: run.ended,
      elapsedMs: run.durationMs,
    },
    samples: { unit: 'ms', perIteration: latencies },
    statistics: { ...stats, stdev: finiteOrNull(stats.stdev), relativeIqr: finiteOrNull(stats.relativeIqr) },
    metrics,
    ...(quality ? { quality } : {}),
    verification,
    validity: { valid: reasons.length === 0, reasons, notes },
    load: section,
    environment: recordEnvironment({ host: input.host, target: await prepared.environment() }, resolved.record),
  };
}

/**
 * A metric's value from a load run: latencies are LoadGen's percentiles of per-query latency (from the
 * scheduled arrival); a throughput is the completed samples per second over the run, a mean, so only `mean`
 * has a value (a median or best rate would come from single query latencies, which under load is not a rate).
 */
export function loadMetricValue(kind: string, aggregation: Aggregation, s: LoadSummary, samplesPerQuery: number): number | undefined {
  if (kind === 'latency') {
    if (!s.latencyMs) return undefined;
    const key = aggregation === 'median' ? 'p50' : aggregation;
    return (s.latencyMs as Record<string, number>)[key];
  }
  if (kind === 'throughput' && aggregation === 'mean') {
    if (s.scenario === 'offline') return s.samplesPerSecond ?? undefined;
    return s.qps.completed === null ? undefined : s.qps.completed * samplesPerQuery;
  }
  return undefined;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
