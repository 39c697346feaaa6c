// RAPL on a fake powercap tree (test/fixtures/powercap): zones found, wrap-around, idle subtracted,
// energy per item, and "not available" with its reason when nothing can be read.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { defaultEnergyProbe, energyProbe, findEnergySources } from '../../runtime/node/energy/index.ts';
import { counterDelta, findRaplZones, RaplAccumulator } from '../../runtime/node/energy/rapl.ts';
import type { EnergyWindow } from '../../runtime/node/energy/types.ts';

const NO_NVIDIA = { PATH: '/nonexistent' };
const copyTree = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bc-powercap-'));
  cpSync('test/fixtures/powercap', dir, { recursive: true });
  return dir;
};

/** Advances the tree's counters as a CPU drawing `watts()` per zone would, wrapping at 20 J, until stopped. */
function drive(dir: string, watts: () => Record<string, number>) {
  const max = 20_000_000;
  const energy: Record<string, number> = { 'intel-rapl:0': 19_999_000, 'intel-rapl:0:1': 200, 'intel-rapl:1': 300 };
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    const w = watts();
    for (const zone of Object.keys(energy)) {
      energy[zone]! += (w[zone] ?? 0) * (now - last) * 1000; // W x ms = mJ; x 1000 = µJ
      writeFileSync(path.join(dir, zone, 'energy_uj'), `${Math.floor(energy[zone]! % max)}\n`);
    }
    last = now;
  };
  const timer = setInterval(tick, 2);
  return { tick, stop: () => clearInterval(timer) };
}

/** A timed region of `ms` that ran 10 iterations of one item each, then the reading. */
async function timedRegion(window: EnergyWindow, ms: number) {
  window.mark(performance.now(), 0);
  await new Promise((r) => setTimeout(r, ms));
  window.mark(performance.now(), 10);
  return window.end(1);
}

describe('RAPL zones', () => {
  it('finds the packages and DRAM, and skips core (inside the package) and the MMIO copy', () => {
    const found = findRaplZones('test/fixtures/powercap');
    expect('zones' in found && found.zones.map((z) => [z.domain, z.covers, z.maxUj])).toEqual([
      ['rapl:package-0', 'CPU package', 20_000_000],
      ['rapl:package-0/dram', 'DRAM', 20_000_000],
      ['rapl:package-1', 'CPU package', 20_000_000],
    ]);
  });

  it('counts across a wrap: a reading below the one before means the counter passed its range once', () => {
    expect(counterDelta(100, 350, 20_000_000)).toBe(250);
    expect(counterDelta(19_999_000, 500, 20_000_000)).toBe(1500);
    const dir = copyTree();
    const zones = (findRaplZones(dir) as { zones: never[] }).zones;
    const acc = new RaplAccumulator(zones);
    writeFileSync(path.join(dir, 'intel-rapl:0', 'energy_uj'), '1000\n'); // from 19 999 000: wrapped, 2000 µJ later
    writeFileSync(path.join(dir, 'intel-rapl:1', 'energy_uj'), '1300\n');
    acc.read();
    expect(acc.totalUj).toEqual([2000, 0, 1000]);
  });

  it('says why when there is nothing to read: no tree, no zones, a counter only root may read', async () => {
    expect(findRaplZones('/nonexistent/powercap')).toEqual({
      reason: 'RAPL: no /nonexistent/powercap (not Linux, no RAPL driver, or a virtual machine that hides it)',
    });
    const empty = mkdtempSync(path.join(tmpdir(), 'bc-empty-'));
    expect(findRaplZones(empty)).toEqual({ reason: `RAPL: ${empty} has no intel-rapl zones (the intel_rapl driver is not loaded)` });
    const locked = copyTree();
    for (const z of ['intel-rapl:0', 'intel-rapl:0:1', 'intel-rapl:1']) {
      // A file that cannot be read as text (a directory stands in for root-only permissions: the tests may run as root).
      rmSync(path.join(locked, z, 'energy_uj'));
      mkdirSync(path.join(locked, z, 'energy_uj'));
    }
    expect((findRaplZones(locked) as { reason: string }).reason).toMatch(/energy_uj are readable by root only .*sudo chmod a\+r/);
    const sources = await findEnergySources({ powercapRoot: '/nonexistent/powercap', env: NO_NVIDIA });
    const window = await energyProbe(sources).begin(() => {});
    window.mark(1, 0);
    window.mark(2000, 10);
    expect(await window.end(1)).toEqual({
      status: 'not available',
      reasons: [
        'RAPL: no /nonexistent/powercap (not Linux, no RAPL driver, or a virtual machine that hides it)',
        'NVIDIA: nvidia-smi is not installed (no NVIDIA driver)',
      ],
    });
  });
});

