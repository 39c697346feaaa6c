import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom, type VariantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec } from '../../runtime/exercises/types.ts';
import { summarize } from '../../runtime/measure/stats.ts';
import type { ResultRecord } from '../../runtime/results/record.ts';
import { diffRecords } from '../../runtime/results/record-diff.ts';

/**
 * Interpretation: two generated result records of reproduce-digits (the shape a run writes), built to
 * differ in a few fields. The answers come from the engine's own diff (diffRecords), so the exercise
 * agrees with `workbook diff`: the differing fields it marks `canExplain`, and its outcome.
 */

export interface BlockingData {
  ratio: number;
  a: ResultRecord;
  b: ResultRecord;
}

/** Option id -> the field name the diff gives it. */
export const FIELDS = {
  cpu: 'environment.host.cpu',
  cores: 'environment.host.logicalCores',
  'backend-version': 'environment.target.onnxruntimeVersion',
  threads: 'environment.target.threads',
  target: 'target',
  batch: 'parameters.batch',
  started: 'startedAt',
  title: 'spec.title',
  verdict: 'validity.valid',
} as const;
type OptionId = keyof typeof FIELDS;
export const FIELD_OPTIONS = Object.keys(FIELDS) as OptionId[];
const CAUSES: OptionId[] = ['cpu', 'cores', 'backend-version', 'threads', 'target', 'batch'];

const HASH = `sha256:${'3f9c'.repeat(16)}`;

function record(
  r: VariantRandom,
  o: {
    median: number;
    spread: number;
    batch: number;
    target: 'node-onnx' | 'browser-wasm';
    cpu: string;
    cores: number;
    version: string;
    threads: number;
    title: string;
    startedAt: string;
    valid: boolean;
  },
): ResultRecord {
  const samples = Array.from({ length: 30 }, () => round(r.logNormal(o.median, o.spread), 5));
  const s = summarize(samples, { seed: 5, resamples: 300 });
  const accuracy = 0.926;
  return {
    format: 'benchmark-carpentry/result',
    version: 1,
    spec: { id: 'reproduce-digits', title: o.title, hash: HASH, source: {} },
    parameters: { batch: o.batch },
    seed: 5,
    target: o.target,
    scenario: 'offline',
    startedAt: o.startedAt,
    timing: {
      setupMs: 40,
      firstRunMs: 2,
      warmupMs: [1, 1, 1],
      iterationsPerSample: 16,
      timerResolutionMs: 0.005,
      stoppedBecause: 'converged',
      elapsedMs: 900,
    },
    samples: { unit: 'ms', perIteration: samples },
    statistics: { ...s, stdev: Number.isFinite(s.stdev) ? s.stdev : null, relativeIqr: Number.isFinite(s.relativeIqr) ? s.relativeIqr : null },
    metrics: [{ name: 'latency', kind: 'latency', unit: 'ms', direction: 'lower', values: { median: s.median } }],
    quality: { accuracy, 'accuracy:ci95-low': 0.902, 'accuracy:ci95-high': 0.948, items: 500 },
    verification: { ok: true, maxAbsError: 1e-6 },
    validity: o.valid
      ? { valid: true, reasons: [], notes: [] }
      : { valid: false, reasons: ['precision not reached: the median is known to +-7.1%, not +-5%'], notes: [] },
    environment: {
      host: { kind: o.target === 'node-onnx' ? 'node' : 'browser', cpu: o.cpu, logicalCores: o.cores },
      target: { backend: o.target === 'node-onnx' ? 'onnxruntime-node' : 'onnxruntime-web wasm', onnxruntimeVersion: o.version, threads: o.threads },
    },
  };
}

