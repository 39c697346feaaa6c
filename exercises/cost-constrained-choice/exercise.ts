import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom, type VariantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: a procurement table of six machines (sample data, generated per variant): price per hour,
 * offline throughput, the highest server QPS whose p99 met the service level's bound, and whether the
 * accuracy run met the quality target. The learner finds the cheapest fleet that serves the demand within
 * the bound: which machine, how many, at what cost per hour.
 */

export const MACHINES = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export type MachineId = (typeof MACHINES)[number];

export interface MachineRow {
  id: MachineId;
  /** Dollars per hour for one instance. */
  price: number;
  /** Offline throughput, samples/s (no latency bound). */
  offline: number;
  /** The highest server-scenario QPS whose p99 met the bound (from a sweep). */
  serverQps: number;
  /** The accuracy run met the quality target. */
  accurate: boolean;
}

export interface CostData {
  demandQps: number;
  boundMs: number;
  machines: MachineRow[];
}

export interface Fleet {
  id: MachineId;
  instances: number;
  cost: number;
}

/** The fleet of one machine type for a demand, at a per-instance rate: whole instances only. */
export const fleetOf = (m: MachineRow, demand: number, rate: (m: MachineRow) => number = (x) => x.serverQps): Fleet => {
  const instances = Math.ceil(demand / rate(m));
  return { id: m.id, instances, cost: instances * m.price };
};

const cheapest = (fleets: Fleet[]) => fleets.reduce((a, b) => (b.cost < a.cost ? b : a));

/** The answer: the cheapest whole fleet of accurate machines at their latency-bounded QPS. */
export const answerOf = (d: CostData): Fleet => cheapest(d.machines.filter((m) => m.accurate).map((m) => fleetOf(m, d.demandQps)));

/** The machines the named mistakes pick, with their feedback. */
export function machineMistakes(d: CostData): { id: MachineId; feedback: string }[] {
  const accurate = d.machines.filter((m) => m.accurate);
  return [
    {
      id: cheapest(d.machines.map((m) => fleetOf(m, d.demandQps))).id,
      feedback: 'That fleet is cheapest, but check its accuracy run: a result that misses the quality target does not count.',
    },
    {
      id: accurate.reduce((a, b) => (b.price < a.price ? b : a)).id,
      feedback: 'That machine is cheapest per hour, but how many of them does the demand need?',
    },
    {
      id: cheapest(accurate.map((m) => fleetOf(m, d.demandQps, (x) => x.offline))).id,
      feedback: 'Offline throughput has no latency bound: the service level needs the QPS whose p99 met the bound.',
    },
    {
      id: cheapest(accurate.map((m) => ({ id: m.id, instances: d.demandQps / m.serverQps, cost: (d.demandQps / m.serverQps) * m.price }))).id,
      feedback: 'Machines come whole: a fleet of 2.3 machines is a fleet of 3.',
    },
  ];
}

export function instanceMistakes(d: CostData): { value: number; feedback: string }[] {
  const right = d.machines.find((m) => m.id === answerOf(d).id)!;
  return [
    { value: Math.floor(d.demandQps / right.serverQps), feedback: 'Rounded down, that fleet cannot serve the whole demand within the bound.' },
    { value: Math.ceil(d.demandQps / right.offline), feedback: 'That counts offline throughput, which has no latency bound.' },
  ];
}

export function costMistakes(d: CostData): { value: number; feedback: string }[] {
  const right = d.machines.find((m) => m.id === answerOf(d).id)!;
  return [
    { value: right.price, feedback: 'That is the price of one instance; the demand needs more than one.' },
    {
      value: (d.demandQps / right.serverQps) * right.price,
      feedback: 'Machines come whole: round the number of instances up before you price them.',
    },
  ];
}

/** A variant teaches when every named mistake picks another machine, and the numbers are 5% apart. */
export function variantTeaches(d: CostData): boolean {
  const right = answerOf(d);
  const fleets = d.machines.filter((m) => m.accurate).map((m) => fleetOf(m, d.demandQps));
  // The answer is clear: the next cheapest accurate fleet costs 5% more.
  if (fleets.some((f) => f.id !== right.id && f.cost < right.cost * 1.05)) return false;
  if (machineMistakes(d).some((m) => m.id === right.id)) return false;
  if (right.instances < 2) return false;
  const apart = (x: number, ms: { value: number }[]) => ms.every((m) => Math.abs(m.value - x) > 0.05 * x);
  // Any machine's cost by a wrong method (one instance, offline sizing, fractional) stays off the right cost.
  const wrongCosts = d.machines.flatMap((m) => [
    { value: m.price },
    { value: fleetOf(m, d.demandQps, (x) => x.offline).cost },
    { value: (d.demandQps / m.serverQps) * m.price },
  ]);
  return apart(right.instances, instanceMistakes(d)) && apart(right.cost, costMistakes(d)) && apart(right.cost, wrongCosts);
}

