import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/chromium.ts';

// Debian's Chromium, never a downloaded browser (scripts/ensure-chromium.sh finds or installs it).
const executablePath = CHROMIUM_PATH;
// E2E_PORT lets two checkouts on one machine run their browser tests side by side (the plain server takes the next port).
const port = Number(process.env.E2E_PORT || 4329);
export const ISOLATED_URL = `http://127.0.0.1:${port}`;
/** The same build served without COOP/COEP headers, as a plain static host would. */
export const PLAIN_URL = `http://127.0.0.1:${port + 1}`;

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  outputDir: 'test-results/playwright',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: ISOLATED_URL,
    browserName: 'chromium',
    launchOptions: {
      executablePath,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    {
      command: `npx astro preview --host 127.0.0.1 --port ${port}`,
      url: `${ISOLATED_URL}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `node test/e2e/plain-static-server.ts dist ${port + 1}`,
      url: `${PLAIN_URL}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
  ],
});
