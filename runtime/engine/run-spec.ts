import { formatDuration, formatParams } from '../format/index.ts';
import type { CancelSignal, Clock } from '../measure/types.ts';
import { METRIC_KIND_TABLE, type MetricRun } from '../metrics/index.ts';
import { measure, summarize, evaluate } from '../measure/index.ts';
import { ParameterError, resolveSpec, specHash, type Spec } from '../spec/index.ts';
import { applyLoadOverrides } from '../load/overrides.ts';
import type { Target, Task } from '../spec/task.ts';
import type { PreparedTask, Runner } from '../runners/types.ts';
import { recordEnvironment } from '../results/keep.ts';
import { RESULT_VERSION, type ResultRecord } from '../results/record.ts';
import { runUnderLoad } from '../load/engine.ts';
import type { LoadProgress, LoadSystem, Scheduler } from '../load/types.ts';

export interface RunSpecInput {
  spec: Spec;
  /** `--param k=v` values or a cell's controls; validated against the spec's parameters. */
  overrides?: Record<string, string | number | boolean>;
  /** Run on this target; else the first of the spec's targets that one of `runners` can run here. */
  target?: Target;
  /** The runners this host offers (the CLI: js, node-webgpu, node-onnx; a page: js and browser-*). */
  runners: readonly Runner[];
  host: Record<string, unknown>;
  clock: Clock;
  signal?: CancelSignal;
  log?: (line: string) => void;
  /** Under the load generator the phase is `queries`, samples counts the queries done, and issued and inFlight come too. */
  onProgress?: (p: { phase: string; samples: number; elapsedMs: number; issued?: number; inFlight?: number }) => void;
  /**
   * Under the load generator: a host's SUT with per-sample data for this task and target (the CLI: the MNIST
   * classifier on onnxruntime-node), or undefined to use one around the runner's workload.
   */
  loadSystem?: (task: Task, target: Target, performanceSampleCount?: number) => Promise<LoadSystem | undefined>;
  /** Under the load generator (constraints.load): where its time comes from; timers on `clock` by default. */
  loadScheduler?: Scheduler;
  /** Under the load generator (constraints.load): queries issued, in flight and done, as the run goes. */
  onLoadProgress?: (p: LoadProgress) => void;
  /** Wall-clock start for the record (the core has no clock of its own for dates). */
  now?: () => Date;
}

/**
 * A query timed alone must last at least this many timer ticks (the step is then at most 1 % of it). Lower than
 * the harness's 1000 for a block, which protects a median to 0.1 %; a tail or a bound needs single queries more
 * than it needs that last digit.
 */
export const SINGLE_QUERY_TICKS = 100;

/** Raised when a run cannot start or its output is wrong; the message is for the learner. */
export class RunError extends Error {
  override name = 'RunError';
}

/**
 * Runs one spec end to end: resolve parameters, choose a runner, set up (timed), time the first call
 * cold and verify its output against a CPU reference (a wrong answer stops the run before any sample),
 * measure, summarize, judge validity, evaluate the spec's metrics and quality target, and return the
 * result record. No record holds a value that is not a number: a metric that cannot be computed is
 * left out and the run is INVALID, saying which.
 */
