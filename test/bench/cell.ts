import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Browser, Page, Response } from '@playwright/test';

/** What one benchmark cell costs a learner: code before and after its first run, and the wait for a first sample. */
export interface CellFigures {
  route: string;
  spec: string;
  target: string;
  params: Record<string, string>;
  /** How long the cell was in view, its target chosen, before Run was pressed (ms). */
  lookMs: number;
  /** JavaScript the page loaded before any run (page and island code; the cell's element only). */
  before: Weight;
  /** JavaScript loaded by the end of the first run: page, controller, React, plots, xterm, worker, backend. */
  after: Weight;
  /** WebAssembly loaded by the end of the first run (onnxruntime-web), counted apart from the JavaScript. */
  wasm: Weight;
  /** Click on Run to the first sample shown, in a fresh page (nothing run yet), per try (ms). */
  coldMs: number[];
  /** The same for a second run in the same page (code loaded, worker started), per try (ms). */
  warmMs: number[];
}

export interface Weight {
  files: number;
  bytes: number;
  gzip: number;
}

interface Options {
  route: string;
  spec: string;
  target: string;
  params?: Record<string, string>;
  tries: number;
  /**
   * Time between the cell coming into view (target and parameters set) and the click: 0 is a learner
   * who clicks at once; a few seconds is one who reads the cell first, which the cell uses to load its
   * code and backend (src/cell/prestart.ts).
   */
  lookMs: number;
  /** The build the server serves (default dist): WebAssembly compiled while streaming is weighed from its file. */
  dist?: string;
}

/**
 * Measures one cell in `tries` fresh browser contexts. Each try stops its runs after the first sample
 * (Stop keeps a partial, INVALID result), so the figure is the wait, not the length of a run.
 */
export async function cellFigures(browser: Browser, baseUrl: string, o: Options): Promise<CellFigures> {
  const coldMs: number[] = [];
  const warmMs: number[] = [];
  let before: Weight | undefined;
  let after: Weight | undefined;
  let wasm: Weight | undefined;
  for (let i = 0; i < o.tries; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const loaded = recordCode(page, o.dist ?? 'dist');
    await page.goto(baseUrl + o.route, { waitUntil: 'networkidle' });
    before ??= await loaded.weight('js');
    const cell = page.locator(`bench-cell[data-spec="${o.spec}"]`);
    await cell.scrollIntoViewIfNeeded();
    await cell.locator(`input[name="target"][value="${o.target}"]`).check();
    for (const [name, value] of Object.entries(o.params ?? {})) await cell.locator(`[name="param:${name}"]`).fill(value);
    if (o.lookMs > 0) await page.waitForTimeout(o.lookMs);
    coldMs.push(await runToFirstSample(page, o.spec, 1));
    // The result view draws its plots (Observable Plot loads then); wait for them and for the network to rest.
    await cell.locator('.bc-plots svg').nth(1).waitFor({ timeout: 60_000 });
    await loaded.quiet(1000);
    after ??= await loaded.weight('js');
    wasm ??= await loaded.weight('wasm');
    warmMs.push(await runToFirstSample(page, o.spec, 2));
    await context.close();
  }
  return {
    route: o.route,
    spec: o.spec,
    target: o.target,
    params: o.params ?? {},
    lookMs: o.lookMs,
    before: before!,
    after: after!,
    wasm: wasm!,
    coldMs,
    warmMs,
  };
}

/** Presses Run, waits for the cell's click-to-first-sample measure (the `nth` of the page), stops, waits for the result. */
async function runToFirstSample(page: Page, spec: string, nth: number): Promise<number> {
  const cell = page.locator(`bench-cell[data-spec="${spec}"]`);
  await cell.locator('.bc-run').click();
  const handle = await page.waitForFunction((n) => performance.getEntriesByName('bench-cell:click-to-first-sample')[n - 1]?.duration, nth, {
    timeout: 120_000,
    polling: 50,
  });
  const ms = Number(await handle.jsonValue());
  await cell.locator('.bc-stop').click();
  await cell
    .locator('.bc-cell-status')
    .filter({ hasText: /^(Done|Failed)/ })
    .waitFor({ timeout: 60_000 });
  const status = await cell.locator('.bc-cell-status').textContent();
  if (status?.startsWith('Failed')) throw new Error(`bench: ${spec}: ${status}`);
  return ms;
}

/** Every JavaScript and WebAssembly response of the page and its workers, by URL. */
function recordCode(page: Page, dist: string) {
  const bodies = new Map<string, { kind: 'js' | 'wasm'; body: Buffer }>();
  const reading = new Set<Promise<void>>();
  let lastResponse = Date.now();
  page.on('response', (res) => {
    lastResponse = Date.now();
    const read = keep(res).finally(() => reading.delete(read));
    reading.add(read);
  });
  const keep = async (res: Response) => {
    const url = res.url();
    const kind = /\.wasm(\?|$)/.test(url) ? 'wasm' : res.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(url) ? 'js' : undefined;
    if (!kind) return;
    try {
      bodies.set(url, { kind, body: await res.body() });
    } catch {
      // WebAssembly compiled while streaming leaves no body to read: take the served file from the build.
      const file = `${dist}${decodeURIComponent(new URL(url).pathname)}`;
      try {
        bodies.set(url, { kind, body: readFileSync(file) });
      } catch {
        /* a response without a body (redirect) carries no code */
      }
    }
  };
  return {
    /** Resolves once no response has arrived for `ms` milliseconds (Playwright's networkidle fires only once per page). */
    async quiet(ms: number) {
      while (Date.now() - lastResponse < ms) await new Promise((r) => setTimeout(r, 100));
    },
    /** What has arrived so far, once every body that arrived has been read. */
    async weight(kind: 'js' | 'wasm'): Promise<Weight> {
      while (reading.size) await Promise.all(reading);
      const list = [...bodies.values()].filter((b) => b.kind === kind).map((b) => b.body);
      return {
        files: list.length,
        bytes: list.reduce((s, b) => s + b.length, 0),
        gzip: list.reduce((s, b) => s + gzipSync(b, { level: 6 }).length, 0),
      };
    },
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The section `npm run bench` prints. */
export function printCellFigures(figures: CellFigures[], budgetGzip: number) {
  console.log('\n## Benchmark cells: code before and after the first run (gzip -6), and click to first sample\n');
  console.log(
    '| page, cell, target | in view before Run | JS before any run | JS after the first run | WebAssembly after | click to first sample, fresh page (median) | second run (median) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const f of figures) {
    const params = Object.entries(f.params)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    console.log(
      `| ${f.route} ${f.spec} on ${f.target}${params ? ` (${params})` : ''} | ${f.lookMs ? `${(f.lookMs / 1000).toFixed(1)} s` : 'clicked at once'} | ${kb(f.before.gzip)} (${f.before.gzip <= budgetGzip ? 'within' : 'OVER'} ${kb(budgetGzip)}) | ${kb(f.after.gzip)} (${f.after.files} files) | ${f.wasm.files ? kb(f.wasm.gzip) : 'none'} | ${median(f.coldMs).toFixed(0)} ms (${f.coldMs.map((x) => x.toFixed(0)).join(', ')}) | ${median(f.warmMs).toFixed(0)} ms (${f.warmMs.map((x) => x.toFixed(0)).join(', ')}) |`,
    );
  }
  console.log(
    '\nA first sample comes after loading the code (first run only), starting the worker, setup (compile, upload, session), the first run, the warm-up runs and calibration. A cell that has been in view starts loading its code, worker and backend then (src/cell/prestart.ts); "clicked at once" shows the wait without that head start.',
  );
}
