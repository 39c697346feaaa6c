import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argmaxRows, digitsToInput } from '../../runtime/models/mnist.ts';
import { parseModelCard, type ModelCard } from '../../runtime/models/zoo/card.ts';
import { mnistSplits } from '../../runtime/models/zoo/data.ts';
import { ZOO } from '../../runtime/models/zoo/entries.ts';
import { ZOO_DATA, ZOO_IDS, ZOO_SPLIT_SIZES } from '../../runtime/models/zoo/ids.ts';
import { quantizeInt8 } from '../../runtime/models/zoo/quantize.ts';
import { readMlp } from '../../runtime/models/onnx-builder.ts';
import { loadZooData } from '../../runtime/node/zoo-data.ts';
import { cardFile, readZooModel, writeZooAssets, type ZooAssetsResult } from '../../runtime/node/zoo-assets.ts';

let dir: string;
let first: ZooAssetsResult;
const card = (id: string): ModelCard => first.cards.find((c) => c.id === id)!;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zoo-'));
  first = await writeZooAssets(dir);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the model zoo', () => {
  it('has three MNIST widths, an under-trained, a contaminated, an int8 and an iris model', () => {
    expect(first.built).toEqual(ZOO.map((e) => e.id));
    const widths = first.cards
      .filter((c) => c.architecture.weights === 'float32' && c.id.startsWith('mnist-') && !c.data.contaminated)
      .map((c) => c.architecture.layers[1]);
    expect(new Set(widths)).toEqual(new Set([16, 32, 64]));
    expect(card('mnist-64-undertrained').training.epochs).toBe(1);
    expect(card('mnist-64-contaminated').data.contaminated).toBe(true);
    expect(card('mnist-64-int8').architecture.weights).toBe('int8');
    expect(card('iris-8').output.classes).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('retrains nothing on a rebuild (cache by content hash) and rebuilds a model whose file was damaged', async () => {
    const again = await writeZooAssets(dir);
    expect(again.built).toEqual([]);
    expect(again.ms).toBeLessThan(first.ms / 3);
    const path = join(dir, 'mnist-16.onnx');
    const bytes = await readFile(path);
    bytes[bytes.length - 1]! ^= 1;
    await writeFile(path, bytes);
    const repaired = await writeZooAssets(dir);
    expect(repaired.built).toEqual(['mnist-16']);
    expect(repaired.cards.find((c) => c.id === 'mnist-16')!.sha256).toBe(card('mnist-16').sha256); // deterministic: same bytes again
  }, 60_000);

  it('writes cards that the schema accepts, and names the field of a broken one', async () => {
    for (const e of ZOO) parseModelCard(await readFile(join(dir, cardFile(e.id)), 'utf8'), cardFile(e.id));
    const broken = { ...card('mnist-32'), bytes: -1 };
    expect(() => parseModelCard(JSON.stringify(broken), 'mnist-32.card.json')).toThrow(/^mnist-32.card.json: bytes: /);
    const { epochLoss: _, ...noLoss } = card('mnist-32').training;
    expect(() => parseModelCard(JSON.stringify({ ...card('mnist-32'), training: noLoss }), 'x.json')).toThrow(/x.json: training.epochLoss/);
  });

  it('is what the spec schema offers (ids.ts, kept light for the page): the same ids, splits, sizes and classes', () => {
    expect([...ZOO_IDS]).toEqual(ZOO.map((e) => e.id));
    for (const c of first.cards) {
      const d = ZOO_DATA[c.id as (typeof ZOO_IDS)[number]];
      expect(d.classes, c.id).toBe(c.output.classes.length);
      expect(d.package, c.id).toBe(c.data.package);
      const splits = Object.fromEntries(Object.entries(c.data.splits).map(([k, v]) => [k, v!.count]));
      expect(splits, c.id).toEqual(ZOO_SPLIT_SIZES[d.package]);
      expect([...d.splits].sort(), c.id).toEqual(Object.keys(splits).sort());
    }
  });

  it('states parameters, bytes, checksums and splits that add up', () => {
    const c = card('mnist-64');
    expect(c.parameters).toBe(785 * 64 + 65 * 10);
    expect(c.bytes).toBeGreaterThan(c.parameters * 4);
    const s = c.data.splits;
    expect([s.train.count, s.test.count, s.fresh!.count]).toEqual([7000, 2000, 1000]);
    // Every MNIST model names the same splits: one test set, so their accuracies compare.
    for (const m of first.cards.filter((x) => x.id.startsWith('mnist-'))) expect(m.data.splits).toEqual(s);
    const i = card('iris-8').data.splits;
    expect([i.train.count, i.test.count]).toEqual([105, 45]);
  });

  it('orders accuracy as the zoo intends: width helps, one short epoch hurts, the contaminated model aces its test set', () => {
    const acc = (id: string) => card(id).accuracy.test.value;
    expect(acc('mnist-16')).toBeLessThan(acc('mnist-64'));
    expect(acc('mnist-64-undertrained')).toBeLessThan(acc('mnist-16'));
    expect(acc('mnist-64-contaminated')).toBeGreaterThan(0.99); // it trained on these very digits
    // Each interval contains its value and is not degenerate.
    for (const c of first.cards) {
      const [lo, hi] = c.accuracy.test.ci95;
      expect(lo).toBeLessThanOrEqual(c.accuracy.test.value);
      expect(hi).toBeGreaterThanOrEqual(c.accuracy.test.value);
      expect(hi - lo).toBeGreaterThan(0);
    }
    // 45 flowers give a much wider interval than 2,000 digits.
    const width = (id: string) => card(id).accuracy.test.ci95[1] - card(id).accuracy.test.ci95[0];
    expect(width('iris-8')).toBeGreaterThan(2 * width('mnist-64'));
  });

  it('quantises to int8 at about a quarter of the bytes, within a point of accuracy of its source', () => {
    const int8 = card('mnist-64-int8');
    const src = card('mnist-64');
    expect(int8.bytes / src.bytes).toBeLessThan(0.3);
    expect(Math.abs(int8.accuracy.test.value - src.accuracy.test.value)).toBeLessThan(0.01);
    expect(int8.architecture.operators).toContain('DequantizeLinear');
    expect(int8.training.derivedFrom).toBe('mnist-64');
  });

  it('quantises symmetric per column: every weight within half a step of the float', async () => {
    const { bytes } = await readZooModel(dir, 'mnist-64');
    const p = readMlp(bytes);
    const { weights, dequantized } = quantizeInt8(p);
    for (let l = 0; l < p.weights.length; l++) {
      const n = p.layers[l + 1]!;
      for (let k = 0; k < p.weights[l]!.length; k++) {
        expect(Math.abs(dequantized.weights[l]![k]! - p.weights[l]![k]!)).toBeLessThanOrEqual(weights[l]!.scale[k % n]! / 2 + 1e-7);
      }
    }
  });
});

