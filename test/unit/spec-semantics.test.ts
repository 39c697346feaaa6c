import { describe, expect, it } from 'vitest';
import { checkSpec, loadSpec, type Spec } from '../../runtime/spec/index.ts';
import { minSamplesForPercentile } from '../../runtime/measure/percentile-rule.ts';

// A small valid spec; each test breaks one rule in it. Line numbers below refer to this text.
const BASE = `version: 2
id: t
title: T
description: D
parameters:
  n: { type: integer, default: 64, min: 16, max: 256, description: Side }
  variant: { type: choice, values: [naive, tiled], default: naive, description: Kernel }
task:
  kind: kernel
  operation: matmul
  variant: \${variant}
  size: \${n}
  dtype: float32
infrastructure:
  targets: [js, browser-webgpu]
  record: [backend, timer-resolution, host]
datasets:
  - name: m
    generated: { generator: uniform, seed: 1, shape: ["\${n}", "\${n}"] }
metrics:
  - { name: latency, kind: latency, unit: ms, direction: lower, aggregation: [median], definition: Time }
  - { name: gflops, kind: gflops, unit: GFLOP/s, direction: higher, aggregation: [median], definition: Rate }
constraints:
  scenario: single-stream
  warmup: 1
  min-samples: 20
  min-duration-ms: 100
  max-duration-ms: 1000
  target-ci: 0.05
`;

