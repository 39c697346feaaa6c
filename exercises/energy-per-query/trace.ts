import { energyPerQuery, generatePowerTrace, integrateJoules, type Layer } from '../../runtime/energy/index.ts';
import type { VariantRandom } from '../../runtime/exercises/random.ts';

/**
 * The variant of energy-per-query: one meter's GENERATED power trace (runtime/energy/trace.ts, seeded), the
 * run's window on sample times, and the queries it completed. The named mistakes are kept apart from the right
 * answers by more than the tolerance on every variant (drawTrace checks).
 */

export interface EnergyData {
  layer: Layer;
  /** The engine's trace seed: the trace is regenerated from it, and said on the page. */
  traceSeed: number;
  sampleMs: number;
  timesMs: number[];
  watts: number[];
  run: { startMs: number; endMs: number; queries: number };
}

export const METERS: Record<'package' | 'board' | 'wall', string> = {
  package: 'the RAPL package counter of the CPU (the work runs on the CPU)',
  board: "the NVIDIA board's power reading (the work runs on the GPU)",
  wall: 'a power analyzer between the wall socket and the machine',
};

const samples = (d: EnergyData) => ({ timesMs: d.timesMs, watts: d.watts });
export const resultOf = (d: EnergyData) => energyPerQuery(samples(d), d.run);

export type Mistake = { value: number; feedback: string };

/** Left and right rectangle sums over the run: other honest ways to integrate, accepted within tolerance. */
export function rectangleSums(d: EnergyData): number[] {
  const idx = d.timesMs
    .map((t, i) => [t, i] as const)
    .filter(([t]) => t >= d.run.startMs && t <= d.run.endMs)
    .map(([, i]) => i);
  const dt = d.sampleMs / 1000;
  const left = idx.slice(0, -1).reduce((s, i) => s + d.watts[i]! * dt, 0);
  const right = idx.slice(1).reduce((s, i) => s + d.watts[i]! * dt, 0);
  return [left, right];
}

export function netMistakes(d: EnergyData): Mistake[] {
  const r = resultOf(d);
  return [
    { value: r.grossJ, feedback: "That is all the energy over the run's time, idle included: subtract what the machine draws doing nothing." },
    {
      value: r.grossJ - r.idleW,
      feedback: "That subtracts the idle power in W from an energy in J: idle power times the run's length gives the idle energy.",
    },
    { value: r.netJ / r.windowS, feedback: 'That is a power (W): the mean power above idle. Energy is power times time.' },
  ];
}

export function perQueryMistakes(d: EnergyData): Mistake[] {
  const r = resultOf(d);
  const q = d.run.queries;
  const totalS = (d.timesMs.at(-1)! - d.timesMs[0]!) / 1000;
  const meanAll = d.watts.reduce((a, x) => a + x, 0) / d.watts.length;
  return [
    {
      value: r.grossJ / q,
      feedback: "That divides all the energy of the run, idle included, by the queries: the idle share is not the queries' work.",
    },
    {
      value: r.netJ / r.windowS / q,
      feedback: 'That divides a power (W) by the queries. Energy per query is energy (J), power times time, over the queries.',
    },
    {
      value: ((meanAll - r.idleW) * r.windowS) / q,
      feedback: "That mean power is taken over the whole trace, idle before and after included; take the run's own window.",
    },
    {
      value: ((r.netJ / r.windowS) * totalS) / q,
      feedback: "That multiplies by the whole trace's length; the queries ran only during the run's window.",
    },
    {
      value: (r.grossJ - r.idleW) / q,
      feedback: "That subtracts the idle power in W from an energy in J; idle energy is idle power times the run's length.",
    },
  ];
}

export const RTOL = 0.01;
export const MARGIN = 2.5;

function apart(right: number, ms: Mistake[]): boolean {
  const tol = RTOL * Math.abs(right);
  return (
    ms.every((m) => Math.abs(m.value - right) > MARGIN * tol) &&
    ms.every((a, i) => ms.every((b, j) => j <= i || Math.abs(a.value - b.value) > 2 * tol))
  );
}

export function mistakesApart(d: EnergyData): boolean {
  const r = resultOf(d);
  return apart(r.netJ, netMistakes(d)) && apart(r.joulesPerQuery, perQueryMistakes(d)) && Math.abs(r.idleW) > 0;
}

/** Draws a trace (the engine's generator) whose mistakes are all apart; the window on sample times. */
export function drawTrace(r: VariantRandom): EnergyData {
  for (let attempt = 0; attempt < 100; attempt++) {
    const layer = r.pick(['package', 'board', 'wall'] as const);
    const traceSeed = r.int(1, 2 ** 31 - 1);
    const t = generatePowerTrace(traceSeed, { device: layer === 'package' ? 'cpu' : layer === 'board' ? 'gpu' : r.pick(['cpu', 'gpu'] as const) });
    const startMs = Math.ceil(t.run.startMs / t.sampleMs) * t.sampleMs;
    const endMs = Math.floor(t.run.endMs / t.sampleMs) * t.sampleMs;
    const d: EnergyData = {
      layer,
      traceSeed,
      sampleMs: t.sampleMs,
      timesMs: t.timesMs,
      watts: t.watts[layer],
      run: { startMs, endMs, queries: t.run.queries },
    };
    if (mistakesApart(d) && integrateJoules(samples(d), startMs, endMs) > 0) return d;
  }
  throw new Error('energy-per-query: no trace with every mistake apart in 100 draws; the generator needs a look');
}
