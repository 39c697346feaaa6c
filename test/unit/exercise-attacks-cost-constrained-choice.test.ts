/**
 * cost-constrained-choice against the tester's attacks: the answer found here by brute force, every shortcut
 * a buyer takes (the cheapest per hour, offline sizing, fractional fleets, a result that missed its quality
 * target) wrong on every seed, and another seed's answers below half.
 */
import { describe, expect, it } from 'vitest';
import { type CostData, machineMistakes, variantTeaches } from '../../exercises/cost-constrained-choice/exercise.ts';
import { acceptedOn, loadExercise, seeds } from './exercise-attack-helpers.ts';

const { variant, check } = await loadExercise<CostData>('cost-constrained-choice');
const SEEDS = seeds(1, 300);

/** Every machine, every fleet size from 1 to 100: the cheapest that serves the demand within the bound. */
function bruteForce(d: CostData) {
  let best = { id: '', n: 0, cost: Number.POSITIVE_INFINITY };
  for (const m of d.machines) {
    if (!m.accurate) continue;
    for (let n = 1; n <= 100; n++)
      if (n * m.serverQps >= d.demandQps) {
        if (n * m.price < best.cost) best = { id: m.id, n, cost: n * m.price };
        break;
      }
  }
  return best;
}

const fleet = (d: CostData, rate: (m: CostData['machines'][number]) => number, only = (_: CostData['machines'][number]) => true) =>
  d.machines
    .filter(only)
    .map((m) => ({ id: m.id, n: Math.ceil(d.demandQps / rate(m)), price: m.price }))
    .reduce((a, b) => (b.n * b.price < a.n * a.price ? b : a));

const MISTAKES: Record<string, (d: CostData) => Record<string, string>> = {
  'the cheapest fleet, the inaccurate machine counted': (d) => ({ machine: fleet(d, (m) => m.serverQps).id }),
  'the cheapest machine per hour': (d) => ({ machine: d.machines.filter((m) => m.accurate).reduce((a, b) => (b.price < a.price ? b : a)).id }),
  'sized by offline throughput': (d) => ({
    machine: fleet(
      d,
      (m) => m.offline,
      (m) => m.accurate,
    ).id,
  }),
  'the fastest server QPS': (d) => ({ machine: d.machines.filter((m) => m.accurate).reduce((a, b) => (b.serverQps > a.serverQps ? b : a)).id }),
  'instances rounded down': (d) => {
    const b = bruteForce(d);
    return { instances: String(Math.floor(d.demandQps / d.machines.find((m) => m.id === b.id)!.serverQps)) };
  },
  'one instance priced': (d) => ({ cost: String(d.machines.find((m) => m.id === bruteForce(d).id)!.price) }),
  'fractional fleet priced': (d) => {
    const m = d.machines.find((x) => x.id === bruteForce(d).id)!;
    return { cost: String((d.demandQps / m.serverQps) * m.price) };
  },
};

describe('cost-constrained-choice', () => {
  it('the brute-force answer scores 1 on seeds 1-300, and every variant teaches', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      expect(variantTeaches(d), `seed ${s}`).toBe(true);
      const b = bruteForce(d);
      expect((await check(s, { machine: b.id, instances: String(b.n), cost: b.cost.toFixed(2) })).score, `seed ${s}`).toBe(1);
    }
  });
  for (const [name, answer] of Object.entries(MISTAKES)) {
    it(`${name}: wrong on all of seeds 1-300`, async () => {
      const accepted = await acceptedOn(SEEDS, answer, variant, check);
      // The fastest server QPS may be the right machine on some seeds (nothing forbids it); the rest never.
      if (name === 'the fastest server QPS') expect(accepted.length).toBeLessThan(SEEDS.length / 2);
      else expect(accepted).toEqual([]);
    });
  }
  // The cost weighs 3 of 5: another seed's fleet cost within 0.5% of this seed's passes (2 of 300 when
  // written, 5 of 300 at 1%). Kept under 3%, never searched for.
  it("another seed's answers (a fixed pairing, no search) score below half on all but a few of seeds 1-300", async () => {
    const passed: number[] = [];
    for (const s of SEEDS) {
      const b = bruteForce(variant(s + 7919).data);
      if ((await check(s, { machine: b.id, instances: String(b.n), cost: b.cost.toFixed(2) })).score >= 0.5) passed.push(s);
    }
    expect(passed.length).toBeLessThan(9);
  });
  // The tester: on 35/400 seeds two named mistakes led to the same machine and only the first was named.
  it('when two named mistakes lead to the same machine, its feedback names both (seeds 1-300)', async () => {
    let shared = 0;
    for (const s of SEEDS) {
      const d = variant(s).data;
      const ms = machineMistakes(d);
      for (const m of ms) {
        const fb = (await check(s, { machine: m.id })).parts.machine!.feedback;
        for (const other of ms.filter((o) => o.id === m.id)) expect(fb, `seed ${s}`).toContain(other.feedback);
      }
      if (new Set(ms.map((m) => m.id)).size < ms.length) shared++;
    }
    expect(shared).toBeGreaterThan(0); // the case occurs in the sweep, so the test can fail
  });
});
