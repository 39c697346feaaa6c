/** model-size-from-parameters: its counting rules against the zoo's real files, and named mistakes never accepted. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  fp32Mistakes,
  fp32Of,
  int8Mistakes,
  int8Of,
  parameterMistakes,
  parametersOf,
  type SizeData,
} from '../../exercises/model-size-from-parameters/exercise.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const { variant, check } = await loadExercise<SizeData>('model-size-from-parameters');
const card = (id: string) => JSON.parse(readFileSync(`public/models/zoo/${id}.card.json`, 'utf8')) as { bytes: number; parameters: number };

describe("model-size-from-parameters: the rules are the zoo's", () => {
  const d: SizeData = { layers: [784, 64, 10], unit: 'MB' };
  it("the parameter count of 784-64-10 is the zoo card's", () => {
    expect(parametersOf(d)).toBe(card('mnist-64').parameters);
    expect(parametersOf(d)).toBe(card('mnist-64-int8').parameters);
  });
  it('the files are their tensors plus under 2 KB of ONNX structure, in float32 and in int8', () => {
    const f = card('mnist-64').bytes - fp32Of(d) * 1e6;
    const q = card('mnist-64-int8').bytes - int8Of(d);
    for (const overhead of [f, q]) {
      expect(overhead).toBeGreaterThan(0);
      expect(overhead).toBeLessThan(2048);
    }
  });
});

describe('model-size-from-parameters: named mistakes are never accepted', () => {
  it('on 200 seeds every named mistake scores 0, and both units occur', async () => {
    const units = new Set<string>();
    for (const s of seeds(1, 200)) {
      const v = variant(s).data;
      units.add(v.unit);
      for (const m of parameterMistakes(v))
        expect((await check(s, { parameters: String(m.value) })).parts.parameters!.score, `seed ${s}: ${m.feedback}`).toBe(0);
      for (const m of fp32Mistakes(v))
        expect((await check(s, { fp32: m.value.toPrecision(6) })).parts.fp32!.score, `seed ${s}: ${m.feedback}`).toBe(0);
      for (const m of int8Mistakes(v)) expect((await check(s, { int8: String(m.value) })).parts.int8!.score, `seed ${s}: ${m.feedback}`).toBe(0);
      expect(
        (await check(s, { parameters: String(parametersOf(v)), fp32: fp32Of(v).toPrecision(4), int8: String(int8Of(v)) })).score,
        `seed ${s}`,
      ).toBe(1);
    }
    expect([...units].sort()).toEqual(['MB', 'MiB']);
  });
});

describe('model-size-from-parameters: variants are hard to share', () => {
  const coincidence = (keys: string[]) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m.values()].reduce((p, c) => p + (c / keys.length) ** 2, 0);
  };
  it('two learners (scattered seeds) share an architecture with a chance under 0.05%; one hidden layer is a minority', () => {
    // Was 806 variants in 2000 seeds: 0.41% for a whole variant, 0.78% for the layers, 38% one hidden layer.
    const ds = Array.from({ length: 3000 }, (_, i) => variant((i * 2654435761 + 12345) >>> 0).data);
    const layers = coincidence(ds.map((d) => d.layers.join('-')));
    console.log(`model-size-from-parameters: same layers ${(100 * layers).toFixed(3)}%`);
    expect(layers).toBeLessThan(0.0005);
    expect(ds.filter((d) => d.layers.length === 3).length / ds.length).toBeLessThan(0.25);
  });
  it('a count a thousand times too large is called a miscount, not a unit slip (a count has no unit)', async () => {
    for (const s of seeds(1, 50)) {
      const r = await check(s, { parameters: String(1000 * parametersOf(variant(s).data)) });
      expect(r.parts.parameters!.score).toBe(0);
      expect(r.parts.parameters!.feedback, `seed ${s}`).not.toMatch(/ms against|units/);
    }
  });
  it('a count off by one is wrong: parameters and int8 bytes are whole numbers, checked as such', async () => {
    for (const s of seeds(1, 50)) {
      const d = variant(s).data;
      expect((await check(s, { parameters: String(parametersOf(d) + 1), int8: String(int8Of(d) - 1) })).score, `seed ${s}`).toBe(0);
    }
  });
});