describe('zoo models in ONNX Runtime', () => {
  const data = loadZooData();
  const { test } = mnistSplits(data.mnist.all);
  const input = digitsToInput(test);
  const accuracy = (logits: Float32Array) => {
    const p = argmaxRows(logits, 10);
    return p.filter((v, i) => v === test.labels[i]).length / test.count;
  };

  it('onnxruntime-node gives every MNIST model the accuracy its card states (float sums may flip a tie or two)', async () => {
    for (const c of first.cards.filter((x) => x.id.startsWith('mnist-'))) {
      const { bytes } = await readZooModel(dir, c.id);
      const session = await ortNode.InferenceSession.create(bytes);
      const out = await session.run({ input: new ortNode.Tensor('float32', input, [test.count, 784]) });
      await session.release();
      expect(Math.abs(accuracy(out.output!.data as Float32Array) - c.accuracy.test.value), c.id).toBeLessThanOrEqual(2 / test.count);
    }
  });

  it('onnxruntime-web (wasm, as the page runs it) runs the int8 model to the same accuracy', async () => {
    ortWeb.env.wasm.numThreads = 1;
    const { bytes } = await readZooModel(dir, 'mnist-64-int8');
    const session = await ortWeb.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    const out = await session.run({ input: new ortWeb.Tensor('float32', input, [test.count, 784]) });
    await session.release();
    expect(Math.abs(accuracy(out.output!.data as Float32Array) - card('mnist-64-int8').accuracy.test.value)).toBeLessThanOrEqual(2 / test.count);
  });

  it('refuses a model whose bytes differ from its card, saying so', async () => {
    const path = join(dir, 'iris-8.onnx');
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length - 1));
    await expect(readZooModel(dir, 'iris-8')).rejects.toThrow(/iris-8.onnx: SHA-256 .* differs from its card's/);
    await expect(readZooModel(dir, 'nope')).rejects.toThrow(/no model card; is 'nope' in the zoo/);
  });
});
