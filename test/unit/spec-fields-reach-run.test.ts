import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSpec } from '../../runtime/engine/run-spec.ts';
import { kernelInputs } from '../../runtime/kernels/reference.ts';
import { RECORD_ITEM_FIELDS, recordEnvironment } from '../../runtime/results/keep.ts';
import { planOnnxModel } from '../../runtime/runners/onnx.ts';
import { jsRunner } from '../../runtime/runners/js.ts';
import { loadSpec, resolveSpec, RECORD_ITEMS, type Spec } from '../../runtime/spec/index.ts';
import { migrateV1Fields } from '../../runtime/spec/migrate-v1-fields.ts';
import { MNIST_TEST_DIGITS } from '../../runtime/spec/semantics.ts';
import { MNIST_TRAINING } from '../../runtime/models/mnist.ts';
import { mlpModel } from '../../runtime/models/mlp.ts';
import type { InferenceTask, KernelTask } from '../../runtime/spec/task.ts';

// Per field of datasets and infrastructure: changing it changes what runs or what is recorded; results.keep,
// which could not, is gone in spec version 2 with a tested migration.

const example = (id: string) => readFileSync(`lessons/specs/${id}.bench.yaml`, 'utf8');
const load = (text: string): Spec => {
  const { spec, diagnostics } = loadSpec(text);
  if (!spec) throw new Error(diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join('\n'));
  return spec;
};
/** `text` with one exact piece replaced (fails loudly if the piece is not there). */
const edit = (text: string, from: string, to: string) => {
  if (!text.includes(from)) throw new Error(`not in the spec: ${JSON.stringify(from)}`);
  return text.replace(from, to);
};
const inputsOf = (text: string) => kernelInputs(resolveSpec(load(text), { elements: 1024 }).task as KernelTask).map((x) => Array.from(x));

describe('datasets[].generated reaches the inputs', () => {
  const base = example('vector-add');
  const line = 'generated: { generator: uniform, seed: 1, shape: ["${elements}"], range: [-1, 1] }';
  const before = inputsOf(base);

  it.each([
    ['seed', 'generated: { generator: uniform, seed: 2, shape: ["${elements}"], range: [-1, 1] }'],
    ['range', 'generated: { generator: uniform, seed: 1, shape: ["${elements}"], range: [0, 1] }'],
    ['generator', 'generated: { generator: normal, seed: 1, shape: ["${elements}"] }'],
    ['mean', 'generated: { generator: normal, seed: 1, shape: ["${elements}"], mean: 5 }'],
    ['sd', 'generated: { generator: normal, seed: 1, shape: ["${elements}"], sd: 3 }'],
  ])('changing %s changes the kernel inputs', (_field, changed) => {
    expect(inputsOf(edit(base, line, changed))).not.toEqual(before);
  });

  it('mean and sd each matter against the normal defaults (0, 1)', () => {
    const normal = inputsOf(edit(base, line, 'generated: { generator: normal, seed: 1, shape: ["${elements}"] }'));
    expect(inputsOf(edit(base, line, 'generated: { generator: normal, seed: 1, shape: ["${elements}"], mean: 0, sd: 1 }'))).toEqual(normal);
    expect(inputsOf(edit(base, line, 'generated: { generator: normal, seed: 1, shape: ["${elements}"], mean: 5 }'))).not.toEqual(normal);
    expect(inputsOf(edit(base, line, 'generated: { generator: normal, seed: 1, shape: ["${elements}"], sd: 3 }'))).not.toEqual(normal);
  });

  it('the range is the range of the numbers (reduce-sum sums [0, 1), as its spec says)', () => {
    const [values] = kernelInputs(resolveSpec(load(example('reduce-sum')), { elements: 4096 }).task as KernelTask);
    expect(Math.min(...values!)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values!)).toBeLessThan(1);
  });

  it('the ONNX models draw from the same generator: mlp-inference feeds normal inputs', () => {
    const mlp = resolveSpec(load(example('mlp-inference')), { width: 16 }).task as InferenceTask;
    const normal = planOnnxModel(mlp).input;
    const uniform = planOnnxModel({ ...mlp, inputs: undefined }).input;
    expect(Array.from(normal)).not.toEqual(Array.from(uniform));
    expect(Math.max(...normal.map(Math.abs))).toBeGreaterThan(1); // 256 draws of N(0, 1) leave [-1, 1)
    const matmul = resolveSpec(load(edit(example('onnx-matmul'), 'range: [-1, 1]', 'range: [2, 3]')), { n: 16 }).task as InferenceTask;
    expect(Math.min(...planOnnxModel(matmul).input)).toBeGreaterThanOrEqual(2);
  });
});

