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
