// The leakage cell's work: fetch the shipped test and fresh digits, check them against the SHA-256 the
// zoo's model card gives for each split, plant copies (runtime/eval/leakage-plant.ts) and show what the
// engine's finder (runtime/eval/leakage.ts) found against what was planted.
import { plantLeak } from '../../runtime/eval/leakage-plant.ts';
import { NEAR_RELATIVE_DIFF } from '../../runtime/eval/leakage.ts';
import { decodeDigits, sha256Hex } from '../../runtime/models/assets.ts';
import type { Digits } from '../../runtime/models/mnist.ts';
import { parseModelCard } from '../../runtime/models/zoo/card.ts';

export interface LeakageCellRun {
  exact: number;
  noisy: number;
  shifted: number;
  seed: number;
  status: (text: string) => void;
  results: HTMLElement;
}

let splits: Promise<{ test: Digits; fresh: Digits }> | undefined;

async function bytes(url: string): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}; build the workbook (npm start) so the zoo's files exist`);
  return new Uint8Array(await r.arrayBuffer());
}

/** The two shipped splits, each checked against the card of the model that names them. */
function loadSplits(): Promise<{ test: Digits; fresh: Digits }> {
  splits ??= (async () => {
    const base = new URL('/models', location.href).href;
    const cardUrl = `${base}/zoo/mnist-64.card.json`;
    const card = parseModelCard(new TextDecoder().decode(await bytes(cardUrl)), cardUrl);
    const get = async (name: 'test' | 'fresh', url: string) => {
      const b = await bytes(url);
      const want = card.data.splits[name]?.sha256;
      const got = sha256Hex(b);
      if (got !== want) throw new Error(`${url}: SHA-256 ${got} is not the ${name} split the model card names (${want}); rebuild the assets`);
      return decodeDigits(b, url);
    };
    const [test, fresh] = await Promise.all([get('test', `${base}/mnist-test.bin`), get('fresh', `${base}/zoo/mnist-fresh.bin`)]);
    return { test, fresh };
  })();
  splits.catch(() => {
    splits = undefined;
  });
  return splits;
}

const cell = (tag: 'td' | 'th', text: string, attrs: Record<string, string> = {}) => {
  const e = document.createElement(tag);
  e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

export async function runLeakageCell(o: LeakageCellRun): Promise<void> {
  o.status('Fetching the test and fresh digits and checking them against the model card…');
  const { test, fresh } = await loadSplits();
  o.status(`Planting copies into the ${fresh.count} fresh digits and searching them for each of the ${test.count} test digits…`);
  await new Promise((r) => setTimeout(r, 0));
  const r = plantLeak(fresh, test, { exact: o.exact, noisy: o.noisy, shifted: o.shifted, seed: o.seed });
  const f = r.found;
  const p = r.planted;
  const table = document.createElement('table');
  table.className = 'bc-table';
  table.dataset.testid = 'leakage-table';
  table.append(document.createElement('caption'));
  table.caption!.textContent = 'What was planted, and what the leakage finder found (test digits with a copy in the training set)';
  const head = table.createTHead().insertRow();
  for (const h of ['', 'Planted', 'Found by the finder']) head.append(cell('th', h, { scope: 'col' }));
  const body = table.createTBody();
  const row = (name: string, planted: string, found: string, id: string) => {
    const tr = body.insertRow();
    tr.dataset.row = id;
    tr.append(cell('th', name, { scope: 'row' }), cell('td', planted), cell('td', found));
  };
  row('Exact duplicates (identical pixels)', String(p.exact), String(f.exact), 'exact');
  row(
    `Near duplicates, exact ones included (pixels within ${NEAR_RELATIVE_DIFF * 100}% of the ink)`,
    `${p.exact + p.noisy} (exact + noisy, sigma ${r.noiseSigma})`,
    String(f.near),
    'near',
  );
  row(`Shifted by ${r.shiftPixels} pixels`, String(p.shifted), 'not a category the finder has', 'shifted');
  row('Candidates (same average hash; mostly different digits of the same shape)', '-', String(f.candidates), 'candidates');
  row('Near duplicates whose copy carries another label', '-', String(f.nearWithOtherLabel), 'other-label');
  const summary = document.createElement('p');
  summary.dataset.testid = 'leakage-summary';
  const planted = p.exact + p.noisy + p.shifted;
  const unnoticed = Math.max(0, planted - (f.near - r.before.near));
  summary.textContent =
    `Before planting, the finder sees ${r.before.exact} exact and ${r.before.near} near duplicates between the fresh and the test digits. ` +
    `After planting ${planted} copies (${p.exact} exact, ${p.noisy} noisy, ${p.shifted} shifted), it reports ${f.exact} exact and ${f.near} near duplicates (near includes exact): ` +
    `${unnoticed} of the ${planted} planted copies went unnoticed. ` +
    'A hash finds copies, not the same digit framed differently: a count of zero is a lower bound on leakage, not a proof of none.';
  o.results.replaceChildren(summary, table);
  o.status(`Done: ${f.exact} exact and ${f.near} near duplicates found, ${p.exact + p.noisy + p.shifted} copies planted.`);
}
