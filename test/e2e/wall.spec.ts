import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readCsv } from '../unit/fixtures/csv.ts';
import { seriousViolations } from './pages.ts';

// The results wall with real result files: two runs made in this Chromium through the lab page
// (js and WebGPU on SwiftShader), three made by `workbook run` in Node (one with other parameters,
// one from an edited copy of the spec), a broken file and a JSON file that is not a result.
test.describe.configure({ timeout: 240_000 });

const run = promisify(execFile);
const SPEC = 'lessons/specs/vector-add.bench.yaml';

/**
 * `workbook run` in Node, as a person would on their machine (each run stops by 10 s, the spec's cap).
 * It exits 1 for an INVALID result (a cap hit on a busy machine) after writing it: that record belongs on the wall too.
 */
async function workbookRun(spec: string, out: string, elements: number) {
  try {
    await run(process.execPath, ['runtime/cli/bin.mjs', 'run', spec, '--target', 'js', '--param', `elements=${elements}`, '--out', out], {
      timeout: 90_000,
    });
  } catch (e) {
    if ((e as { code?: unknown }).code !== 1 || !existsSync(out)) throw e;
  }
}

/** Runs a spec on the lab page and saves its "Download result" file. */
async function labResult(page: Page, query: string, file: string) {
  await page.goto(`/lab/?${query}`);
  await expect(page.getByRole('status')).toHaveText('Ready.');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Done: (VALID|INVALID)/, { timeout: 90_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download result' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^vector-add-.*\.json$/);
  await download.saveAs(file);
}

test('an instructor loads many result files, reads the grouped tables and exports them as CSV', async ({ page }, testInfo) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wall-'));
  const file = (name: string) => path.join(dir, name);
  // An edited copy of the spec: same id, a different hash (and a shorter cap, so it finishes sooner).
  const edited = file('vector-add-edited.bench.yaml');
  writeFileSync(edited, readFileSync(SPEC, 'utf8').replace('max-duration-ms: 10000', 'max-duration-ms: 3000'));
  // The Node runs go on while the browser runs: like a class, machines measure at the same time.
  const nodeRuns = (async () => {
    await workbookRun(SPEC, file('gpu-box-node.json'), 4096);
    await workbookRun(SPEC, file('gpu-box-node-8192.json'), 8192);
    await workbookRun(edited, file('gpu-box-edited-spec.json'), 4096);
  })();
  nodeRuns.catch(() => {}); // awaited below; this only keeps a failure from ending the test before then

  await labResult(page, 'spec=vector-add&target=js&elements=4096', file('laptop-js.json'));
  await labResult(page, 'spec=vector-add&target=browser-webgpu&elements=4096', file('laptop-webgpu.json'));
  await nodeRuns;
  writeFileSync(file('broken.json'), '{ "format": "benchmark-carpentry/result", ');
  writeFileSync(file('notes.json'), JSON.stringify({ title: 'my notes' }));

  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/wall/');
  const status = page.getByRole('status');
  await expect(status).toHaveText('No results yet.');
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  await page
    .getByLabel('Result files (.json)')
    .setInputFiles(
      [
        'laptop-js.json',
        'laptop-webgpu.json',
        'gpu-box-node.json',
        'gpu-box-node-8192.json',
        'gpu-box-edited-spec.json',
        'broken.json',
        'notes.json',
      ].map(file),
    );
  await expect(status).toHaveText('5 results from 1 spec in 3 tables. 2 files could not be read (listed below).');

  // Bad files: listed with their reason, no stack trace; the others are kept.
  const bad = page.getByRole('region', { name: 'Files not loaded' });
  await expect(bad.getByRole('listitem')).toHaveCount(2);
  await expect(bad.getByRole('listitem').filter({ hasText: 'broken.json' })).toContainText('not JSON');
  await expect(bad.getByRole('listitem').filter({ hasText: 'notes.json' })).toContainText(
    'not a Benchmark Carpentry result (expected "format": "benchmark-carpentry/result")',
  );
  await expect(bad).not.toContainText(/at \w+ \(|\.ts:\d+/);

  // One spec, its versions and parameter sets flagged.
  const spec = page.getByRole('region', { name: /vector-add/ }).first();
  await expect(spec.getByRole('heading', { level: 2 })).toContainText('vector-add');
  const specWarnings = spec.getByRole('list', { name: 'Warnings for vector-add' });
  await expect(specWarnings).toContainText('The spec "vector-add" changed between runs: 2 versions were loaded');
  await expect(specWarnings).toContainText('ran with 2 different parameter sets (elements=4096; elements=8192)');
  await expect(spec.getByRole('heading', { level: 3 })).toHaveText([
    /^spec version \d of 2 \(sha256:[0-9a-f]{8}…\) · parameters elements=4096$/,
    /^spec version \d of 2 \(sha256:[0-9a-f]{8}…\) · parameters elements=8192$/,
    /^spec version \d of 2 \(sha256:[0-9a-f]{8}…\) · parameters elements=4096$/,
  ]);

  // The table of the original spec at 4096 elements: the two browser runs and the Node run, ranked.
  const tables = spec.getByRole('table');
  const main = page.getByRole('region', { name: /^Runs: spec version \d of 2 .* elements=4096$/ }).filter({ has: page.getByText('laptop-js.json') });
  const rows = main.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.locator('td').first()).toHaveText('1');
  const machines = await main.getByRole('table').locator('tbody th[scope=row]').allTextContents();
  expect(
    machines.some((m) => /Chrome \d+ on Linux · \d+ cores? · google swiftshader \(CPU fallback\) · browser-webgpu \(webgpu\) · isolated/.test(m)),
  ).toBe(true);
  expect(machines.some((m) => /Chrome \d+ on Linux · \d+ cores? · js \(javascript\) · 1 thread · isolated/.test(m))).toBe(true);
  expect(machines.some((m) => /^Node\.js v\d+\.\d+\.\d+ on linux\/x64 · .+, \d+ cores? · js \(javascript\) · 1 thread/.test(m))).toBe(true);
  await expect(main.getByRole('columnheader')).toHaveText([
    /^#$/,
    'Machine',
    /^latency \(median\)/,
    /^bandwidth \(median\)/,
    /^Median per iteration/,
    /^vs best/,
    'Validity',
  ]);
  await expect(rows.first().locator('td').nth(4)).toHaveText(/^1\.00×$/);
  await expect(rows.locator('.bc-badge')).toHaveText([/^(VALID|INVALID)$/, /^(VALID|INVALID)$/, /^(VALID|INVALID)$/]);
  const group = page.getByRole('region', { name: /elements=4096$/ }).filter({ has: main });
  const groupWarnings = group.getByRole('list', { name: /^Warnings for/ });
  await expect(groupWarnings).toContainText('Mixed targets (browser-webgpu, js)');
  await expect(groupWarnings).toContainText('runs used a software (CPU fallback) WebGPU adapter (google swiftshader)');
  const differences = group.getByRole('region', { name: /^Environment differences/ });
  await expect(differences.getByRole('columnheader')).toContainText(['Run', 'target', 'host.kind', 'host.runtime']);
  await expect(differences.locator('tbody tr')).toHaveCount(3);
  expect(await tables.count()).toBe(3 + 1); // three run tables, one difference table (single-run tables have none)

  // Dropping a file that is already on the wall (the drop path, without a folder) skips it.
  await page.evaluate(
    (text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'copy-of-gpu-box-node.json', { type: 'application/json' }));
      document.getElementById('wall-drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    readFileSync(file('gpu-box-node.json'), 'utf8'),
  );
  await expect(status).toHaveText(
    '5 results from 1 spec in 3 tables. 2 files could not be read (listed below). 1 file already on the wall was skipped.',
  );

  // Accessible with content loaded.
  const serious = await seriousViolations(page);
  expect(serious).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('wall.png'), fullPage: true });

  // Export CSV: a header, then one line per run with its table.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^results-wall-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvPath = file('wall.csv');
  await download.saveAs(csvPath);
  const text = readFileSync(csvPath, 'utf8');
  expect(text.startsWith('\uFEFFspec_id,spec_title,spec_hash,spec_version,parameters,seed,table_warnings,rank,file,machine,')).toBe(true);
  const [header, ...lines] = readCsv(text.slice(1));
  expect(lines).toHaveLength(5);
  const col = (name: string) => {
    const i = header!.indexOf(name);
    expect(i, `column ${name}`).toBeGreaterThanOrEqual(0);
    return lines.map((l) => l[i]);
  };
  expect(header!.slice(-2)).toEqual(['latency median (ms, lower is better)', 'bandwidth median (GB/s, higher is better)']);
  expect(col('spec_id')).toEqual(Array(5).fill('vector-add'));
  expect(new Set(col('file'))).toEqual(
    new Set(['laptop-js.json', 'laptop-webgpu.json', 'gpu-box-node.json', 'gpu-box-node-8192.json', 'gpu-box-edited-spec.json']),
  );
  expect(col('parameters').filter((p) => p === 'elements=8192')).toHaveLength(1);
  expect(col('target').sort()).toEqual(['browser-webgpu', 'js', 'js', 'js', 'js']);
  expect(col('fallback_adapter').filter((f) => f === 'true')).toHaveLength(1);
  for (const v of col('latency median (ms, lower is better)')) expect(Number(v)).toBeGreaterThan(0);
  const webgpuLine = lines.find((l) => l[header!.indexOf('target')] === 'browser-webgpu')!;
  expect(webgpuLine[header!.indexOf('table_warnings')]).toContain('Mixed targets (browser-webgpu, js)');
  expect(webgpuLine[header!.indexOf('differences')]).toMatch(/^target=browser-webgpu; host\.kind=browser; /);

  // Clear empties the wall.
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(status).toHaveText('No results yet. The wall was cleared.');
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(bad).toBeHidden();
  expect(errors).toEqual([]);
});
