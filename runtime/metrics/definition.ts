import type { Statistics } from '../measure/stats.ts';
import type { Aggregation } from '../spec/schema.ts';
import type { EvaluationTask, InferenceTask, KernelTask } from '../spec/task.ts';

/** What a metric kind may ask of a task: what is computed (its sizes do not decide which metrics it has). */
export type MetricTask = Pick<KernelTask, 'kind' | 'operation'> | Pick<InferenceTask, 'kind' | 'model'> | Pick<EvaluationTask, 'kind' | 'model'>;

/** What a run gives a metric to derive its value from. */
export interface MetricRun {
  /** Per-iteration time statistics (ms). */
  stats: Statistics;
  /** What one iteration does: items (queries, images), and flops and bytes where the runner counts them. */
  work: { items: number; flops?: number; bytes?: number };
  /** Compile, upload, session: before the first run (ms). */
  setupMs: number;
  /** The cold first call (ms). */
  firstRunMs: number;
  /** The task's quality figures (accuracy ...), where the runner scores its output. */
  quality?: Record<string, number>;
}

/** The unit a kind is reported in: the runner computes values in it, and a spec must write it. */
export interface MetricUnit {
  /** Whether a spec's `unit:` is this kind's (read with runtime/exercises/units.ts, the one unit parser). */
  test(unit: string): boolean;
  /** What to write, in words, for messages: "ms", "items per second, like items/s or images/s". */
  words: string;
  /** The unit, as short as the schema's description says it: "ms", "items/s or images/s". */
  brief: string;
  /** The one spelling, where there is exactly one. */
  canonical?: string;
}

/**
 * One metric kind: everything the workbook knows about it, in one file (runtime/metrics/<kind>.ts).
 * The spec schema's enum, the semantic rules, the run's values and the reports all read these.
 */
export interface MetricKindDefinition<K extends string = string> {
  name: K;
  /** What is measured, in a few words, where the name alone does not say it ("compile and upload"). */
  brief?: string;
  /** Which way is better. */
  direction: 'lower' | 'higher';
  unit: MetricUnit;
  /** The aggregations that mean something for this kind, in the order the docs list them. */
  aggregations: readonly Aggregation[];
  /** Whether its percentiles describe single queries (then a p90 of batch means is labelled as such). */
  tailOfQueries?: boolean;
  /**
   * Why a metric of this kind has no value on `task`, or null when the run can produce it (a metric that
   * cannot be computed would be NaN, and its record refused by compare and the wall). Absent: every task.
   */
  problem?(task: MetricTask): string | null;
  /** The value of one aggregation, from the run; NaN when the run has nothing to derive it from. */
  value(aggregation: Aggregation, run: MetricRun): number;
  /** Why a value came out as no number, for the run's INVALID reason. */
  notMeasured: string;
  /** A quality metric (a fraction scored on labelled items): a quality target may name it. */
  quality?: boolean;
}

/** Keeps the literal name, so the table's keys type `kind`. */
export function defineMetricKind<const K extends string>(definition: MetricKindDefinition<K>): MetricKindDefinition<K> {
  return definition;
}

/** "the copy kernel", "the mnist-mlp model": how a problem names the task. */
export function taskWords(task: MetricTask): string {
  return task.kind === 'kernel' ? `the ${task.operation} kernel` : `the ${task.model} model`;
}

/** The time statistic of an aggregation (ms). */
export function timeOf(stats: Statistics, aggregation: Aggregation): number {
  const v = (stats as unknown as Record<string, unknown>)[aggregation];
  if (typeof v !== 'number') throw new RangeError(`aggregation "${aggregation}" is not a time statistic`);
  return v;
}

/** A rate per second of `amount` per iteration; the best (max) rate comes from the fastest (min) time. */
export function rate(amount: number | undefined, aggregation: Aggregation, stats: Statistics): number {
  const ms = timeOf(stats, aggregation === 'max' ? 'min' : aggregation);
  return (amount ?? Number.NaN) / (ms / 1000);
}

/** Aggregations of a rate: the best is the max. */
export const RATE_AGGREGATIONS: readonly Aggregation[] = ['median', 'mean', 'max'];

/** A unit with exactly one spelling. */
export function exactUnit(canonical: string, words = canonical, brief = canonical): MetricUnit {
  return { test: (u) => u === canonical, words, brief, canonical };
}

/**
 * What the quality metric kinds share (one file per kind beside this one): a fraction with one
 * aggregation, `value`, computed by an evaluation task (runtime/eval) on every scored item, with a
 * bootstrap interval the run records beside it (`<kind>:ci95-low`, `<kind>:ci95-high` in the record's
 * quality). Only an evaluation task scores a split, so only it has them.
 */
export function qualityKind<const K extends string>(name: K, direction: 'higher' | 'lower', brief: string): MetricKindDefinition<K> {
  return defineMetricKind({
    name,
    brief,
    direction,
    quality: true,
    unit: exactUnit('fraction', 'fraction (0.9 is 90%)'),
    aggregations: ['value'],
    problem: (task) =>
      task.kind === 'evaluation'
        ? null
        : `${taskWords(task)} is not scored on labelled items, so ${name} has no value; it is measured by an evaluation task (task kind: evaluation, a zoo model on a split)`,
    value: (_aggregation, run) => run.quality?.[name] ?? Number.NaN,
    notMeasured: `${name} was not measured (the evaluation gave no value for it)`,
  });
}
