import { minSamplesForPercentile } from '../measure/percentile-rule.ts';
import { loadSpec, type Diagnostic } from '../spec/load.ts';
import { SPEC_VERSION, type Spec } from '../spec/schema.ts';
import { UNIT_BY_KIND } from '../spec/semantics.ts';
import type { Target } from '../spec/task.ts';
import { locateYaml } from '../yaml/locate.ts';
import { targetInfo } from '../targets/index.ts';
import { formatError, scored } from './checkers.ts';
import type { CheckDetail, PartResult } from './types.ts';

/**
 * Spec-design checking: the learner's YAML goes through the engine's own loader (loadSpec: syntax,
 * schema, semantic rules), then through a rubric of items worth points each. Rubric items read the
 * raw YAML data, not only a valid spec, so a spec that does not validate yet still earns the items it
 * gets right: partial credit, each item with its own feedback.
 */

/** What a rubric item looks at. */
export interface SpecSubmission {
  /** The YAML text as written. */
  text: string;
  /** The parsed YAML (any shape: read it with `get`). */
  data: Record<string, unknown>;
  /** The spec, when it validates (no errors; warnings allowed). */
  spec?: Spec;
  /** Every problem loadSpec found, errors and warnings, with lines. */
  diagnostics: Diagnostic[];
}

export interface RubricItem {
  /** Stable id, for results and tests: `warmup`, `percentile-samples`. */
  id: string;
  /** What the item checks, as the learner's checklist shows it: "Declares warm-up runs". */
  label: string;
  points: number;
  /** true when the spec meets the item; false, or a specific reason (markdown), when it does not. */
  passes: (submission: SpecSubmission) => boolean | string;
  /** What to say when `passes` returns false: what is missing, where to look, not the fix itself. */
  feedback: string;
  /**
   * A gate: when it fails, the whole spec scores 0 (the other items are still shown). For "measures the
   * scenario's task": an honest spec of another benchmark is not an answer, however well written.
   */
  gate?: boolean;
}

/**
 * Checks YAML text against a rubric. YAML that does not parse, or is not a mapping, is a format error
 * (no attempt). Otherwise the score is the share of rubric points passed, with one detail per item and
 * the loader's diagnostics for the editor.
 */
export function checkSpecRubric(text: string, rubric: readonly RubricItem[], options: { file?: string } = {}): PartResult {
  if (rubric.length === 0) throw new Error('checkSpecRubric: the rubric is empty; this is a bug in the exercise');
  const located = locateYaml(text);
  if (located.errors.length) {
    const first = located.errors[0]!;
    return formatError(
      `The YAML does not parse: line ${first.line}, column ${first.column}: ${first.message}. Fix the syntax first (indentation, a missing colon, an unclosed bracket or quote).`,
      {
        diagnostics: located.errors.map((e) => ({ line: e.line, column: e.column, severity: 'error', message: `not valid YAML: ${e.message}` })),
      },
    );
  }
  const data = located.value;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return formatError(
      data === null
        ? `The spec is empty: write its fields, starting with \`version: ${SPEC_VERSION}\`.`
        : 'A spec is a mapping of `field: value` lines, not a list or a single value.',
    );
  }
  const loaded = loadSpec(text, options.file);
  const submission: SpecSubmission = { text, data: data as Record<string, unknown>, spec: loaded.spec, diagnostics: loaded.diagnostics };
  const details: CheckDetail[] = rubric.map((item) => {
    let verdict: boolean | string;
    try {
      verdict = item.passes(submission);
    } catch (e) {
      throw new Error(`rubric item "${item.id}" threw on this spec (${e instanceof Error ? e.message : String(e)}); this is a bug in the exercise`, {
        cause: e,
      });
    }
    const passed = verdict === true;
    return {
      id: item.id,
      label: item.label,
      points: item.points,
      passed,
      ...(passed ? {} : { message: typeof verdict === 'string' ? verdict : item.feedback }),
    };
  });
  const total = rubric.reduce((s, r) => s + r.points, 0);
  const closedGate = rubric.find((r, i) => r.gate && !details[i]!.passed);
  const earned = closedGate ? 0 : details.reduce((s, d) => s + (d.passed ? d.points! : 0), 0);
  const passedCount = details.filter((d) => d.passed).length;
  const feedback =
    passedCount === details.length
      ? 'Every rubric item passes: this spec would give an honest, reproducible measurement.'
      : closedGate
        ? `"${closedGate.label}" fails, so none of this spec's points count: ${details[rubric.indexOf(closedGate)]!.message}`
        : `${passedCount} of ${details.length} rubric items pass (${round2(earned)} of ${round2(total)} points). ${details.find((d) => !d.passed)!.message}`;
  return scored(earned / total, feedback, {
    details,
    diagnostics: loaded.diagnostics.map((d) => ({ line: d.line, column: d.column, severity: d.severity, message: d.message })),
  });
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// Reading raw YAML data safely

