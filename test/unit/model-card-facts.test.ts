/** The results view's model-card line: the size a learner reads is the card's, and the card is the run's file's. */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cardFacts, recordedZooModel } from '../../src/cell/results/ModelCardFacts.tsx';
import type { ResultRecord } from '../../runtime/results/record.ts';

const card = (id: string) => JSON.parse(readFileSync(`public/models/zoo/${id}.card.json`, 'utf8')) as { sha256: string; file: string };

describe('cardFacts', () => {
  it("gives the zoo cards' bytes, which are the ONNX files' sizes on disk, and their weight types", () => {
    for (const [id, weights] of [
      ['mnist-64', 'float32'],
      ['mnist-64-int8', 'int8'],
    ] as const) {
      const c = card(id);
      const f = cardFacts(c, c.sha256, id);
      expect(f.bytes).toBe(statSync(`public/models/zoo/${c.file}`).size);
      expect(f.weights).toBe(weights);
    }
  });
  it("refuses a card of another file (a checksum that is not the run's)", () => {
    const c = card('mnist-64');
    expect(() => cardFacts(c, card('mnist-64-int8').sha256, 'x.card.json')).toThrow(/another file/);
  });
  it('names the missing field of a broken card', () => {
    const c = { ...card('mnist-64'), bytes: -1 };
    expect(() => cardFacts(c, c.sha256, 'x.card.json')).toThrow('x.card.json: the model card has no valid bytes');
  });
});

describe('recordedZooModel', () => {
  it('reads the zoo model a browser run recorded, and nothing from a run without one', () => {
    const r = (target: Record<string, unknown>) => ({ environment: { host: {}, target } }) as unknown as ResultRecord;
    expect(recordedZooModel(r({ zoo: { model: 'mnist-64', sha256: 'ab', from: '/models/zoo/' } }))).toEqual({
      model: 'mnist-64',
      sha256: 'ab',
      from: '/models/zoo/',
    });
    expect(recordedZooModel(r({ backend: 'onnxruntime-web/wasm' }))).toBeNull();
  });
});
