import { gradeParts } from '../../runtime/exercises/check.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import {
  checkSpecRubric,
  declaresWarmup,
  get,
  hardwareItemsFor,
  list,
  metrics,
  percentileWithEnoughSamples,
  qualityTarget,
  resolved,
  runRulesLeaveTime,
  unitsOnEveryMetric,
  validates,
  type RubricItem,
} from '../../runtime/exercises/rubric.ts';
import { SPEC_VERSION } from '../../runtime/spec/schema.ts';
import { DIRECTION_BY_KIND, TARGETS_BY_KIND } from '../../runtime/spec/semantics.ts';

/**
 * Spec design: repair a spec that a colleague wrote. Three faults, drawn per variant from a pool of
 * eleven; the validator catches some of them, the reviewer's notes describe the symptoms of all of
 * them. The learner must find the cause of each symptom and fix it without changing what is measured.
 */

export const BUGS = [
  'too-few-samples',
  'no-seed',
  'unit',
  'direction',
  'no-warmup',
  'no-hardware',
  'shape',
  'quality-percent',
  'durations',
  'target-kind',
  'no-isolation',
] as const;
export type Bug = (typeof BUGS)[number];

interface Metric {
  name: string;
  kind: 'latency' | 'gbps' | 'gflops' | 'throughput' | 'accuracy';
  unit: string;
  direction: 'lower' | 'higher';
  aggregation: string[];
  definition: string;
}

/** The colleague's spec before the faults: a valid, honest spec. */
export interface BaseSpec {
  id: string;
  title: string;
  description: string;
  task:
    | { kind: 'kernel'; operation: 'vector-add' | 'copy' | 'matmul'; variant?: 'naive' | 'tiled'; size: number }
    | { kind: 'inference'; model: 'mnist-mlp'; batch: number };
  targets: string[];
  record: string[];
  dataset: { name: string; seed: number; count?: number };
  metrics: Metric[];
  percentile: 90 | 95;
  warmup: number;
  minSamples: number;
  quality?: number;
}

export interface RepairASpecData {
  base: BaseSpec;
  /** The faults put in, in BUGS order. */
  bugs: Bug[];
  /** The order the reviewer's notes are shown in. */
  notes: Bug[];
}

/** The spec's YAML, with the faults in `bugs` put in. */
export function specText(base: BaseSpec, bugs: readonly Bug[] = []): string {
  const has = (b: Bug) => bugs.includes(b);
  const t = base.task;
  const kernel = t.kind === 'kernel';
  const lines: string[] = [`version: ${SPEC_VERSION}`, `id: ${base.id}`, `title: ${base.title}`, 'description: >-', `  ${base.description}`, 'task:'];
  if (t.kind === 'kernel') {
    lines.push('  kind: kernel', `  operation: ${t.operation}`);
    if (t.variant) lines.push(`  variant: ${t.variant}`);
    lines.push(`  size: ${t.size}`, '  dtype: float32');
  } else {
    lines.push('  kind: inference', `  model: ${t.model}`, `  batch: ${t.batch}`, '  dtype: float32');
  }
  const targets = has('target-kind') ? [...base.targets, kernel ? 'node-onnx' : 'node-webgpu'] : base.targets;
  const dropped = kernel ? 'adapter' : 'backend';
  const record = base.record.filter((r) => !(has('no-hardware') && r === dropped) && !(has('no-isolation') && r === 'isolation'));
  lines.push(
    'infrastructure:',
    `  targets: [${targets.join(', ')}]`,
    `  record: [${record.join(', ')}]`,
    'datasets:',
    `  - name: ${base.dataset.name}`,
  );
  const seed = has('no-seed') ? '' : `, seed: ${base.dataset.seed}`;
  if (t.kind === 'kernel') {
    const side = t.operation === 'matmul' ? [t.size, t.size] : [t.size];
    const shape = has('shape') ? side.map((s, i) => (i === side.length - 1 ? s * 2 : s)) : side;
    lines.push(`    generated: { generator: uniform${seed}, shape: [${shape.join(', ')}] }`);
  } else {
    lines.push(`    shipped: { package: mnist, split: test, count: ${base.dataset.count}${seed} }`);
  }
  lines.push('metrics:');
  for (const m of base.metrics) {
    let unit = m.unit;
    let direction = m.direction;
    let aggregation = m.aggregation;
    if (m.kind === 'latency') {
      if (has('unit')) unit = 's';
      if (has('too-few-samples')) aggregation = aggregation.map((a) => (a === `p${base.percentile}` ? 'p99' : a));
    }
    if (m.kind !== 'latency' && m.kind !== 'accuracy' && has('direction')) direction = 'lower';
    lines.push(
      `  - name: ${m.name}`,
      `    kind: ${m.kind}`,
      `    unit: ${unit}`,
      `    direction: ${direction}`,
      `    aggregation: [${aggregation.join(', ')}]`,
      `    definition: ${m.definition}`,
    );
  }
  lines.push(
    'constraints:',
    '  scenario: single-stream',
    `  warmup: ${has('no-warmup') ? 0 : base.warmup}`,
    `  min-samples: ${base.minSamples}`,
    `  min-duration-ms: ${has('durations') ? 30000 : 1000}`,
    '  max-duration-ms: 15000',
    '  target-ci: 0.01',
  );
  if (base.quality !== undefined)
    lines.push(`  quality: { metric: accuracy, min: ${has('quality-percent') ? Math.round(base.quality * 100) : base.quality} }`);
  return `${lines.join('\n')}\n`;
}

