import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, coerceParameter, loadSpec, ParameterError, resolveSpec, specHash, type Spec } from '../../runtime/spec/index.ts';

const load = (text: string): Spec => {
  const { spec, diagnostics } = loadSpec(text);
  if (!spec) throw new Error(diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join('\n'));
  return spec;
};
const example = (id: string) => readFileSync(`lessons/specs/${id}.bench.yaml`, 'utf8');
const matmulText = example('matmul');
const matmul = load(matmulText);

describe('resolveSpec: the Task of runtime/spec/task.ts', () => {
  it('a kernel with its defaults, seed from the generated dataset', () => {
    const r = resolveSpec(matmul);
    expect(r.task).toStrictEqual({
      kind: 'kernel',
      operation: 'matmul',
      variant: 'tiled',
      size: 256,
      dtype: 'float32',
      seed: 42,
      inputs: { generator: 'uniform', low: -1, high: 1 },
    });
    expect(r.params).toStrictEqual({ n: 256, variant: 'tiled' });
    expect(r.seed).toBe(42);
    expect(r.datasets[0]?.generated?.shape).toEqual([256, 256]);
  });

  it("the spec's generator reaches the task: range, mean and sd, with the documented defaults", () => {
    // reduce-sum says range [0, 1]; the task draws from it (before, every input was uniform [-1, 1)).
    expect(resolveSpec(load(example('reduce-sum'))).task.inputs).toStrictEqual({ generator: 'uniform', low: 0, high: 1 });
    const normal = load(
      matmulText.replace(
        'generator: uniform, seed: 42, shape: ["${n}", "${n}"], range: [-1, 1]',
        'generator: normal, seed: 42, shape: ["${n}", "${n}"], mean: 3, sd: 0.5',
      ),
    );
    expect(resolveSpec(normal).task.inputs).toStrictEqual({ generator: 'normal', mean: 3, sd: 0.5 });
    const bare = load(matmulText.replace(', range: [-1, 1]', ''));
    expect(resolveSpec(bare).task.inputs).toStrictEqual({ generator: 'uniform', low: -1, high: 1 });
    // mnist-mlp reads digits, not generated numbers: no distribution to carry.
    expect(resolveSpec(load(example('mnist-classifier'))).task.inputs).toBeUndefined();
  });

  it('a kernel without variants has no variant field', () => {
    expect(resolveSpec(load(example('vector-add'))).task).toStrictEqual({
      kind: 'kernel',
      operation: 'vector-add',
      size: 1048576,
      dtype: 'float32',
      seed: 1,
      inputs: { generator: 'uniform', low: -1, high: 1 },
    });
  });

  it('inference: mlp layers from parameters, matmul size, mnist-mlp with the shipped seed', () => {
    expect(resolveSpec(load(example('mlp-inference')), { width: '64', batch: 8 }).task).toStrictEqual({
      kind: 'inference',
      model: 'mlp',
      layers: [256, 64, 64, 10],
      batch: 8,
      dtype: 'float32',
      seed: 7,
      inputs: { generator: 'normal', mean: 0, sd: 1 },
    });
    expect(resolveSpec(load(example('onnx-matmul')), { n: 128 }).task).toStrictEqual({
      kind: 'inference',
      model: 'matmul',
      size: 128,
      batch: 1,
      dtype: 'float32',
      seed: 42,
      inputs: { generator: 'uniform', low: -1, high: 1 },
    });
    expect(resolveSpec(load(example('mnist-classifier'))).task).toStrictEqual({
      kind: 'inference',
      model: 'mnist-mlp',
      batch: 1,
      dtype: 'float32',
      seed: 5,
      testDigits: 1000,
    });
  });

  it('overrides from --param strings are converted to the declared type', () => {
    const r = resolveSpec(matmul, { n: '512', variant: 'naive' });
    expect(r.task).toMatchObject({ size: 512, variant: 'naive' });
    expect(r.params).toStrictEqual({ n: 512, variant: 'naive' });
    expect(r.datasets[0]?.generated?.shape).toEqual([512, 512]);
  });

  it('passes the constraints on, also as the harness options', () => {
    const r = resolveSpec(matmul);
    expect(r.measure).toStrictEqual({ warmupRuns: 3, minSamples: 20, minDurationMs: 1000, maxDurationMs: 15000, targetCi: 0.05 });
    expect(r.constraints.scenario).toBe('single-stream');
    expect(r.targets).toEqual(['browser-webgpu', 'node-webgpu', 'js']);
    expect(r.metrics.map((m) => m.name)).toEqual(['latency', 'gflops']);
  });

  it('does not change the spec it resolves', () => {
    const before = JSON.stringify(matmul);
    resolveSpec(matmul, { n: 64 });
    expect(JSON.stringify(matmul)).toBe(before);
  });
});

