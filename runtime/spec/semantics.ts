import { convert, describeUnit, lookupUnit, suggestUnit } from '../exercises/units.ts';
import { METRIC_KINDS, METRIC_KIND_TABLE, type MetricKindDefinition, type MetricUnit } from '../metrics/index.ts';
import { minSamplesForPercentile } from '../measure/percentile-rule.ts';
import { MIN_SAMPLES_FOR_CI } from '../measure/stats.ts';
import { SCENARIO_TABLE } from '../scenarios.ts';
import { checkLoadConstraints } from './load-constraints.ts';
import type { PosOf } from '../yaml/locate.ts';
import type { Diagnostic } from '../diagnostics.ts';
import {
  PARAM_REF,
  concreteOf,
  formatPath,
  issueMessage,
  oneOf,
  schemaAt,
  show,
  specSchema,
  type Aggregation,
  type MetricKind,
  type ParamValue,
  type Parameter,
  type Spec,
  type TaskSpec,
  type Unref,
} from './schema.ts';
import { TARGETS_BY_KIND, WEBGPU_TARGETS } from '../targets/index.ts';
import { PERTURBATION_RANGES } from '../eval/perturbation-ranges.ts';
import { ZOO_DATA, ZOO_SPLIT_SIZES } from '../models/zoo/ids.ts';

/** The targets that can run each kind of task: the table's (runtime/targets/). */
export { TARGETS_BY_KIND };

/** One field of every metric kind's definition (runtime/metrics/), by kind. */
const byKind = <T>(field: (d: MetricKindDefinition<MetricKind>) => T): Record<MetricKind, T> =>
  Object.fromEntries(METRIC_KINDS.map((k) => [k, field(METRIC_KIND_TABLE[k])])) as Record<MetricKind, T>;

/** The aggregations that mean something for each kind of metric (runtime/metrics/<kind>.ts). */
export const AGGREGATIONS_BY_KIND: Record<MetricKind, readonly Aggregation[]> = byKind((d) => d.aggregations);

/** Which way is better for each kind of metric. */
export const DIRECTION_BY_KIND: Record<MetricKind, 'lower' | 'higher'> = byKind((d) => d.direction);

/**
 * The unit each kind of metric is reported in (the runner computes values in these units). Units are
 * read by the workbook's one unit parser (runtime/exercises/units.ts); a spec must write the unit the
 * run reports in, so a record never says GB/s of a number that is really in Gb/s.
 */
export const UNIT_BY_KIND: Record<MetricKind, MetricUnit> = byKind((d) => d.unit);

/** Why `unit` is not the unit of a `kind` metric, in words (what it was read as, what to write), or null when it is. */
export function unitProblem(kind: MetricKind, unit: string): string | null {
  const want = UNIT_BY_KIND[kind];
  if (want.test(unit)) return null;
  const a = `${article(kind)} ${kind} metric is reported in ${want.words}`;
  const read = lookupUnit(unit);
  if (!read) {
    const guess = suggestUnit(unit);
    return `${a}; ${show(unit)} is not a unit this workbook knows${guess ? ` (did you mean ${guess}?)` : ''}`;
  }
  const expected = want.canonical ? lookupUnit(want.canonical) : undefined;
  if (read.name !== unit.trim() && (read.name === want.canonical || (!want.canonical && read.quantity.startsWith('a rate of ')))) {
    return `${a}: write ${read.name}, not ${show(unit)} (the same unit, but the record keeps the spelling as written)`;
  }
  if (expected && read.quantity === expected.quantity) {
    const factor = convert(1, want.canonical!, read.name);
    return `${a}, not ${describeUnit(read.name)}: 1 ${want.canonical} is ${factor} ${read.name}, and the run reports ${want.canonical}; write unit: ${want.canonical}`;
  }
  return `${a}, not ${show(unit)} (${read.name} is the unit of ${read.quantity})`;
}

/**
 * Why a metric of `kind` has no value on `task`, or null when the run can produce it. A metric that
 * cannot be computed would be NaN, written as null, and its record refused by compare and the wall.
 * The runners' work counts (runtime/kernels/work.ts kernelWork, runtime/runners/onnx.ts) and their
 * quality() decide this table; test/unit/spec-metric-fit.test.ts checks the two agree.
 */
export function metricProblem(kind: MetricKind, task: Unref<TaskSpec>): string | null {
  return METRIC_KIND_TABLE[kind].problem?.(task) ?? null;
}