/**
 * What the reviewer saw: for a fault the validator catches, that `workbook validate` refused the spec
 * (no run happened, so there are no results to show symptoms in); for the others, what the results
 * showed. The symptom, not the cause.
 */
export const REFUSED_BY_VALIDATE: readonly Bug[] = [
  'too-few-samples',
  'no-seed',
  'unit',
  'direction',
  'shape',
  'quality-percent',
  'durations',
  'target-kind',
];
const NOTES: Record<Bug, (base: BaseSpec) => string> = {
  'too-few-samples': () => '`workbook validate` refuses it: the slow-tail percentile it reports would rest on too few samples.',
  'no-seed': () => '`workbook validate` refuses it: two runs on the same machine would not compute on the same numbers.',
  unit: () => '`workbook validate` refuses it: the latency is not in the unit latencies are reported in.',
  direction: () =>
    '`workbook validate` refuses it: one metric says that the wrong way is better, so a comparison would call the faster version the worse one.',
  'no-warmup': () => 'The first samples of every run are several times slower than the rest, and they are in the statistics.',
  'no-hardware': (b) =>
    `Two results from different laptops cannot be told apart: nothing says ${b.task.kind === 'kernel' ? 'which GPU adapter' : 'which backend'} ran them.`,
  shape: () => '`workbook validate` refuses it: the generated inputs do not have the size the task reads.',
  'quality-percent': (b) =>
    `\`workbook validate\` refuses the quality target, although the colleague meant ${Math.round((b.quality ?? 0.9) * 100)}%.`,
  durations: () => '`workbook validate` refuses the run rules: every run would have to last longer than it is allowed to.',
  'target-kind': () => '`workbook validate` refuses one of the targets: it cannot run this task at all.',
  'no-isolation': () =>
    'Two results from the same laptop and browser differ, and their records cannot say whether the page was cross-origin isolated (which decides how fine the clock is and whether wasm threads run).',
};

/** Is a fault applicable to this spec? */
function applies(bug: Bug, base: BaseSpec): boolean {
  const kernel = base.task.kind === 'kernel';
  if (bug === 'shape') return kernel;
  if (bug === 'quality-percent') return base.quality !== undefined;
  // Isolation is a page's: a spec that runs only in Node has nothing to record there.
  if (bug === 'no-isolation') return base.targets.some((t) => t.startsWith('browser-'));
  return true;
}