describe('resolveSpec: bad overrides say which parameter and what it allows', () => {
  const error = (overrides: Record<string, string | number | boolean>) => {
    try {
      resolveSpec(matmul, overrides);
    } catch (e) {
      expect(e).toBeInstanceOf(ParameterError);
      return (e as Error).message;
    }
    throw new Error('no error');
  };

  it('an unknown parameter', () => {
    expect(error({ m: 3 })).toBe('unknown parameter "m"; this spec declares n, variant');
  });

  it('out of range', () => {
    expect(error({ n: '2048' })).toBe('parameter n: 2048 is out of range; n goes from 16 to 1024');
    expect(error({ n: 8 })).toBe('parameter n: 8 is out of range; n goes from 16 to 1024');
  });

  it('not a whole number', () => {
    expect(error({ n: '1.5' })).toBe('parameter n: expected a whole number from 16 to 1024, got "1.5"');
    expect(error({ n: 'abc' })).toBe('parameter n: expected a whole number from 16 to 1024, got "abc"');
    expect(error({ n: '' })).toBe('parameter n: expected a whole number from 16 to 1024, got ""');
    expect(error({ n: true })).toBe('parameter n: expected a whole number from 16 to 1024, got true');
  });

  it('not one of the choices', () => {
    expect(error({ variant: 'fast' })).toBe('parameter variant: expected one of naive, tiled, got "fast"');
  });
});

describe('coerceParameter', () => {
  it('numbers, booleans and numeric choices', () => {
    expect(coerceParameter('x', { type: 'number', default: 1, min: 0, max: 2, description: 'x' }, ' 0.25 ')).toBe(0.25);
    expect(coerceParameter('x', { type: 'number', default: 1, min: 0, max: 2, description: 'x' }, '1e-1')).toBe(0.1);
    expect(() => coerceParameter('x', { type: 'number', default: 1, min: 0, max: 2, description: 'x' }, '0x1')).toThrow(
      'parameter x: expected a number from 0 to 2, got "0x1"',
    );
    expect(coerceParameter('b', { type: 'boolean', default: false, description: 'b' }, 'true')).toBe(true);
    expect(coerceParameter('b', { type: 'boolean', default: false, description: 'b' }, false)).toBe(false);
    expect(() => coerceParameter('b', { type: 'boolean', default: false, description: 'b' }, 'yes')).toThrow(
      'parameter b: expected true or false, got "yes"',
    );
    expect(coerceParameter('batch', { type: 'choice', values: [1, 8, 64], default: 1, description: 'b' }, '8')).toBe(8);
  });
});

describe('specHash', () => {
  const hash = (text: string) => specHash(load(text));
  const base = hash(matmulText);

  it('is sha256: and 64 hex digits', () => {
    expect(base).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('does not change with key order, comments, title, description, parameter descriptions or metric definitions', () => {
    const reordered = matmulText
      .replace('  warmup: 3\n  min-samples: 20\n', '  min-samples: 20\n  warmup: 3\n')
      .replace('    unit: ms\n    direction: lower\n', '    direction: lower\n    unit: ms\n');
    expect(reordered).not.toBe(matmulText);
    expect(hash(reordered)).toBe(base);
    expect(hash(`# a comment\n${matmulText}`)).toBe(base);
    expect(hash(matmulText.replace('title: Matrix multiplication, naive and tiled', 'title: Multiplying matrices'))).toBe(base);
    expect(hash(matmulText.replace(/description: >-\n( {2}.*\n)+/, 'description: Shorter.\n'))).toBe(base);
    expect(hash(matmulText.replace('description: Kernel', 'description: Which kernel'))).toBe(base);
    expect(hash(matmulText.replace('definition: 2 n^3 floating-point', 'definition: Two n cubed floating-point'))).toBe(base);
  });

  it('changes when what is measured changes', () => {
    expect(hash(matmulText.replace('default: 256', 'default: 512'))).not.toBe(base);
    expect(hash(matmulText.replace('seed: 42', 'seed: 43'))).not.toBe(base);
    expect(hash(matmulText.replace('min-samples: 20', 'min-samples: 30'))).not.toBe(base);
    expect(hash(matmulText.replace('aggregation: [median, min]', 'aggregation: [median]'))).not.toBe(base);
  });

  it('a default written out hashes as the default left out', () => {
    const withParams = matmulText;
    const noParams = load(
      withParams
        .replace(/parameters:\n[\s\S]*?task:/, 'task:')
        .replace('${variant}', 'tiled')
        .replace('size: ${n}', 'size: 256')
        .replace('["${n}", "${n}"]', '[256, 256]'),
    );
    const explicit = load(
      withParams
        .replace(/parameters:\n[\s\S]*?task:/, 'parameters: {}\ntask:')
        .replace('${variant}', 'tiled')
        .replace('size: ${n}', 'size: 256')
        .replace('["${n}", "${n}"]', '[256, 256]'),
    );
    expect(specHash(noParams)).toBe(specHash(explicit));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[3,{"e":2,"f":1}]},"b":1}');
  });

  it('refuses values without an exact JSON form', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson(new Date(0))).toThrow('a Date has no JSON form');
  });

  it('is the same for any key order, and reads back as the same value', () => {
    const shuffle = (v: unknown, seed: number): unknown => {
      if (Array.isArray(v)) return v.map((x, i) => shuffle(x, seed + i));
      if (v && typeof v === 'object') {
        // Another insertion order: rotated by the seed, reversed for odd seeds.
        const entries = Object.entries(v);
        const k = entries.length ? seed % entries.length : 0;
        const rotated = [...entries.slice(k), ...entries.slice(0, k)];
        if (seed % 2) rotated.reverse();
        return Object.fromEntries(rotated.map(([key, x]) => [key, shuffle(x, seed + 1)]));
      }
      return v;
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 1000 }), (value, seed) => {
        const text = canonicalJson(value);
        expect(canonicalJson(shuffle(value, seed))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });
});
