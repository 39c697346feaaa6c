import { describe, expect, it } from 'vitest';
import { loadSummaryText } from '../../src/cell/results/LoadPlots.tsx';
import type { ResultRecord } from '../../runtime/results/record.ts';

// The cell's LoadGen-style summary: the record's summary in the terminal's words, and the accuracy run apart.
const summary = {
  result: 'INVALID',
  reasons: ['The p99 latency, 44.0 ms, exceeds the bound of 20.0 ms: reduce the target QPS.'],
  notes: ["Judged by the workbook's short teaching rules, not MLPerf's ten-minute runs: not a compliant MLPerf result."],
  queries: { issued: 662, completed: 662, failed: 0, incomplete: 0 },
  samplesCompleted: 662,
  durationMs: 7100,
  latencyMs: { min: 0.04, mean: 4.49, p50: 1.26, p90: 9.88, p95: 19.6, p99: 43.98, max: 91.1 },
  percentileDefinition: 'x',
  percentile: { p: 99, valueMs: 43.98, earlyStopping: null },
  latencyBoundMs: 20,
  overBound: { count: 13, queriesNeeded: 2000 },
  qps: { target: 100, scheduled: 93.25, completed: 93.11 },
  samplesPerSecond: null,
  issueDelayMs: { p50: 0.69, p99: 43.7, max: 90.8 },
};
const record = (accuracy?: object) =>
  ({
    scenario: 'server',
    load: { rules: 'workbook', mode: accuracy ? 'both' : 'performance', summary, ...(accuracy ? { accuracy } : {}) },
  }) as unknown as ResultRecord;

describe('the LoadGen-style summary a load run shows', () => {
  it('reads like the terminal: scenario, rules, rates, p99 against the bound, the result and why', () => {
    const text = loadSummaryText(record({ samples: 2000, values: { accuracy: 0.9545 } }));
    expect(text).toContain('Scenario : server');
    expect(text).toContain("Rules    : the workbook's teaching defaults (short runs; not MLPerf-compliant)");
    expect(text).toContain('Scheduled QPS : 93.25');
    expect(text).toContain('p99 latency : 43.980 ms (bound 20.000 ms)');
    expect(text).toContain('Result   : INVALID');
    expect(text).toContain('  * The p99 latency, 44.0 ms, exceeds the bound');
    expect(text).toContain('Accuracy mode (a separate, untimed run): 2000 samples, each once; accuracy 95.45%');
  });
  it('says when no accuracy run was made, instead of leaving it out silently', () => {
    expect(loadSummaryText(record())).toContain('Accuracy mode: not run (mode performance)');
  });
});