/** The rubric item that is met once `bug` is repaired (and by the colleague's spec before the fault). */
function itemFor(bug: Bug, base: BaseSpec): RubricItem {
  const kernel = base.task.kind === 'kernel';
  switch (bug) {
    case 'too-few-samples':
      return { ...percentileWithEnoughSamples(90, { atLeast: true, points: 2 }), id: bug };
    case 'no-seed':
      return {
        id: bug,
        label: 'The data is drawn from a seed',
        points: 2,
        feedback: 'Something makes every run draw different input data. Which field of a dataset fixes the data drawn?',
        passes: (s) =>
          list(s.data, 'datasets').every((d) => typeof resolved(s.data, get(d, 'generated', 'seed') ?? get(d, 'shipped', 'seed')) === 'number'),
      };
    case 'unit':
      return { ...unitsOnEveryMetric(2), id: bug };
    case 'direction':
      return {
        id: bug,
        label: 'Every metric says which way is better',
        points: 2,
        feedback: 'One metric says that smaller is better where it is not (or the other way round).',
        passes: (s) =>
          metrics(s.data).every(
            (m) =>
              typeof m.kind !== 'string' ||
              get(s.data, 'metrics', m.index, 'direction') === DIRECTION_BY_KIND[m.kind as keyof typeof DIRECTION_BY_KIND],
          ),
      };
    case 'no-warmup':
      return { ...declaresWarmup(1, 2), id: bug };
    case 'no-hardware': {
      const need = kernel ? 'adapter' : 'backend';
      return {
        id: bug,
        label: 'The record says what hardware or backend ran it',
        points: 2,
        feedback: 'The records cannot tell two machines apart: what is missing from what the result must record?',
        passes: (s) =>
          list(s.data, 'infrastructure', 'record').includes(need) &&
          hardwareItemsFor(base.targets).every((i) => list(s.data, 'infrastructure', 'record').includes(i)),
      };
    }
    case 'shape':
      return {
        id: bug,
        label: 'The inputs have the shape the task reads',
        points: 2,
        feedback: 'The generated inputs and the task disagree about the size. Which one does the scenario mean?',
        passes: (s) => {
          const t = base.task;
          if (t.kind !== 'kernel') return true;
          const want = t.operation === 'matmul' ? [t.size, t.size] : [t.size];
          return list(s.data, 'datasets').every((d) => {
            const shape = list(d, 'generated', 'shape').map((x) => resolved(s.data, x));
            return shape.length === want.length && shape.every((x, i) => x === want[i]);
          });
        },
      };
    case 'quality-percent':
      return { ...qualityTarget(base.quality ?? 0.9, 2), id: bug };
    case 'durations':
      // The same rule write-a-spec grades: min <= max alone let `min-duration-ms: 0, max-duration-ms: 1` pass.
      return { ...runRulesLeaveTime(undefined, undefined, 2), id: bug };
    case 'target-kind':
      return {
        id: bug,
        label: 'Every target can run the task',
        points: 2,
        feedback: `One of the targets runs ${kernel ? 'models' : 'kernels'}, not ${kernel ? 'kernels' : 'models'}.`,
        passes: (s) => list(s.data, 'infrastructure', 'targets').every((t) => (TARGETS_BY_KIND[base.task.kind] as readonly unknown[]).includes(t)),
      };
    case 'no-isolation':
      return {
        id: bug,
        label: 'The record says whether the page was cross-origin isolated',
        points: 2,
        feedback:
          'The records cannot say why two runs in the same browser differ: what the page was allowed to do (a fine clock, threads) is part of where it ran. Is it among what the result must record?',
        passes: (s) => list(s.data, 'infrastructure', 'record').includes('isolation'),
      };
  }
}

/** Does aggregation `got` keep `want`? A tail percentile may be replaced by a higher one (the too-few-samples repair). */
function keepsAggregation(want: string, got: readonly unknown[]): boolean {
  const p = /^p(\d+)$/.exec(want);
  if (!p) return got.includes(want);
  return got.some((a) => typeof a === 'string' && /^p\d+$/.test(a) && Number(a.slice(1)) >= Number(p[1]));
}

/**
 * The repaired spec must still measure what the colleague meant: same task, same metrics (kind and
 * aggregations), the same data (split and count), the same quality target and run rules that leave
 * time to measure, the same targets. Each fault's own item judges what the fault touched (a unit, a
 * percentile, a seed, the quality written as a percentage), so this gate lets those through.
 */