export const OUTCOMES = ['reproduced', 'not-reproduced', 'different-experiment'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Draws a variant aimed at one outcome, each a third of the time: one or two causes differ, plus the start
 * time always and the title sometimes; a different batch makes another experiment (its medians close or
 * apart), a changed verdict or medians 1.5 to 3 times apart a failed reproduction, and close medians with a
 * wide spread a reproduction. The answers are the diff's: a draw whose diff gives another outcome is redrawn.
 */
function draw(r: VariantRandom, aim: Outcome): BlockingData {
  const causes = new Set<OptionId>(
    r.sample(
      CAUSES.filter((c) => c !== 'batch'),
      r.int(1, 2),
    ),
  );
  if (aim === 'different-experiment') causes.add('batch');
  const title = r.chance(0.4);
  const verdict = aim === 'reproduced' ? false : r.chance(0.35);
  const close = aim === 'reproduced' || (aim === 'different-experiment' && !verdict && r.chance(0.5));
  const ratio = close ? round(r.uniform(1.01, 1.06), 2) : round(r.uniform(1.5, 3), 2);
  const median = round(r.uniform(0.03, 0.09), 4);
  const spread = close ? 0.25 : 0.05;
  const base = {
    batch: 100,
    target: 'node-onnx' as const,
    cpu: r.pick(['AMD EPYC 7B13', 'Intel Xeon Gold 6338']),
    cores: r.pick([8, 16]),
    version: '1.30.0',
    threads: r.pick([2, 4]),
    title: 'Run it, export the record, run it again from the record',
    startedAt: `2026-11-${String(r.int(10, 19)).padStart(2, '0')}T10:00:00.000Z`,
    valid: true,
  };
  const changed = {
    ...base,
    batch: causes.has('batch') ? 50 : base.batch,
    target: causes.has('target') ? ('browser-wasm' as const) : base.target,
    cpu: causes.has('cpu') ? r.pick(['Apple M2', 'Intel Core i5-8250U']) : base.cpu,
    cores: causes.has('cores') ? base.cores / 2 : base.cores,
    version: causes.has('backend-version') ? '1.29.1' : base.version,
    threads: causes.has('threads') ? 1 : base.threads,
    title: title ? 'Reproducing a result from its record' : base.title,
    startedAt: `2026-11-${String(r.int(20, 28)).padStart(2, '0')}T15:30:00.000Z`,
    valid: !verdict,
  };
  return { ratio, a: record(r, { ...base, median, spread }), b: record(r, { ...changed, median: median * ratio, spread }) };
}

function generate(seed: number): BlockingData {
  const r = variantRandom(seed);
  const aim = r.pick(OUTCOMES);
  for (;;) {
    const d = draw(r, aim);
    if (outcomeOf(d) === aim) return d;
  }
}

// One diff per variant: generate, check and the tests ask for it many times.
const diffs = new WeakMap<BlockingData, ReturnType<typeof diffRecords>>();
function diffOf(d: BlockingData) {
  if (!diffs.has(d)) diffs.set(d, diffRecords(d.a, d.b));
  return diffs.get(d)!;
}

/** The options the engine's diff marks as differing and able to explain a changed number. */
export function explainers(d: BlockingData): OptionId[] {
  const diff = diffOf(d);
  return FIELD_OPTIONS.filter((id) => diff.fields.some((f) => f.field === FIELDS[id] && f.canExplain));
}
export const outcomeOf = (d: BlockingData) => diffOf(d).outcome;
export const differing = (d: BlockingData): OptionId[] => {
  const diff = diffOf(d);
  return FIELD_OPTIONS.filter((id) => diff.fields.some((f) => f.field === FIELDS[id]));
};

const ci = (x: number, lo: number, hi: number, digits = 4) => `${round(x, digits)} [${round(lo, digits)}, ${round(hi, digits)}]`;

export default defineExerciseLogic<BlockingData>(({ parts }) => {
  const [explainSpec, outcomeSpec] = ['explain', 'outcome'].map((id) => parts.find((p) => p.id === id)!.answer) as [
    ChoiceAnswerSpec,
    ChoiceAnswerSpec,
  ];
  return {
    generate,
    render({ data }) {
      const rows = (x: ResultRecord): [string, string][] => [
        ['spec.id', x.spec.id],
        ['spec.hash', `${x.spec.hash.slice(0, 19)}…`],
        ['spec.title', x.spec.title],
        ['parameters.batch', String(x.parameters.batch)],
        ['seed', String(x.seed)],
        ['target', x.target],
        ['startedAt', x.startedAt],
        ['environment.host.cpu', String(x.environment.host.cpu)],
        ['environment.host.logicalCores', String(x.environment.host.logicalCores)],
        ['environment.target.backend', String(x.environment.target.backend)],
        ['environment.target.onnxruntimeVersion', String(x.environment.target.onnxruntimeVersion)],
        ['environment.target.threads', String(x.environment.target.threads)],
        ['validity.valid', x.validity.valid ? 'VALID' : `INVALID (${x.validity.reasons[0]})`],
        ['median, ms [95% CI]', ci(x.statistics.median, ...x.statistics.ci95Median)],
        ['accuracy [95% CI]', ci(x.quality!.accuracy!, x.quality!['accuracy:ci95-low']!, x.quality!['accuracy:ci95-high']!)],
      ];
      const table = (x: ResultRecord, name: string) => ({
        id: `run-${name.toLowerCase()}`,
        caption: `Run ${name}`,
        columns: ['field', 'value'],
        rows: rows(x),
      });
      return { values: { ratio: round(data.b.statistics.median / data.a.statistics.median, 2) }, tables: [table(data.a, 'A'), table(data.b, 'B')] };
    },
    async check({ data }, answers) {
      const differs = new Set(differing(data));
      const why: Record<string, string> = {
        started: 'A start time is bookkeeping: running on another day changes nothing that is measured by itself.',
        title: 'The title is prose: the spec hash leaves it out, and the same hash means the same measurement.',
        verdict: 'The verdict is computed from the numbers: it is an outcome of the change, not a cause of it.',
      };
      for (const id of FIELD_OPTIONS)
        if (!differs.has(id)) why[id] = 'A field you ticked has the same value in both records: the same value cannot explain a difference.';
      const outcome = outcomeOf(data) as Outcome;
      return gradeParts(answers, {
        explain: (a) =>
          checkChoice(a, explainSpec, explainers(data), {
            why,
            wrong: 'For each row that differs, ask whether it changes what was run, or where and with what it ran.',
          }),
        // Each wrong pick is told what that outcome would need, the same words whatever the right outcome is.
        outcome: (a) =>
          checkChoice(a, outcomeSpec, outcome, {
            why: {
              reproduced:
                '"Reproduced" needs three things: the same inputs (spec hash, parameters, seed), medians whose intervals overlap, and the same verdict. Check each.',
              'not-reproduced':
                '"Not reproduced" needs the same inputs (spec hash, parameters, seed) and then a real disagreement: intervals apart, or a changed verdict. Check each.',
              'different-experiment':
                '"Not a rerun" needs an input that differs: the spec hash, a parameter or the seed. Where or with what a run ran is not an input.',
            },
          }),
      });
    },
  };
});
