/**
 * The SAMPLE result files of the procurement episode: shipped files equal a fresh run of their seeded
 * generator byte for byte, every one says it is a sample, they read back as result records of the episode's
 * spec, and the results wall ranks them with the engine's own verdicts (a machine that missed the quality
 * target and one whose p99 is not backed by enough queries are INVALID, however fast).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWall } from '../../runtime/results/wall.ts';
import { parseResultRecord } from '../../runtime/results/record.ts';
import { specHash } from '../../runtime/spec/hash.ts';
import { loadSpec } from '../../runtime/spec/load.ts';
import { procurementSamples, SAMPLE_MACHINES, SAMPLE_NOTE, SPEC_FILE } from '../../scripts/procurement-samples.ts';

const fresh = await procurementSamples();
const shipped = fresh.map((f) => ({ file: f.file, text: readFileSync(f.file, 'utf8') }));
const records = shipped.map((f) => {
  const { record, errors } = parseResultRecord(f.text);
  expect(errors).toEqual([]);
  return { file: f.file, record: record! };
});

describe('procurement sample results', () => {
  it("the shipped files are the generator's output, byte for byte (run npx node scripts/procurement-samples.ts after a change)", () => {
    expect(fresh.map((f) => f.file)).toEqual(SAMPLE_MACHINES.map((m) => `public/samples/procurement/machine-${m.id}.json`));
    for (const [i, f] of fresh.entries()) expect(shipped[i]!.text === f.text, f.file).toBe(true);
  });

  it('every record says it is a sample: in its host, its backend and its first note', () => {
    for (const { record } of records) {
      expect(record.environment.host.sample).toBe(true);
      expect(String(record.environment.host.runtime)).toMatch(/^SAMPLE machine [A-E] \(generated, not measured\)$/);
      expect(String(record.environment.target.backend)).toMatch(/^sample: .* \(generated\)$/);
      expect(record.validity.notes[0]).toBe(SAMPLE_NOTE);
    }
  });

  it("they are runs of the episode spec as it is now (same hash), so a learner's own run joins their table", () => {
    const { spec } = loadSpec(readFileSync(SPEC_FILE, 'utf8'), SPEC_FILE);
    for (const { record } of records) expect(record.spec.hash).toBe(specHash(spec!));
  });

  it("the wall ranks them in one table: valid runs by p99, then the invalid ones with the engine's reasons", () => {
    const wall = buildWall(records);
    expect(wall.specs).toHaveLength(1);
    const [group] = wall.specs[0]!.groups;
    expect(wall.specs[0]!.groups).toHaveLength(1);
    expect(group!.metrics[0]).toMatchObject({ name: 'latency', aggregation: 'p99', direction: 'lower' });
    const machine = (file: string) => file.replace(/^.*machine-(.)\.json$/, '$1');
    expect(group!.rows.map((r) => [machine(r.file), r.valid])).toEqual([
      ['c', true],
      ['a', true],
      ['e', true],
      ['d', false],
      ['b', false],
    ]);
    const reasons = Object.fromEntries(group!.rows.map((r) => [machine(r.file), r.reasons.join(' ')]));
    expect(reasons.d).toMatch(/accuracy 0\.8610 is below the quality target 0\.9/);
    expect(reasons.b).toMatch(/Early stopping not met/);
    // Machine D is the fastest of all, and still ranks below every valid machine.
    const p99 = Object.fromEntries(group!.rows.map((r) => [machine(r.file), r.values[0]!]));
    expect(Math.min(...Object.values(p99))).toBe(p99.d);
  });
});