describe('datasets[].shipped reaches the accuracy', () => {
  const digits = (n: number) => ({
    model: mlpModel([784, 10], 3).bytes,
    test: { count: n, images: new Uint8Array(n * 784).map((_, i) => i % 251), labels: Uint8Array.from({ length: n }, (_, i) => i % 10) },
    provenance: {},
  });
  const task = (text: string) => resolveSpec(load(text)).task as InferenceTask;
  const base = example('mnist-classifier');

  it('count is how many held-out digits accuracy is measured on; seed picks which', () => {
    expect(planOnnxModel(task(base), digits(2000)).test?.count).toBe(1000);
    expect(planOnnxModel(task(edit(base, 'count: 1000', 'count: 100')), digits(2000)).test?.count).toBe(100);
    const a = planOnnxModel(task(edit(base, 'count: 1000', 'count: 100')), digits(2000)).test!.images;
    const b = planOnnxModel(task(edit(base, 'count: 1000, seed: 5', 'count: 100, seed: 6')), digits(2000)).test!.images;
    expect(Array.from(a)).not.toEqual(Array.from(b));
    expect(planOnnxModel(task(edit(base, ', count: 1000', '')), digits(2000)).test?.count).toBe(2000);
    expect(() => planOnnxModel(task(base), digits(500))).toThrow('accuracy on 1000 held-out digits was asked for; there are 500');
  });

  it('split train and a count beyond the held-out digits are refused where they are written', () => {
    expect(MNIST_TEST_DIGITS).toBe(MNIST_TRAINING.testCount);
    expect(loadSpec(edit(base, 'split: test', 'split: train')).diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining('datasets[0].shipped.split: the mnist-mlp model is measured on the 2000 digits held out'),
    ]);
    expect(loadSpec(edit(base, 'count: 1000', 'count: 5000')).diagnostics.map((d) => d.message)).toEqual([
      'datasets[0].shipped.count: 5000 is more than the 2000 held-out test digits there are',
    ]);
  });
});

describe('infrastructure.record decides what the environment record holds', () => {
  // Every field of every item, as the runners and hosts write them, plus fields of no item (what ran).
  const full = {
    host: {
      kind: 'browser',
      os: 'Linux',
      cpu: 'X',
      logicalCores: 8,
      memoryGiB: 16,
      runtime: 'Node',
      v8: '13',
      platform: 'Linux',
      userAgent: 'UA',
      crossOriginIsolated: true,
    },
    target: {
      backend: 'webgpu',
      engine: 'E',
      adapter: { vendor: 'v' },
      features: ['f'],
      limits: { a: 1 },
      fallbackNote: 'n',
      threads: 4,
      intraOpThreads: 4,
      hardwareConcurrency: 8,
      crossOriginIsolated: true,
      timestampQuery: { used: true },
      userAgent: 'UA',
      kernel: 'matmul tiled',
      model: 'mlp 4-3',
    },
  };

  it.each(RECORD_ITEMS)('listing %s or not changes the record', (item) => {
    const all = recordEnvironment(full, RECORD_ITEMS);
    const without = recordEnvironment(
      full,
      RECORD_ITEMS.filter((i) => i !== item),
    );
    expect(without).not.toEqual(all);
    for (const key of RECORD_ITEM_FIELDS[item].target)
      if (!RECORD_ITEMS.some((o) => o !== item && RECORD_ITEM_FIELDS[o].target.includes(key))) expect(without.target).not.toHaveProperty(key);
    expect(all.target).toMatchObject({ kernel: 'matmul tiled', model: 'mlp 4-3' }); // what ran is always kept
    expect(without.target).toMatchObject({ kernel: 'matmul tiled', model: 'mlp 4-3' });
  });

  it('an item the target does not report is named as unavailable, not silently absent', () => {
    const js = { host: { kind: 'node', os: 'Linux' }, target: { backend: 'javascript', threads: 1 } };
    expect(recordEnvironment(js, ['backend', 'adapter', 'timer-resolution', 'host'])).toEqual({
      host: { kind: 'node', os: 'Linux' },
      target: { backend: 'javascript', unavailable: ['adapter'] },
    });
  });

  it('a real run keeps what the spec lists, and changing the list changes the record', async () => {
    const text = example('vector-add')
      .replace('min-duration-ms: 1000', 'min-duration-ms: 0')
      .replace('max-duration-ms: 10000', 'max-duration-ms: 100')
      .replace('min-samples: 20', 'min-samples: 10');
    const host = { kind: 'node', os: 'Linux', cpu: 'X' };
    const run = (spec: Spec) => runSpec({ spec, overrides: { elements: 1024 }, runners: [jsRunner], host, clock: () => performance.now() });
    const all = await run(load(text));
    expect(all.environment.host).toEqual(host);
    expect(all.environment.target).toMatchObject({ backend: 'javascript', threads: 1, unavailable: ['adapter', 'isolation'] });
    const fewer = await run(
      load(edit(text, 'record: [adapter, backend, threads, isolation, timer-resolution, user-agent, host]', 'record: [backend, host]')),
    );
    expect(fewer.environment.target).not.toHaveProperty('threads');
    expect(fewer.environment.target).not.toHaveProperty('userAgent');
    expect(fewer.environment.target).not.toHaveProperty('unavailable');
    expect(fewer.environment.target).toMatchObject({ backend: 'javascript', kernel: 'vector-add, one loop' });
  });
});

