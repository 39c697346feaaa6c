// An A/A cell's run: k pairs of the same spec in the page's benchmark worker, each pair compared by the
// engine (runtime/results/compare.ts, in the worker) and counted by runtime/results/aa.ts. The table is
// plain DOM: one row per pair, with each run's lag-1 autocorrelation and effective sample size.
import { runAaPairs, summariseAa, type AaPair } from '../../runtime/results/aa.ts';
import { effectiveSampleSize, lag1Autocorrelation } from '../../runtime/results/autocorrelation.ts';
import type { ResultRecord } from '../../runtime/results/record.ts';
import type { Target } from '../../runtime/targets/index.ts';
import { engineClient } from '../cell/client.ts';
import type { ParamValues } from '../cell/protocol.ts';

export interface AaCellRun {
  specText: string;
  target: string;
  params: ParamValues;
  pairs: number;
  status: (text: string) => void;
  results: HTMLElement;
  stopWanted: () => boolean;
}

const fmt = (x: number, d = 3) => x.toFixed(d);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function serial(r: ResultRecord): { rho: string; nEff: string; n: number } {
  const xs = r.samples.perIteration;
  if (xs.length < 3) return { rho: '-', nEff: '-', n: xs.length };
  return { rho: fmt(lag1Autocorrelation(xs), 2), nEff: effectiveSampleSize(xs).toFixed(0), n: xs.length };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

export async function runAaCell(o: AaCellRun): Promise<void> {
  if (!Number.isInteger(o.pairs) || o.pairs < 1 || o.pairs > 40) throw new Error(`pairs must be a whole number from 1 to 40, got ${o.pairs}`);
  const client = engineClient();
  o.results.replaceChildren();
  const summary = el('p', undefined, { 'data-testid': 'aa-summary' });
  const table = el('table', undefined, { class: 'bc-table', 'data-testid': 'aa-pairs' });
  const caption = el(
    'caption',
    'Each A/A pair: run B over run A, the 95% interval of the ratio of the medians, the verdict, and each run’s serial correlation',
  );
  const head = el('tr');
  for (const h of ['Pair', 'B/A', '95% interval', 'Verdict', 'Samples A, B', 'Lag-1 autocorrelation A, B', 'Effective samples A, B'])
    head.append(el('th', h, { scope: 'col' }));
  const body = el('tbody');
  table.append(caption, el('thead'), body);
  table.tHead!.append(head);
  const scroll = el('div', undefined, { class: 'bc-table-scroll', role: 'group', 'aria-label': 'A/A pairs, scrollable' });
  scroll.append(table);
  o.results.append(summary, scroll);

  const done: AaPair[] = [];
  let k = 0;
  const runOnce = async (): Promise<ResultRecord> => {
    // Each pair is two runs: the first of a pair is A, the second B.
    const label = `Pair ${Math.floor(k / 2) + 1} of ${o.pairs}: run ${k % 2 === 0 ? 'A' : 'B'}…`;
    k++;
    o.status(label);
    const record = await client.run({ specText: o.specText, target: o.target as Target, overrides: o.params }).result;
    if (!record.validity.valid) o.status(`${label}: INVALID (${record.validity.reasons.join('; ')}); the pair will say inconclusive`);
    return record;
  };
  // The engine's A/A runner (runtime/results/aa.ts), comparing in the page's worker as the cells' Compare does.
  const s = await runAaPairs(runOnce, o.pairs, {
    compare: (a, b) => client.compare(a, b),
    stop: o.stopWanted,
    onPair: (pair, index, [a, b]) => {
      done.push(pair);
      const [sa, sb] = [serial(a), serial(b)];
      const row = el('tr', undefined, { 'data-false-win': String(pair.falseWin), 'data-conclusive': String(pair.conclusive) });
      row.append(
        el('th', String(index + 1), { scope: 'row' }),
        el('td', fmt(pair.ratio)),
        el('td', `${fmt(pair.ci95[0])} to ${fmt(pair.ci95[1])}`),
        el(
          'td',
          !pair.conclusive ? `inconclusive: ${pair.inconclusiveBecause[0]}` : pair.falseWin ? 'SIGNIFICANT (a false win)' : 'not significant',
          {
            class: pair.falseWin ? 'is-win' : '',
          },
        ),
        el('td', `${sa.n}, ${sb.n}`),
        el('td', `${sa.rho}, ${sb.rho}`),
        el('td', `${sa.nEff}, ${sb.nEff}`),
      );
      body.append(row);
      summary.textContent = summaryText(summariseAa(done));
    },
  });
  summary.textContent = summaryText(s);
  o.status(`Done: ${s.pairs} A/A pair${s.pairs === 1 ? '' : 's'}, ${s.falseWins} false win${s.falseWins === 1 ? '' : 's'}.`);
}

function summaryText(s: ReturnType<typeof summariseAa>): string {
  const head = `${s.pairs} A/A pair${s.pairs === 1 ? '' : 's'} of the same spec, the same parameters and the same seed; ${s.conclusive} could decide.`;
  if (s.rate === null || !s.rateCi95) return `${head} None could decide, so no false-win rate can be given.`;
  return `${head} ${s.falseWins} of ${s.conclusive} called the difference significant at the default alpha of ${s.alpha} (a 95% interval of the ratio that excludes 1): a false-win rate of ${pct(s.rate)} (95% Wilson interval ${pct(s.rateCi95[0])} to ${pct(s.rateCi95[1])}), against the ${pct(s.alpha)} the interval promises.`;
}
