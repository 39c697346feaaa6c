import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: the roofline of a generated machine: its ridge point, which of six kernels (drawn per
 * variant, in a shuffled order) are memory-bound there, and the attainable performance of one of them,
 * min(peak, bandwidth x intensity).
 */

/** Kernels to draw from, with their intensities (FLOP/byte of compulsory float32 traffic, as runtime/kernels/work.ts counts). */
export const POOL: { name: string; intensity: number }[] = [
  { name: 'vector add, c = a + b', intensity: 1 / 12 },
  { name: 'AXPY, y = αx + y', intensity: 1 / 6 },
  { name: 'z = αx + βy', intensity: 1 / 4 },
  ...[8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 1024, 2048, 4096].map((n) => ({ name: `matmul, n = ${n}`, intensity: n / 6 })),
];
/** The range of ridges drawn, FLOP/byte. */
export const RIDGE_MIN = 2;
export const RIDGE_MAX = 100;
export const IDS = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'] as const;

export interface BoundData {
  /** GFLOP/s. */
  peak: number;
  /** GB/s. */
  bandwidth: number;
  /** The six kernels, as indices into POOL, in the order of the options k1..k6. */
  kernels: number[];
  /** Which option (0..5) the attainable part asks about. */
  asked: number;
}

const intensityAt = (d: BoundData, i: number) => POOL[d.kernels[i]!]!.intensity;
export const ridgeOf = (d: BoundData) => d.peak / d.bandwidth;
export const memoryBoundOf = (d: BoundData): string[] => IDS.filter((_, i) => intensityAt(d, i) < ridgeOf(d));
export const attainableOf = (d: BoundData) => Math.min(d.peak, d.bandwidth * intensityAt(d, d.asked));

export function ridgeMistakes(d: BoundData) {
  return [{ value: d.bandwidth / d.peak, feedback: 'That is bytes per FLOP, the ratio upside down: the ridge is in FLOP per byte.' }];
}

export function attainableMistakes(d: BoundData) {
  const ai = intensityAt(d, d.asked);
  return [
    ai < ridgeOf(d)
      ? { value: d.peak, feedback: 'That is the peak, but this kernel is left of the ridge: the memory cannot feed it that fast.' }
      : { value: d.bandwidth * ai, feedback: 'That is more than the machine can compute: right of the ridge the flat roof, the peak, is the limit.' },
    { value: d.bandwidth / ai, feedback: 'Bandwidth divided by intensity has no meaning here: GB/s times FLOP/byte gives GFLOP/s.' },
  ];
}

const TOL = 0.01;
export function mistakesApart(d: BoundData): boolean {
  const apart = (right: number, ms: { value: number }[]) => ms.every((m) => Math.abs(m.value - right) > 2.5 * TOL * Math.abs(right));
  return apart(ridgeOf(d), ridgeMistakes(d)) && apart(attainableOf(d), attainableMistakes(d));
}

const fmt = (x: number) => (x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));

export default defineExerciseLogic<BoundData>(({ parts }) => {
  const [ridge, memoryBound, attainable] = ['ridge', 'memory-bound', 'attainable'].map((id) => parts.find((p) => p.id === id)!.answer) as [
    NumberAnswerSpec,
    ChoiceAnswerSpec,
    NumberAnswerSpec,
  ];
  return {
    generate(seed) {
      const r = variantRandom(seed);
      for (let attempt = 0; attempt < 200; attempt++) {
        const kernels = r.sample([...POOL.keys()], 6);
        const sorted = [...kernels].sort((a, b) => POOL[a]!.intensity - POOL[b]!.intensity);
        // The ridge between two neighbouring intensities, 1 to 5 of the six below it, 20% clear of both.
        const below = r.int(1, 5);
        // Real machines' ridges lie between about 2 and 100 FLOP/byte (a laptop CPU to a datacentre GPU): a
        // ridge below 1 would make elementwise kernels compute-bound, which no machine people buy does.
        const lo = Math.max(RIDGE_MIN, POOL[sorted[below - 1]!]!.intensity * 1.2);
        const hi = Math.min(RIDGE_MAX, POOL[sorted[below]!]!.intensity / 1.2);
        if (hi <= lo) continue;
        const ridge = Math.exp(r.uniform(Math.log(lo), Math.log(hi)));
        const bandwidth = round(r.logNormal(200, 1.2), 0);
        const peak = round(bandwidth * ridge, 0);
        if (bandwidth < 10 || peak < 10) continue;
        const d: BoundData = { peak, bandwidth, kernels, asked: r.int(0, 5) };
        if (memoryBoundOf(d).length !== below) continue; // rounding moved the ridge past a kernel
        if (ridgeOf(d) < RIDGE_MIN || ridgeOf(d) > RIDGE_MAX) continue;
        if (mistakesApart(d)) return d;
      }
      throw new Error('memory-or-compute-bound: no machine with a clear ridge in 200 draws; the generator needs a look');
    },
    render({ data }) {
      const options = IDS.map((id, i) => ({ id, text: `Kernel ${i + 1}: ${POOL[data.kernels[i]!]!.name}, ${fmt(intensityAt(data, i))} FLOP/byte` }));
      return {
        values: {
          peak: data.peak.toLocaleString('en'),
          bandwidth: data.bandwidth.toLocaleString('en'),
          kernels: options.map((o) => `- ${o.text}`).join('\n'),
          asked: `for kernel ${data.asked + 1} (${POOL[data.kernels[data.asked]!]!.name})`,
        },
        parts: { 'memory-bound': { options } },
      };
    },
    async check({ data }, answers) {
      const right = memoryBoundOf(data);
      const why: Record<string, string> = {};
      for (const [i, id] of IDS.entries()) {
        if (right.includes(id)) continue;
        why[id] = POOL[data.kernels[i]!]!.name.startsWith('matmul')
          ? "This matrix product does enough arithmetic per byte to sit at or right of this machine's ridge: compare each intensity with the ridge point."
          : 'Compare each intensity with the ridge point: only those below it are memory-bound.';
      }
      return gradeParts(answers, {
        ridge: (a) =>
          checkNumber(a, ridge, ridgeOf(data), { misconceptions: ridgeMistakes(data), wrong: 'Where does bandwidth × intensity reach the peak?' }),
        'memory-bound': (a) =>
          checkChoice(a, memoryBound, right, { why, wrong: 'A kernel is memory-bound when its intensity is below the ridge point.' }),
        attainable: (a) =>
          checkNumber(a, attainable, attainableOf(data), {
            misconceptions: attainableMistakes(data),
            wrong: "The roofline allows the lower of the two roofs at the kernel's intensity.",
          }),
      });
    },
  };
});
