// `npx node test/bench/cell-webgpu.ts [--tries N] [DIST...]`: the WebGPU cell's click to first sample
// (matmul n=64, as `npm run bench` measures it), "clicked at once" and "3 s in view", for one or more
// builds. With two builds (a base and a change) the tries alternate between them in one browser, so a
// machine that other work slows down slows both alike; each figure is the median of N tries.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { cellFigures } from './cell.ts';
import { serveDist } from '../static-server.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';

const args = process.argv.slice(2);
let tries = 5;
const dists: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--tries') tries = Number(args[++i]);
  else dists.push(args[i]!);
}
if (!(Number.isInteger(tries) && tries > 0)) throw new Error('cell-webgpu: --tries must be a positive integer');
if (dists.length === 0) dists.push('dist');
for (const d of dists) {
  if (!existsSync(`${d}/index.html`)) {
    console.error(`cell-webgpu: no build in ${d} (run \`npx astro build\` first)`);
    process.exit(2);
  }
}

const servers = await Promise.all(dists.map((d) => serveDist(d)));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const LOOKS = [0, 3000];
const figures = new Map<string, { cold: number[]; warm: number[] }>();
for (let t = 0; t < tries; t++) {
  for (const lookMs of LOOKS) {
    for (const [k, server] of servers.entries()) {
      const f = await cellFigures(browser, server.url, {
        route: '/foundations/what-is-a-benchmark/',
        spec: 'matmul',
        target: 'browser-webgpu',
        params: { n: '64' },
        tries: 1,
        lookMs,
        dist: dists[k],
      });
      const key = `${dists[k]}|${lookMs}`;
      const entry = figures.get(key) ?? { cold: [], warm: [] };
      entry.cold.push(...f.coldMs);
      entry.warm.push(...f.warmMs);
      figures.set(key, entry);
      console.error(
        `try ${t + 1}: ${dists[k]}, ${lookMs ? `${lookMs / 1000} s in view` : 'clicked at once'}: ${f.coldMs[0]!.toFixed(0)} ms, second run ${f.warmMs[0]!.toFixed(0)} ms`,
      );
    }
  }
}
await browser.close();
await Promise.all(servers.map((s) => s.close()));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
console.log(`\n## WebGPU cell (matmul n=64): click to first sample, median of ${tries} (alternating builds)\n`);
console.log('| build | in view before Run | first run, fresh page (median) | second run (median) |');
console.log('| --- | --- | ---: | ---: |');
for (const d of dists) {
  for (const lookMs of LOOKS) {
    const f = figures.get(`${d}|${lookMs}`)!;
    console.log(
      `| ${d} | ${lookMs ? `${lookMs / 1000} s` : 'clicked at once'} | ${median(f.cold).toFixed(0)} ms (${list(f.cold)}) | ${median(f.warm).toFixed(0)} ms (${list(f.warm)}) |`,
    );
  }
}
