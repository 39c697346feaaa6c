import { gradeParts } from '../../runtime/exercises/check.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import { checkSpecRubric, get, list, metrics, qualityTarget, resolved, validates, type RubricItem } from '../../runtime/exercises/rubric.ts';
import { minSamplesForPercentile } from '../../runtime/measure/percentile-rule.ts';
import { SPEC_VERSION } from '../../runtime/spec/schema.ts';

/**
 * Spec design: a vendor's spec with loopholes that let a result look better than it is. Three of five
 * loopholes per variant (scoring on the training split, reporting the best sample, not recording the
 * runtime's version, no quality target, a result that may rest on a handful of samples); the learner
 * closes each without changing what is measured.
 */

export const LOOPHOLES = ['train-split', 'best-of-n', 'no-version', 'no-quality', 'few-samples'] as const;
export type Loophole = (typeof LOOPHOLES)[number];

export interface GamedBase {
  id: string;
  batch: number;
  targets: string[];
  count: number;
  seed: number;
  percentile: 90 | 95;
  minSamples: number;
  quality: number;
  /** How the loopholes read in this vendor's spec (they differ between vendors, as the repairs' values do). */
  gamed?: { aggregation: string[]; minSamples: number; targetCi: number };
  /** What this vendor's spec records of each run, in its own order (no-version leaves out backend). */
  record?: string[];
}

const GAMED_DEFAULT = { aggregation: ['min'], minSamples: 3, targetCi: 0.5 };

export interface RepairGamedSpecData {
  base: GamedBase;
  /** The loopholes put in, in LOOPHOLES order. */
  loopholes: Loophole[];
  /** The order the auditor's notes are shown in. */
  notes: Loophole[];
}

/** What the vendor's spec records of each run (no-version leaves out backend). */
const RECORD_ITEMS = ['backend', 'threads', 'isolation', 'timer-resolution', 'user-agent', 'host'];

/** The spec's YAML, with the loopholes in `holes` put in. */
export function gamedSpecText(base: GamedBase, holes: readonly Loophole[] = []): string {
  const has = (h: Loophole) => holes.includes(h);
  const record = (base.record ?? RECORD_ITEMS).filter((r) => !(has('no-version') && r === 'backend'));
  const gamed = base.gamed ?? GAMED_DEFAULT;
  const latencyAggregation = has('best-of-n') ? gamed.aggregation : ['median', `p${base.percentile}`];
  const lines = [
    `version: ${SPEC_VERSION}`,
    `id: ${base.id}`,
    `title: The digit classifier, ${base.batch} digits per query`,
    'description: >-',
    `  Runs the MNIST classifier on ${base.batch} digits per query and reports its latency, throughput and accuracy.`,
    'task:',
    '  kind: inference',
    '  model: mnist-mlp',
    `  batch: ${base.batch}`,
    '  dtype: float32',
    'infrastructure:',
    `  targets: [${base.targets.join(', ')}]`,
    `  record: [${record.join(', ')}]`,
    'datasets:',
    '  - name: digits',
    `    shipped: { package: mnist, split: ${has('train-split') ? 'train' : 'test'}, count: ${base.count}, seed: ${base.seed} }`,
    'metrics:',
    '  - name: accuracy',
    '    kind: accuracy',
    '    unit: fraction',
    '    direction: higher',
    '    aggregation: [value]',
    '    definition: Share of the digits classified correctly.',
    '  - name: latency',
    '    kind: latency',
    '    unit: ms',
    '    direction: lower',
    `    aggregation: [${latencyAggregation.join(', ')}]`,
    '    definition: Wall time of one query, inputs given and scores back.',
    '  - name: throughput',
    '    kind: throughput',
    '    unit: images/s',
    '    direction: higher',
    '    aggregation: [median]',
    '    definition: Digits per second, the batch divided by the latency.',
    'constraints:',
    '  scenario: single-stream',
    '  warmup: 5',
    `  min-samples: ${has('few-samples') ? gamed.minSamples : base.minSamples}`,
    '  min-duration-ms: 1000',
    '  max-duration-ms: 15000',
    `  target-ci: ${has('few-samples') ? gamed.targetCi : 0.02}`,
  ];
  if (!has('no-quality')) lines.push(`  quality: { metric: accuracy, min: ${base.quality} }`);
  return `${lines.join('\n')}\n`;
}

/** What the auditor saw in the vendor's results: the symptom of each loophole, never its cause. */
const NOTES: Record<Loophole, (b: GamedBase) => string> = {
  'train-split': () => "The vendor's accuracy is several points above every other lab's for the same model and the same code.",
  'best-of-n': () => "The vendor's latency is lower than the fastest figure any other lab has seen, and it never moves between their runs.",
  'no-version': () =>
    "Last quarter's results and this quarter's differ by a third, and nothing in the two records says whether ONNX Runtime was upgraded in between.",
  'no-quality': (b) =>
    `A new, smaller model doubled the throughput; its accuracy dropped by ten points, below the ${b.quality} the buyer's contract requires, and its run is still VALID.`,
  'few-samples': () => 'Two runs a minute apart on one machine differ by 40%, and both are VALID.',
};

