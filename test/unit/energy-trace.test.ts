import { describe, expect, it } from 'vitest';
import { energyPerQuery, generatePowerTrace, idleWatts, integrateJoules, LAYERS } from '../../runtime/energy/index.ts';

describe('integrating power into energy', () => {
  it('a constant 10 W for 2 s is 20 J; a ramp from 0 to 10 W over 1 s is 5 J', () => {
    expect(integrateJoules({ timesMs: [0, 1000, 2000], watts: [10, 10, 10] })).toBeCloseTo(20, 12);
    expect(integrateJoules({ timesMs: [0, 500, 1000], watts: [0, 5, 10] })).toBeCloseTo(5, 12);
  });
  it('a window between samples is interpolated at its ends', () => {
    // 0..10 W over 0..1000 ms: from 250 to 750 ms the mean power is 5 W over 0.5 s.
    expect(integrateJoules({ timesMs: [0, 1000], watts: [0, 10] }, 250, 750)).toBeCloseTo(2.5, 12);
  });
  it('energy per query subtracts idle: 10 W idle, 30 W for 5 s, 100 queries is 1 J each, not 1.5', () => {
    const timesMs = Array.from({ length: 101 }, (_, i) => i * 100); // 0..10 s
    const watts = timesMs.map((t) => (t >= 2000 && t <= 7000 ? 30 : 10));
    const e = energyPerQuery({ timesMs, watts }, { startMs: 2000, endMs: 7000, queries: 100 });
    expect(e.idleW).toBeCloseTo(10, 12);
    expect(e.grossJ).toBeCloseTo(150, 12);
    expect(e.netJ).toBeCloseTo(100, 12);
    expect(e.joulesPerQuery).toBeCloseTo(1, 12);
  });
  it('bad input says where and why', () => {
    expect(() => integrateJoules({ timesMs: [0, 1], watts: [1] })).toThrow(/2 times but 1 power samples/);
    expect(() => integrateJoules({ timesMs: [0, 5, 5], watts: [1, 1, 1] })).toThrow(/sample 2 \(5 ms\) is not after 5 ms/);
    expect(() => integrateJoules({ timesMs: [0, 5], watts: [1, 1] }, 3, 3)).toThrow(/must lie inside the trace/);
    expect(() => idleWatts({ timesMs: [10, 20], watts: [1, 1] }, 5)).toThrow(/no sample before 5 ms/);
    expect(() => energyPerQuery({ timesMs: [0, 1000, 2000], watts: [1, 1, 1] }, { startMs: 1000, endMs: 2000, queries: 0 })).toThrow(/queries/);
  });
});

describe('generated power traces', () => {
  it('are seeded, labelled generated, and differ between seeds', () => {
    const a = generatePowerTrace(7);
    expect(generatePowerTrace(7)).toEqual(a);
    expect(generatePowerTrace(8).watts.package).not.toEqual(a.watts.package);
    expect(a.source).toBe('generated');
    expect(a.seed).toBe(7);
  });
  it('the wall sees more than the three other meters together, at every sample', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const t = generatePowerTrace(seed);
      t.timesMs.forEach((_, i) => {
        expect(t.watts.wall[i]!).toBeGreaterThan(t.watts.package[i]! + t.watts.dram[i]! + t.watts.board[i]!);
      });
    }
  });
  it('the run adds energy over idle on the layer doing the work; idle before and after the run agree', () => {
    for (const device of ['cpu', 'gpu'] as const) {
      const t = generatePowerTrace(11, { device });
      const layer = device === 'cpu' ? 'package' : 'board';
      const s = { timesMs: t.timesMs, watts: t.watts[layer] };
      const e = energyPerQuery(s, t.run);
      expect(e.netJ).toBeGreaterThan(0.5 * e.grossJ - e.idleJ);
      const after = s.watts.filter((_, i) => t.timesMs[i]! > t.run.endMs + 400);
      const idleAfter = after.reduce((a, x) => a + x, 0) / after.length;
      expect(Math.abs(idleAfter / e.idleW - 1)).toBeLessThan(0.05);
    }
    expect(LAYERS).toEqual(['package', 'dram', 'board', 'wall']);
  });
});

describe('energy and power units in answers', () => {
  it('J, mJ, kJ and W, mW convert within their quantity, and a power is not an energy', async () => {
    const { convert, lookupUnit } = await import('../../runtime/exercises/units.ts');
    expect(convert(250, 'mJ', 'J')).toBeCloseTo(0.25, 12);
    expect(convert(1.5, 'kW', 'W')).toBe(1500);
    expect(lookupUnit('joules')?.name).toBe('J');
    expect(() => convert(1, 'W', 'J')).toThrow(/cannot convert W to J/);
  });
});
