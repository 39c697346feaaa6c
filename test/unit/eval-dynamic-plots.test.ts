import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { irtQuality, memorisationQuality } from '../../runtime/eval/dynamic-run.ts';
import { irtReport } from '../../runtime/eval/irt-report.ts';
import { memorisationReport } from '../../runtime/eval/memorisation.ts';
import { simulateTwoPl } from '../../runtime/irt/simulate.ts';
import type { ResultRecord } from '../../runtime/results/record.ts';
import { DynamicPlots } from '../../src/cell/results/DynamicPlots.tsx';

const record = (quality: Record<string, number> | undefined) => ({ quality }) as unknown as ResultRecord;

describe('DynamicPlots', () => {
  const sim = simulateTwoPl(6, 150, 9);
  const names = ['a', 'b', 'c', 'd', 'e', 'f'];
  const report = irtReport({ names, items: 150, responses: sim.responses }, { seed: 2, maxItems: 40, randomOrders: 3 });
  const q = irtQuality(
    report,
    'c',
    Array.from({ length: 150 }, (_, j) => j),
  );

  it('draws the abilities best first, item curves, the ranking trace, the traced model and where it fails, from the record numbers', () => {
    const html = renderToStaticMarkup(createElement(DynamicPlots, { record: record(q) }));
    expect(html).not.toMatch(/NaN|undefined/);
    for (const id of ['irt', 'irt-abilities', 'item-curves', 'ranking-trace', 'adaptive-trace', 'irt-fails'])
      expect(html).toContain(`data-testid="${id}"`);
    const order = [...html.matchAll(/data-model="([a-f])"/g)].map((m) => m[1]);
    const best = [...report.abilities].sort((x, y) => y.theta - x.theta).map((x) => x.name);
    expect(order).toEqual(best);
    expect(html).toContain(`Adaptive test of c: ability estimate after each of 40 items`);
    expect(html).toContain(report.converged ? `converged in ${report.iterations} iterations` : 'DID NOT CONVERGE');
    if (report.itemsToFullRanking === null) expect(html).toContain('Within 40 items the adaptive test never settles on the full-set ranking');
    else expect(html).toContain(`from ${report.itemsToFullRanking} items on`);
  });

  it('a fit that did not converge says so instead of presenting estimates', () => {
    const html = renderToStaticMarkup(createElement(DynamicPlots, { record: record({ ...q, 'irt:converged': 0, 'irt:iterations': 500 }) }));
    expect(html).toContain('DID NOT CONVERGE after 500 iterations: its numbers are not estimates');
  });

  it('draws both models on the static set and on each rotating set, with the advantage', () => {
    const right = (p: number, n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => ((i * 7919 + seed) % 100 < p * 100 ? 1 : 0));
    const m = memorisationReport(
      { clean: { test: right(0.9, 400, 1), fresh: right(0.9, 500, 2) }, contaminated: { test: right(0.99, 400, 1), fresh: right(0.9, 500, 3) } },
      { rotations: 2, count: 200, seed: 4, resamples: 200 },
    );
    const html = renderToStaticMarkup(createElement(DynamicPlots, { record: record(memorisationQuality(m, 'mnist-64-contaminated', 'mnist-64')) }));
    expect(html).not.toMatch(/NaN|undefined/);
    expect(html).toContain('data-testid="static-vs-rotating"');
    expect(html).toContain(`<span data-testid="memorisation-static-model">${(m.static.contaminated * 100).toFixed(2)}%</span>`);
    expect(html).toContain(`<span data-testid="memorisation-static-twin">${(m.static.clean * 100).toFixed(2)}%</span>`);
    expect(html).toContain('<th scope="col">mnist-64</th><th scope="col">mnist-64-contaminated</th>');
    expect(html).toMatch(/rotation 2 \(seed \d+\)/);
  });

  it('draws nothing for an evaluation without irt or memorisation', () => {
    expect(renderToStaticMarkup(createElement(DynamicPlots, { record: record({ accuracy: 0.9, 'confusion:0:0': 1 }) }))).toBe('');
    expect(renderToStaticMarkup(createElement(DynamicPlots, { record: record(undefined) }))).toBe('');
  });
});