export async function runSpec(input: RunSpecInput): Promise<ResultRecord> {
  const { clock } = input;
  const log = input.log ?? (() => {});
  // `qps=N` sets a load spec's target QPS (a cell's terminal, the CLI): applied to a copy, checked as validate would.
  let spec = input.spec;
  let overrides = input.overrides ?? {};
  if (spec.constraints.load && 'qps' in overrides && !('qps' in spec.parameters)) {
    const applied = applyLoadOverrides(spec, { overrides: Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, String(v)])) });
    if (applied.errors.length) throw new ParameterError(applied.errors.join('; '));
    spec = applied.spec;
    overrides = Object.fromEntries(Object.entries(overrides).filter(([k]) => k !== 'qps'));
  }
  const resolved = resolveSpec(spec, overrides);
  const runner = await chooseRunner(spec, input.runners, resolved.task, input.target);
  const startedAt = (input.now ?? (() => new Date()))().toISOString();
  const c = spec.constraints;

  log(`spec ${spec.id} on ${runner.target}: ${formatParams(resolved.params)}`);
  const t0 = clock();
  const prepared: PreparedTask = await runner.prepare(resolved.task, { signal: input.signal, log });
  try {
    const setupMs = clock() - t0;
    log(`setup (compile, upload, session) took ${formatDuration(setupMs)}`);
    if (c.load) return await runUnderLoad({ ...input, spec }, { resolved, runner, prepared, setupMs, startedAt });
    let verification: Awaited<ReturnType<PreparedTask['verify']>> | undefined;
    // The first run is the cold first call (nothing ran before it); its output is what gets verified.
    const afterFirstRun = async () => {
      verification = await prepared.verify();
      if (!verification.ok) {
        throw new RunError(
          `the ${runner.target} output does not match the CPU reference (max error ${verification.maxAbsError.toExponential(2)}${verification.detail ? `: ${verification.detail}` : ''}); a wrong answer is not timed`,
        );
      }
      log('output of the first run verified against the CPU reference');
    };
    const seed = resolved.task.seed;
    const percentiles = spec.metrics
      .flatMap((m) => m.aggregation.map((a) => /^p(\d+)$/.exec(a)?.[1]))
      .filter((p): p is string => !!p)
      .map(Number);
    // A latency bound or a tail percentile describes single queries: time them one by one when the timer allows.
    const wantsSingleQueries = c.scenario === 'single-stream' && (c['latency-bound-ms'] !== undefined || percentiles.some((p) => p > 50));
    const measurement = await measure(
      prepared.workload,
      {
        ...resolved.measure,
        ...(wantsSingleQueries ? { singleQueryMultiple: SINGLE_QUERY_TICKS, singleQueryBoundMs: c['latency-bound-ms'] } : {}),
        bootstrapSeed: seed,
        signal: input.signal,
        onProgress: input.onProgress,
        afterFirstRun,
      },
      clock,
    );
    if (!verification) throw new RunError('the run ended before its first run was verified; this is a bug in the workbook');
    if (measurement.samples.length === 0) {
      throw new RunError(
        `the run stopped (${measurement.stoppedBecause}) before its first sample, so there is nothing to report; the first run took ${formatDuration(measurement.firstRunMs)}`,
      );
    }
    const stats = summarize(measurement.samples, { seed });
    const quality = prepared.quality ? await prepared.quality() : undefined;
    const validity = evaluate({
      scenario: c.scenario,
      measurement,
      stats,
      percentiles,
      minSamples: c['min-samples'],
      minDurationMs: c['min-duration-ms'],
      targetCi: c['target-ci'],
      latencyBoundMs: c['latency-bound-ms'],
      itemsPerIteration: prepared.work.items,
    });
    const reasons = [...validity.reasons, ...(prepared.qualityReasons?.() ?? [])];
    const run: MetricRun = { stats, work: prepared.work, setupMs, firstRunMs: measurement.firstRunMs, quality };
    const metrics = spec.metrics.map((m) => {
      const values: Record<string, number> = {};
      const kind = METRIC_KIND_TABLE[m.kind];
      for (const a of m.aggregation) {
        // How a kind's value comes from the run is its own file's business (runtime/metrics/<kind>.ts).
        const v = kind.value(a, run);
        // JSON has no NaN: a value that could not be computed is left out, and the run says why.
        if (Number.isFinite(v)) values[a] = v;
        else reasons.push(`${m.name} (${a}) was not measured: ${kind.notMeasured}`);
      }
      return { name: m.name, kind: m.kind, unit: m.unit, direction: m.direction, values };
    });
    if (c.quality) reasons.push(...qualityReasons(c.quality, quality, metrics));
    return {
      format: 'benchmark-carpentry/result',
      version: RESULT_VERSION,
      spec: { id: spec.id, title: spec.title, hash: specHash(spec), source: spec },
      parameters: resolved.params,
      seed: resolved.task.seed,
      target: runner.target,
      scenario: c.scenario,
      startedAt,
      timing: {
        setupMs,
        firstRunMs: measurement.firstRunMs,
        warmupMs: measurement.warmup,
        iterationsPerSample: measurement.iterationsPerSample,
        timerResolutionMs: measurement.timerResolutionMs,
        stoppedBecause: measurement.stoppedBecause,
        elapsedMs: measurement.elapsedMs,
      },
      samples: { unit: 'ms', perIteration: measurement.samples, ...(measurement.deviceSamples ? { device: measurement.deviceSamples } : {}) },
      // JSON has no NaN or Infinity: a single sample has no stdev, a zero median no relative IQR.
      statistics: { ...stats, stdev: finiteOrNull(stats.stdev), relativeIqr: finiteOrNull(stats.relativeIqr) },
      metrics,
      ...(quality ? { quality } : {}),
      verification,
      validity: { valid: reasons.length === 0, reasons, notes: [...validity.notes, ...(prepared.qualityNotes?.() ?? [])] },
      // Only what the spec's infrastructure.record asks for, and what ran (runtime/results/keep.ts).
      environment: recordEnvironment({ host: input.host, target: await prepared.environment() }, resolved.record),
    };
  } finally {
    await prepared.dispose();
  }
}

