/** The roofline from measured runs: roofs, ridge, intensities and the distance of each kernel from its roof. */
import { describe, expect, it } from 'vitest';
import { arithmeticIntensity, attainableGflops, measuredRoofs, placeKernel, type Roofs, type RooflineRun } from '../../runtime/kernels/roofline.ts';
import { kernelWork } from '../../runtime/kernels/work.ts';
import type { KernelTask } from '../../runtime/spec/task.ts';

const task = (operation: KernelTask['operation'], size: number, variant?: 'naive' | 'tiled'): KernelTask => ({
  kind: 'kernel',
  operation,
  size,
  dtype: 'float32',
  seed: 1,
  ...(variant ? { variant } : {}),
});
const run = (label: string, t: KernelTask, medianMs: number, minMs = medianMs): RooflineRun => ({ label, task: t, medianMs, minMs });

describe('arithmeticIntensity', () => {
  it('is FLOPs over compulsory bytes: matmul 2n^3 / 12n^2 = n/6, vector-add 1/12, reduce-sum 1/4, copy none', () => {
    expect(arithmeticIntensity(kernelWork(task('matmul', 256)))).toBeCloseTo(256 / 6, 12);
    expect(arithmeticIntensity(kernelWork(task('vector-add', 1000)))).toBeCloseTo(1 / 12, 12);
    expect(arithmeticIntensity(kernelWork(task('reduce-sum', 1000)))).toBeCloseTo(1 / 4, 12);
    expect(arithmeticIntensity(kernelWork(task('copy', 1000)))).toBeNull();
  });
  it("counts a multiply-add as two FLOPs and the output write among the bytes (the exercise's two traps)", () => {
    const w = kernelWork(task('matmul', 64));
    expect(w.flops).toBe(2 * 64 ** 3);
    expect(w.bytes).toBe(3 * 64 * 64 * 4);
  });
});

describe('measuredRoofs', () => {
  // copy of 2^20 floats: 8 MiB moved; in 2 ms best = 4.194 GB/s. matmul n = 256: 33.55 MFLOP; best 4 ms = 8.39 GFLOP/s.
  const copy = run('copy', task('copy', 2 ** 20), 2.5, 2);
  const tiled = run('tiled', task('matmul', 256, 'tiled'), 5, 4);
  const naive = run('naive', task('matmul', 256, 'naive'), 50, 40);
  it('takes the fastest copy sample for the bandwidth and the fastest matmul sample for the peak', () => {
    const r = measuredRoofs([copy, naive, tiled]) as Roofs;
    expect(r.bandwidthGBs).toBeCloseTo((8 * 2 ** 20) / 2e6, 9);
    expect(r.peakGflops).toBeCloseTo((2 * 256 ** 3) / 4e6, 9);
    expect(r.ridge).toBeCloseTo(r.peakGflops / r.bandwidthGBs, 12);
    expect([r.bandwidthFrom, r.peakFrom]).toEqual(['copy', 'tiled']);
  });
  it('says which roof is missing', () => {
    expect(measuredRoofs([tiled])).toEqual({ missing: 'a copy run (the memory roof)' });
    expect(measuredRoofs([copy])).toEqual({ missing: 'a matmul run (the compute roof)' });
  });
  it('refuses a run whose fastest sample is slower than its median, or not positive', () => {
    expect(() => measuredRoofs([run('bad', task('copy', 1024), 1, 2)])).toThrow('run "bad" needs 0 < fastest <= median');
    expect(() => measuredRoofs([run('zero', task('copy', 1024), 1, 0)])).toThrow(/zero/);
  });
});

describe('placeKernel', () => {
  const roofs: Roofs = { bandwidthGBs: 10, peakGflops: 100, ridge: 10, bandwidthFrom: 'c', peakFrom: 'm' };
  it('the attainable performance is the memory roof left of the ridge and the compute roof right of it', () => {
    expect(attainableGflops(roofs, 1)).toBe(10);
    expect(attainableGflops(roofs, 10)).toBe(100);
    expect(attainableGflops(roofs, 1000)).toBe(100);
    expect(() => attainableGflops(roofs, 0)).toThrow(/positive/);
  });
  it('a matmul of n = 256 (intensity 42.7) is compute-bound here, and its distance is achieved over the peak', () => {
    // 33.55 MFLOP in 3.3554432 ms = 10 GFLOP/s: a tenth of the 100 GFLOP/s roof.
    const p = placeKernel(roofs, run('naive', task('matmul', 256, 'naive'), (2 * 256 ** 3) / 1e7))!;
    expect(p.bound).toBe('compute');
    expect(p.achievedGflops).toBeCloseTo(10, 9);
    expect(p.roofGflops).toBe(100);
    expect(p.fractionOfRoof).toBeCloseTo(0.1, 9);
  });
  it('a vector-add (intensity 1/12) is memory-bound, its roof bandwidth x intensity', () => {
    // 2^20 adds, 12 MiB; at 10 GB/s the roof is 10/12 GFLOP/s; in 2.5165824 ms it does 0.4167 GFLOP/s: half.
    const n = 2 ** 20;
    const p = placeKernel(roofs, run('add', task('vector-add', n), (2 * 12 * n) / 1e7))!;
    expect(p.bound).toBe('memory');
    expect(p.roofGflops).toBeCloseTo(10 / 12, 12);
    expect(p.fractionOfRoof).toBeCloseTo(0.5, 9);
  });
  it('a copy is no point: it is the memory roof itself', () => {
    expect(placeKernel(roofs, run('copy', task('copy', 1024), 1))).toBeNull();
  });
  it('a kernel exactly at the ridge counts as compute-bound, one just left of it as memory-bound', () => {
    const at = { ...roofs, ridge: 256 / 6 };
    expect(placeKernel(at, run('m', task('matmul', 256), 1))!.bound).toBe('compute');
    expect(placeKernel({ ...at, ridge: 256 / 6 + 1e-9 }, run('m', task('matmul', 256), 1))!.bound).toBe('memory');
  });
});
