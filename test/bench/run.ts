// `npm run bench`: benchmarks of the workbook itself. Figures, never pass/fail timing assertions
// (machines here are shared and noisy); budgets are reported as within or over.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { lessonPages } from '../e2e/pages.ts';
import { measurePageWeight, type PageWeight } from './page-weight.ts';
import { fidelityBench, printFidelity } from './fidelity.ts';
import { matmulVersusOrt } from './browser-engine.ts';
import { cellFigures, printCellFigures, type CellFigures } from './cell.ts';
import { serveDist } from '../static-server.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';

const BUDGET_GZIP = 60 * 1024; // a lesson page without an active cell
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (!existsSync('dist/index.html')) {
  console.error('bench: no build found; run `npx astro build` (or `npm test`) first.');
  process.exit(2);
}
// Our own server on a free port, not `astro preview`: the bench then works while `npm start` runs.
const server = await serveDist('dist');
const base = server.url;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const results: PageWeight[] = [];
for (const { route } of lessonPages()) results.push(await measurePageWeight(browser, base, route));
const cells: CellFigures[] = [];
const CELL_EPISODE = '/foundations/what-is-a-benchmark/';
for (const lookMs of [0, 3000]) {
  cells.push(
    await cellFigures(browser, base, { route: CELL_EPISODE, spec: 'matmul', target: 'browser-webgpu', params: { n: '64' }, tries: 3, lookMs }),
  );
  cells.push(await cellFigures(browser, base, { route: CELL_EPISODE, spec: 'mnist-classifier', target: 'browser-wasm', tries: 3, lookMs }));
}
const matmul = [];
for (const n of [128, 256]) matmul.push(await matmulVersusOrt(browser, base, n, 3));
await browser.close();
await server.close();
const fidelity = await fidelityBench();
await (await import('./agent.ts')).runAgentBench(); // the local agent's overhead and round trip (test/bench/agent.ts)

console.log('\n## JavaScript loaded by each lesson page (gzip -6; budget 60 KB before any cell runs)\n');
console.log('| page | files | initial raw | initial gzip | budget | after scrolling (islands awake) gzip |');
console.log('| --- | ---: | ---: | ---: | --- | ---: |');
for (const r of results) {
  console.log(
    `| ${r.route} | ${r.initial.files} | ${kb(r.initial.bytes)} | ${kb(r.initial.gzip)} | ${r.initial.gzip <= BUDGET_GZIP ? 'within' : 'OVER'} | ${kb(r.scrolled.gzip)} (${r.scrolled.files} files) |`,
  );
}
const worst = results.reduce((a, b) => (b.initial.gzip > a.initial.gzip ? b : a));
console.log(
  `\nLargest initial load: ${worst.route} at ${kb(worst.initial.gzip)} gzip; ${results.filter((r) => r.initial.gzip > BUDGET_GZIP).length} page(s) over budget.`,
);
printCellFigures(cells, BUDGET_GZIP);
printFidelity(fidelity);

console.log('\n## Tiled WGSL matmul vs onnxruntime-web WebGPU MatMul (same browser, alternating runs)\n');
console.log('| n | ours (median of run medians) | ORT WebGPU | ORT / ours (goal >= 1.0) |\n| ---: | ---: | ---: | ---: |');
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const m of matmul)
  console.log(
    `| ${m.n} | ${med(m.ours).toFixed(3)} ms | ${med(m.ort).toFixed(3)} ms | ${m.ratio.toFixed(2)} (${m.ratio >= 1 ? 'met' : 'NOT met'}) |`,
  );

const grading = await import('./grade.ts').then(async (m) => m.printGradeBench(await m.gradeBench()));
mkdirSync('test-results', { recursive: true });
writeFileSync(
  'test-results/bench.json',
  JSON.stringify({ date: new Date().toISOString(), budgetGzip: BUDGET_GZIP, pageWeight: results, cells, fidelity, matmul, grading }, null, 2),
);
await import('./load.ts').then(async (m) => m.printLoadBench(await m.loadBench()));
