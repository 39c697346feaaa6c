import type { MeasureOptions } from '../measure/types.ts';
import {
  formatPath,
  show,
  type Constraints,
  type DatasetSpec,
  type MetricSpec,
  type ParamValue,
  type Parameter,
  type RecordItem,
  type Spec,
  type Unref,
} from './schema.ts';
import { checkSites, defaultValues, substitute, taskSeed } from './semantics.ts';
import type { EvaluationTask, InputDistribution, Target, Task } from './task.ts';

/** A parameter value that was not declared or does not fit its declaration; the message is for the learner. */
export class ParameterError extends Error {
  override name = 'ParameterError';
}

/** A spec with its parameters applied: what a run needs. */
export interface ResolvedSpec {
  id: string;
  /** Every declared parameter's value for this run: its default or the override. */
  params: Record<string, ParamValue>;
  /** What the runner computes (runtime/spec/task.ts). */
  task: Task;
  /** The seed of the inputs (also task.seed). */
  seed: number;
  targets: Target[];
  record: RecordItem[];
  /** The datasets with parameters applied (`shape: ["${n}"]` becomes `shape: [256]`). */
  datasets: Unref<DatasetSpec>[];
  metrics: MetricSpec[];
  constraints: Constraints;
  /** The constraints as the measuring harness takes them (runtime/measure). */
  measure: Pick<MeasureOptions, 'warmupRuns' | 'minSamples' | 'minDurationMs' | 'maxDurationMs' | 'targetCi'>;
}

/**
 * Applies parameter values to a checked spec (one that `loadSpec` returned): overrides come from a
 * cell's controls or `--param k=v` (strings are converted to the declared type). Throws a
 * ParameterError naming the parameter and what it allows when an override is unknown or out of range.
 */
export function resolveSpec(spec: Spec, overrides: Record<string, string | number | boolean> = {}): ResolvedSpec {
  const params = defaultValues(spec);
  for (const [name, raw] of Object.entries(overrides)) {
    const decl = spec.parameters[name];
    if (!decl) {
      const declared = Object.keys(spec.parameters);
      throw new ParameterError(
        `unknown parameter "${name}"; ${declared.length ? `this spec declares ${declared.join(', ')}` : 'this spec declares no parameters'}`,
      );
    }
    params[name] = coerceParameter(name, decl, raw);
  }
  const misfit = checkSites(spec, params)[0];
  if (misfit) {
    const name = misfit.site.name;
    throw new ParameterError(`parameter ${name} = ${show(params[name])} does not fit ${formatPath(misfit.site.path)}: ${misfit.message}`);
  }
  const taskSpec = substitute(spec.task, params);
  const datasets = substitute(spec.datasets, params);
  const seed = taskSeed(datasets);
  if (seed === undefined) throw new ParameterError('the spec gives no seed for its inputs (check it with workbook validate)');
  const c = spec.constraints;
  return {
    id: spec.id,
    params,
    task: buildTask(taskSpec, seed, inputDistribution(datasets), datasets.find((d) => d.shipped?.count !== undefined)?.shipped?.count, datasets),
    seed,
    targets: [...spec.infrastructure.targets],
    record: [...spec.infrastructure.record],
    datasets,
    metrics: spec.metrics,
    constraints: c,
    measure: {
      warmupRuns: c.warmup,
      minSamples: c['min-samples'],
      minDurationMs: c['min-duration-ms'],
      maxDurationMs: c['max-duration-ms'],
      targetCi: c['target-ci'],
    },
  };
}

/**
 * Converts one value for a parameter to its declared type, checking its range or choices:
 * `"512"` for an integer becomes 512; `"tiled"` must be one of the choices. Throws ParameterError.
 */
