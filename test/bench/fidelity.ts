// Measurement fidelity of the engine's harness, in Node, against an independent harness (mitata)
// in the same run, and the harness's own overhead per sample. Ratios measured side by side, medians.
import { performance } from 'node:perf_hooks';
import { measure as mitataMeasure, do_not_optimize } from 'mitata';
import { measure } from '../../runtime/measure/index.ts';

const ROUNDS = 5;
const data = new Float64Array(100_000).map((_, i) => Math.sin(i));
/** The reference workload: a reduction over 100k doubles (about 50-100 µs here). */
function reference(): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i]! * data[i]!;
  return s;
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const options = { warmupRuns: 5, minSamples: 30, minDurationMs: 1000, maxDurationMs: 3000, targetRelativeIqr: 0.05 };

async function engineMedian(work: () => unknown): Promise<{ median: number; ips: number }> {
  let sink = 0;
  const m = await measure({ run: async (k) => { for (let i = 0; i < k; i++) sink += Number(work()); } }, options, () => performance.now());
  do_not_optimize(sink);
  return { median: median(m.samples), ips: m.iterationsPerSample };
}

async function mitataMedian(work: () => unknown): Promise<number> {
  const stats = await mitataMeasure(() => do_not_optimize(work()), { min_cpu_time: 1e9 });
  return stats.p50 / 1e6; // ns -> ms
}

export async function fidelityBench() {
  // Interleaved rounds, so drift of a shared machine hits both harnesses alike.
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    ours.push((await engineMedian(reference)).median);
    theirs.push(await mitataMedian(reference));
  }
  const ratio = median(ours) / median(theirs);

  // Overhead: a workload that spins for exactly W ms per iteration by the same clock; whatever the
  // engine reports beyond W per iteration, times the iterations in a sample, is the harness's cost.
  const overhead = [];
  for (const w of [0.05, 0.2, 1]) {
    const spin = () => {
      const end = performance.now() + w;
      while (performance.now() < end);
      return 0;
    };
    const runs = [];
    for (let r = 0; r < ROUNDS; r++) runs.push(await engineMedian(spin));
    const m = median(runs.map((x) => x.median));
    const ips = median(runs.map((x) => x.ips));
    overhead.push({ workMs: w, medianMs: m, iterationsPerSample: ips, perSampleUs: (m - w) * ips * 1000, relative: (m - w) / w });
  }
  return { ours, theirs, ratio, overhead };
}

export function printFidelity(f: Awaited<ReturnType<typeof fidelityBench>>) {
  const us = (ms: number) => `${(ms * 1000).toFixed(2)} µs`;
  console.log('\n## Measurement fidelity (Node, reference: sum of squares over 100k doubles)\n');
  console.log(`| round | engine median | mitata p50 |\n| ---: | ---: | ---: |`);
  f.ours.forEach((o, i) => console.log(`| ${i + 1} | ${us(o)} | ${us(f.theirs[i]!)} |`));
  const within = Math.abs(f.ratio - 1) <= 0.03;
  console.log(`\nEngine / mitata, median of ${f.ours.length} interleaved rounds: ${f.ratio.toFixed(4)} (${((f.ratio - 1) * 100).toFixed(2)}%; goal within 3%: ${within ? 'met' : 'NOT met'})`);
  console.log('\n## Harness overhead (a spin of exactly W per iteration)\n');
  console.log('| work W | engine median per iteration | iterations per sample | overhead per sample | overhead / W |\n| ---: | ---: | ---: | ---: | ---: |');
  for (const o of f.overhead) {
    console.log(`| ${us(o.workMs)} | ${us(o.medianMs)} | ${o.iterationsPerSample} | ${o.perSampleUs.toFixed(3)} µs | ${(o.relative * 100).toFixed(3)}% (goal < 1%: ${o.relative < 0.01 ? 'met' : 'NOT met'}) |`);
  }
}
