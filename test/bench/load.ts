// The load generator's own accuracy (`npm run bench`, or alone: `npx node test/bench/load.ts`): how late the
// server scenario issues queries against its Poisson schedule at 100 and 1,000 QPS, in Node and in a
// cross-origin isolated Chromium page (5 µs timers), and its cost per query in a closed loop against a SUT that
// does nothing. Figures, never pass/fail (shared machines): a busy host delays any timer, so the table is the
// generator and its host together.
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';
import { serveDist } from '../static-server.ts';
import { measureLoadGenerator, printLoadFigures, type LoadBenchFigures } from './load-core.ts';

/** The same measurement in a page: load-core bundled, run in a cross-origin isolated page of our static server. */
async function inThePage(): Promise<LoadBenchFigures> {
  const bundle = await build({
    entryPoints: ['test/bench/load-core.ts'],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'LoadBench',
    platform: 'browser',
  });
  const server = await serveDist('dist');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const isolated = await page.evaluate(() => crossOriginIsolated);
    return await page.evaluate(
      (host) => (globalThis as unknown as { LoadBench: { measureLoadGenerator: typeof measureLoadGenerator } }).LoadBench.measureLoadGenerator(host),
      `Chromium page${isolated ? '' : ' (not isolated: 100 µs timers)'}`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function loadBench(): Promise<LoadBenchFigures[]> {
  const all = [await measureLoadGenerator(`Node ${process.versions.node}`)];
  try {
    all.push(await inThePage());
  } catch (e) {
    console.error(`load bench: the page measurement did not run (${(e as Error).message}); is there a build in dist/?`);
  }
  return all;
}

export const printLoadBench = printLoadFigures;

if (import.meta.main) printLoadBench(await loadBench());