/**
 * The points are the loopholes': the gates (same benchmark, only what the notes point to) carry none of
 * their own, so the starter unchanged scores 1 of 10 and a script that misses the variant's repairs stays low.
 */
const LOOPHOLE_POINTS = 3;

function itemFor(hole: Loophole, base: GamedBase): RubricItem {
  switch (hole) {
    case 'train-split':
      return {
        id: hole,
        label: 'Quality is measured on data the model did not learn from',
        points: LOOPHOLE_POINTS,
        feedback: 'The accuracy comes from digits the model may have seen while it was trained. Which data does a quality figure have to come from?',
        passes: (s) =>
          list(s.data, 'datasets').every((d) => {
            const split = get(d, 'shipped', 'split');
            return split === undefined || split === 'test' || split === 'fresh';
          }),
      };
    case 'best-of-n':
      return {
        id: hole,
        label: 'The latency reports the typical and the slow queries, not only the best one',
        points: LOOPHOLE_POINTS,
        feedback: 'The latency reported is the luckiest query of the run. What would a user experience most of the time, and on a bad one?',
        passes: (s) => {
          const latency = metrics(s.data).filter((m) => m.kind === 'latency');
          if (!latency.length) return false;
          const ok = latency.every(
            (m) =>
              // The results table shows each metric's first aggregation: min there is still the headline.
              m.aggregation[0] !== 'min' &&
              m.aggregation.includes('median') &&
              m.aggregation.some((a) => typeof a === 'string' && /^p(9\d)$/.test(a) && Number(a.slice(1)) >= base.percentile),
          );
          if (!ok) return false;
          const need = minSamplesForPercentile(highestPercentile(s.data, base.percentile));
          const n = get(s.data, 'constraints', 'min-samples');
          return typeof n === 'number' && n >= need
            ? true
            : `The tail you report needs at least ${need} samples (constraints.min-samples): a percentile of fewer samples is a guess.`;
        },
      };
    case 'no-version':
      return {
        id: hole,
        label: 'The record keeps the runtime and its version',
        points: LOOPHOLE_POINTS,
        feedback:
          'A result that changes between two dates may have changed because the software under it changed. What must each result record about that software?',
        passes: (s) => list(s.data, 'infrastructure', 'record').includes('backend'),
      };
    case 'no-quality':
      return {
        ...qualityTarget(base.quality, LOOPHOLE_POINTS),
        id: hole,
        feedback: 'Nothing makes a fast but worse model fail the run. What must a result reach for its speed to count?',
      };
    case 'few-samples':
      return {
        id: hole,
        label: 'A result rests on enough samples, known precisely',
        points: LOOPHOLE_POINTS,
        feedback:
          'A VALID result may rest on a handful of samples with an interval as wide as the median is long. Which run rules decide how much a result must have seen?',
        passes: (s) => {
          const n = get(s.data, 'constraints', 'min-samples');
          const ci = get(s.data, 'constraints', 'target-ci');
          // Deleting target-ci is no repair: without it the run stops on samples alone, however wide the interval.
          return (
            typeof n === 'number' &&
            n >= minSamplesForPercentile(highestPercentile(s.data, base.percentile)) &&
            typeof ci === 'number' &&
            ci > 0 &&
            ci <= 0.05
          );
        },
      };
  }
}

/** The highest tail percentile the latency reports (at least the contract's): its sample rule applies. */
function highestPercentile(data: unknown, floor: number): number {
  const ps = metrics(data)
    .filter((m) => m.kind === 'latency')
    .flatMap((m) => m.aggregation.map((a) => (typeof a === 'string' ? /^p(\d+)$/.exec(a)?.[1] : undefined)))
    .filter((p): p is string => !!p)
    .map(Number);
  return Math.max(floor, ...ps);
}

/**
 * A repair changes only what a symptom points to. The parts of the spec that no note of this variant
 * points at keep the starter's values: a fixed list of edits applied to every starter changes them, and
 * a change nobody asked for is a change to the vendor's benchmark. A gate: it fails the whole spec.
 */
