import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';

export interface PageWeight {
  route: string;
  /** JavaScript fetched by the time the page is loaded and idle, before the learner does anything. */
  initial: { files: number; bytes: number; gzip: number };
  /** The same after scrolling to the end of the page, which wakes `client:visible` islands. */
  scrolled: { files: number; bytes: number; gzip: number };
}

/** Loads a page in a fresh context and adds up every JavaScript response, raw and gzip -6. */
export async function measurePageWeight(browser: Browser, baseUrl: string, route: string): Promise<PageWeight> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = new Map<string, Buffer>();
  page.on('response', async (res) => {
    const type = res.request().resourceType();
    const url = res.url();
    if (type !== 'script' && !/\.m?js(\?|$)/.test(url)) return;
    try {
      scripts.set(url, await res.body());
    } catch {
      /* a response without a body (redirect) carries no code */
    }
  });
  const total = () => {
    const bodies = [...scripts.values()];
    return {
      files: bodies.length,
      bytes: bodies.reduce((s, b) => s + b.length, 0),
      gzip: bodies.reduce((s, b) => s + gzipSync(b, { level: 6 }).length, 0),
    };
  };
  await page.goto(baseUrl + route, { waitUntil: 'networkidle' });
  const initial = total();
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
      scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 30));
    }
  });
  await page.waitForLoadState('networkidle');
  const scrolled = total();
  await context.close();
  return { route, initial, scrolled };
}