async function chooseRunner(spec: Spec, runners: readonly Runner[], task: Parameters<Runner['unsupported']>[0], target?: Target): Promise<Runner> {
  const allowed = spec.infrastructure.targets as readonly Target[];
  if (target) {
    if (!allowed.includes(target)) throw new RunError(`target ${target} is not one of this spec's targets (${allowed.join(', ')})`);
    const runner = runners.find((r) => r.target === target);
    if (!runner) throw new RunError(`target ${target} cannot run here; this host offers ${runners.map((r) => r.target).join(', ') || 'no runners'}`);
    const why = await runner.unsupported(task);
    if (why) throw new RunError(`target ${target} cannot run this task here: ${why}`);
    return runner;
  }
  const why: string[] = [];
  for (const t of allowed) {
    const runner = runners.find((r) => r.target === t);
    if (!runner) continue;
    const reason = await runner.unsupported(task);
    if (!reason) return runner;
    why.push(`${t}: ${reason}`);
  }
  throw new RunError(
    `none of this spec's targets (${allowed.join(', ')}) can run here${why.length ? `: ${why.join('; ')}` : `; this host offers ${runners.map((r) => r.target).join(', ')}`}`,
  );
}

/**
 * The quality rule: INVALID unless the named metric was measured as a number at or above the minimum.
 * `NaN < min` is false, so a NaN is caught before the comparison, never by it.
 */
export function qualityReasons(
  target: { metric: string; min?: number; max?: number },
  quality: Record<string, number> | undefined,
  metrics: { name: string; values: Record<string, number> }[],
): string[] {
  // The metric's own value first (an evaluation's quality is keyed by kind, a spec names metrics as it likes).
  const value = metrics.find((m) => m.name === target.metric)?.values.value ?? quality?.[target.metric];
  const wanted = target.min !== undefined ? `at least ${target.min}` : `at most ${target.max}`;
  if (value === undefined || !Number.isFinite(value)) {
    return [
      `${target.metric} was not measured${value === undefined ? '' : ` (it came out as ${String(value)})`}, so the quality target (${wanted}) cannot be met: speed without a measured quality does not count`,
    ];
  }
  if (target.min !== undefined && !(value >= target.min))
    return [`${target.metric} ${value.toFixed(4)} is below the quality target ${target.min}: speed at this quality does not count`];
  if (target.max !== undefined && !(value <= target.max))
    return [`${target.metric} ${value.toFixed(4)} is above the quality target (at most ${target.max}): speed at this quality does not count`];
  if (target.min === undefined && target.max === undefined)
    return [`the quality target on ${target.metric} gives neither min nor max, so nothing can meet it`];
  return [];
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