function onlyWhatTheNotesPointTo(data: RepairGamedSpecData): RubricItem {
  const { base, loopholes } = data;
  const has = (h: Loophole) => loopholes.includes(h);
  const untouched = 'a repair changes only what a symptom in the notes points to';
  return {
    id: 'only-noted',
    label: 'Changes only what the notes point to',
    points: 0,
    gate: true,
    feedback: `Something changed that no note points to: ${untouched}.`,
    passes: (s) => {
      if (!has('train-split') && !list(s.data, 'datasets').every((d) => get(d, 'shipped', 'split') === 'test'))
        return `The split changed, and no note points to the data: ${untouched}.`;
      if (!has('no-version') && list(s.data, 'infrastructure', 'record').join() !== (base.record ?? RECORD_ITEMS).join())
        return `infrastructure.record changed, and no note points to what a result records: ${untouched}.`;
      if (!has('best-of-n')) {
        const latency = metrics(s.data).find((m) => m.kind === 'latency');
        if (!latency || latency.aggregation.join() !== `median,p${base.percentile}`)
          return `The latency's aggregation changed, and no note points to it (the contract judges p${base.percentile}): ${untouched}.`;
      }
      if (!has('no-quality')) {
        const q = get(s.data, 'constraints', 'quality');
        if (get(q, 'metric') !== 'accuracy' || get(q, 'min') !== base.quality)
          return `The quality target changed, and no note points to it (the contract's level is ${base.quality}): ${untouched}.`;
      }
      if (!has('few-samples') && (get(s.data, 'constraints', 'min-samples') !== base.minSamples || get(s.data, 'constraints', 'target-ci') !== 0.02))
        return `The sample rules (min-samples, target-ci) changed, and no note points to them: ${untouched}.`;
      return true;
    },
  };
}

/** The repair must keep what is measured: the model, the batch, the digits drawn, the metrics, the targets. */
function sameBenchmark(base: GamedBase): RubricItem {
  return {
    id: 'same-benchmark',
    label: 'Still measures the same thing',
    points: 0,
    gate: true,
    feedback: 'A repair must not change what is measured: keep the model, the batch, the digits drawn, every metric and the targets.',
    passes: (s) => {
      if (get(s.data, 'task', 'model') !== 'mnist-mlp' || resolved(s.data, get(s.data, 'task', 'batch')) !== base.batch)
        return 'The task changed (model or batch): a repair must not change what is measured.';
      const shipped = list(s.data, 'datasets').map((d) => get(d, 'shipped'));
      if (!shipped.some((d) => d && resolved(s.data, get(d, 'count')) === base.count && resolved(s.data, get(d, 'seed')) === base.seed))
        return 'The digits drawn changed (their number or their seed): the repaired spec would score other digits.';
      for (const name of ['accuracy', 'latency', 'throughput'])
        if (!metrics(s.data).some((m) => m.name === name)) return `The metric ${name} is gone: close a loophole rather than delete what it touched.`;
      const targets = list(s.data, 'infrastructure', 'targets');
      if (!base.targets.every((t) => targets.includes(t))) return 'A target of the original spec is gone: keep the targets the vendor runs on.';
      return true;
    },
  };
}

export function rubricFor(data: RepairGamedSpecData): RubricItem[] {
  return [validates(1), ...data.loopholes.map((h) => itemFor(h, data.base)), sameBenchmark(data.base), onlyWhatTheNotesPointTo(data)];
}

export default defineExerciseLogic<RepairGamedSpecData>(() => ({
  generate(seed) {
    const r = variantRandom(seed);
    const percentile = r.pick([90, 95] as const);
    const batch = r.pick([1, 4, 8, 16, 32]);
    const base: GamedBase = {
      id: `vendor-digits-${batch}`,
      batch,
      targets: r.pick([['browser-wasm'], ['node-onnx'], ['browser-wasm', 'node-onnx'], ['browser-wasm-threads', 'browser-wasm']]),
      count: r.pick([500, 1000, 2000]),
      seed: r.int(1, 9999),
      percentile,
      minSamples: minSamplesForPercentile(percentile) * r.pick([1, 2]),
      quality: r.pick([0.9, 0.92, 0.94]),
      record: r.shuffle(RECORD_ITEMS),
      gamed: {
        aggregation: r.pick([['min'], ['min', 'mean'], ['min', 'median']]),
        minSamples: r.pick([3, 5, 8, 12]),
        targetCi: r.pick([0.25, 0.4, 0.5]),
      },
    };
    const chosen = new Set(r.sample([...LOOPHOLES], 3));
    const loopholes = LOOPHOLES.filter((h) => chosen.has(h));
    return { base, loopholes, notes: r.shuffle(loopholes) };
  },
  render(variant) {
    const { base, loopholes, notes } = variant.data;
    return {
      values: {
        'spec-id': base.id,
        notes: notes.map((h) => `- ${NOTES[h](base)}`).join('\n'),
        // The buyer's contract, in every variant: the level and the tail a repair holds the spec to.
        quality: String(base.quality),
        percentile: `p${base.percentile}`,
      },
      parts: { spec: { starter: gamedSpecText(base, loopholes) } },
    };
  },
  async check(variant, answers) {
    return gradeParts(answers, { spec: (answer) => checkSpecRubric(String(answer), rubricFor(variant.data)) });
  },
}));