/**
 * Held-out digits of the mnist-mlp model (MNIST_TRAINING.testCount in runtime/models/mnist.ts; a test
 * checks they agree). A copy, so validating a spec does not load the model code into a lesson page.
 */
export const MNIST_TEST_DIGITS = 2000;

/** The percentiles a latency bound may be held against: the tail of single queries. */
const TAIL_PERCENTILES: readonly Aggregation[] = ['p90', 'p95', 'p99'];

type Path = (string | number)[];

/** A place in task or datasets that holds `${name}`. */
export interface RefSite {
  path: Path;
  name: string;
}

/** Every `${name}` in task and datasets, with its path. */
export function refSites(spec: Pick<Spec, 'task' | 'datasets'>): RefSite[] {
  const out: RefSite[] = [];
  const walk = (value: unknown, path: Path) => {
    if (typeof value === 'string') {
      const m = PARAM_REF.exec(value);
      if (m) out.push({ path, name: m[1]! });
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(spec.task, ['task']);
  spec.datasets.forEach((d, i) => walk(d, ['datasets', i]));
  return out;
}

/** `value` with every `${name}` replaced by `values[name]`, keeping its type (`${n}` becomes the number). */
export function substitute<T>(value: T, values: Record<string, ParamValue>): Unref<T> {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const m = PARAM_REF.exec(v);
      return m && m[1]! in values ? values[m[1]!] : v;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as Unref<T>;
}

/**
 * Checks that the value a parameter has at each of its places fits there (`${n}` at task.size must
 * be a whole number of 1 or more). Returns the message for the first place it does not fit.
 */
export function checkSites(spec: Spec, values: Record<string, ParamValue>): { site: RefSite; message: string }[] {
  const out: { site: RefSite; message: string }[] = [];
  for (const site of refSites(spec)) {
    if (!(site.name in values)) continue;
    const concrete = concreteOf(schemaAt(specSchema, site.path, spec));
    const result = concrete?.safeParse(values[site.name], { reportInput: true });
    if (result && !result.success) out.push({ site, message: issueMessage(result.error.issues[0]!, concrete) });
  }
  return out;
}

/** The value of each parameter when nobody changes anything. */
export function defaultValues(spec: Pick<Spec, 'parameters'>): Record<string, ParamValue> {
  return Object.fromEntries(Object.entries(spec.parameters).map(([k, p]) => [k, p.default]));
}

/** The seed of the inputs: the first generated dataset's, else the first shipped one that has one. */
export function taskSeed(datasets: readonly Unref<Spec['datasets'][number]>[]): number | undefined {
  return datasets.find((d) => d.generated?.seed !== undefined)?.generated?.seed ?? datasets.find((d) => d.shipped?.seed !== undefined)?.shipped?.seed;
}

export interface CheckOptions {
  /** The file the spec came from; its name should be `<id>.bench.yaml`. */
  file?: string;
}

/**
 * The rules beyond the schema, each a diagnostic at the place it concerns: metrics (aggregation,
 * direction and unit fit the kind; percentiles have the samples they need; names unique),
 * constraints (scenario has its metric, quality names an accuracy metric, durations in order),
 * infrastructure (targets fit the task kind), task fields by operation and model, datasets
 * (provenance: a seed or a checksum; shape fits the task), parameters (defaults within their
 * range, every `${name}` declared and fitting its place, unused ones flagged).
 */
export function checkSpec(spec: Spec, posOf: PosOf = () => ({ line: 1, column: 1 }), options: CheckOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const report = (path: Path, message: string, severity: Diagnostic['severity'] = 'error', atKey = false) => {
    const text = `${formatPath(path)}: ${message}`;
    if (seen.has(text)) return;
    seen.add(text);
    out.push({ ...posOf(path, atKey), severity, message: text });
  };
  checkIdentity(spec, options, report);
  checkParameters(spec, report);
  checkTaskAndData(spec, report);
  checkInfrastructure(spec, report);
  checkMetrics(spec, report);
  checkConstraints(spec, report);
  return out;
}

type Report = (path: Path, message: string, severity?: Diagnostic['severity'], atKey?: boolean) => void;

function checkIdentity(spec: Spec, options: CheckOptions, report: Report) {
  const name = options.file?.split(/[\\/]/).pop();
  if (name?.endsWith('.bench.yaml') && name !== `${spec.id}.bench.yaml`) {
    report(['id'], `"${spec.id}" does not match the file name ${name}; name the file ${spec.id}.bench.yaml or change the id`, 'warning');
  }
}

function checkParameters(spec: Spec, report: Report) {
  const used = new Set(refSites(spec).map((s) => s.name));
  for (const [name, p] of Object.entries(spec.parameters)) {
    const at = (...rest: Path): Path => ['parameters', name, ...rest];
    if (p.type === 'integer' || p.type === 'number') {
      if (p.min > p.max) report(at('min'), `min (${p.min}) is above max (${p.max})`);
      else if (p.default < p.min || p.default > p.max) report(at('default'), `${p.default} is outside the range ${p.min} to ${p.max}`);
    } else if (p.type === 'choice') {
      p.values.forEach((v, i) => {
        if (p.values.indexOf(v) !== i) report(at('values', i), `${show(v)} is listed twice`);
      });
      if (!p.values.includes(p.default)) report(at('default'), `${show(p.default)} is not one of the values (${p.values.map(show).join(', ')})`);
    }
    if (!used.has(name)) report(['parameters', name], 'declared but not used in task or datasets; changing it would change nothing', 'warning', true);
  }
}

/** The values a parameter is tried at: its default, its ends, each of its choices. */
function probes(p: Parameter): { value: ParamValue; why: string }[] {
  switch (p.type) {
    case 'integer':
    case 'number':
      return [
        { value: p.min, why: 'its min' },
        { value: p.max, why: 'its max' },
      ];
    case 'choice':
      return p.values.map((value) => ({ value, why: 'one of its values' }));
    case 'boolean':
      return [
        { value: true, why: 'true' },
        { value: false, why: 'false' },
      ];
  }
}

function checkTaskAndData(spec: Spec, report: Report) {
  const declared = Object.keys(spec.parameters);
  // Every ${name} names a parameter; a reference is a whole value, never part of a text.
  for (const site of refSites(spec)) {
    if (!(site.name in spec.parameters)) {
      report(
        site.path,
        `\${${site.name}} is not a declared parameter; ${declared.length ? `declared: ${declared.join(', ')}` : 'this spec declares none (add it under parameters:)'}`,
      );
    }
  }
  const walkText = (value: unknown, path: Path) => {
    if (typeof value === 'string' && value.includes('${') && !PARAM_REF.test(value))
      report(path, `a parameter is written \${name}, as the whole value; it cannot be part of a text (${show(value)})`);
    else if (Array.isArray(value)) value.forEach((v, i) => walkText(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walkText(v, [...path, k]);
  };
  walkText(spec.task, ['task']);
  spec.datasets.forEach((d, i) => walkText(d, ['datasets', i]));

  checkDatasets(spec, report);
  if (refSites(spec).some((s) => !(s.name in spec.parameters))) return;

  // The rules that depend on values are tried with the defaults and with each parameter at its
  // ends and choices, the others at their defaults: whatever a learner picks must make sense.
  const defaults = defaultValues(spec);
  const trials: { values: Record<string, ParamValue>; note: string; param?: string; why?: string }[] = [{ values: defaults, note: '' }];
  for (const [name, p] of Object.entries(spec.parameters)) {
    for (const probe of probes(p)) {
      if (probe.value !== p.default)
        trials.push({
          values: { ...defaults, [name]: probe.value },
          note: ` (when ${name} is ${show(probe.value)}, ${probe.why})`,
          param: name,
          why: probe.why,
        });
    }
  }
  // One message per place: the first trial that fails there (the defaults come first).
  const reported = new Set<string>();
  const once: Report = (path, message, severity, atKey) => {
    const key = formatPath(path);
    if (reported.has(key)) return;
    reported.add(key);
    report(path, message, severity, atKey);
  };
  for (const trial of trials) {
    const misfits = checkSites(spec, trial.values);
    for (const { site, message } of misfits) {
      const value = trial.values[site.name];
      const why = trial.param === site.name ? trial.why : 'its default';
      once(site.path, `\${${site.name}} can be ${show(value)} (${why}), which does not fit here: ${message}`);
    }
    if (misfits.length) continue;
    const task = substitute(spec.task, trial.values);
    const datasets = substitute(spec.datasets, trial.values);
    checkTaskFields(task, trial.note, once);
    checkShapes(task, datasets, trial.note, once);
    checkDataReachesTask(task, datasets, trial.note, once);
    checkShippedFillsBatch(task, datasets, trial.note, once);
    spec.metrics.forEach((m, i) => {
      const why = metricProblem(m.kind, task);
      if (why) once(['metrics', i, 'kind'], `${why}${trial.note}`);
    });
  }
}

function checkTaskFields(task: Unref<TaskSpec>, note: string, report: Report) {
  if (task.kind === 'evaluation') return checkEvaluation(task, note, report);
  if (task.kind === 'kernel') {
    if (task.operation === 'matmul' && task.variant === undefined)
      report(['task', 'variant'], `missing; matmul has two kernels, say which: naive or tiled${note}`);
    if (task.operation !== 'matmul' && task.variant !== undefined)
      report(['task', 'variant'], `only matmul has variants; ${task.operation} has one kernel${note}`);
    return;
  }
  if (task.model === 'mlp') {
    if (!task.layers) report(['task', 'layers'], `missing; an mlp is described by its layer widths, input first, like [256, 512, 10]${note}`);
    if (task.size !== undefined) report(['task', 'size'], `only the matmul model has a size; an mlp is described by its layers${note}`);
  } else if (task.model === 'matmul') {
    if (task.size === undefined) report(['task', 'size'], `missing; the matmul model needs its matrix side n${note}`);
    if (task.layers) report(['task', 'layers'], `only an mlp has layers; the matmul model has a size${note}`);
  } else {
    if (task.layers) report(['task', 'layers'], `the mnist-mlp model is fixed (784 inputs, 10 classes); remove layers${note}`);
    if (task.size !== undefined) report(['task', 'size'], `the mnist-mlp model is fixed (784 inputs, 10 classes); remove size${note}`);
  }
}

/** The shape of one input the task reads, where it is fixed by the task. */
function expectedShape(task: Unref<TaskSpec>): number[] | undefined {
  if (task.kind === 'evaluation') return undefined;
  if (task.kind === 'kernel') return task.operation === 'matmul' ? [task.size, task.size] : [task.size];
  if (task.model === 'mlp' && task.layers?.[0] !== undefined) return [task.batch, task.layers[0]];
  if (task.model === 'matmul' && task.size !== undefined) return [task.size, task.size];
  return undefined;
}

function checkShapes(task: Unref<TaskSpec>, datasets: Unref<Spec['datasets']>, note: string, report: Report) {
  const expected = expectedShape(task);
  if (!expected) return;
  datasets.forEach((d, i) => {
    const shape = d.generated?.shape;
    if (shape && (shape.length !== expected.length || shape.some((s, j) => s !== expected[j]))) {
      const what =
        task.kind === 'kernel'
          ? `${task.operation} of size ${task.size}`
          : task.kind === 'evaluation'
            ? `the ${task.model} model`
            : `the ${task.model} model${task.model === 'mlp' ? ` with batch ${task.batch}` : ` of size ${task.size}`}`;
      report(
        ['datasets', i, 'generated', 'shape'],
        `[${shape.join(', ')}] does not fit the task: ${what} reads inputs of shape [${expected.join(', ')}]${note}`,
      );
    }
  });
}

/**
 * Every dataset reaches the run: a task draws all its generated inputs from one generated dataset
 * (operand k from seed + k), and only mnist-mlp reads shipped data. A dataset the run would not read
 * is an error, since its generator or range would look like part of the benchmark.
 */
function checkDataReachesTask(task: Unref<TaskSpec>, datasets: Unref<Spec['datasets']>, note: string, report: Report) {
  if (task.kind === 'evaluation') return checkEvaluationData(task, datasets, note, report);
  const digits = task.kind === 'inference' && task.model === 'mnist-mlp';
  const what = task.kind === 'kernel' ? `the ${task.operation} kernel` : `the ${task.model} model`;
  const firstGenerated = datasets.findIndex((d) => d.generated);
  datasets.forEach((d, i) => {
    if (d.generated && digits)
      report(
        ['datasets', i, 'generated'],
        `the mnist-mlp model reads held-out MNIST digits (a shipped dataset), so generated data would not reach the run; remove it${note}`,
      );
    else if (d.generated && i !== firstGenerated) {
      report(
        ['datasets', i, 'generated'],
        `${what} draws all its inputs from one generated dataset, datasets[${firstGenerated}] (operand k from its seed + k), so this one would not reach the run; remove it${note}`,
      );
    }
    if (d.shipped && !digits)
      report(
        ['datasets', i, 'shipped'],
        `only the mnist-mlp model reads shipped data; ${what} draws generated inputs, so this dataset would not reach the run${note}`,
      );
    else if (d.shipped?.split === 'train')
      report(
        ['datasets', i, 'shipped', 'split'],
        `the mnist-mlp model is measured on the ${MNIST_TEST_DIGITS} digits held out from its training (split: test); the training digits do not reach the run${note}`,
      );
    else if (d.shipped?.count !== undefined && d.shipped.count > MNIST_TEST_DIGITS)
      report(['datasets', i, 'shipped', 'count'], `${d.shipped.count} is more than the ${MNIST_TEST_DIGITS} held-out test digits there are${note}`);
    else if (d.shipped?.path !== undefined)
      report(
        ['datasets', i, 'shipped', 'path'],
        `no task reads a shipped file yet; the mnist-mlp model reads the mnist package (package: mnist, split: test)${note}`,
      );
  });
}

/** A shipped dataset holds at least one query's batch: fewer items than the batch cannot fill a single query. */
function checkShippedFillsBatch(task: Unref<TaskSpec>, datasets: Unref<Spec['datasets']>, note: string, report: Report) {
  if (task.kind === 'kernel') return;
  datasets.forEach((d, i) => {
    const count = d.shipped?.count;
    if (count !== undefined && count < task.batch)
      report(
        ['datasets', i, 'shipped', 'count'],
        `${count} item${count === 1 ? '' : 's'} cannot fill one query of batch ${task.batch}; use at least ${task.batch}${note}`,
      );
  });
}

function checkDatasets(spec: Spec, report: Report) {
  const names = new Map<string, number>();
  spec.datasets.forEach((d, i) => {
    const at = (...rest: Path): Path => ['datasets', i, ...rest];
    const twin = names.get(d.name);
    if (twin !== undefined) report(at('name'), `"${d.name}" is already the name of datasets[${twin}]; dataset names must be unique`);
    else names.set(d.name, i);
    if (!d.generated && !d.shipped)
      report(at(), 'say where the data comes from: generated (a generator and its seed) or shipped (a package, or a path and its checksum)');
    if (d.generated && d.shipped) report(at('shipped'), 'give generated or shipped, not both');
    const g = d.generated;
    if (g) {
      if (g.seed === undefined)
        report(at('generated', 'seed'), 'missing; generated data needs a seed, so every run on every machine draws the same numbers');
      if (g.generator === 'uniform') {
        if (g.mean !== undefined) report(at('generated', 'mean'), 'a uniform generator takes range, not mean');
        if (g.sd !== undefined) report(at('generated', 'sd'), 'a uniform generator takes range, not sd');
        if (g.range && !(g.range[0] < g.range[1])) report(at('generated', 'range'), `low (${g.range[0]}) must be below high (${g.range[1]})`);
      } else if (g.range) report(at('generated', 'range'), 'a normal generator takes mean and sd, not range');
    }
    const s = d.shipped;
    if (s) {
      if (s.package !== undefined && s.path !== undefined) report(at('shipped', 'path'), 'give package (and split) or path (and sha256), not both');
      else if (s.package === undefined && s.path === undefined)
        report(at('shipped'), 'say where the data comes from: package and split, or path and sha256');
      if (s.package !== undefined && s.split === undefined) report(at('shipped', 'split'), `missing; which part of ${s.package}: train or test`);
      if (s.path !== undefined && s.sha256 === undefined)
        report(at('shipped', 'sha256'), 'missing; a shipped file needs its checksum (sha256sum FILE), so a changed file is noticed');
      if (s.path === undefined && s.sha256 !== undefined)
        report(at('shipped', 'sha256'), 'a checksum belongs to a path; a package is checked by its version');
    }
  });
  const hasSeed = spec.datasets.some((d) => d.generated?.seed !== undefined || d.shipped?.seed !== undefined);
  // Only when no other dataset problem already explains it.
  const explained = spec.datasets.some((d) => (d.generated && d.generated.seed === undefined) || (!d.generated && !d.shipped));
  if (!hasSeed && !explained)
    report(['datasets'], 'the task needs a seed: give a generated dataset (with its seed) or a seed on the shipped one (which items are drawn)');
}

function checkInfrastructure(spec: Spec, report: Report) {
  const kind = spec.task.kind;
  const fit = TARGETS_BY_KIND[kind];
  const { targets, record } = spec.infrastructure;
  targets.forEach((t, i) => {
    if (targets.indexOf(t) !== i) report(['infrastructure', 'targets', i], `${t} is listed twice`, 'warning');
    else if (!fit.includes(t)) {
      const runs = (Object.keys(TARGETS_BY_KIND) as (keyof typeof TARGETS_BY_KIND)[]).filter((k) => TARGETS_BY_KIND[k].includes(t));
      report(['infrastructure', 'targets', i], `${t} runs ${runs.join(' and ')} tasks; ${article(kind)} ${kind} task runs on ${fit.join(', ')}`);
    }
  });
  record.forEach((r, i) => {
    if (record.indexOf(r) !== i) report(['infrastructure', 'record', i], `${r} is listed twice`, 'warning');
    else if (r === 'adapter' && !targets.some((t) => WEBGPU_TARGETS.includes(t))) {
      report(
        ['infrastructure', 'record', i],
        `adapter is recorded only on WebGPU targets (${WEBGPU_TARGETS.join(', ')}), and none is listed`,
        'warning',
      );
    }
  });
}

function checkMetrics(spec: Spec, report: Report) {
  const names = new Map<string, number>();
  const minSamples = spec.constraints['min-samples'];
  spec.metrics.forEach((m, i) => {
    const at = (...rest: Path): Path => ['metrics', i, ...rest];
    const twin = names.get(m.name);
    if (twin !== undefined) report(at('name'), `"${m.name}" is already the name of metrics[${twin}]; metric names must be unique`);
    else names.set(m.name, i);
    if (m.direction !== DIRECTION_BY_KIND[m.kind])
      report(
        at('direction'),
        `${article(m.kind)} ${m.kind} metric is better when ${DIRECTION_BY_KIND[m.kind]}; write direction: ${DIRECTION_BY_KIND[m.kind]}`,
      );
    const unitWrong = unitProblem(m.kind, m.unit);
    if (unitWrong) report(at('unit'), unitWrong);
    const allowed = AGGREGATIONS_BY_KIND[m.kind];
    m.aggregation.forEach((a, j) => {
      if (m.aggregation.indexOf(a) !== j) return report(at('aggregation', j), `${a} is listed twice`, 'warning');
      if (!allowed.includes(a))
        return report(
          at('aggregation', j),
          `${a} is not an aggregation of ${article(m.kind)} ${m.kind} metric; ${article(m.kind)} ${m.kind} metric takes ${oneOf(allowed).replace(/"/g, '')}`,
        );
      const p = /^p(\d+)$/.exec(a);
      // Under the load generator, LoadGen's early stopping says how many queries a percentile needs (runtime/load/).
      if (p && !spec.constraints.load) {
        const need = minSamplesForPercentile(Number(p[1]));
        if (minSamples < need)
          report(at('aggregation', j), `${a} needs at least ${need} samples to mean anything; constraints.min-samples is ${minSamples}`);
      }
    });
  });
}

function checkConstraints(spec: Spec, report: Report) {
  const c = spec.constraints;
  const kinds = new Set(spec.metrics.map((m) => m.kind));
  const reports = SCENARIO_TABLE[c.scenario].reports;
  if (!kinds.has(reports))
    report(['constraints', 'scenario'], `${article(c.scenario)} ${c.scenario} run reports ${reports}: declare a metric of kind ${reports}`);
  // The load generator's rules (runtime/spec/load-constraints.ts); its latency bound is held at load.latency-percentile,
  // so the two bound rules below are the timing loop's only.
  checkLoadConstraints(spec, report);
  if (!c.load && c['latency-bound-ms'] !== undefined && c.scenario !== 'single-stream')
    report(['constraints', 'latency-bound-ms'], 'a latency bound applies to single-stream runs, where each query is timed');
  else if (
    !c.load &&
    c['latency-bound-ms'] !== undefined &&
    !spec.metrics.some((m) => m.kind === 'latency' && m.aggregation.some((a) => TAIL_PERCENTILES.includes(a)))
  ) {
    // The bound is held against the tail; without a tail percentile the run would have nothing to check it against.
    const latency = spec.metrics.filter((m) => m.kind === 'latency');
    const declared = latency.length
      ? `; declared: ${latency.map((m) => `${m.name} (${m.aggregation.join(', ')})`).join(', ')}`
      : '; no metric of kind latency is declared';
    report(
      ['constraints', 'latency-bound-ms'],
      `a latency bound is held against a tail latency: add p90, p95 or p99 to the aggregation of a latency metric${declared}`,
    );
  }
  if (c['min-samples'] < MIN_SAMPLES_FOR_CI) {
    report(
      ['constraints', 'min-samples'],
      `at least ${MIN_SAMPLES_FOR_CI}: fewer samples cannot give the median a confidence interval, so no run could show its precision (target-ci)`,
    );
  }
  if (c['min-duration-ms'] > c['max-duration-ms'])
    report(['constraints', 'min-duration-ms'], `${c['min-duration-ms']} is longer than max-duration-ms (${c['max-duration-ms']})`);
  if (c.quality) {
    const metric = spec.metrics.find((m) => m.name === c.quality!.metric);
    if (!metric)
      report(
        ['constraints', 'quality', 'metric'],
        `"${c.quality.metric}" is not a declared metric; declared: ${spec.metrics.map((m) => m.name).join(', ')}`,
      );
    else if (!METRIC_KIND_TABLE[metric.kind].quality)
      report(
        ['constraints', 'quality', 'metric'],
        `"${metric.name}" is ${article(metric.kind)} ${metric.kind} metric; a quality target names a quality metric (${METRIC_KINDS.filter((k) => METRIC_KIND_TABLE[k].quality).join(', ')})`,
      );
    else {
      // The bound goes the way the metric's direction says (the metric table's): min when higher is better, max when lower is.
      const direction = METRIC_KIND_TABLE[metric.kind].direction;
      const want = direction === 'higher' ? 'min' : 'max';
      const other = want === 'min' ? 'max' : 'min';
      const bound = c.quality[want];
      if (c.quality[other] !== undefined)
        report(
          ['constraints', 'quality', other],
          `${metric.kind} is better ${direction}, so its target is a ${want === 'min' ? 'minimum' : 'maximum'}: write ${want}, not ${other}`,
        );
      else if (bound === undefined)
        report(
          ['constraints', 'quality'],
          `missing ${want}; ${metric.kind} is better ${direction}, so give the ${want === 'min' ? 'lowest' : 'highest'} acceptable value`,
        );
      else if (bound < 0 || bound > 1)
        report(['constraints', 'quality', want], `${metric.kind} is a fraction from 0 to 1, got ${bound} (write 0.9 for 90%)`);
    }
  }
}

/** "a" or "an" before a word, by its first letter (good enough for the words of this file). */
function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

type EvaluationSpec = Extract<Unref<TaskSpec>, { kind: 'evaluation' }>;

/** An evaluation's perturbation strength within its kind's range, and its slices meaningful for the model's data. */
function checkEvaluation(task: EvaluationSpec, note: string, report: Report) {
  const data = ZOO_DATA[task.model];
  const p = task.perturbation;
  if (p) {
    const range = PERTURBATION_RANGES[p.kind];
    if (data.package !== 'mnist')
      report(
        ['task', 'perturbation'],
        `${task.model} reads ${data.package} measurements, not images; perturbations apply to the MNIST models${note}`,
      );
    else if (p.strength > range.max)
      report(['task', 'perturbation', 'strength'], `${p.kind} strength ${p.strength} is out of range: 0 to ${range.max} (${range.unit})${note}`);
  }
  const r = task.robustness;
  if (r) {
    const range = PERTURBATION_RANGES[r.kind];
    if (data.package !== 'mnist')
      report(['task', 'robustness'], `${task.model} reads ${data.package} measurements, not images; perturbations apply to the MNIST models${note}`);
    else
      r.strengths.forEach((s, i) => {
        if (s > range.max)
          report(['task', 'robustness', 'strengths', i], `${r.kind} strength ${s} is out of range: 0 to ${range.max} (${range.unit})${note}`);
      });
  }
  checkDynamic(task, note, report);
  const names = new Map<string, number>();
  task.slices?.forEach((s, i) => {
    const at = (...rest: Path): Path => ['task', 'slices', i, ...rest];
    if (names.has(s.name)) report(at('name'), `"${s.name}" is already the name of slices[${names.get(s.name)}]; slice names must be unique`);
    names.set(s.name, i);
    if (!s.labels && !s.ink) report(at(), `slice ${s.name} selects by nothing: give labels, ink, or both`);
    s.labels?.forEach((l, j) => {
      if (l >= data.classes) report(at('labels', j), `${task.model} has classes 0..${data.classes - 1}; label ${l} selects no item${note}`);
    });
    if (s.ink) {
      if (data.package !== 'mnist') report(at('ink'), `${task.model} reads ${data.package} measurements, which have no ink; slice by labels${note}`);
      else if (!(s.ink[0] < s.ink[1]) || s.ink[1] <= 0 || s.ink[0] >= 1)
        report(at('ink'), `[${s.ink[0]}, ${s.ink[1]}) selects no item: ink is a mean pixel value in 0..1, and low must be below high${note}`);
    }
  });
}

/**
 * The irt and memorisation options: their models read the same items as the task's model, the task's
 * model is among the respondents (its adaptive trace is the one recorded), the twin is another model,
 * and the rotating sets fit in the fresh split.
 */
function checkDynamic(task: EvaluationSpec, note: string, report: Report) {
  const data = ZOO_DATA[task.model];
  const irt = task.irt;
  if (irt) {
    const seen = new Map<string, number>();
    irt.respondents.forEach((r, i) => {
      const at: Path = ['task', 'irt', 'respondents', i];
      if (seen.has(r)) report(at, `${r} is already respondents[${seen.get(r)}]; each model answers once${note}`);
      seen.set(r, i);
      if (ZOO_DATA[r].package !== data.package)
        report(
          at,
          `${r} reads ${ZOO_DATA[r].package}, but the items come from ${data.package} (the task's model ${task.model}); respondents answer the same items${note}`,
        );
    });
    if (!seen.has(task.model))
      report(
        ['task', 'irt', 'respondents'],
        `the task's model ${task.model} is not among the respondents; add it (its adaptive test is the one the record traces)${note}`,
      );
  }
  const m = task.memorisation;
  if (m) {
    const fresh = ZOO_SPLIT_SIZES[data.package].fresh;
    if (m.twin === task.model)
      report(['task', 'memorisation', 'twin'], `${m.twin} is the task's model itself; the twin is the model to compare it with${note}`);
    else if (ZOO_DATA[m.twin].package !== data.package)
      report(
        ['task', 'memorisation', 'twin'],
        `${m.twin} reads ${ZOO_DATA[m.twin].package}, but ${task.model} reads ${data.package}; twins answer the same items${note}`,
      );
    if (fresh === undefined)
      report(['task', 'memorisation'], `${task.model} reads ${data.package}, which has no fresh split to draw rotating sets from${note}`);
    else if (m.count > fresh)
      report(
        ['task', 'memorisation', 'count'],
        `${m.count} is more than the ${fresh} items of the fresh split the rotating sets are drawn from${note}`,
      );
    if (task.perturbation)
      report(
        ['task', 'perturbation'],
        `memorisation compares the static and the fresh items as they are; a perturbation of the static items only would make the comparison unfair${note}`,
      );
  }
}

/** An evaluation reads one shipped dataset: the model's package and one of its splits. */
function checkEvaluationData(task: EvaluationSpec, datasets: Unref<Spec['datasets']>, note: string, report: Report) {
  const data = ZOO_DATA[task.model];
  const shipped = datasets.findIndex((d) => d.shipped);
  if (shipped < 0)
    report(['datasets'], `the ${task.model} model is scored on labelled data: give a shipped dataset (package: ${data.package}, split: test)${note}`);
  datasets.forEach((d, i) => {
    if (d.generated)
      report(
        ['datasets', i, 'generated'],
        `an evaluation scores labelled items; generated numbers have no labels, so this dataset would not reach the run${note}`,
      );
    if (!d.shipped) return;
    if (i !== shipped)
      return report(
        ['datasets', i, 'shipped'],
        `an evaluation reads one shipped dataset, datasets[${shipped}]; this one would not reach the run${note}`,
      );
    const s = d.shipped;
    if (s.path !== undefined)
      report(['datasets', i, 'shipped', 'path'], `the zoo models read their npm data package (package: ${data.package}), not a file${note}`);
    else if (s.package !== undefined && s.package !== data.package)
      report(['datasets', i, 'shipped', 'package'], `the ${task.model} model reads ${data.package}, not ${s.package}${note}`);
    if (s.split !== undefined && !data.splits.includes(s.split))
      report(
        ['datasets', i, 'shipped', 'split'],
        `${data.package} has no split ${s.split} for ${task.model}; it has ${data.splits.join(', ')}${note}`,
      );
    if (task.memorisation && s.split === 'fresh')
      report(
        ['datasets', i, 'shipped', 'split'],
        `memorisation compares a static set with rotating sets drawn from the fresh split, so the static set cannot be the fresh split itself; use test${note}`,
      );
    const size = s.split ? ZOO_SPLIT_SIZES[data.package][s.split] : undefined;
    if (s.count !== undefined && size !== undefined && s.count > size)
      report(['datasets', i, 'shipped', 'count'], `${s.count} is more than the ${size} items of the ${s.split} split${note}`);
  });
}