export function coerceParameter(name: string, decl: Parameter, raw: string | number | boolean): ParamValue {
  const text = typeof raw === 'string' ? raw.trim() : raw;
  switch (decl.type) {
    case 'integer':
    case 'number': {
      const range = `from ${decl.min} to ${decl.max}`;
      const wanted = decl.type === 'integer' ? `a whole number ${range}` : `a number ${range}`;
      const value =
        typeof text === 'number'
          ? text
          : typeof text === 'string' && text !== '' && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)
            ? Number(text)
            : NaN;
      if (!Number.isFinite(value) || (decl.type === 'integer' && !Number.isInteger(value)))
        throw new ParameterError(`parameter ${name}: expected ${wanted}, got ${show(raw)}`);
      if (value < decl.min || value > decl.max) throw new ParameterError(`parameter ${name}: ${value} is out of range; ${name} goes ${range}`);
      return value;
    }
    case 'boolean':
      if (text === true || text === 'true') return true;
      if (text === false || text === 'false') return false;
      throw new ParameterError(`parameter ${name}: expected true or false, got ${show(raw)}`);
    case 'choice': {
      const value = decl.values.find((v) => v === text || String(v) === String(text));
      if (value === undefined) throw new ParameterError(`parameter ${name}: expected one of ${decl.values.map(String).join(', ')}, got ${show(raw)}`);
      return value;
    }
  }
}

/**
 * How the task's generated inputs are drawn: the generator of the first generated dataset (the one
 * that also gives the seed), with the schema's documented defaults filled in; undefined when the
 * inputs are not generated (mnist-mlp reads digits).
 */
export function inputDistribution(datasets: readonly Unref<DatasetSpec>[]): InputDistribution | undefined {
  const g = datasets.find((d) => d.generated)?.generated;
  if (!g) return undefined;
  if (g.generator === 'normal') return { generator: 'normal', mean: g.mean ?? 0, sd: g.sd ?? 1 };
  const [low, high] = g.range ?? [-1, 1];
  return { generator: 'uniform', low, high };
}

/** The Task of the contract from a task section whose parameters are applied: only its fields, no others. */
function buildTask(
  t: Unref<Spec['task']>,
  seed: number,
  inputs: InputDistribution | undefined,
  testDigits: number | undefined,
  datasets: readonly Unref<DatasetSpec>[],
): Task {
  const drawn = inputs && !(t.kind === 'inference' && t.model === 'mnist-mlp') ? { inputs } : {};
  const count = t.kind === 'inference' && t.model === 'mnist-mlp' ? testDigits : undefined;
  if (t.kind === 'evaluation') return evaluationTask(t, seed, datasets);
  if (t.kind === 'kernel') {
    return {
      kind: 'kernel',
      operation: t.operation,
      ...(t.variant !== undefined ? { variant: t.variant } : {}),
      size: t.size,
      dtype: t.dtype,
      seed,
      ...drawn,
    };
  }
  return {
    kind: 'inference',
    model: t.model,
    ...(t.layers !== undefined ? { layers: [...t.layers] } : {}),
    ...(t.size !== undefined ? { size: t.size } : {}),
    batch: t.batch,
    dtype: t.dtype,
    seed,
    ...drawn,
    ...(count !== undefined ? { testDigits: count } : {}),
  };
}

/** An evaluation task: the model and its options from the task, the split and item count from the (first) shipped dataset. */
function evaluationTask(
  t: Extract<Unref<Spec['task']>, { kind: 'evaluation' }>,
  seed: number,
  datasets: readonly Unref<DatasetSpec>[],
): EvaluationTask {
  const shipped = datasets.find((d) => d.shipped)?.shipped;
  return {
    kind: 'evaluation',
    model: t.model,
    // validate requires a shipped dataset with its split (semantics.ts); test is the split quality is measured on.
    split: shipped?.split ?? 'test',
    batch: t.batch,
    dtype: t.dtype,
    seed,
    ...(shipped?.count !== undefined ? { count: shipped.count } : {}),
    ...(t.perturbation ? { perturbation: { kind: t.perturbation.kind, strength: t.perturbation.strength } } : {}),
    ...(t.robustness ? { robustness: { kind: t.robustness.kind, strengths: [...t.robustness.strengths] } } : {}),
    ...(t.irt ? { irt: { respondents: [...t.irt.respondents], maxItems: t.irt['max-items'], randomOrders: t.irt['random-orders'] } } : {}),
    ...(t.memorisation ? { memorisation: { twin: t.memorisation.twin, rotations: t.memorisation.rotations, count: t.memorisation.count } } : {}),
    ...(t.slices
      ? {
          slices: t.slices.map((s) => ({
            name: s.name,
            ...(s.labels ? { labels: [...s.labels] } : {}),
            ...(s.ink ? { ink: [s.ink[0], s.ink[1]] as [number, number] } : {}),
          })),
        }
      : {}),
  };
}
