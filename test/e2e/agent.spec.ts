import { expect, test, type Locator, type Page } from '@playwright/test';
import { ISOLATED_URL } from '../../playwright.config.ts';
import { spawnAgent, type SpawnedAgent } from '../../runtime/node/agent/spawn-agent.ts';
import { swiftShaderEnv } from '../../runtime/node/webgpu.ts';

// A page paired with a real `workbook agent` process runs cells natively (onnxruntime-node; dawn.node with
// SwiftShader as the Vulkan driver) and shows each result beside the browser's run of the same spec.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const EPISODE = '/foundations/measuring-time/';
let agent: SpawnedAgent;
let pageErrors: string[] = [];

test.beforeAll(async () => {
  agent = await spawnAgent(['--allow-origin', ISOLATED_URL, '--site', `${ISOLATED_URL}${EPISODE}`], {
    env: { ...process.env, ...swiftShaderEnv() },
  });
});
test.afterAll(() => agent?.stop());
test.afterEach(() => expect(pageErrors).toEqual([]));

async function openPaired(page: Page, spec: string): Promise<Locator> {
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(agent.link);
  const cell = page.locator(`bench-cell[data-spec="${spec}"]`);
  await expect(cell).toHaveAttribute('data-wired', '');
  await cell.scrollIntoViewIfNeeded();
  return cell;
}

/** The cell's list of runs (the section also holds the comparison's tables). */
const runRows = (cell: Locator) => cell.getByRole('group', { name: 'Runs since this page opened, scrollable' }).locator('tbody tr');

async function runAndWait(cell: Locator) {
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(cell.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 120_000 });
}

async function nativeBesideBrowser(cell: Locator, browserTarget: RegExp, native: Locator, spec: string, nativeTarget: string) {
  await cell.getByRole('radio', { name: browserTarget }).check();
  await runAndWait(cell);
  await native.check();
  // The terminal opened with the first run (xterm draws only while it is in view).
  const screen = cell.locator('.xterm-rows');
  await runAndWait(cell);
  await screen.scrollIntoViewIfNeeded();
  // Progress and the agent's log lines streamed into the terminal pane (xterm shows its last rows).
  await expect(screen).toContainText(/measure: \d+ sample\(s\)/);
  // No counter here: the run says energy is not available and why, never a number.
  await expect(screen).toContainText('energy: not available (RAPL: no /sys/class/powercap');
  await expect(screen).toContainText('comparing run 2 (native) with run 1 (this browser)');
  await cell.locator('.xterm').click();
  await cell.page().keyboard.type('agent runs');
  await cell.page().keyboard.press('Enter');
  await expect(screen).toContainText(new RegExp(`r\\d+\\s+${spec}\\s+${nativeTarget}\\s+done\\s+(VALID|INVALID)`));
  await expect(runRows(cell)).toHaveCount(2);
  const comparison = cell.getByRole('region', { name: 'Comparison of run 1 and run 2' });
  // The same spec and parameters: comparable; what differs is the machine and backend, listed.
  await expect(comparison).toContainText('COMPARABLE');
  await expect(comparison).not.toContainText('NOT COMPARABLE');
  await comparison.getByText(/What differs between the two runs' environments/).click();
  await expect(comparison.locator('table')).toContainText('target');
  return screen;
}

test('paired from the printed link, a cell runs on node-onnx beside its browser run, comparable and why', async ({ page }) => {
  const cell = await openPaired(page, 'mlp-inference');
  // The token left the address bar at once; the pairing is kept for this origin.
  await expect.poll(() => page.url()).toBe(`${ISOLATED_URL}${EPISODE}`);
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('bc-agent-pairing') ?? '{}').url)).toBe(agent.origin);
  const native = cell.getByRole('radio', { name: /^Native ONNX Runtime \(agent\)/ });
  await expect(native).toBeEnabled({ timeout: 30_000 });
  await expect(cell.locator('label', { has: page.getByRole('radio', { name: /^Native ONNX Runtime \(agent\)/ }) })).toContainText(
    /agent connected: .+ cores.+GPUs: .+Node\.js v\d+/,
  );
  await nativeBesideBrowser(cell, /^WASM ONNX Runtime in WebAssembly, one thread/, native, 'mlp-inference', 'node-onnx');
  // The list names where each run came from: this page, or the agent and its host.
  await expect(runRows(cell).nth(1)).toContainText(/Native ONNX Runtime\s*agent \(.+\)/);
  await expect(runRows(cell).nth(0)).toContainText('this page');
});

test('node-webgpu through dawn with SwiftShader, where the agent finds an adapter', async ({ page }) => {
  const cell = await openPaired(page, 'vector-add');
  await cell.getByRole('spinbutton', { name: /Elements per vector/ }).fill('65536');
  const native = cell.getByRole('radio', { name: /^Native WebGPU \(agent\)/ });
  const label = cell.locator('label', { has: page.getByRole('radio', { name: /^Native WebGPU \(agent\)/ }) });
  await expect(label).toContainText(/agent connected|the agent cannot run it/, { timeout: 30_000 });
  test.skip((await label.textContent())!.includes('the agent cannot run it'), `dawn found no adapter here: ${await label.textContent()}`);
  await nativeBesideBrowser(cell, /^WebGPU WGSL kernels/, native, 'vector-add', 'node-webgpu');
});

test('the pairing survives a reload; the terminal unpairs and pairs again', async ({ page }) => {
  const cell = await openPaired(page, 'mlp-inference');
  const native = cell.getByRole('radio', { name: /^Native ONNX Runtime \(agent\)/ });
  await expect(native).toBeEnabled({ timeout: 30_000 });
  await page.reload();
  await expect(native).toBeEnabled({ timeout: 30_000 });
  await cell.getByRole('button', { name: 'Open the terminal' }).click();
  const screen = cell.locator('.xterm-rows');
  await screen.scrollIntoViewIfNeeded();
  await expect(screen).toContainText('Type help.');
  const type = async (line: string) => {
    await cell.locator('.xterm').click();
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  };
  await type('agent status');
  await expect(screen).toContainText(`agent connected: `);
  await expect(screen).toContainText('node-onnx: runs here');
  await type('agent unpair');
  await expect(screen).toContainText('unpaired: this browser forgot the pairing');
  await expect(native).toBeDisabled();
  await expect(cell.locator('label', { has: page.getByRole('radio', { name: /^Native ONNX Runtime \(agent\)/ }) })).toContainText('pair the agent');
  await type('run --target node-onnx');
  await expect(screen).toContainText('run: node-onnx runs natively through the agent, and no agent is connected');
  await type(`agent pair ${agent.link}`);
  await expect(screen).toContainText('node-onnx: runs here');
  await expect(native).toBeEnabled();
  await type('agent runs');
  await expect(screen).toContainText(/run\s+spec\s+target\s+state\s+outcome/);
});
