import type { VariantRandom } from '../../runtime/exercises/random.ts';

/**
 * The variant of predicted-runtime: a kernel on a device that is simulated or known only from its data sheet,
 * and the analytic model the episode teaches (a convention of the workbook): predicted time = fixed overhead +
 * max(FLOPs / peak compute, bytes / memory bandwidth), the roofline's bound plus a launch cost. Then a measured
 * time, slower than the bound, and the prediction's error.
 */

/** vector-add (1 FLOP per 12 bytes), a Horner polynomial of some degree per element (intensity degree / 4), matmul (n / 6). */
export type Kernel = 'vector-add' | 'polynomial' | 'matmul';

export interface ModelData {
  device: number;
  kernel: Kernel;
  n: number;
  /** The polynomial's degree (polynomial only; 0 otherwise). */
  degree?: number;
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

type Work = Pick<ModelData, 'kernel' | 'n' | 'degree'>;
/** FLOPs: one add per element; a multiply and an add per degree (Horner's rule); 2n^3 for a matmul. */
export const flopsOf = (d: Work) => (d.kernel === 'matmul' ? 2 * d.n ** 3 : d.kernel === 'polynomial' ? 2 * (d.degree ?? 0) * d.n : d.n);
/**
 * Bytes moved at least once: vector-add reads two float32 and writes one per element; the polynomial reads x and
 * writes y (its coefficients stay in registers); matmul reads A and B and writes C.
 */
export const bytesOf = (d: Work) => (d.kernel === 'matmul' ? 12 * d.n ** 2 : d.kernel === 'polynomial' ? 8 * d.n : 12 * d.n);

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
  ];
  // GiB for GB changes only the memory term: a slip that moves the answer only where that term decides it.
  if (boundOf(d) === 'memory')
    list.push({
      value: o + Math.max(computeMs(d), memoryMs(d, bytesOf(d), d.bandwidthGBs * 2 ** 30)),
      feedback: 'GB/s on a data sheet is 10^9 bytes per second, not 2^30.',
    });
  // A miscounted FLOP total changes only the compute term: named where that term decides the answer.
  if (boundOf(d) === 'compute' && d.kernel === 'matmul')
    list.push({
      value: o + Math.max(computeMs(d, d.n ** 3), memoryMs(d)),
      feedback: 'A multiply-add is two floating-point operations: an n x n matmul does 2n^3.',
    });
  else if (boundOf(d) === 'memory' && d.kernel === 'vector-add')
    list.push({ value: o + Math.max(computeMs(d), memoryMs(d, 4 * d.n)), feedback: 'Each element reads two numbers and writes one, 4 bytes each.' });
  else if (boundOf(d) === 'compute' && d.kernel === 'polynomial')
    list.push({
      value: o + Math.max(computeMs(d, (d.degree ?? 0) * d.n), memoryMs(d)),
      feedback: "Horner's rule does a multiply and an add per degree: two FLOPs, not one.",
    });
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
    {
      value: (d.measuredMs - p) / p,
      feedback: 'That is the error as a fraction of the prediction; a percentage is that fraction times 100.',
    },
    {
      value: ((d.measuredMs - (p - d.overheadUs / 1000)) / (p - d.overheadUs / 1000)) * 100,
      feedback: 'That compares with the prediction without its overhead: the error is against the whole prediction.',
    },
  ];
}

export const RTOL = 0.01;
export const MARGIN = 2.5;

/** Every named mistake must sit more than MARGIN tolerances from the right value; null (redraw) otherwise. */
export function namedMistakes(right: number, ms: Mistake[]): Mistake[] | null {
  const tol = RTOL * Math.abs(right);
  return ms.some((m) => Math.abs(m.value - right) <= MARGIN * tol) ? null : ms;
}

export function drawModel(r: VariantRandom): ModelData {
  // The bound is drawn first (half each), then a kernel and device that give it: the kernel's name does not tell
  // the bound (a small matmul is memory-bound, a polynomial either), the arithmetic does.
  // The kernel is drawn with the bound, so that each kernel's name is as good as a coin for its bound: a
  // vector addition (always memory-bound) is rare, a polynomial or a matmul is either.
  const want = r.pick(['memory', 'compute'] as const);
  const kernel: Kernel =
    want === 'compute'
      ? r.pick(['polynomial', 'matmul'] as const)
      : r.pick(['vector-add', 'polynomial', 'polynomial', 'matmul', 'matmul', 'matmul'] as const);
  for (let attempt = 0; attempt < 5000; attempt++) {
    const d: ModelData = {
      device: r.int(0, DEVICES.length - 1),
      kernel,
      n:
        kernel === 'matmul' ? r.pick(want === 'memory' ? [32, 48, 64, 96, 128, 192, 256] : [128, 192, 256, 384, 512, 768, 1024]) : 2 ** r.int(16, 24),
      degree: kernel === 'polynomial' ? r.pick([4, 8, 16, 24, 32, 48, 64, 96, 128]) : 0,
      peakGflops: r.pick([50, 80, 120, 200, 350, 500, 900, 1500]),
      bandwidthGBs: r.pick([12, 25, 34, 51, 68, 100, 200]),
      overheadUs: r.pick([5, 8, 10, 15, 20, 30, 50]),
      measuredMs: 0,
    };
    d.measuredMs = Math.round(predictedMs(d) * r.uniform(1.15, 2.4) * 1000) / 1000;
    if (d.measuredMs <= 0 || boundOf(d) !== want) continue;
    if (namedMistakes(predictedMs(d), timeMistakes(d)) && namedMistakes(errorPct(d), errorMistakes(d))) return d;
  }
  throw new Error('predicted-runtime: no variant with every mistake apart in 5000 draws; the generator needs a look');
}
