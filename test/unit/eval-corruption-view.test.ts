import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../runtime/results/record.ts';
import { QualityPlots } from '../../src/cell/results/QualityPlots.tsx';

const record = (quality: Record<string, number>) => ({ quality }) as unknown as ResultRecord;
const base = { items: 4, accuracy: 0.9, 'confusion:0:0': 2, 'confusion:1:1': 2 };
const curve = (points: Record<number, number>) =>
  Object.fromEntries(
    Object.entries(points).flatMap(([s, a]) => [
      [`robustness:${s}:accuracy`, a],
      [`robustness:${s}:ci95-low`, a - 0.02],
      [`robustness:${s}:ci95-high`, a + 0.02],
    ]),
  );

describe('the corruption-error table under a robustness curve', () => {
  it('gives error and error minus clean error per severity, and both sums (0.1 + 0.3 and 0.05 + 0.25)', () => {
    const html = renderToStaticMarkup(
      createElement(QualityPlots, { record: record({ ...base, 'robustness:kind:rotation': 1, ...curve({ 0: 0.95, 10: 0.9, 20: 0.7 }) }) }),
    );
    expect(html).toContain('Errors under rotation, per severity: clean error 0.0500');
    expect(html).toMatch(/<th scope="row">1 \(10\)<\/th><td>0.9000<\/td><td>0.1000<\/td><td>0.0500<\/td>/);
    expect(html).toMatch(/<th scope="row">2 \(20\)<\/th><td>0.7000<\/td><td>0.3000<\/td><td>0.2500<\/td>/);
    expect(html).toContain('<td data-testid="error-sum">0.4000</td><td data-testid="increase-sum">0.3000</td>');
  });
  it('says why there is no corruption error when the curve has no clean point', () => {
    const html = renderToStaticMarkup(
      createElement(QualityPlots, { record: record({ ...base, 'robustness:kind:shift': 1, ...curve({ 1: 0.8, 2: 0.6 }) }) }),
    );
    expect(html).toContain('No corruption error for this run: shift curve: no clean point (strength 0)');
  });
  it('draws no table for an evaluation without a curve', () => {
    expect(renderToStaticMarkup(createElement(QualityPlots, { record: record(base) }))).not.toContain('corruption-errors');
  });
});