function sameBenchmark(data: RepairASpecData): RubricItem {
  const { base, bugs } = data;
  const runRules = runRulesLeaveTime();
  return {
    id: 'same-benchmark',
    label: 'Still measures the same thing',
    points: 1,
    // A gate: another (valid, honest) spec is no repair of this one.
    gate: true,
    feedback:
      'A repair must not change what is measured: keep the task, every metric, the data, the quality target and the targets the colleague chose.',
    passes: (s) => {
      const task = get(s.data, 'task');
      for (const [k, v] of Object.entries(base.task))
        if (resolved(s.data, get(task, k)) !== v) return `task.${k} changed: a repair must not change what is measured.`;
      const found = metrics(s.data);
      const lost = base.metrics.filter((m) => !found.some((f) => f.name === m.name)).map((m) => m.name);
      if (lost.length)
        return `The metric${lost.length === 1 ? '' : 's'} ${lost.join(', ')} ${lost.length === 1 ? 'is' : 'are'} gone: repair a metric rather than delete it.`;
      for (const m of base.metrics) {
        const f = found.find((x) => x.name === m.name)!;
        if (f.kind !== m.kind) return `The metric ${m.name} is no longer of kind ${m.kind}: a repair must not change what is measured.`;
        const dropped = m.aggregation.filter((a) => !keepsAggregation(a, f.aggregation));
        if (dropped.length)
          return `The metric ${m.name} no longer reports ${dropped.join(', ')}: the colleague's readers expect ${dropped.length === 1 ? 'it' : 'them'}.`;
      }
      if (base.dataset.count !== undefined) {
        const shipped = list(s.data, 'datasets')
          .map((d) => get(d, 'shipped'))
          .filter((d) => d && typeof d === 'object');
        if (!shipped.some((d) => get(d, 'split') === 'test' && get(d, 'package') === 'mnist'))
          return 'The digits are no longer the test split of mnist: the accuracy would be measured on other data.';
        if (!shipped.some((d) => resolved(s.data, get(d, 'count')) === base.dataset.count))
          return `The number of digits changed: the colleague measured on ${base.dataset.count}, and fewer make the accuracy less certain (more make the run longer). Keep it.`;
      }
      if (base.quality !== undefined) {
        const q = get(s.data, 'constraints', 'quality');
        if (!q || typeof q !== 'object') return 'The quality target is gone: without it a run that classifies badly is still VALID. Keep it.';
        const min = get(q, 'min');
        const asWritten = bugs.includes('quality-percent') && min === Math.round(base.quality * 100);
        if (min !== base.quality && !asWritten) return `The quality minimum changed (${String(min)}): a repair keeps the level the colleague set.`;
      }
      if (!bugs.includes('durations')) {
        const verdict = runRules.passes(s);
        if (verdict !== true) return typeof verdict === 'string' ? verdict : runRules.feedback;
      }
      const targets = list(s.data, 'infrastructure', 'targets');
      if (!base.targets.every((t) => targets.includes(t))) return 'A target of the original spec is gone: keep the targets the colleague chose.';
      return true;
    },
  };
}

export function rubricFor(data: RepairASpecData): RubricItem[] {
  return [validates(2), ...data.bugs.map((b) => itemFor(b, data.base)), sameBenchmark(data)];
}

