import { z } from 'zod';
import { DEFAULT_MEASURE_OPTIONS } from '../measure/harness.ts';
import { METRIC_KINDS } from '../metrics/index.ts';
import { RULE_SET_NAMES } from '../load/rules.ts';
import { SCENARIOS } from '../scenarios.ts';
import { TARGETS } from '../spec/task.ts';

/** The current version of the result record format; older records load through `migrations`. */
export const RESULT_VERSION = 1;

const paramValue = z.union([z.number(), z.string(), z.boolean()]);
const ms = z.number().nonnegative();

/** Summary statistics of the per-iteration samples, as computed by runtime/measure (milliseconds). */
const statisticsSchema = z.object({
  n: z.number().int().positive(),
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  /** Sample standard deviation; null for a single sample. */
  stdev: z.number().nullable(),
  median: z.number(),
  q1: z.number(),
  q3: z.number(),
  iqr: z.number(),
  p50: z.number(),
  p90: z.number(),
  p95: z.number(),
  p99: z.number(),
  /** IQR / median; null when the median is 0. */
  relativeIqr: z.number().nullable(),
  mad: z.number(),
  /** 95% confidence interval of the median, by a seeded bootstrap. */
  ci95Median: z.tuple([z.number(), z.number()]),
  /** How the interval was drawn, so it can be reproduced. */
  bootstrap: z.object({ seed: z.number(), resamples: z.number().int().positive() }),
  /** Indexes of samples flagged by the modified z-score (> 3.5) on the MAD. */
  outliers: z.array(z.number().int().nonnegative()),
  percentileDefinition: z.string(),
});

/** One metric of the spec, evaluated: its declared aggregations with their values. */
const metricResultSchema = z.object({
  name: z.string(),
  kind: z.enum(METRIC_KINDS),
  unit: z.string(),
  direction: z.enum(['lower', 'higher']),
  values: z.record(z.string(), z.number()),
});

const latencyFigures = z.object({ min: ms, mean: ms, p50: ms, p90: ms, p95: ms, p99: ms, max: ms });

/**
 * A run driven by the load generator (runtime/load/, after MLPerf LoadGen): its settings, every query's times,
 * LoadGen's summary, and, in mode both, the accuracy run, kept apart from the timed one. Optional: loop runs
 * have none, and records written before it still load.
 */
const loadSectionSchema = z.object({
  /** The rule set the run was judged by: `workbook` (teaching defaults) or `mlperf` (MLPerf Inference's). */
  rules: z.enum(RULE_SET_NAMES),
  mode: z.enum(['performance', 'both']),
  sut: z.string(),
  settings: z.object({
    samplesPerQuery: z.number().int().positive(),
    targetQps: z.number().positive().optional(),
    minQueryCount: z.number().int().positive(),
    minDurationMs: ms,
    maxDurationMs: ms,
    deadlineMs: z.number().positive(),
    seeds: z.object({ qsl: z.number().int(), sampleIndex: z.number().int(), schedule: z.number().int() }),
    totalSampleCount: z.number().int().positive(),
    performanceSampleCount: z.number().int().positive(),
  }),
  ended: z.enum(['complete', 'deadline', 'failed', 'cancelled']),
  /** Per query, in issue order, ms from the run's start: when scheduled, issued and completed (null: never). */
  queries: z
    .object({
      scheduledMs: z.array(z.number()),
      issuedMs: z.array(z.number()),
      completedMs: z.array(z.number().nullable()),
      sampleCount: z.array(z.number().int().positive()),
      /** Query id -> why it failed. */
      errors: z.record(z.string(), z.string()),
    })
    .refine((q) => [q.issuedMs, q.completedMs, q.sampleCount].every((a) => a.length === q.scheduledMs.length), {
      message: 'scheduledMs, issuedMs, completedMs and sampleCount must have one entry per query',
    }),
  summary: z.object({
    result: z.enum(['VALID', 'INVALID']),
    reasons: z.array(z.string()),
    notes: z.array(z.string()),
    queries: z.object({ issued: z.number().int(), completed: z.number().int(), failed: z.number().int(), incomplete: z.number().int() }),
    samplesCompleted: z.number().int(),
    durationMs: ms,
    latencyMs: latencyFigures.nullable(),
    percentileDefinition: z.string(),
    percentile: z
      .object({
        p: z.number(),
        valueMs: ms.nullable(),
        earlyStopping: z.union([z.object({ estimateMs: ms, discarded: z.number().int() }), z.object({ needQueries: z.number().int() }), z.null()]),
      })
      .optional(),
    latencyBoundMs: z.number().positive().optional(),
    overBound: z.object({ count: z.number().int(), queriesNeeded: z.number().int() }).optional(),
    qps: z.object({ target: z.number().optional(), scheduled: z.number().nullable(), completed: z.number().nullable() }),
    samplesPerSecond: z.number().nullable(),
    issueDelayMs: z.object({ p50: z.number(), p99: z.number(), max: z.number() }).nullable(),
  }),
  /** mode both: the accuracy run, over the whole split, untimed. */
  accuracy: z
    .object({
      samples: z.number().int().nonnegative(),
      values: z.record(z.string(), z.number()),
      /** One response per sample (LoadGen's accuracy log), where the SUT gives them. */
      log: z.array(z.object({ sample: z.number().int().nonnegative(), response: z.unknown() })).optional(),
    })
    .optional(),
});

/**
 * A result record: everything needed to read, trust and compare one run of a spec, on its own.
 * Written by `workbook run --out`, by a cell's "download", and by the agent; read by `compare`,
 * the results wall and the grader.
 */
