import type { VariantRandom } from '../../runtime/exercises/random.ts';

/**
 * The variant of predicted-runtime: a kernel on a device that is simulated or known only from its data sheet,
 * and the analytic model the episode teaches (a convention of the workbook): predicted time = fixed overhead +
 * max(FLOPs / peak compute, bytes / memory bandwidth), the roofline's bound plus a launch cost. Then a measured
 * time, slower than the bound, and the prediction's error.
 */

export type Kernel = 'vector-add' | 'matmul';

export interface ModelData {
  device: number;
  kernel: Kernel;
  n: number;
  peakGflops: number;
  bandwidthGBs: number;
  overheadUs: number;
  measuredMs: number;
}

export const DEVICES = [
  'an edge accelerator that exists only as a simulator',
  'a laptop GPU known from its data sheet',
  'a small single-board computer nobody in the room has',
  'a cloud instance type the team has not rented yet',
];

export const flopsOf = (d: Pick<ModelData, 'kernel' | 'n'>) => (d.kernel === 'matmul' ? 2 * d.n ** 3 : d.n);
/** Bytes moved at least once: vector-add reads two float32 and writes one per element; matmul reads A and B and writes C. */
export const bytesOf = (d: Pick<ModelData, 'kernel' | 'n'>) => (d.kernel === 'matmul' ? 12 * d.n ** 2 : 12 * d.n);

const computeMs = (d: ModelData, flops = flopsOf(d)) => (flops / (d.peakGflops * 1e9)) * 1000;
const memoryMs = (d: ModelData, bytes = bytesOf(d), bw = d.bandwidthGBs * 1e9) => (bytes / bw) * 1000;

export const predictedMs = (d: ModelData) => d.overheadUs / 1000 + Math.max(computeMs(d), memoryMs(d));
export const boundOf = (d: ModelData): 'compute' | 'memory' => (computeMs(d) >= memoryMs(d) ? 'compute' : 'memory');
/** (measured - predicted) / predicted, in %. */
export const errorPct = (d: ModelData) => ((d.measuredMs - predictedMs(d)) / predictedMs(d)) * 100;

export type Mistake = { value: number; feedback: string };

export function timeMistakes(d: ModelData): Mistake[] {
  const o = d.overheadUs / 1000;
  const list: Mistake[] = [
    {
      value: o + computeMs(d) + memoryMs(d),
      feedback: 'That adds the compute time and the memory time; the model takes the larger of the two, as the roofline does.',
    },
    { value: Math.max(computeMs(d), memoryMs(d)), feedback: 'That leaves out the fixed overhead of starting the kernel.' },
    { value: d.overheadUs + Math.max(computeMs(d), memoryMs(d)), feedback: 'The overhead is given in µs; the rest of the time is in ms.' },
    {
      value: o + Math.max(computeMs(d), memoryMs(d, bytesOf(d), d.bandwidthGBs * 2 ** 30)),
      feedback: 'GB/s on a data sheet is 10^9 bytes per second, not 2^30.',
    },
  ];
  if (d.kernel === 'matmul')
    list.push({
      value: o + Math.max(computeMs(d, d.n ** 3), memoryMs(d)),
      feedback: 'A multiply-add is two floating-point operations: an n x n matmul does 2n^3.',
    });
  else
    list.push({ value: o + Math.max(computeMs(d), memoryMs(d, 4 * d.n)), feedback: 'Each element reads two numbers and writes one, 4 bytes each.' });
  return list;
}

export function errorMistakes(d: ModelData): Mistake[] {
  const p = predictedMs(d);
  return [
    {
      value: ((d.measuredMs - p) / d.measuredMs) * 100,
      feedback: 'That divides by the measured time; the error of a prediction is relative to the prediction.',
    },
    { value: (d.measuredMs / p) * 100, feedback: 'That is the ratio as a percentage, not the error: subtract first.' },
    { value: ((p - d.measuredMs) / p) * 100, feedback: 'The sign: the measurement minus the prediction, so a slower run gives a positive error.' },
  ];
}

export const RTOL = 0.01;
export const MARGIN = 2.5;

/** Mistakes within the tolerance are no mistakes on this variant (left out); none may sit just outside it. */
export function namedMistakes(right: number, ms: Mistake[]): Mistake[] | null {
  const tol = RTOL * Math.abs(right);
  const kept = ms.filter((m) => Math.abs(m.value - right) > tol);
  if (kept.some((m) => Math.abs(m.value - right) <= MARGIN * tol)) return null;
  return kept;
}

export function drawModel(r: VariantRandom): ModelData {
  for (let attempt = 0; attempt < 200; attempt++) {
    const kernel: Kernel = r.pick(['vector-add', 'matmul'] as const);
    const d: ModelData = {
      device: r.int(0, DEVICES.length - 1),
      kernel,
      n: kernel === 'matmul' ? r.pick([128, 192, 256, 384, 512, 768, 1024]) : 2 ** r.int(16, 24),
      peakGflops: r.pick([50, 80, 120, 200, 350, 500, 900, 1500]),
      bandwidthGBs: r.pick([12, 25, 34, 51, 68, 100, 200]),
      overheadUs: r.pick([5, 8, 10, 15, 20, 30, 50]),
      measuredMs: 0,
    };
    d.measuredMs = Math.round(predictedMs(d) * r.uniform(1.15, 2.4) * 1000) / 1000;
    if (d.measuredMs <= 0) continue;
    if (namedMistakes(predictedMs(d), timeMistakes(d)) && namedMistakes(errorPct(d), errorMistakes(d))) return d;
  }
  throw new Error('predicted-runtime: no variant with every mistake apart in 200 draws; the generator needs a look');
}
