import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { buildMatMul, buildMlp, buildMlpInt8, describeModel, readMlp } from '../../runtime/models/onnx-builder.ts';
import { forwardMlp, mlpModel, referenceMatMulRows, referenceMlp, subSeed } from '../../runtime/models/mlp.ts';
import { uniformFloat32 } from '../../runtime/data/random.ts';

async function run(bytes: Uint8Array, input: Float32Array, dims: number[]): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const out = await session.run({ input: new ort.Tensor('float32', input, dims) });
    const t = out.output!;
    return { data: t.data as Float32Array, dims: t.dims };
  } finally {
    await session.release();
  }
}

/** max |a - b| over all values. */
function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('buildMlp', () => {
  const layers = [4, 3, 2];
  const weights = [Float32Array.from({ length: 12 }, (_, i) => i / 10 - 0.5), Float32Array.from({ length: 6 }, (_, i) => i / 5 - 0.3)];
  const biases = [Float32Array.of(0.1, 0.2, -0.3), Float32Array.of(0.5, -0.5)];

  it('writes an IR 8 / opset 17 model with a named input and output and MatMul-Add-Relu layers', () => {
    const info = describeModel(buildMlp(layers, weights, biases));
    expect(info).toMatchObject({ irVersion: 8, opset: 17, inputs: ['input'], outputs: ['output'], parameters: 12 + 3 + 6 + 2 });
    expect(info.operators).toEqual(['MatMul', 'Add', 'Relu', 'MatMul', 'Add']);
  });

  it('counts the same parameters for the int8 twin: scales and zero points describe storage, not weights', () => {
    const q = weights.map((w, i) => ({ q: Int8Array.from(w, (v) => Math.round(v * 100)), scale: new Float32Array(layers[i + 1]!).fill(0.01) }));
    const info = describeModel(buildMlpInt8(layers, q, biases));
    expect(info.operators).toContain('DequantizeLinear');
    expect(info.parameters).toBe(12 + 3 + 6 + 2);
  });

  it('computes in ONNX Runtime what we computed by hand, for any batch size (dynamic batch dimension)', async () => {
    const bytes = buildMlp(layers, weights, biases);
    // x = [1, 2, 3, 4]: hidden = relu(x W0 + b0) = [1.1, 2.2, 2.7]; out = hidden W1 + b1 = [1.74, 1.94].
    const one = await run(bytes, Float32Array.of(1, 2, 3, 4), [1, 4]);
    expect(one.dims).toEqual([1, 2]);
    expect(maxDiff(one.data, [1.74, 1.94])).toBeLessThan(1e-6);
    const three = await run(bytes, Float32Array.of(1, 2, 3, 4, 0, 0, 0, 1, -1, -1, -1, -1), [3, 4]);
    expect(three.dims).toEqual([3, 2]);
    expect(maxDiff(three.data, forwardMlp({ layers, weights, biases }, Float32Array.of(1, 2, 3, 4, 0, 0, 0, 1, -1, -1, -1, -1), 3))).toBeLessThan(
      1e-6,
    );
  });

  it('reads back the exact parameters it wrote', () => {
    const p = readMlp(buildMlp(layers, weights, biases));
    expect(p.layers).toEqual(layers);
    expect(p.weights).toEqual(weights);
    expect(p.biases).toEqual(biases);
  });

  it('rejects parameters whose shapes do not fit the layers, saying which', () => {
    expect(() => buildMlp([4, 3, 2], [weights[0]!, new Float32Array(5)], biases)).toThrow(/weights\[1\] must hold 3 x 2 = 6 values, got 5/);
    expect(() => buildMlp([4, 3, 2], weights, [biases[0]!])).toThrow(/need 2 weight matrices and bias vectors, got 2 and 1/);
    expect(() => buildMlp([4], [], [])).toThrow(/at least 2 widths/);
    expect(() => buildMlp([4, 0, 2], weights, biases)).toThrow(/layers\[1\] must be a whole number >= 1, got 0/);
  });

  it('readMlp refuses bytes that are not an MLP written by buildMlp', () => {
    expect(() => readMlp(Uint8Array.of(1, 2, 3, 4, 5))).toThrow(/readMlp: these 5 bytes are not an ONNX model/);
    expect(() => readMlp(buildMatMul(2, new Float32Array(4)))).toThrow(/no initializer W0/);
  });
});

