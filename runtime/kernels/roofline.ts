// The roofline model (Williams, Waterman and Patterson, 2009) from measured runs: the memory roof is the
// fastest copy measured (bytes per second), the compute roof the fastest matmul measured (FLOP per second),
// and each kernel is a point at its arithmetic intensity. Pure arithmetic, shared by the page's plot and the tests.
import type { KernelTask } from '../spec/task.ts';
import { kernelWork, type KernelWork } from './work.ts';

/** One measured kernel run, reduced to what the roofline needs. */
export interface RooflineRun {
  /** How the run is named on the plot: "matmul tiled, n = 256". */
  label: string;
  task: KernelTask;
  /** Median and fastest time per iteration, ms. */
  medianMs: number;
  minMs: number;
}

export interface Roofs {
  /** The memory roof, GB/s: the fastest copy sample. */
  bandwidthGBs: number;
  /** The compute roof, GFLOP/s: the fastest matmul sample. */
  peakGflops: number;
  /** Where the two roofs meet, FLOP/byte: peak / bandwidth. */
  ridge: number;
  /** The runs that set each roof. */
  bandwidthFrom: string;
  peakFrom: string;
}

export interface PlacedKernel {
  label: string;
  /** FLOP per byte of compulsory traffic (kernelWork). */
  intensity: number;
  /** GFLOP/s at the run's median time. */
  achievedGflops: number;
  /** What the roofs allow at this intensity: min(peak, bandwidth x intensity). */
  roofGflops: number;
  /** achieved / roof, in (0, ...]: above 1 only when the roofs were measured on another, slower run. */
  fractionOfRoof: number;
  /** Which roof is over the point: the slanted memory roof left of the ridge, the flat compute roof right of it. */
  bound: 'memory' | 'compute';
}

/**
 * FLOPs per byte of a kernel's compulsory traffic (each input read once, each output written once), or null
 * for a kernel that does no arithmetic (copy: it is the memory roof itself, not a point under it).
 */
export function arithmeticIntensity(work: KernelWork): number | null {
  if (work.flops === undefined || work.flops === 0) return null;
  if (!(work.bytes > 0)) throw new RangeError(`arithmeticIntensity: a kernel must move some bytes, got ${work.bytes}`);
  return work.flops / work.bytes;
}

const checkRun = (r: RooflineRun) => {
  if (!(r.minMs > 0) || !(r.medianMs >= r.minMs) || !Number.isFinite(r.medianMs))
    throw new RangeError(`roofline: run "${r.label}" needs 0 < fastest <= median time, got ${r.minMs} and ${r.medianMs} ms`);
};

/** GB/s or GFLOP/s of `amount` (bytes or FLOPs) done in `ms`. */
const perSecond = (amount: number, ms: number) => amount / (ms * 1e6);

/**
 * The two roofs from the runs: bandwidth from the fastest copy sample, peak from the fastest matmul sample.
 * Says which one is missing, in words, when the runs do not give both.
 */
export function measuredRoofs(runs: readonly RooflineRun[]): Roofs | { missing: string } {
  runs.forEach(checkRun);
  const copies = runs.filter((r) => r.task.operation === 'copy');
  const matmuls = runs.filter((r) => r.task.operation === 'matmul');
  const missing = [...(copies.length ? [] : ['a copy run (the memory roof)']), ...(matmuls.length ? [] : ['a matmul run (the compute roof)'])];
  if (missing.length) return { missing: missing.join(' and ') };
  const best = (rs: RooflineRun[], amount: (r: RooflineRun) => number) =>
    rs.map((r) => ({ r, rate: perSecond(amount(r), r.minMs) })).reduce((a, b) => (b.rate > a.rate ? b : a));
  const bw = best(copies, (r) => kernelWork(r.task).bytes);
  const peak = best(matmuls, (r) => kernelWork(r.task).flops!);
  return { bandwidthGBs: bw.rate, peakGflops: peak.rate, ridge: peak.rate / bw.rate, bandwidthFrom: bw.r.label, peakFrom: peak.r.label };
}

/** What the roofs allow at an intensity (FLOP/byte): the lower of the compute roof and bandwidth x intensity. */
export function attainableGflops(roofs: Pick<Roofs, 'bandwidthGBs' | 'peakGflops'>, intensity: number): number {
  if (!(intensity > 0)) throw new RangeError(`attainableGflops: intensity must be positive, got ${intensity}`);
  return Math.min(roofs.peakGflops, roofs.bandwidthGBs * intensity);
}

/** A kernel run as a point under the roofs, with how far it is from the roof over it; null for copy. */
export function placeKernel(roofs: Roofs, run: RooflineRun): PlacedKernel | null {
  checkRun(run);
  const work = kernelWork(run.task);
  const intensity = arithmeticIntensity(work);
  if (intensity === null) return null;
  const achievedGflops = perSecond(work.flops!, run.medianMs);
  const roofGflops = attainableGflops(roofs, intensity);
  return {
    label: run.label,
    intensity,
    achievedGflops,
    roofGflops,
    fractionOfRoof: achievedGflops / roofGflops,
    bound: intensity < roofs.ridge ? 'memory' : 'compute',
  };
}
