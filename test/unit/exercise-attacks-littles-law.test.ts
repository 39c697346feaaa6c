/**
 * littles-law against the tester's attacks: unit slips and inverted ratios wrong on every seed, the answer
 * checked against L = lambda W computed here.
 */
import { describe, expect, it } from 'vitest';
import { type LittleData, mistakesApart } from '../../exercises/littles-law/exercise.ts';
import { acceptedOn, loadExercise, seeds } from './exercise-attack-helpers.ts';

const loaded = await loadExercise<LittleData>('littles-law');
const { variant, check } = loaded;
const SEEDS = seeds(1, 300);

const MISTAKES: Record<string, (d: LittleData) => Record<string, string>> = {
  'L = rate x ms': (d) => ({ concurrency: String(d.rate * d.latencyMs) }),
  'L = rate / s': (d) => ({ concurrency: String(d.rate / (d.latencyMs / 1000)) }),
  'L = s / rate': (d) => ({ concurrency: String(d.latencyMs / 1000 / d.rate) }),
  'L = the rate copied': (d) => ({ concurrency: String(d.rate) }),
  'W = seconds written as ms': (d) => ({ latency: `${d.clients / d.closedRate} ms` }),
  'W = rate / clients, in ms': (d) => ({ latency: `${d.closedRate / d.clients} ms` }),
  'W = rate / clients, in s': (d) => ({ latency: `${d.closedRate / d.clients} s` }),
  'W = clients x rate': (d) => ({ latency: `${d.clients * d.closedRate} ms` }),
  'W = the first service latency copied': (d) => ({ latency: `${d.latencyMs} ms` }),
  'rate = workers / ms': (d) => ({ rate: String(d.workers / d.serviceMs) }),
  'rate = workers x ms': (d) => ({ rate: String(d.workers * d.serviceMs) }),
  'rate = one worker': (d) => ({ rate: String(1000 / d.serviceMs) }),
  'rate = ms / workers': (d) => ({ rate: String(d.serviceMs / d.workers) }),
};

describe('littles-law: the answers', () => {
  it('are L = lambda W and W = L / lambda, computed here, on seeds 1-300', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      expect(mistakesApart(d), `seed ${s}`).toBe(true);
      const r = await check(s, {
        concurrency: String((d.rate * d.latencyMs) / 1000),
        latency: `${d.clients / d.closedRate} s`,
        rate: String(d.workers / (d.serviceMs / 1000)),
      });
      expect(r.score, `seed ${s}`).toBe(1);
    }
  });
  it("another seed's answers (a fixed pairing, no search) score below half on seeds 1-300", async () => {
    const passed: number[] = [];
    for (const s of SEEDS) {
      const o = variant(s + 7919).data;
      const r = await check(s, {
        concurrency: String((o.rate * o.latencyMs) / 1000),
        latency: `${o.clients / o.closedRate} s`,
        rate: String(o.workers / (o.serviceMs / 1000)),
      });
      if (r.score >= 0.5) passed.push(s);
    }
    expect(passed).toEqual([]);
  });
  for (const [name, answer] of Object.entries(MISTAKES)) {
    it(`${name}: wrong on all of seeds 1-300`, async () => {
      const accepted = await acceptedOn(SEEDS, answer, variant, check);
      expect(accepted).toEqual([]);
    });
  }
});

// The tester: rounded to whole numbers, the answers failed on 174/400 (concurrency) and 195/400 (latency), and
// the prompt named no precision. It now asks for three significant digits (answers within 2% accepted).
describe('littles-law: the precision the prompt asks for', () => {
  const sig3 = (x: number) => Number(x.toPrecision(3));
  it('states it in every part', () => {
    const text = JSON.stringify(loaded.view(1));
    expect(text.match(/three significant digits/g)?.length).toBe(3);
  });
  it('answers to three significant digits score full marks on seeds 1-300', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      const r = await check(s, {
        concurrency: String(sig3((d.rate * d.latencyMs) / 1000)),
        latency: `${sig3((1000 * d.clients) / d.closedRate)} ms`,
        rate: String(sig3(d.workers / (d.serviceMs / 1000))),
      });
      expect(r.score, `seed ${s}`).toBe(1);
    }
  });
});