/** The value at `path` of raw data, or undefined when any step is missing or of the wrong shape. */
export function get(data: unknown, ...path: (string | number)[]): unknown {
  let v: unknown = data;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

/** A list at `path`, or [] when there is none. */
export function list(data: unknown, ...path: (string | number)[]): unknown[] {
  const v = get(data, ...path);
  return Array.isArray(v) ? v : [];
}

/** A value with `${name}` replaced by that parameter's default, as written in the raw data. */
export function resolved(data: unknown, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const m = /^\$\{([a-z][a-z0-9-]*)\}$/.exec(value);
  return m ? get(data, 'parameters', m[1]!, 'default') : value;
}

/** The metrics of the raw data that are mappings, with their index. */
export function metrics(data: unknown): { index: number; name: string; kind: unknown; unit: unknown; aggregation: unknown[] }[] {
  return list(data, 'metrics').flatMap((m, index) =>
    m && typeof m === 'object'
      ? [
          {
            index,
            name: String(get(m, 'name') ?? `metrics[${index}]`),
            kind: get(m, 'kind'),
            unit: get(m, 'unit'),
            aggregation: list(m, 'aggregation'),
          },
        ]
      : [],
  );
}

// ---------------------------------------------------------------------------------------------
// Rubric items shared by the spec exercises

/** The spec passes the engine's validator (schema and semantic rules): no errors. */
export function validates(points = 2): RubricItem {
  return {
    id: 'validates',
    label: 'Passes `workbook validate` (schema and rules)',
    points,
    feedback: 'The spec does not validate yet.',
    passes: (s) => {
      if (s.spec) return true;
      const errors = s.diagnostics.filter((d) => d.severity === 'error');
      const shown = errors.slice(0, 3).map((d) => `line ${d.line}: ${d.message}`);
      return `The spec does not validate yet (${errors.length} error${errors.length === 1 ? '' : 's'}): ${shown.join('; ')}${errors.length > 3 ? '; ...' : ''}. The editor marks each line.`;
    },
  };
}

/** At least `min` warm-up runs. */
export function declaresWarmup(min = 1, points = 1): RubricItem {
  return {
    id: 'warmup',
    label: 'Declares warm-up runs',
    points,
    feedback: `The first runs of a benchmark pay for compilation, uploads and cold caches. Say how many runs to discard before measuring (constraints).`,
    passes: (s) => {
      const w = get(s.data, 'constraints', 'warmup');
      if (typeof w !== 'number') return false;
      return w >= min
        ? true
        : `constraints.warmup is ${w}: the first runs (compilation, uploads, cold caches) would be counted with the steady state. Discard at least ${min}.`;
    },
  };
}

/**
 * A latency metric reports the p-th percentile, and min-samples is enough for it
 * (runtime/measure/percentile-rule.ts). With `atLeast`, any percentile from p up counts.
 */
export function percentileWithEnoughSamples(p: number, options: { atLeast?: boolean; points?: number } = {}): RubricItem {
  const wanted = (a: unknown) => {
    const m = typeof a === 'string' ? /^p(\d+)$/.exec(a) : null;
    return m ? (options.atLeast ? Number(m[1]) >= p : Number(m[1]) === p) : false;
  };
  return {
    id: 'percentile-samples',
    label: options.atLeast
      ? `Reports a tail percentile (p${p} or higher) with enough samples for it`
      : `Reports the p${p} latency with enough samples for it`,
    points: options.points ?? 2,
    feedback: options.atLeast
      ? `Report the slow tail of the latency (p${p} or higher), not only the middle.`
      : `The scenario asks for the p${p} latency: a latency metric must list it among its aggregations.`,
    passes: (s) => {
      const latency = metrics(s.data).filter((m) => m.kind === 'latency');
      const hit = latency.flatMap((m) => m.aggregation.filter(wanted)).map((a) => Number(String(a).slice(1)));
      if (hit.length === 0) return false;
      const need = Math.max(...hit.map(minSamplesForPercentile));
      const have = get(s.data, 'constraints', 'min-samples');
      if (typeof have === 'number' && have >= need) return true;
      return `A percentile means something only with enough samples beyond it: ${hit.map((q) => `p${q}`).join(', ')} needs at least 10 samples slower than it. constraints.min-samples is ${typeof have === 'number' ? have : 'not set'}; work out how many that takes.`;
    },
  };
}

/** Every metric has the unit its kind is reported in. */
export function unitsOnEveryMetric(points = 1): RubricItem {
  return {
    id: 'units',
    label: 'Every metric has the right unit',
    points,
    feedback: 'Declare at least one metric, each with its unit.',
    passes: (s) => {
      const all = metrics(s.data);
      if (all.length === 0) return false;
      for (const m of all) {
        const rule = typeof m.kind === 'string' ? UNIT_BY_KIND[m.kind as keyof typeof UNIT_BY_KIND] : undefined;
        if (typeof m.unit !== 'string' || m.unit.trim() === '')
          return `The metric "${m.name}" has no unit: a number without its unit cannot be compared with anything.`;
        if (rule && !rule.test(m.unit)) return `The metric "${m.name}" is of kind ${String(m.kind)}, which is not measured in ${m.unit}.`;
        if (!rule) return `The metric "${m.name}" has no valid kind, so its unit cannot be checked.`;
      }
      return true;
    },
  };
}

/** Every dataset says where its data comes from: a generator with its seed, or a shipped package or file with its checksum. */
export function seededData(points = 1): RubricItem {
  return {
    id: 'data-provenance',
    label: 'Every dataset has a seed or a provenance',
    points,
    feedback: 'Declare the input data: where it comes from, so anyone can draw exactly the same numbers again.',
    passes: (s) => {
      const datasets = list(s.data, 'datasets');
      if (datasets.length === 0) return false;
      for (const [i, d] of datasets.entries()) {
        const name = String(get(d, 'name') ?? `datasets[${i}]`);
        const generated = get(d, 'generated');
        const shipped = get(d, 'shipped');
        if (generated && typeof generated === 'object') {
          if (typeof resolved(s.data, get(generated, 'seed')) !== 'number')
            return `The dataset "${name}" is generated, but from which seed? Without one, every run draws different numbers.`;
        } else if (shipped && typeof shipped === 'object') {
          const pkg = get(shipped, 'package');
          const path = get(shipped, 'path');
          if (pkg !== undefined && get(shipped, 'split') === undefined)
            return `The dataset "${name}" comes from the package ${String(pkg)}: say which split.`;
          if (path !== undefined && typeof get(shipped, 'sha256') !== 'string')
            return `The dataset "${name}" is a file: give its checksum, so a changed file is noticed.`;
          if (pkg === undefined && path === undefined) return `The dataset "${name}" does not say where it comes from.`;
        } else return `The dataset "${name}" does not say where it comes from: generated (with a seed) or shipped.`;
      }
      return true;
    },
  };
}

/** What a result must record to say which hardware and software produced it, per target. */
export function hardwareItemsFor(targets: readonly string[]): string[] {
  const need = new Set<string>(['timer-resolution']);
  for (const t of targets) for (const item of targetInfo(t)?.identifiedBy ?? []) need.add(item);
  return [...need];
}

/** infrastructure.record names what identifies the hardware of the given targets: what it lists is what every record keeps of where it ran. */
export function recordsHardware(targets: readonly Target[], points = 1): RubricItem {
  const need = hardwareItemsFor(targets);
  return {
    id: 'hardware',
    label: 'Records the hardware and software it ran on',
    points,
    feedback: 'A timing without the machine it was measured on cannot be compared with anything: say what the result must record.',
    passes: (s) => {
      const record = list(s.data, 'infrastructure', 'record').map(String);
      const missing = need.filter((n) => !record.includes(n));
      if (missing.length) {
        return `On ${targets.join(', ')}, a reader needs to know ${missing.map(describeRecordItem).join(', ')}: infrastructure.record lists ${record.length ? record.join(', ') : 'nothing'}.`;
      }
      return true;
    },
  };
}

function describeRecordItem(item: string): string {
  const words: Record<string, string> = {
    adapter: 'which GPU adapter ran it',
    host: 'which machine (CPU, OS) ran it',
    'user-agent': 'which browser ran it',
    threads: 'how many threads it used',
    backend: 'which backend ran it',
    'timer-resolution': 'how fine the clock was',
    isolation: 'whether the page was cross-origin isolated',
  };
  return words[item] ?? item;
}

/**
 * An accuracy metric and a quality target on it of at least `min` and at most `max` (default: exactly
 * `min`, the scenario's level): a higher bar makes valid runs INVALID (1.0 asks for a model that is never wrong).
 */
export function qualityTarget(min: number, points = 2, max = min): RubricItem {
  return {
    id: 'quality',
    label: 'Sets the quality target beside the speed metrics',
    points,
    feedback:
      'This scenario runs a model: a faster model that classifies worse is not better. Measure its quality and make the result invalid below the required level.',
    passes: (s) => {
      const accuracy = metrics(s.data).filter((m) => m.kind === 'accuracy');
      if (accuracy.length === 0) return false;
      const q = get(s.data, 'constraints', 'quality');
      if (!q || typeof q !== 'object')
        return 'There is an accuracy metric, but nothing makes a run invalid when the accuracy is too low: add a quality target to the constraints.';
      const metric = get(q, 'metric');
      if (!accuracy.some((m) => m.name === metric))
        return `The quality target must name the accuracy metric (${accuracy.map((m) => m.name).join(', ')}).`;
      const value = get(q, 'min');
      if (typeof value !== 'number') return 'The quality target needs its minimum.';
      if (value > 1) return `The quality minimum is ${value}: accuracy is a fraction, so 90% is written 0.9.`;
      if (value < min - 1e-9) return `The quality minimum (${value}) is below what the scenario requires.`;
      if (value > max + 1e-9)
        return `The quality minimum (${value}) is stricter than the scenario asks: runs that meet the scenario's level would be INVALID${value >= 1 ? ', and 1.0 asks for a model that never misclassifies a digit' : ''}. State the level the scenario sets.`;
      return true;
    },
  };
}

/** A model is measured on real inputs of the split the scenario names (never generated data, never the training split). */
export function realEvaluationData(pkg: string, split: string, points = 2): RubricItem {
  return {
    id: 'evaluation-data',
    label: `Measures the model on the ${split} split of ${pkg}`,
    points,
    feedback: `A model's accuracy means something only on real inputs it was not trained on: the scenario names the ${split} split of ${pkg}.`,
    passes: (s) => {
      const datasets = list(s.data, 'datasets');
      if (datasets.length === 0) return false;
      for (const [i, d] of datasets.entries()) {
        const name = String(get(d, 'name') ?? `datasets[${i}]`);
        if (get(d, 'generated') !== undefined)
          return `The dataset "${name}" is generated: accuracy on random inputs says nothing about the model. Use the real digits the scenario names.`;
        const used = get(d, 'shipped', 'split');
        if (get(d, 'shipped', 'package') !== pkg) return `The dataset "${name}" is not from ${pkg}, the data the scenario names.`;
        if (used !== split)
          return `The dataset "${name}" uses the ${String(used ?? 'unnamed')} split: ${used === 'train' ? 'a model scores higher on the digits it learned from, so that accuracy is one it will never have on new digits' : 'the scenario names another one'}.`;
      }
      return true;
    },
  };
}

/** What every spec exercise asks of the run rules (write-a-spec and repair-a-spec grade the same rule). */
export const RUN_RULE_MINIMUMS = { minDurationMs: 500, minCapMs: 5000 } as const;

/** Run rules that leave time to measure: a minimum duration and a cap that sampling can finish within. */
export function runRulesLeaveTime(
  minDurationMs: number = RUN_RULE_MINIMUMS.minDurationMs,
  minCapMs: number = RUN_RULE_MINIMUMS.minCapMs,
  points = 1,
): RubricItem {
  return {
    id: 'run-rules',
    label: 'The run rules leave time to measure',
    points,
    feedback: `Say how long a run lasts at least (constraints.min-duration-ms) and at most (max-duration-ms).`,
    passes: (s) => {
      const min = get(s.data, 'constraints', 'min-duration-ms');
      const max = get(s.data, 'constraints', 'max-duration-ms');
      if (typeof min !== 'number' || typeof max !== 'number') return false;
      if (min < minDurationMs)
        return `min-duration-ms is ${min}: a run that short sees no drift, no throttling and no timer noise, and its interval means little. Measure for at least ${minDurationMs} ms.`;
      if (max < Math.max(min, minCapMs))
        return `max-duration-ms is ${max}: the cap would stop sampling before the samples the percentile needs are in, or before the minimum duration. Leave at least ${Math.max(min, minCapMs)} ms.`;
      return true;
    },
  };
}

/** Half the width of the 95% (normal) interval of a proportion p measured on n items: 1.96 sqrt(p (1 - p) / n). */
export function proportionHalfWidth(p: number, n: number): number {
  return 1.96 * Math.sqrt((p * (1 - p)) / n);
}

/**
 * Accuracy is measured on enough items to judge the quality target: a shipped dataset's `count` (all
 * of the split when left out) is at least `minCount`. An accuracy is a proportion: on n items its 95%
 * interval is about ±1.96 sqrt(p (1 - p) / n), ±2.6 points at 90% on 500 items, ±59 on one.
 */
export function enoughItemsForAccuracy(level: number, minCount = 500, points = 1): RubricItem {
  const pts = (n: number) => (100 * proportionHalfWidth(level, n)).toFixed(1);
  return {
    id: 'accuracy-items',
    label: `Measures the accuracy on enough items to judge it`,
    points,
    feedback: 'Say how many test items the accuracy is measured on.',
    passes: (s) => {
      for (const [i, d] of list(s.data, 'datasets').entries()) {
        const count = resolved(s.data, get(d, 'shipped', 'count'));
        if (get(d, 'shipped') === undefined || count === undefined) continue;
        const name = String(get(d, 'name') ?? `datasets[${i}]`);
        if (typeof count !== 'number' || !(count >= minCount)) {
          const n = typeof count === 'number' && count >= 1 ? count : 1;
          return `The dataset "${name}" has ${String(count)} item${count === 1 ? '' : 's'}: an accuracy is a proportion, and measured on n items its 95% interval is about ±1.96·√(p(1−p)/n), here ±${pts(n)} points at ${Math.round(level * 100)}%, too wide to tell a model that meets the quality target from one that misses it. At least ${minCount} items make it ±${pts(minCount)} points.`;
        }
      }
      return true;
    },
  };
}

/** A latency metric reports the median (the typical query), beside its tail percentile. */
export function reportsMedian(points = 1): RubricItem {
  return {
    id: 'median',
    label: 'Reports the median latency',
    points,
    feedback: 'The scenario asks for the typical latency too, not only the tail: a latency metric must list it among its aggregations.',
    passes: (s) => metrics(s.data).some((m) => m.kind === 'latency' && m.aggregation.includes('median')),
  };
}