describe('energy over the timed region', { timeout: 20_000 }, () => {
  it('subtracts idle power measured first, counts across wraps, and divides by the items run', async () => {
    const dir = copyTree();
    let busy = false;
    const driver = drive(dir, () =>
      busy ? { 'intel-rapl:0': 40, 'intel-rapl:0:1': 5, 'intel-rapl:1': 12 } : { 'intel-rapl:0': 10, 'intel-rapl:0:1': 2, 'intel-rapl:1': 12 },
    );
    try {
      const sources = await findEnergySources({ powercapRoot: dir, env: NO_NVIDIA });
      expect(sources.unavailable).toEqual(['NVIDIA: nvidia-smi is not installed (no NVIDIA driver)']);
      const lines: string[] = [];
      const window = await energyProbe(sources, { idleMs: 1000 }).begin((l) => lines.push(l));
      expect(lines[0]).toMatch(/^energy: measuring idle power for 1000 ms before the run \(rapl:package-0 \(CPU package\), /);
      busy = true;
      await new Promise((r) => setTimeout(r, 50));
      let iterations = 1000;
      for (let i = 0; i <= 20; i++) {
        driver.tick();
        window.mark(performance.now(), iterations);
        iterations += 50;
        await new Promise((r) => setTimeout(r, 50));
      }
      const r = await window.end(4);
      if (r.status !== 'measured') throw new Error(`not measured: ${r.reasons.join('; ')}`);
      const s = r.windowMs / 1000;
      const [pkg, dram, pkg1] = r.domains;
      // Package 0: 40 W busy, 10 W idle; it wrapped every 0.5 s, so without wrap handling this is far off.
      expect(pkg!.grossJ / s).toBeGreaterThan(40 * 0.85);
      expect(pkg!.grossJ / s).toBeLessThan(40 * 1.15);
      // The fake's timer lags on a busy machine: a fifth either way (broken idle handling is off by all of it).
      expect(pkg!.idleW).toBeGreaterThan(10 * 0.8);
      expect(pkg!.idleW).toBeLessThan(10 * 1.2);
      expect(pkg!.netJ / s).toBeGreaterThan(30 * 0.8);
      expect(pkg!.netJ / s).toBeLessThan(30 * 1.2);
      expect(dram!.netJ / s).toBeGreaterThan(3 * 0.7);
      expect(dram!.netJ / s).toBeLessThan(3 * 1.3);
      // Package 1 drew the same busy and idle: nothing beyond idle.
      expect(Math.abs(pkg1!.netJ / s)).toBeLessThan(12 * 0.25);
      expect(r.iterations).toBe(1000);
      expect(r.items).toBe(4000);
      expect(r.joulesPerItem).toBeCloseTo(r.netJ / 4000, 12);
      expect(r.netJ).toBeCloseTo(pkg!.netJ + dram!.netJ + pkg1!.netJ, 9);
      expect(pkg!.method).toBe(`RAPL powercap counter ${path.join(dir, 'intel-rapl:0', 'energy_uj')} (µJ, wraps at 20000000)`);
    } finally {
      driver.stop();
    }
  });

  it('a counter that never moves gives zero beyond idle and says so, never a figure of its own', async () => {
    const dir = copyTree();
    const window = await energyProbe(await findEnergySources({ powercapRoot: dir, env: NO_NVIDIA }), { idleMs: 100 }).begin(() => {});
    const r = await timedRegion(window, 100);
    expect(r.status).toBe('measured');
    if (r.status !== 'measured') return;
    expect(r.netJ).toBe(0);
    expect(r.notes).toContain('the run used no more than idle power within what the counters resolve: its energy is lost in the idle noise');
  });

  it('a run that never reached its timed phase has no reading', async () => {
    const window = await energyProbe(await findEnergySources({ powercapRoot: copyTree(), env: NO_NVIDIA }), { idleMs: 50 }).begin(() => {});
    expect(await window.end(1)).toEqual({
      status: 'not available',
      reasons: ['the run ended before its timed phase had lasted long enough to read a counter twice'],
    });
  });

  it('WORKBOOK_ENERGY_IDLE_MS outside 50..60000 ms is not used: 1000 ms is, and the record says so', { timeout: 20_000 }, async () => {
    for (const bad of ['1e9', 'Infinity', '1e-14', '0', '-5', 'abc']) {
      const { text } = await defaultEnergyProbe({ ...NO_NVIDIA, WORKBOOK_POWERCAP_ROOT: copyTree(), WORKBOOK_ENERGY_IDLE_MS: bad });
      expect(text).toContain(`WORKBOOK_ENERGY_IDLE_MS=${bad} is not a time between 50 and 60000 ms: idle was measured for 1000 ms`);
    }
    const lines: string[] = [];
    const { probe } = await defaultEnergyProbe({ ...NO_NVIDIA, WORKBOOK_POWERCAP_ROOT: copyTree(), WORKBOOK_ENERGY_IDLE_MS: '1e9' });
    const window = await probe.begin((l) => lines.push(l));
    expect(lines[0]).toMatch(/^energy: measuring idle power for 1000 ms/);
    const r = await timedRegion(window, 50);
    expect(r.status === 'measured' && r.idleMeasuredMs).toBeGreaterThanOrEqual(1000);
    expect(r.status === 'measured' && r.notes).toContain(
      'WORKBOOK_ENERGY_IDLE_MS=1e9 is not a time between 50 and 60000 ms: idle was measured for 1000 ms',
    );
    const { text } = await defaultEnergyProbe({ ...NO_NVIDIA, WORKBOOK_POWERCAP_ROOT: copyTree(), WORKBOOK_ENERGY_IDLE_MS: '200' });
    expect(text).not.toMatch(/WORKBOOK_ENERGY_IDLE_MS/);
  });

  it("energyProbe's idleMs is guarded alike: a 1e-14 ms idle gave a NaN idle power", { timeout: 20_000 }, async () => {
    const window = await energyProbe(await findEnergySources({ powercapRoot: copyTree(), env: NO_NVIDIA }), { idleMs: 1e-14 }).begin(() => {});
    const r = await timedRegion(window, 50);
    expect(r.status).toBe('measured');
    if (r.status !== 'measured') return;
    expect(r.domains.every((d) => Number.isFinite(d.idleW) && Number.isFinite(d.netJ))).toBe(true);
    expect(r.idleMeasuredMs).toBeGreaterThanOrEqual(1000);
    expect(r.notes).toContain('idleMs=1e-14 is not a time between 50 and 60000 ms: idle was measured for 1000 ms');
  });
});