describe('results.keep could not change the record, so version 2 has no results section (migrated from version 1)', () => {
  it('a version 1 spec that kept only statistics still gives a record with samples, warm-up, statistics and environment, and is told so', async () => {
    const v2 = example('vector-add')
      .replace('min-duration-ms: 1000', 'min-duration-ms: 0')
      .replace('max-duration-ms: 10000', 'max-duration-ms: 1000')
      .replace('min-samples: 20', 'min-samples: 10');
    const v1 = `${edit(edit(v2, 'version: 2', 'version: 1'), /target-ci: [^\n]*/.exec(v2)![0], 'target-relative-iqr: 0.05')}results:\n  keep: [statistics]\n`;
    const { spec, diagnostics } = loadSpec(v1);
    expect(diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(
        /^results\.keep: \[statistics\] \(spec version 1\) is dropped: .*leaving out samples, warmup and environment changed nothing/,
      ),
    ]);
    const record = await runSpec({
      spec: spec!,
      overrides: { elements: 1024 },
      runners: [jsRunner],
      host: { kind: 'node', os: 'Linux' },
      clock: () => performance.now(),
    });
    expect(record.samples.perIteration.length).toBeGreaterThanOrEqual(3);
    // At least the warm-up runs: samples set aside when the block had to grow again (a JIT speeding up) join them.
    expect(record.timing.warmupMs.length).toBeGreaterThanOrEqual(spec!.constraints.warmup);
    expect(record.statistics.median).toBeGreaterThan(0);
    expect(record.environment.target).toMatchObject({ backend: 'javascript' });
    expect(record.spec.source).not.toHaveProperty('results');
  });

  it('migrateV1Fields drops results whatever it held, notes what was left out, and leaves the old object as it was', () => {
    const notes: unknown[] = [];
    const old = { version: 1, id: 'x', results: { keep: ['samples'] }, task: { kind: 'kernel' } };
    expect(migrateV1Fields(old, (n) => notes.push(n))).toEqual({ version: 1, id: 'x', task: { kind: 'kernel' } });
    expect(old.results).toEqual({ keep: ['samples'] });
    expect(notes).toEqual([
      { path: ['results', 'keep'], message: expect.stringContaining('leaving out warmup, statistics and environment changed nothing') },
    ]);
    // Deliberately changed: a field beside keep (never valid) goes with the section, named, instead of staying behind.
    notes.length = 0;
    expect(
      migrateV1Fields({ version: 1, results: { keep: ['samples', 'warmup', 'statistics', 'environment'], other: 1 } }, (n) => notes.push(n)),
    ).toEqual({ version: 1 });
    expect(notes).toEqual([{ path: ['results', 'keep'], message: expect.stringContaining('results.other was never a field') }]);
    notes.length = 0;
    expect(migrateV1Fields({ version: 1 }, (n) => notes.push(n))).toEqual({ version: 1 });
    expect(notes).toEqual([]);
  });
});