describe('buildMatMul', () => {
  it('computes C = A x B for a batch of n x n matrices A and one B', async () => {
    const n = 3;
    const b = Float32Array.of(1, 0, 0, 0, 1, 0, 0, 0, 2); // diag(1, 1, 2)
    const a = Float32Array.from({ length: 2 * n * n }, (_, i) => i);
    const out = await run(buildMatMul(n, b), a, [2, n, n]);
    expect(out.dims).toEqual([2, n, n]);
    expect([...out.data]).toEqual([0, 1, 4, 3, 4, 10, 6, 7, 16, 9, 10, 22, 12, 13, 28, 15, 16, 34]);
  });

  it('matches the float64 reference on random 64 x 64 matrices', async () => {
    const n = 64;
    const a = uniformFloat32(n * n, 1);
    const b = uniformFloat32(n * n, 2);
    const out = await run(buildMatMul(n, b), a, [1, n, n]);
    const ref = referenceMatMulRows(
      n,
      a,
      b,
      Array.from({ length: n }, (_, i) => i),
    );
    // float32 dot products of length 64 of values in [-1, 1): errors far below 1e-4.
    expect(maxDiff(out.data, ref.values)).toBeLessThan(1e-4);
    expect(maxDiff(out.data, ref.values)).toBeGreaterThan(0); // float32, not float64: the reference is not a copy of the output
  });

  it('rejects a B of the wrong size', () => {
    expect(() => buildMatMul(3, new Float32Array(8))).toThrow(/B must hold n\*n = 9 values, got 8/);
    expect(() => buildMatMul(0, new Float32Array(0))).toThrow(/n must be a whole number >= 1/);
  });
});

describe('mlpModel', () => {
  it('is a pure function of layers and seed', () => {
    const a = mlpModel([16, 8, 4], 5);
    const b = mlpModel([16, 8, 4], 5);
    const c = mlpModel([16, 8, 4], 6);
    expect(a.bytes).toEqual(b.bytes);
    expect(a.bytes).not.toEqual(c.bytes);
  });

  it('scales hidden weights by He (sd sqrt(2 / fan_in))', () => {
    const w = mlpModel([512, 256, 10], 1).parameters.weights[0]!;
    const sd = Math.sqrt(w.reduce((s, x) => s + x * x, 0) / w.length);
    expect(sd).toBeGreaterThan(Math.sqrt(2 / 512) * 0.95);
    expect(sd).toBeLessThan(Math.sqrt(2 / 512) * 1.05);
  });

  it('runs in ONNX Runtime as its JS reference says, within the float32 rounding bound', async () => {
    const layers = [256, 128, 64, 10];
    const model = mlpModel(layers, 42);
    const batch = 7;
    const input = uniformFloat32(batch * layers[0]!, 9);
    const out = await run(model.bytes, input, [batch, layers[0]!]);
    const ref = referenceMlp(model.parameters, input, batch);
    const factor = 2 * (257 + 129 + 65) * 2 ** -24;
    for (let i = 0; i < ref.values.length; i++) {
      expect(Math.abs(out.data[i]! - ref.values[i]!)).toBeLessThanOrEqual(factor * ref.magnitude[i]! + 2 ** -126);
    }
    expect(maxDiff(out.data, model.forward(input, batch))).toBeLessThan(1e-4);
  });

  it('rejects a bad seed or layer width', () => {
    expect(() => mlpModel([4, 2], Number.NaN)).toThrow(/seed must be a finite number/);
    expect(() => mlpModel([4, 2.5, 2], 1)).toThrow(/layers\[1\] must be a whole number >= 1, got 2.5/);
  });
});

describe('subSeed', () => {
  it('gives different, stable streams per label', () => {
    expect(subSeed(1, 'W0')).toBe(subSeed(1, 'W0'));
    expect(new Set([subSeed(1, 'W0'), subSeed(1, 'b0'), subSeed(2, 'W0'), subSeed(1, 'input')]).size).toBe(4);
  });
});
