// Measurement fidelity of the engine's harness, in Node, against an independent harness (mitata)
// in the same run, and the harness's own overhead per sample. Ratios measured side by side, medians.
import { performance } from 'node:perf_hooks';
import { measure as mitataMeasure, do_not_optimize } from 'mitata';
import { measure } from '../../runtime/measure/index.ts';

const ROUNDS = 5;
const source = new Float64Array(20_000).map((_, i) => Math.sin(i * 7919));
const scratch = new Float64Array(source.length);
/**
 * Reference workloads whose cost does not depend on how a harness's call site gets compiled: a
 * typed-array sort (V8's built-in, about 1 ms here), and a spin of exactly 200 µs. A JavaScript loop
 * is a poor reference: its speed changes several-fold with the JIT's inlining at each call site.
 */
const references: Record<string, () => number> = {
  'sort 20k doubles (built-in)': () => {
    scratch.set(source);
    scratch.sort();
    return scratch[0]!;
  },
  'spin 200 µs': () => {
    const end = performance.now() + 0.2;
    while (performance.now() < end);
    return 0;
  },
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const options = { warmupRuns: 5, minSamples: 30, minDurationMs: 1000, maxDurationMs: 3000, targetRelativeIqr: 0.05 };

async function engineMedian(work: () => unknown): Promise<{ median: number; ips: number }> {
  let sink = 0;
  const m = await measure(
    {
      run: async (k) => {
        for (let i = 0; i < k; i++) sink += Number(work());
      },
    },
    options,
    () => performance.now(),
  );
  do_not_optimize(sink);
  return { median: median(m.samples), ips: m.iterationsPerSample };
}

async function mitataMedian(work: () => unknown): Promise<number> {
  const stats = await mitataMeasure(() => do_not_optimize(work()), { min_cpu_time: 1e9 });
  return stats.p50 / 1e6; // ns -> ms
}

export async function fidelityBench() {
  // Interleaved rounds, so drift of a shared machine hits both harnesses alike.
  const agreement = [];
  for (const [name, work] of Object.entries(references)) {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      ours.push((await engineMedian(work)).median);
      theirs.push(await mitataMedian(work));
    }
    agreement.push({ name, ours, theirs, ratio: median(ours) / median(theirs) });
  }

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
  return { agreement, overhead };
}

export function printFidelity(f: Awaited<ReturnType<typeof fidelityBench>>) {
  const us = (ms: number) => `${(ms * 1000).toFixed(2)} µs`;
  console.log("\n## Measurement fidelity (Node): the engine's median against mitata's p50, same workload, interleaved rounds\n");
  console.log('| workload | engine medians | mitata p50s | engine / mitata (median of rounds) | within 3% |\n| --- | --- | --- | ---: | --- |');
  for (const a of f.agreement) {
    const within = Math.abs(a.ratio - 1) <= 0.03;
    console.log(
      `| ${a.name} | ${a.ours.map(us).join(', ')} | ${a.theirs.map(us).join(', ')} | ${a.ratio.toFixed(4)} (${((a.ratio - 1) * 100).toFixed(2)}%) | ${within ? 'met' : 'NOT met'} |`,
    );
  }
  console.log('\n## Harness overhead (a spin of exactly W per iteration)\n');
  console.log(
    '| work W | engine median per iteration | iterations per sample | overhead per sample | overhead / W |\n| ---: | ---: | ---: | ---: | ---: |',
  );
  for (const o of f.overhead) {
    console.log(
      `| ${us(o.workMs)} | ${us(o.medianMs)} | ${o.iterationsPerSample} | ${o.perSampleUs.toFixed(3)} µs | ${(o.relative * 100).toFixed(3)}% (goal < 1%: ${o.relative < 0.01 ? 'met' : 'NOT met'}) |`,
    );
  }
}