/**
 * Built so that every mistake has a machine to pick: the answer R (a fleet of 2 to 6 with room to spare), a
 * cheaper fleet X that missed its quality target, the cheapest machine per hour C, a machine O whose offline
 * throughput flatters it, a machine F that only wins with fractional instances, and an expensive one G.
 */
function draw(r: VariantRandom): CostData {
  const demandQps = round(r.uniform(800, 6000), -1);
  const boundMs = r.pick([15, 20, 50, 100]);
  const nR = r.int(2, 6);
  const qR = round(demandQps / (nR - r.uniform(0.35, 0.7)), 0);
  const pR = round(r.uniform(0.8, 3), 2);
  const costR = Math.ceil(demandQps / qR) * pR;
  /** A machine whose whole fleet costs `share` of R's, with `n` instances. */
  const priced = (n: number, share: number) => {
    const q = round(demandQps / (n - r.uniform(0.1, 0.8)), 0);
    return { q, p: round((share * costR) / Math.ceil(demandQps / q), 2) };
  };
  const x = priced(r.int(1, 4), r.uniform(0.6, 0.85));
  const c = priced(r.int(8, 14), r.uniform(1.15, 1.6));
  const o = priced(r.int(3, 8), r.uniform(1.15, 1.6));
  const g = priced(r.int(1, 3), r.uniform(1.3, 2));
  // F: just over one machine's worth of demand, so a fractional fleet looks cheap and a whole one does not.
  const qF = round(demandQps / r.uniform(1.03, 1.12), 0);
  const pF = round(r.uniform(0.56, 0.7) * nR * pR, 2);
  const rows = [
    { q: qR, p: pR, ratio: r.uniform(1.3, 1.6), accurate: true },
    { q: x.q, p: x.p, ratio: r.uniform(1.3, 2), accurate: false },
    { q: c.q, p: c.p, ratio: r.uniform(1.3, 1.6), accurate: true },
    { q: o.q, p: o.p, ratio: r.uniform(3.5, 4), accurate: true },
    { q: qF, p: pF, ratio: r.uniform(1.3, 1.6), accurate: true },
    { q: g.q, p: g.p, ratio: r.uniform(1.3, 2), accurate: true },
  ];
  const order = r.shuffle(rows);
  return {
    demandQps,
    boundMs,
    machines: order.map((row, i) => ({
      id: MACHINES[i]!,
      price: row.p,
      offline: round(row.q * row.ratio, 0),
      serverQps: row.q,
      accurate: row.accurate,
    })),
  };
}

export default defineExerciseLogic<CostData>(({ parts }) => {
  const spec = (id: string) => parts.find((p) => p.id === id)!.answer;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      for (let attempt = 0; attempt < 5000; attempt++) {
        const d = draw(r);
        if (variantTeaches(d)) return d;
      }
      throw new Error('cost-constrained-choice: no table that teaches in 5000 draws; the generator needs a look');
    },
    render({ data }) {
      return {
        values: { demand: data.demandQps, bound: data.boundMs },
        tables: [
          {
            id: 'machines',
            caption: 'Six machines, one result each (SAMPLE data, generated for your variant, not measured)',
            columns: ['machine', 'price ($ per hour)', 'offline throughput (samples/s)', `server QPS with p99 ≤ ${data.boundMs} ms`, 'accuracy run'],
            rows: data.machines.map((m) => [
              `Machine ${m.id.toUpperCase()}`,
              m.price,
              m.offline,
              m.serverQps,
              m.accurate ? 'met the target' : 'missed the target',
            ]),
          },
        ],
      };
    },
    async check({ data }, answers) {
      const right = answerOf(data);
      const why: Partial<Record<string, string>> = {};
      // Two mistakes can lead to the same machine: name both, since either may be the learner's.
      for (const m of machineMistakes(data)) why[m.id] = why[m.id] ? `${why[m.id]} ${m.feedback}` : m.feedback;
      return gradeParts(answers, {
        machine: (a) =>
          checkChoice(a, spec('machine') as ChoiceAnswerSpec, right.id, {
            why,
            wrong: 'For each accurate machine: instances = demand / bounded QPS, rounded up; cost = instances x price. Then the cheapest.',
            correct: 'Correct: the cheapest whole fleet of machines whose results count.',
          }),
        instances: (a) =>
          checkNumber(a, spec('instances') as NumberAnswerSpec, right.instances, {
            unitSlips: false,
            misconceptions: instanceMistakes(data),
            wrong: "Divide the demand by the machine's QPS within the bound, and round up.",
          }),
        cost: (a) =>
          checkNumber(a, spec('cost') as NumberAnswerSpec, right.cost, {
            unitSlips: false,
            misconceptions: costMistakes(data),
            wrong: 'Whole instances times the price of one, per hour.',
          }),
      });
    },
  };
});
