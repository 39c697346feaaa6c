import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../runtime/results/compare.ts';
import { RegressionCall } from '../../src/cell/results/RegressionCall.tsx';

const comparison = (over: Partial<Comparison>): Comparison => ({
  comparable: true,
  reasons: [],
  differences: [],
  medianA: 1,
  medianB: 1.1,
  ratio: 1.1,
  ci95: [1.07, 1.13],
  conclusive: true,
  inconclusiveBecause: [],
  significant: true,
  summary: '',
  ...over,
});
const render = (c: Comparison) => renderToStaticMarkup(createElement(RegressionCall, { result: c })).replace(/<!-- -->/g, '');

describe('the regression call under a comparison', () => {
  it('calls a regression at the default 5% when the whole interval is above 1.05, naming the one change', () => {
    const html = render(comparison({ reasons: ['parameter model differs (mnist-32 vs mnist-64)'] }));
    expect(html).toContain('The one change: parameter model differs (mnist-32 vs mnist-64).');
    expect(html).toContain('REGRESSION: the whole 95% interval of new/old lies above 1 + 5%');
  });
  it('a significant slowdown whose interval crosses 1.05 is not enough evidence', () => {
    expect(render(comparison({ ci95: [1.01, 1.09] }))).toContain('NOT ENOUGH EVIDENCE');
  });
  it('an A/A comparison inside the band is no difference', () => {
    const html = render(comparison({ ci95: [0.98, 1.02], significant: false }));
    expect(html).toContain('an A/A comparison');
    expect(html).toContain('NO DIFFERENCE beyond 5%');
  });
  it('makes no call with two changes, or when the comparison is inconclusive, and says why', () => {
    expect(render(comparison({ reasons: ['parameter model differs', 'the input seed differs (1 vs 2)'] }))).toContain(
      'No regression call: more than one thing changed between the runs',
    );
    expect(render(comparison({ conclusive: false, inconclusiveBecause: ['run 2 is INVALID'] }))).toContain(
      'No regression call: the comparison is inconclusive (run 2 is INVALID).',
    );
  });
});