/** BASE with exact pieces replaced, in order (fails loudly if a piece is not there). */
function edit(...pairs: [string, string][]): string {
  let text = BASE;
  for (const [from, to] of pairs) {
    if (!text.includes(from)) throw new Error(`not in the spec: ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return text;
}
const problems = (text: string, file?: string) =>
  loadSpec(text, file).diagnostics.map((d) => `${d.line}:${d.column}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`);

describe('the base spec', () => {
  it('is valid, so each test below breaks only its own rule', () => {
    expect(problems(BASE)).toEqual([]);
  });
});

describe('metrics', () => {
  it('an aggregation must exist for the kind', () => {
    const text = edit(['aggregation: [median], definition: Rate', 'aggregation: [median, min], definition: Rate']);
    expect(problems(text)).toEqual([
      '22:91: metrics[1].aggregation[1]: min is not an aggregation of a gflops metric; a gflops metric takes one of median, mean, max',
    ]);
  });

  it('a percentile needs enough samples (runtime/measure/percentile-rule.ts)', () => {
    const text = edit(['aggregation: [median], definition: Time', 'aggregation: [median, p99], definition: Time']);
    expect(problems(text)).toEqual([
      '21:87: metrics[0].aggregation[1]: p99 needs at least 1000 samples to mean anything; constraints.min-samples is 20',
    ]);
    const p90 = edit(['aggregation: [median], definition: Time', 'aggregation: [median, p90], definition: Time']);
    expect(problems(p90)).toEqual([
      '21:87: metrics[0].aggregation[1]: p90 needs at least 100 samples to mean anything; constraints.min-samples is 20',
    ]);
    const enough = edit(
      ['aggregation: [median], definition: Time', 'aggregation: [median, p90], definition: Time'],
      ['min-samples: 20', `min-samples: ${minSamplesForPercentile(90)}`],
    );
    expect(problems(enough)).toEqual([]);
  });

  it('the direction follows the kind', () => {
    expect(problems(edit(['direction: lower', 'direction: higher']))).toEqual([
      '21:58: metrics[0].direction: a latency metric is better when lower; write direction: lower',
    ]);
  });

  it('the unit follows the kind (the runner computes values in it)', () => {
    // Units are read by the one parser (runtime/exercises/units.ts): a synonym is named as such.
    expect(problems(edit(['unit: GFLOP/s', 'unit: GFLOPS']))).toEqual([
      '22:41: metrics[1].unit: a gflops metric is reported in GFLOP/s: write GFLOP/s, not "GFLOPS" (the same unit, but the record keeps the spelling as written)',
    ]);
    expect(problems(edit(['unit: ms', 'unit: ㎳']))).toEqual([
      '21:43: metrics[0].unit: a latency metric is reported in ms: write ms, not "㎳" (the same unit, but the record keeps the spelling as written)',
    ]);
  });

  it('bits are not bytes: a gbps metric in Gb/s is refused with the factor, never read as GB/s', () => {
    const gbps = (unit: string) =>
      edit([
        '  - { name: gflops',
        `  - { name: bw, kind: gbps, unit: ${unit}, direction: higher, aggregation: [median], definition: Bytes }\n  - { name: gflops`,
      ]);
    expect(problems(gbps('GB/s'))).toEqual([]);
    expect(problems(gbps('Gb/s'))).toEqual([
      '22:35: metrics[1].unit: a gbps metric is reported in GB/s, not Gb/s (Gbit/s, bits per second: 8 bits are one byte): 1 GB/s is 8 Gb/s, and the run reports GB/s; write unit: GB/s',
    ]);
    expect(problems(gbps('Gbit/s'))[0]).toContain('1 GB/s is 8 Gb/s');
    expect(problems(gbps('MB/s'))[0]).toContain('1 GB/s is 1000 MB/s');
    expect(problems(gbps('gb/s'))).toEqual([
      '22:35: metrics[1].unit: a gbps metric is reported in GB/s; "gb/s" is not a unit this workbook knows (did you mean Gb/s?)',
    ]);
    expect(problems(gbps('ms'))[0]).toContain('not "ms" (ms is the unit of a time)');
  });

  it('a throughput is items per second, never bits or bytes per second', () => {
    const rate = (unit: string) =>
      edit([
        '  - { name: gflops',
        `  - { name: rate, kind: throughput, unit: ${unit}, direction: higher, aggregation: [median], definition: Per second }\n  - { name: gflops`,
      ]);
    expect(problems(rate('items/s'))).toEqual([]);
    expect(problems(rate('b/s'))[0]).toContain('items per second, like items/s or images/s, not "b/s" (b/s is the unit of a bandwidth)');
  });

  it('names are unique', () => {
    expect(problems(edit(['name: gflops', 'name: latency']))).toEqual([
      '22:13: metrics[1].name: "latency" is already the name of metrics[0]; metric names must be unique',
    ]);
  });
});

describe('constraints', () => {
  const quality = (q: string) => edit(['  target-ci: 0.05\n', `  target-ci: 0.05\n  quality: ${q}\n`]);

  it('min-samples below 10 is refused: fewer samples give the median no confidence interval', () => {
    expect(problems(edit(['  min-samples: 20\n', '  min-samples: 1\n']))).toEqual([
      expect.stringMatching(/^\d+:\d+: constraints\.min-samples: at least 10: fewer samples cannot give the median a confidence interval/),
    ]);
    expect(problems(edit(['  min-samples: 20\n', '  min-samples: 10\n']))).toEqual([]);
  });

  it('quality names a declared metric of kind accuracy', () => {
    expect(problems(quality('{ metric: accuracy, min: 0.9 }'))).toEqual([
      '30:22: constraints.quality.metric: "accuracy" is not a declared metric; declared: latency, gflops',
    ]);
    expect(problems(quality('{ metric: gflops, min: 0.9 }'))).toEqual([
      '30:22: constraints.quality.metric: "gflops" is a gflops metric; a quality target names a quality metric (accuracy, precision-macro, recall-macro, f1-macro, f1-micro, roc-auc, ece, worst-group-accuracy, group-gap)',
    ]);
  });

  it('an accuracy target is a fraction', () => {
    const text = edit(
      [
        '  - { name: gflops',
        '  - { name: accuracy, kind: accuracy, unit: fraction, direction: higher, aggregation: [value], definition: Share right }\n  - { name: gflops',
      ],
      ['  target-ci: 0.05\n', '  target-ci: 0.05\n  quality: { metric: accuracy, min: 90 }\n'],
    );
    // Since accuracy is refused on tasks that cannot produce it, the matmul kernel of BASE also gets that error.
    expect(problems(text)).toEqual([
      '22:29: metrics[1].kind: the matmul kernel has no labelled test data, so nothing is right or wrong and accuracy has no value; accuracy needs a classifier with a test split (model mnist-mlp)',
      '31:37: constraints.quality.min: accuracy is a fraction from 0 to 1, got 90 (write 0.9 for 90%)',
    ]);
  });

  it('min-duration is not longer than max-duration', () => {
    expect(problems(edit(['min-duration-ms: 100', 'min-duration-ms: 5000']))).toEqual([
      '27:20: constraints.min-duration-ms: 5000 is longer than max-duration-ms (1000)',
    ]);
  });

  it('single-stream declares a latency metric, offline a throughput metric', () => {
    const noLatency = edit([
      'kind: latency, unit: ms, direction: lower, aggregation: [median]',
      'kind: first-run, unit: ms, direction: lower, aggregation: [value]',
    ]);
    expect(problems(noLatency)).toEqual(['24:13: constraints.scenario: a single-stream run reports latency: declare a metric of kind latency']);
    expect(problems(edit(['scenario: single-stream', 'scenario: offline']))).toEqual([
      '24:13: constraints.scenario: an offline run reports throughput: declare a metric of kind throughput',
    ]);
  });

  it('a latency bound belongs to single-stream', () => {
    const text = edit(
      ['scenario: single-stream', 'scenario: offline'],
      [
        '  - { name: gflops',
        '  - { name: rate, kind: throughput, unit: items/s, direction: higher, aggregation: [median], definition: Per second }\n  - { name: gflops',
      ],
      ['  warmup: 1\n', '  warmup: 1\n  latency-bound-ms: 10\n'],
    );
    expect(problems(text)).toEqual(['27:21: constraints.latency-bound-ms: a latency bound applies to single-stream runs, where each query is timed']);
  });

  it('a latency bound needs a tail percentile (p90, p95 or p99) of a latency metric, or validate fails where the bound is', () => {
    const bound = (agg: string) =>
      edit(
        ['aggregation: [median], definition: Time', `aggregation: [${agg}], definition: Time`],
        ['min-samples: 20', 'min-samples: 1000'],
        ['  warmup: 1\n', '  warmup: 1\n  latency-bound-ms: 10\n'],
      );
    expect(problems(bound('median, min'))).toEqual([
      '26:21: constraints.latency-bound-ms: a latency bound is held against a tail latency: add p90, p95 or p99 to the aggregation of a latency metric; declared: latency (median, min)',
    ]);
    expect(problems(bound('median, p50'))).toHaveLength(1); // p50 is the median, not a tail
    for (const tail of ['p90', 'p95', 'p99']) expect(problems(bound(`median, ${tail}`)), tail).toEqual([]);
  });
});

describe('infrastructure', () => {
  it('targets fit the task kind', () => {
    expect(problems(edit(['targets: [js, browser-webgpu]', 'targets: [js, node-onnx]']))).toEqual([
      '15:17: infrastructure.targets[1]: node-onnx runs inference and evaluation tasks; a kernel task runs on js, browser-webgpu, node-webgpu',
    ]);
  });

  it('a target listed twice is a warning', () => {
    expect(problems(edit(['targets: [js, browser-webgpu]', 'targets: [js, browser-webgpu, js]']))).toEqual([
      '15:33: warning: infrastructure.targets[2]: js is listed twice',
    ]);
  });

  it('recording the adapter needs a WebGPU target (warning)', () => {
    expect(problems(edit(['targets: [js, browser-webgpu]', 'targets: [js]'], ['record: [backend', 'record: [adapter']))).toEqual([
      '16:12: warning: infrastructure.record[0]: adapter is recorded only on WebGPU targets (browser-webgpu, node-webgpu, browser-onnx-webgpu), and none is listed',
    ]);
  });
});

describe('task', () => {
  it('matmul says which kernel; other operations have none', () => {
    const noVariant = edit(
      ['  variant: ${variant}\n', ''],
      ['  variant: { type: choice, values: [naive, tiled], default: naive, description: Kernel }\n', ''],
    );
    expect(problems(noVariant)).toEqual(['8:3: task.variant: missing; matmul has two kernels, say which: naive or tiled']);
    const extra = edit(['operation: matmul', 'operation: vector-add'], ['shape: ["${n}", "${n}"]', 'shape: ["${n}"]']);
    expect(problems(extra)).toEqual(['11:12: task.variant: only matmul has variants; vector-add has one kernel']);
  });

  const inference = (task: string, shape = '["${n}", 8]') =>
    edit(
      [/task:\n[\s\S]*?infrastructure:/.exec(BASE)![0], `task:\n${task}infrastructure:`],
      ['targets: [js, browser-webgpu]', 'targets: [node-onnx]'],
      ['shape: ["${n}", "${n}"]', `shape: ${shape}`],
      ['  variant: { type: choice, values: [naive, tiled], default: naive, description: Kernel }\n', ''],
    );

  it('a valid inference task passes (so the cases below test their own rule)', () => {
    expect(problems(inference('  kind: inference\n  model: mlp\n  layers: [8, 4]\n  batch: ${n}\n  dtype: float32\n'))).toEqual([]);
  });

  it('an mlp has layers and no size', () => {
    expect(problems(inference('  kind: inference\n  model: mlp\n  batch: ${n}\n  dtype: float32\n'))).toEqual([
      '8:3: task.layers: missing; an mlp is described by its layer widths, input first, like [256, 512, 10]',
    ]);
    expect(problems(inference('  kind: inference\n  model: mlp\n  layers: [8, 4]\n  size: 8\n  batch: ${n}\n  dtype: float32\n'))).toEqual([
      '11:9: task.size: only the matmul model has a size; an mlp is described by its layers',
    ]);
  });

  it('the matmul model has a size; mnist-mlp is fixed', () => {
    expect(problems(inference('  kind: inference\n  model: matmul\n  batch: 1\n  dtype: float32\n', '["${n}", "${n}"]'))).toEqual([
      '8:3: task.size: missing; the matmul model needs its matrix side n',
    ]);
    expect(problems(inference('  kind: inference\n  model: mnist-mlp\n  layers: [784, 10]\n  batch: ${n}\n  dtype: float32\n'))).toEqual([
      '10:11: task.layers: the mnist-mlp model is fixed (784 inputs, 10 classes); remove layers',
      // (since generators reach the run) the helper's generated dataset is not read by mnist-mlp
      '18:16: datasets[0].generated: the mnist-mlp model reads held-out MNIST digits (a shipped dataset), so generated data would not reach the run; remove it',
    ]);
  });
});

describe('datasets', () => {
  it('generated data has a seed', () => {
    expect(problems(edit(['seed: 1, ', '']))).toEqual([
      '19:16: datasets[0].generated.seed: missing; generated data needs a seed, so every run on every machine draws the same numbers',
    ]);
  });

  it('a dataset says where its data comes from', () => {
    expect(problems(edit(['    generated: { generator: uniform, seed: 1, shape: ["${n}", "${n}"] }\n', '']))).toEqual([
      '18:5: datasets[0]: say where the data comes from: generated (a generator and its seed) or shipped (a package, or a path and its checksum)',
    ]);
  });

  it('a shipped file has its checksum', () => {
    expect(problems(edit(['generated: { generator: uniform, seed: 1, shape: ["${n}", "${n}"] }', 'shipped: { path: data/m.bin, seed: 1 }']))).toEqual(
      [
        '19:14: datasets[0].shipped.sha256: missing; a shipped file needs its checksum (sha256sum FILE), so a changed file is noticed',
        // (since every dataset must reach the run) a matmul kernel reads no shipped data
        '19:14: datasets[0].shipped: only the mnist-mlp model reads shipped data; the matmul kernel draws generated inputs, so this dataset would not reach the run',
      ],
    );
  });

  it('a shipped dataset holds at least one batch (at every batch the parameter allows)', () => {
    const digits = (count: number) => `version: 2
id: t
title: T
description: D
parameters:
  batch: { type: integer, default: 16, min: 1, max: 64, description: Digits per query }
task: { kind: inference, model: mnist-mlp, batch: "\${batch}", dtype: float32 }
infrastructure: { targets: [node-onnx], record: [backend, timer-resolution, host] }
datasets:
  - name: digits
    shipped: { package: mnist, split: test, count: ${count}, seed: 1 }
metrics:
  - { name: latency, kind: latency, unit: ms, direction: lower, aggregation: [median], definition: Time }
constraints: { scenario: single-stream, warmup: 1, min-samples: 20, min-duration-ms: 100, max-duration-ms: 1000, target-ci: 0.05 }
`;
    expect(problems(digits(64))).toEqual([]);
    expect(problems(digits(1))).toEqual(['11:52: datasets[0].shipped.count: 1 item cannot fill one query of batch 16; use at least 16']);
    expect(problems(digits(20))).toEqual([
      '11:52: datasets[0].shipped.count: 20 items cannot fill one query of batch 64; use at least 64 (when batch is 64, its max)',
    ]);
  });

  it('every dataset reaches the run: one generated dataset per task, shipped data only for mnist-mlp', () => {
    const two = edit([
      '    generated: { generator: uniform, seed: 1, shape: ["${n}", "${n}"] }\n',
      '    generated: { generator: uniform, seed: 1, shape: ["${n}", "${n}"] }\n  - name: b\n    generated: { generator: normal, seed: 9, shape: ["${n}", "${n}"] }\n',
    ]);
    expect(problems(two)).toEqual([
      '21:16: datasets[1].generated: the matmul kernel draws all its inputs from one generated dataset, datasets[0] (operand k from its seed + k), so this one would not reach the run; remove it',
    ]);
  });

  it('the generator takes its own settings', () => {
    expect(
      problems(edit(['generator: uniform', 'generator: normal'], ['shape: ["${n}", "${n}"]', 'shape: ["${n}", "${n}"], range: [0, 1]'])),
    ).toEqual(['19:78: datasets[0].generated.range: a normal generator takes mean and sd, not range']);
    expect(problems(edit(['shape: ["${n}", "${n}"]', 'shape: ["${n}", "${n}"], range: [1, -1]']))).toEqual([
      '19:79: datasets[0].generated.range: low (1) must be below high (-1)',
    ]);
  });

  it('the shape fits the task', () => {
    expect(problems(edit(['shape: ["${n}", "${n}"]', 'shape: ["${n}"]']))).toEqual([
      '19:54: datasets[0].generated.shape: [64] does not fit the task: matmul of size 64 reads inputs of shape [64, 64]',
    ]);
  });
});

describe('parameters', () => {
  it('every ${name} names a declared parameter', () => {
    expect(problems(edit(['size: ${n}', 'size: ${side}']))).toEqual(['12:9: task.size: ${side} is not a declared parameter; declared: n, variant']);
  });

  it('a ${name} is a whole value', () => {
    expect(problems(edit(['shape: ["${n}", "${n}"]', 'shape: ["${n}", "x${n}"]']))).toEqual([
      '19:63: datasets[0].generated.shape[1]: a parameter is written ${name}, as the whole value; got "x${n}"',
    ]);
  });

  it('defaults lie within their ranges and choices', () => {
    expect(problems(edit(['default: 64', 'default: 512']))).toEqual(['6:32: parameters.n.default: 512 is outside the range 16 to 256']);
    expect(problems(edit(['min: 16, max: 256', 'min: 300, max: 256']))).toEqual(['6:41: parameters.n.min: min (300) is above max (256)']);
    expect(problems(edit(['default: naive', 'default: fast']))).toEqual([
      '7:61: parameters.variant.default: "fast" is not one of the values ("naive", "tiled")',
      '11:12: task.variant: ${variant} can be "fast" (its default), which does not fit here: expected "naive" or "tiled", got "fast"',
    ]);
  });

  it('every value a learner can pick fits where the parameter is used', () => {
    expect(problems(edit(['values: [naive, tiled]', 'values: [naive, tiled, blocked]']))).toEqual([
      '11:12: task.variant: ${variant} can be "blocked" (one of its values), which does not fit here: expected "naive" or "tiled", got "blocked"',
    ]);
    expect(problems(edit(['min: 16', 'min: 0']))).toEqual([
      '12:9: task.size: ${n} can be 0 (its min), which does not fit here: expected at least 1, got 0',
      '19:55: datasets[0].generated.shape[0]: ${n} can be 0 (its min), which does not fit here: expected at least 1, got 0',
      '19:63: datasets[0].generated.shape[1]: ${n} can be 0 (its min), which does not fit here: expected at least 1, got 0',
    ]);
  });

  it('a parameter nothing uses is a warning', () => {
    expect(problems(edit(['  variant: ${variant}\n', '  variant: naive\n']))).toEqual([
      '7:3: warning: parameters.variant: declared but not used in task or datasets; changing it would change nothing',
    ]);
  });

  it('choice values are listed once', () => {
    expect(problems(edit(['values: [naive, tiled]', 'values: [naive, tiled, naive]']))).toEqual([
      '7:51: parameters.variant.values[2]: "naive" is listed twice',
    ]);
  });
});

describe('identity and results', () => {
  it('the id matches the file name (warning)', () => {
    expect(problems(BASE, 'specs/other.bench.yaml')).toEqual([
      '2:5: warning: id: "t" does not match the file name other.bench.yaml; name the file t.bench.yaml or change the id',
    ]);
    expect(problems(BASE, 'specs/t.bench.yaml')).toEqual([]);
  });

  it('a version 2 spec with a results section is an error at its key, saying why and what to do, and the rest is still checked', () => {
    // Deliberately changed: version 1 warned that results.keep was not read; version 2 has no results section.
    expect(problems(`${edit(['unit: GFLOP/s', 'unit: GFLOPS'])}results:\n  keep: [samples, warmup, statistics, environment]\n`)).toEqual([
      '22:41: metrics[1].unit: a gflops metric is reported in GFLOP/s: write GFLOP/s, not "GFLOPS" (the same unit, but the record keeps the spelling as written)',
      expect.stringMatching(
        /^30:1: results: spec version 2 has no results section: the results are what a run records, not what a spec lists\..* Delete the results section; to choose what a record says about where it ran, use infrastructure\.record\.$/,
      ),
    ]);
    expect(loadSpec(`${BASE}results: {}\n`).spec).toBeUndefined();
  });

  it('a spec with only warnings still loads', () => {
    const { spec, diagnostics } = loadSpec(BASE, 'specs/other.bench.yaml');
    expect(diagnostics).toHaveLength(1);
    expect(spec?.id).toBe('t');
  });
});

describe('checkSpec without a YAML text', () => {
  it('reports at 1:1 when no positions are known', () => {
    const spec = loadSpec(BASE).spec as Spec;
    const broken: Spec = { ...spec, constraints: { ...spec.constraints, 'min-duration-ms': 5000 } };
    expect(checkSpec(broken)).toEqual([
      { line: 1, column: 1, severity: 'error', message: 'constraints.min-duration-ms: 5000 is longer than max-duration-ms (1000)' },
    ]);
  });
});