export const resultRecordSchema = z.object({
  format: z.literal('benchmark-carpentry/result'),
  version: z.literal(RESULT_VERSION),
  /** The spec as run (after migration), its id and hash: results compare only under the same hash. */
  spec: z.object({ id: z.string(), title: z.string(), hash: z.string().regex(/^sha256:[0-9a-f]{64}$/), source: z.unknown() }),
  /** Values of the spec's parameters for this run (defaults and overrides). */
  parameters: z.record(z.string(), paramValue),
  /** Seed of the generated inputs and of the bootstrap. */
  seed: z.number().int(),
  target: z.enum(TARGETS),
  scenario: z.enum(SCENARIOS),
  /** ISO 8601 time the run started. */
  startedAt: z.string().datetime(),
  timing: z.object({
    /** Compile, upload, session creation: everything before the first run. */
    setupMs: ms,
    firstRunMs: ms,
    /** Per-iteration times of the warm-up runs, discarded from the statistics. */
    warmupMs: z.array(ms),
    iterationsPerSample: z.number().int().positive(),
    timerResolutionMs: z.number().positive(),
    stoppedBecause: z.string(),
    elapsedMs: ms,
  }),
  samples: z.object({
    unit: z.literal('ms'),
    /** Wall time per iteration, one value per sample. */
    perIteration: z
      .array(ms)
      .min(1, 'a result has at least one sample (a run that took none writes no record)')
      // No run writes more (the harness's sample cap); a larger file is not a workbook result, and its bootstrap would take minutes.
      .max(DEFAULT_MEASURE_OPTIONS.maxSamples, `more samples than any workbook run writes (at most ${DEFAULT_MEASURE_OPTIONS.maxSamples})`),
    /**
     * Device-timed (timestamp-query) time per iteration, where the target has it, one per sample; null where
     * that sample's device time is missing (no timestamp pair, or one quantised to zero): its wall time counts.
     */
    device: z.array(ms.nullable()).optional(),
  }),
  statistics: statisticsSchema,
  metrics: z.array(metricResultSchema),
  quality: z.record(z.string(), z.number()).optional(),
  verification: z.object({ ok: z.boolean(), maxAbsError: z.number(), detail: z.string().optional() }),
  validity: z.object({ valid: z.boolean(), reasons: z.array(z.string()), notes: z.array(z.string()) }),
  /** Runs driven by the load generator: settings, per-query times, LoadGen's summary (absent for loop runs). */
  load: loadSectionSchema.optional(),
  /** Host (OS, CPU, browser or Node) and target (adapter, backend, versions, threads, isolation). */
  environment: z.object({ host: z.record(z.string(), z.unknown()), target: z.record(z.string(), z.unknown()) }),
});

export type ResultRecord = z.infer<typeof resultRecordSchema>;
export type Statistics = z.infer<typeof statisticsSchema>;
export type LoadSection = z.infer<typeof loadSectionSchema>;

/** Migrations from older record versions: version -> function giving the next version's record. */
const migrations: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

/** Parses a result file's text; errors name the field and say what was expected. */
export function parseResultRecord(text: string, file = 'result'): { record?: ResultRecord; errors: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { errors: [`${file}: not JSON (${(e as Error).message})`] };
  }
  if (!data || typeof data !== 'object' || (data as { format?: unknown }).format !== 'benchmark-carpentry/result') {
    return { errors: [`${file}: not a Benchmark Carpentry result (expected "format": "benchmark-carpentry/result")`] };
  }
  let obj = data as Record<string, unknown>;
  if (typeof obj.version !== 'number') return { errors: [`${file}: "version" is missing or not a number`] };
  let version: number = obj.version;
  if (version > RESULT_VERSION) {
    return { errors: [`${file}: result version ${version} is newer than this workbook reads (up to ${RESULT_VERSION}); update the workbook`] };
  }
  while (version < RESULT_VERSION) {
    const step = migrations[version];
    if (!step) return { errors: [`${file}: result version ${version} can no longer be read`] };
    obj = step(obj);
    version = obj.version as number;
  }
  const parsed = resultRecordSchema.safeParse(obj);
  if (!parsed.success) return { errors: groupedIssues(parsed.error.issues, file) };
  return { record: parsed.data, errors: [] };
}

/**
 * Schema problems as `file: path: message`, one line per problem; the same problem at many items of one list
 * (86 negative samples) is one line naming the first few, not 86.
 */
function groupedIssues(issues: readonly z.core.$ZodIssue[], file: string): string[] {
  const pathText = (path: readonly PropertyKey[]) =>
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '') || '(record)';
  const groups = new Map<string, { where: string; message: string; indexes: number[] }>();
  issues.forEach((issue, n) => {
    const last = issue.path.at(-1);
    const item = typeof last === 'number';
    const where = pathText(item ? issue.path.slice(0, -1) : issue.path);
    // Items of one list with one message group; any other problem stands alone.
    const key = item ? `${where}\u0000${issue.message}` : `#${n}`;
    const group = groups.get(key) ?? { where: item ? where : pathText(issue.path), message: issue.message, indexes: [] };
    if (item) group.indexes.push(last);
    groups.set(key, group);
  });
  return [...groups.values()].map(({ where, message, indexes }) => {
    if (indexes.length === 0) return `${file}: ${where}: ${message}`;
    if (indexes.length === 1) return `${file}: ${where}[${indexes[0]}]: ${message}`;
    const shown = indexes
      .slice(0, 3)
      .map((i) => `[${i}]`)
      .join(', ');
    return `${file}: ${where}${shown}${indexes.length > 3 ? ` and ${indexes.length - 3} more` : ''} (${indexes.length} items): ${message}`;
  });
}
