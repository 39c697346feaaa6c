import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../runtime/results/record.ts';
import { QualityPlots } from '../../src/cell/results/QualityPlots.tsx';

const record = (quality: Record<string, number> | undefined) => ({ quality }) as unknown as ResultRecord;

describe('QualityPlots', () => {
  it('draws the intervals, the confusion matrix (rows true, columns predicted) and the slices of an evaluation', () => {
    const html = renderToStaticMarkup(
      createElement(QualityPlots, {
        record: record({
          items: 4,
          accuracy: 0.75,
          'accuracy:ci95-low': 0.25,
          'accuracy:ci95-high': 1,
          'confusion:0:0': 2,
          'confusion:0:1': 0,
          'confusion:1:0': 1,
          'confusion:1:1': 1,
          'slice:ones:accuracy': 0.5,
          'slice:ones:items': 2,
          'slice:zeros:accuracy': 1,
          'slice:zeros:items': 2,
        }),
      }),
    );
    expect(html).toContain('Quality on 4 items, with 95% bootstrap intervals over the items');
    expect(html).toMatch(/<th scope="row">accuracy<\/th><td>0.7500<\/td><td>0.2500 to 1.0000<\/td>/);
    // Row 1 (true class 1): one taken for 0, one right; shading by the share of the row (50% each).
    expect(html).toMatch(
      /<tr><th scope="row">1<\/th><td class="[^"]*" style="background:color-mix\(in srgb, var\(--bc-confusion-ink, #1d4ed8\) 50%[^"]*">1<\/td>/,
    );
    expect(html).toContain('0.5000 (worst)');
  });
  it('draws nothing for a record without an evaluation (a lone accuracy stays in the statistics table)', () => {
    expect(renderToStaticMarkup(createElement(QualityPlots, { record: record({ accuracy: 0.9 }) }))).toBe('');
    expect(renderToStaticMarkup(createElement(QualityPlots, { record: record(undefined) }))).toBe('');
  });
});

describe('the evaluation plots (SVG, with captions in words)', () => {
  it('draw a robustness curve, item curves, an adaptive trace and static vs rotating, with no NaN anywhere', async () => {
    const { AdaptiveTrace, ItemCurves, RobustnessCurve, StaticVsRotating } = await import('../../src/cell/results/EvalPlots.tsx');
    const { adaptiveTest } = await import('../../runtime/irt/adaptive.ts');
    const { simulateTwoPl } = await import('../../runtime/irt/simulate.ts');
    const sim = simulateTwoPl(1, 50, 3);
    const trace = adaptiveTest(sim.items, (j) => (sim.responses[j] ? 1 : 0), 20);
    const html = [
      renderToStaticMarkup(
        createElement(RobustnessCurve, {
          kind: 'gaussian-noise',
          unit: 'sigma',
          points: [
            { strength: 0, value: 0.94, ci95: [0.93, 0.95] },
            { strength: 0.5, value: 0.56, ci95: [0.53, 0.59] },
          ],
        }),
      ),
      renderToStaticMarkup(createElement(ItemCurves, { items: sim.items.slice(0, 3).map((item, i) => ({ name: `item ${i}`, item })) })),
      renderToStaticMarkup(createElement(AdaptiveTrace, { name: 'model A', trace, fullTheta: 0.4 })),
      renderToStaticMarkup(
        createElement(StaticVsRotating, {
          rows: [
            { set: 'static', clean: 0.945, contaminated: 0.997, advantage: { value: 0.052, ci95: [0.042, 0.0625] } },
            { set: 'rotation 1', clean: 0.93, contaminated: 0.927, advantage: { value: -0.003, ci95: [-0.03, 0.02] } },
          ],
        }),
      ),
    ].join('\n');
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
    expect(html).toContain('Accuracy against gaussian-noise strength (sigma): from 0.940 at 0 to 0.560 at 0.5');
    expect(html).toContain('Item characteristic curves of 3 items');
    expect(html).toMatch(/Adaptive test of model A: ability estimate after each of 20 items, ending at -?\d\.\d\d \(sd 0\.\d\d\)/);
    expect(html).toMatch(/The contaminated model(&#x27;|')s advantage over its clean twin: static \+5\.2 points, rotation 1 -0\.3 points/);
    expect(html.match(/<path /g)!.length).toBeGreaterThanOrEqual(6);
  });
});
