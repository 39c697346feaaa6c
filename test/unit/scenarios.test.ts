import { describe, expect, it } from 'vitest';
import { resultRecordSchema } from '../../runtime/results/record.ts';
import { SCENARIOS, SCENARIO_TABLE, isScenario, scenarioChoices } from '../../runtime/scenarios.ts';
import { specJsonSchema, specSchema } from '../../runtime/spec/index.ts';

describe('the one list of scenarios', () => {
  it('is what the spec schema, its JSON Schema and the result record accept', () => {
    const specEnum = specSchema.shape.constraints.shape.scenario.options;
    expect(specEnum).toEqual(SCENARIOS);
    expect(resultRecordSchema.shape.scenario.options).toEqual(SCENARIOS);
    const json = JSON.stringify(specJsonSchema());
    for (const s of SCENARIOS) expect(json).toContain(`\`${s}\` (${SCENARIO_TABLE[s].brief})`);
  });
  it('says each scenario in one line, and which metric kind its run reports', () => {
    for (const s of SCENARIOS) {
      expect(SCENARIO_TABLE[s].description).toMatch(/^[A-Z].*\.$/);
      expect(['latency', 'throughput']).toContain(SCENARIO_TABLE[s].reports);
    }
  });
  it('refuses what is not one, including inherited names', () => {
    expect(isScenario('offline')).toBe(true);
    expect(isScenario('server')).toBe(true);
    expect(isScenario('multistream')).toBe(false);
    expect(isScenario('toString')).toBe(false);
    expect(isScenario(undefined)).toBe(false);
  });
  it('lists them in words', () => {
    expect(scenarioChoices()).toBe(
      '`single-stream` (one at a time, latency), `multi-stream` (several samples per query, p99), `server` (Poisson arrivals at a target QPS, p99 within a bound) or `offline` (all at once, throughput)',
    );
    expect(scenarioChoices((s) => `'${s}'`, false)).toBe("'single-stream', 'multi-stream', 'server' or 'offline'");
  });
});