export default defineExerciseLogic<RepairASpecData>(() => ({
  generate(seed) {
    const r = variantRandom(seed);
    const percentile = r.pick([90, 95] as const);
    const kernel = r.chance(0.6);
    let base: BaseSpec;
    if (kernel) {
      const operation = r.pick(['vector-add', 'copy', 'matmul'] as const);
      const matmul = operation === 'matmul';
      const size = matmul ? r.pick([128, 256, 384]) : 2 ** r.int(16, 21);
      const targets = r.pick([['browser-webgpu'], ['browser-webgpu', 'node-webgpu'], ['node-webgpu', 'js']]);
      base = {
        id: `${operation}-${percentile === 90 ? 'tail' : 'p95'}`,
        title: `${matmul ? 'Matrix multiplication' : operation === 'copy' ? 'Copying memory' : 'Vector addition'}, median and tail latency`,
        description: `Times ${matmul ? `an n x n matrix multiplication (n = ${size})` : `${operation} on ${size} float32 elements`} and reports the median and p${percentile} latency and the ${matmul ? 'arithmetic rate' : 'bandwidth'}.`,
        task: { kind: 'kernel', operation, ...(matmul ? { variant: r.pick(['naive', 'tiled'] as const) } : {}), size },
        targets,
        record: [...new Set([...hardwareItemsFor(targets), 'isolation'])],
        dataset: { name: matmul ? 'matrices' : 'vectors', seed: r.int(1, 999) },
        metrics: [
          {
            name: 'latency',
            kind: 'latency',
            unit: 'ms',
            direction: 'lower',
            aggregation: ['median', `p${percentile}`],
            definition: 'Wall time of one run to completion.',
          },
          matmul
            ? {
                name: 'arithmetic',
                kind: 'gflops',
                unit: 'GFLOP/s',
                direction: 'higher',
                aggregation: ['median'],
                definition: '2 n^3 operations divided by the latency.',
              }
            : {
                name: 'bandwidth',
                kind: 'gbps',
                unit: 'GB/s',
                direction: 'higher',
                aggregation: ['median'],
                definition: 'Bytes read and written per run divided by the latency.',
              },
        ],
        percentile,
        warmup: r.int(3, 10),
        minSamples: percentile === 90 ? r.pick([100, 150, 200]) : r.pick([200, 300]),
      };
    } else {
      const targets = r.pick([['browser-wasm'], ['browser-wasm-threads', 'browser-wasm'], ['node-onnx'], ['browser-onnx-webgpu', 'browser-wasm']]);
      const batch = r.pick([1, 8, 32]);
      base = {
        id: `digits-batch-${batch}`,
        title: `The digit classifier, ${batch} digit${batch === 1 ? '' : 's'} per query`,
        description: `Runs the MNIST classifier on ${batch} test digit${batch === 1 ? '' : 's'} per query and reports its latency and throughput, valid only at its accuracy.`,
        task: { kind: 'inference', model: 'mnist-mlp', batch },
        targets,
        record: [...new Set([...hardwareItemsFor(targets), 'isolation'])],
        dataset: { name: 'digits', seed: r.int(1, 999), count: r.pick([500, 1000, 2000]) },
        metrics: [
          {
            name: 'accuracy',
            kind: 'accuracy',
            unit: 'fraction',
            direction: 'higher',
            aggregation: ['value'],
            definition: 'Share of the test digits classified correctly.',
          },
          {
            name: 'latency',
            kind: 'latency',
            unit: 'ms',
            direction: 'lower',
            aggregation: ['median', `p${percentile}`],
            definition: 'Wall time of one query, inputs given and scores back.',
          },
          {
            name: 'throughput',
            kind: 'throughput',
            unit: 'images/s',
            direction: 'higher',
            aggregation: ['median'],
            definition: 'Digits per second, the batch divided by the latency.',
          },
        ],
        percentile,
        warmup: r.int(3, 10),
        minSamples: percentile === 90 ? r.pick([100, 150, 200]) : r.pick([200, 300]),
        quality: r.pick([0.9, 0.92, 0.95]),
      };
    }
    const chosen = new Set(
      r.sample(
        BUGS.filter((b) => applies(b, base)),
        3,
      ),
    );
    const bugs = BUGS.filter((b) => chosen.has(b));
    return { base, bugs, notes: r.shuffle(bugs) };
  },
  render(variant) {
    const { base, bugs, notes } = variant.data;
    return {
      values: { 'spec-id': base.id, notes: notes.map((b) => `- ${NOTES[b](base)}`).join('\n') },
      parts: { spec: { starter: specText(base, bugs) } },
    };
  },
  async check(variant, answers) {
    return gradeParts(answers, {
      spec: (answer) => checkSpecRubric(String(answer), rubricFor(variant.data)),
    });
  },
}));
