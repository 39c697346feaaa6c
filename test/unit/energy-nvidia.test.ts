// NVIDIA energy through a fake `nvidia-smi` on PATH: a script that answers the queries the workbook makes
// and, in its loop, reports the power in a file and an energy counter that integrates it.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { energyProbe, findEnergySources } from '../../runtime/node/energy/index.ts';
import type { EnergyWindow } from '../../runtime/node/energy/types.ts';
import { nvidiaEnergy, nvidiaGpus, nvidiaSmi, parseNvidiaLine } from '../../runtime/node/energy/nvidia.ts';
import { shortVectorAdd } from './spec-fixtures.ts';

// FAKE_NVIDIA_MODE makes it misbehave as a tester's fake did (tmp-break/fake/fake.cjs): hang (every call
// ignores SIGTERM and never answers), hangloop (only the loop does), list-dup (board 0 listed twice),
// neg-idle / neg-run (power printed negative below / above 100 W), inf (power printed as a 401-digit
// number, Infinity to Number), reset-run (the energy counter drops to near zero in the run, a driver reset).
const FAKE = `#!/usr/bin/env node
const fs = require('fs');
const args = process.argv.slice(2).join(' ');
const mode = process.env.FAKE_NVIDIA_MODE || '';
const i = process.argv.indexOf('-lms');
if (mode === 'hang' || (mode === 'hangloop' && i >= 0)) process.on('SIGTERM', () => {});
if (mode === 'hang') { fs.writeFileSync(process.env.FAKE_NVIDIA_POWER + '.pid', String(process.pid)); setInterval(() => {}, 1e6); return; }
if (args.includes('index,name,driver_version,memory.total')) {
  console.log('0, NVIDIA Fake H100, 555.42.06, 81559 MiB');
  if (mode === 'list-dup') console.log('0, NVIDIA Fake H100, 555.42.06, 81559 MiB');
  process.exit(0);
}
// As an H200 on driver 580.159.04 in a virtual machine answered (on stdout, exit 2): the field is unknown.
if (process.env.FAKE_NVIDIA_NO_FIELD === '1' && args.includes('total_energy_consumption')) {
  console.log('Field "total_energy_consumption" is not a valid field to query.');
  process.exit(2);
}
const watts = () => Number(fs.readFileSync(process.env.FAKE_NVIDIA_POWER, 'utf8'));
const noCounter = process.env.FAKE_NVIDIA_NO_COUNTER === '1';
const shown = (w) =>
  (mode === 'neg-idle' && w < 100) || (mode === 'neg-run' && w > 100) ? (-w).toFixed(2) : mode === 'inf' ? '1' + '0'.repeat(400) : w.toFixed(2);
let mj = 123456789, last = Date.now(), busy = 0;
const line = () => {
  const now = Date.now(), w = watts();
  mj += w * (now - last); last = now;
  if (mode === 'reset-run' && w > 100 && ++busy === 10) mj -= 123456789;
  console.log(args.includes('total_energy_consumption') ? '0, ' + shown(w) + ', ' + (noCounter ? '[N/A]' : Math.round(mj)) : '0, ' + shown(w));
};
if (i < 0) { line(); process.exit(0); }
setInterval(line, Number(process.argv[i + 1]));
`;

function fakeNvidia(options: { counter: boolean; noField?: boolean; mode?: string }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bc-nvidia-'));
  const bin = path.join(dir, 'nvidia-smi');
  writeFileSync(bin, FAKE);
  chmodSync(bin, 0o755);
  const power = path.join(dir, 'power');
  writeFileSync(power, '50');
  return {
    env: {
      ...process.env,
      PATH: `${dir}:${process.env.PATH}`,
      FAKE_NVIDIA_POWER: power,
      FAKE_NVIDIA_NO_COUNTER: options.counter ? '0' : '1',
      FAKE_NVIDIA_NO_FIELD: options.noField ? '1' : '0',
      FAKE_NVIDIA_MODE: options.mode ?? '',
    },
    setWatts: (w: number) => writeFileSync(power, String(w)),
    pidFile: `${power}.pid`,
  };
}

/**
 * The timed region of a run on the fake board: `watts` from now on, marked after `leadMs` (the first
 * report of the timed phase) and again `regionMs` later with `iterations` run; then the reading.
 */
async function readRegion(
  window: EnergyWindow,
  fake: ReturnType<typeof fakeNvidia>,
  watts: number,
  leadMs: number,
  regionMs: number,
  iterations: number,
  itemsPerIteration: number,
) {
  fake.setWatts(watts);
  await new Promise((r) => setTimeout(r, leadMs));
  window.mark(performance.now(), 0);
  await new Promise((r) => setTimeout(r, regionMs));
  window.mark(performance.now(), iterations);
  return window.end(itemsPerIteration);
}

/** readRegion's reading, which must be measured. */
async function measureRegion(...args: Parameters<typeof readRegion>) {
  const r = await readRegion(...args);
  if (r.status !== 'measured') throw new Error(r.reasons.join('; '));
  return r;
}

describe('nvidia-smi readings', () => {
  it('parses its CSV lines, leaving out what reads [N/A]', () => {
    expect(parseNvidiaLine('0, 81.23, 123456', 5)).toEqual({ at: 5, index: 0, powerW: 81.23, energyMj: 123456 });
    expect(parseNvidiaLine('1, [N/A], [Not Supported]', 5)).toEqual({ at: 5, index: 1 });
    expect(parseNvidiaLine('No devices were found', 5)).toBeUndefined();
  });
  it('drops a value that is not a finite number >= 0, naming it', () => {
    expect(parseNvidiaLine('0, -50.00, 123456', 5)).toEqual({ at: 5, index: 0, energyMj: 123456, impossible: 'an impossible power: -50.00 W' });
    expect(parseNvidiaLine(`0, 1${'0'.repeat(400)}, -3`, 5)).toEqual({
      at: 5,
      index: 0,
      impossible: 'an impossible power: 1000000000... (401 digits) W and an impossible energy counter: -3 mJ',
    });
    expect(parseNvidiaLine('0, 0.00, 0', 5)).toEqual({ at: 5, index: 0, powerW: 0, energyMj: 0 });
  });
  it('integrates: the counter where there is one, else power over time', () => {
    const counter = [0, 1000, 2000].map((t, i) => ({ at: t, index: 0, powerW: 999, energyMj: 5000 + i * 100_000 }));
    expect(nvidiaEnergy(counter, 0, 500, 1500)).toEqual({ joules: 100, method: expect.stringMatching(/^nvidia-smi total_energy_consumption/) });
    const power = [0, 1000, 2000].map((t, i) => ({ at: t, index: 0, powerW: 100 + i * 100 }));
    // 150 W at 500 ms rising to 250 W at 1500 ms: 200 J over the second.
    expect(nvidiaEnergy(power, 0, 500, 1500)).toEqual({ joules: 200, method: expect.stringMatching(/^nvidia-smi power\.draw integrated/) });
    expect(nvidiaEnergy(power, 0, 500, 2500)).toBeUndefined();
    expect(nvidiaEnergy(power, 1, 500, 1500)).toBeUndefined();
  });
  it('does not interpolate across an energy counter that went backwards (a driver reset): power instead, saying why', () => {
    // 100 W throughout; the counter reset to near zero at 1000 ms. Across it, the counter gave -123 kJ or,
    // had the reset left it higher, any number; the board's power gives 100 J over the second.
    const reset = [0, 500, 1000, 1500, 2000].map((t) => ({
      at: t,
      index: 0,
      powerW: 100,
      energyMj: t < 1000 ? 123_456_789 + t * 100 : (t - 1000) * 100,
    }));
    expect(nvidiaEnergy(reset, 0, 500, 1500)).toEqual({
      joules: 100,
      method: 'nvidia-smi: the energy counter went backwards in the region (a driver reset?): power.draw integrated over time',
    });
    // Outside the reset the counter is used: 50 J over the half second from 1000 to 1500 ms.
    expect(nvidiaEnergy(reset, 0, 1000, 1500)).toEqual({ joules: 50, method: expect.stringMatching(/^nvidia-smi total_energy_consumption/) });
    // A reset that leaves the counter higher at the end than at the start: its difference (40 J) is still wrong.
    const small = [0, 500, 1000, 1500, 2000].map((t) => ({ at: t, index: 0, powerW: 100, energyMj: t < 1000 ? t * 100 : 40_000 + (t - 1000) * 100 }));
    expect(nvidiaEnergy(small, 0, 500, 1500)?.joules).toBe(100);
    // A counter that reads at neither end is not "no energy counter".
    const late = reset.map((s) => (s.at < 1000 ? { at: s.at, index: 0, powerW: 100 } : s));
    expect(nvidiaEnergy(late, 0, 500, 1500)?.method).toBe(
      'nvidia-smi: the energy counter did not read at both ends of the region: power.draw integrated over time',
    );
  });
});

describe('a fake nvidia-smi on PATH', { timeout: 20_000 }, () => {
  for (const [counter, noField] of [
    [true, false],
    [false, false],
    [false, true],
  ] as const) {
    const how = counter ? 'energy counter' : noField ? 'power only: the driver does not know the counter field' : 'power only';
    it(`names the board and measures its energy beyond idle (${how})`, async () => {
      const fake = fakeNvidia({ counter, noField });
      expect(await nvidiaGpus(fake.env)).toEqual([{ index: 0, name: 'NVIDIA Fake H100', driver: '555.42.06', memory: '81559 MiB' }]);
      const sources = await findEnergySources({ powercapRoot: '/nonexistent', env: fake.env });
      expect(sources.nvidia.map((g) => g.name)).toEqual(['NVIDIA Fake H100']);
      const window = await energyProbe(sources, { idleMs: 600, env: fake.env, nvidiaIntervalMs: 50 }).begin(() => {});
      const r = await measureRegion(window, fake, 200, 300, 1200, 600, 2);
      const gpu = r.domains[0]!;
      expect(gpu.domain).toBe('nvidia:0');
      expect(gpu.covers).toBe('GPU board (NVIDIA Fake H100, driver 555.42.06)');
      expect(gpu.method).toMatch(counter ? /total_energy_consumption/ : /power\.draw integrated/);
      const s = r.windowMs / 1000;
      expect(gpu.idleW).toBeGreaterThan(50 * 0.8);
      expect(gpu.idleW).toBeLessThan(50 * 1.2);
      expect(gpu.netJ / s).toBeGreaterThan(150 * 0.8);
      expect(gpu.netJ / s).toBeLessThan(150 * 1.2);
      expect(r.items).toBe(1200);
      expect(r.notes).toEqual([
        'RAPL: no /nonexistent (not Linux, no RAPL driver, or a virtual machine that hides it)',
        ...(noField ? ["NVIDIA: this driver's nvidia-smi has no total_energy_consumption field: power.draw is integrated instead"] : []),
      ]);
    });
  }
});

describe('an nvidia-smi that hangs and ignores SIGTERM (stuck in the driver)', { timeout: 20_000 }, () => {
  it('is killed hard at the timeout, with the time named', async () => {
    const fake = fakeNvidia({ counter: true, mode: 'hang' });
    const t0 = performance.now();
    // 1.5 s: time for the fake to start (and write its pid) on a busy machine.
    expect(await nvidiaSmi(['--query-gpu=index', '--format=csv'], fake.env, 1500)).toEqual({ error: 'nvidia-smi did not answer in 1.5 s' });
    expect(performance.now() - t0).toBeLessThan(3000);
    const pid = Number(readFileSync(fake.pidFile, 'utf8'));
    // Gone once Node has reaped it (a zombie still answers signal 0): within 2 s on a busy machine.
    const alive = async () => {
      for (let i = 0; i < 40; i++, await new Promise((r) => setTimeout(r, 50)))
        try {
          process.kill(pid, 0);
        } catch {
          return false;
        }
      return true;
    };
    expect(await alive()).toBe(false);
  });
  it('leaves energy "not available" and the run going on', async () => {
    const fake = fakeNvidia({ counter: true, mode: 'hang' });
    const t0 = performance.now();
    const sources = await findEnergySources({ powercapRoot: '/nonexistent', env: fake.env });
    expect(performance.now() - t0).toBeLessThan(8000);
    expect(sources.nvidia).toEqual([]);
    expect(sources.unavailable).toContain('NVIDIA: nvidia-smi did not answer in 5 s');
    const r = await (await energyProbe(sources, { env: fake.env }).begin(() => {})).end(1);
    expect(r).toEqual({ status: 'not available', reasons: expect.arrayContaining(['NVIDIA: nvidia-smi did not answer in 5 s']) });
  });
});

describe('impossible readings: negative or beyond any number', { timeout: 20_000 }, () => {
  it('a board whose only reading is Infinity is not read, and the record says why', async () => {
    const fake = fakeNvidia({ counter: false, mode: 'inf' });
    const sources = await findEnergySources({ powercapRoot: '/nonexistent', env: fake.env });
    expect(sources.nvidia).toEqual([]);
    expect(sources.unavailable).toContain(
      'NVIDIA: GPU 0 (NVIDIA Fake H100) not read: nvidia-smi reported an impossible power: 1000000000... (401 digits) W',
    );
  });
  it('a negative idle power is not subtracted (it inflated the net: 0.25 J per item instead of 0.15)', async () => {
    const fake = fakeNvidia({ counter: false, mode: 'neg-idle' });
    fake.setWatts(150);
    const sources = await findEnergySources({ powercapRoot: '/nonexistent', env: fake.env });
    fake.setWatts(50);
    const window = await energyProbe(sources, { idleMs: 300, maxIdleMs: 300, env: fake.env, nvidiaIntervalMs: 50 }).begin(() => {});
    const r = await readRegion(window, fake, 200, 200, 800, 1000, 1);
    expect(r.status).toBe('not available');
    expect(JSON.stringify(r)).not.toMatch(/null|NaN/);
    expect(r.status === 'not available' && r.reasons.join(' ')).toMatch(
      /^RAPL: .* NVIDIA: GPU 0 \(NVIDIA Fake H100\) not read: nvidia-smi reported an impossible power: -50\.00 W \(\d+ of its \d+ readings/,
    );
  });
  it('a negative run power is no reading, not a board "still coming down from earlier work"', async () => {
    const fake = fakeNvidia({ counter: false, mode: 'neg-run' });
    const sources = await findEnergySources({ powercapRoot: '/nonexistent', env: fake.env });
    const window = await energyProbe(sources, { idleMs: 300, env: fake.env, nvidiaIntervalMs: 50 }).begin(() => {});
    const r = await readRegion(window, fake, 200, 200, 800, 1000, 1);
    expect(r.status).toBe('not available');
    const why = r.status === 'not available' ? r.reasons.join(' ') : '';
    expect(why).toMatch(/GPU 0 \(NVIDIA Fake H100\) not read: nvidia-smi reported an impossible power: -200\.00 W/);
    expect(why).not.toMatch(/coming down/);
  });
  it('with the energy counter readable, the counter is used and the dropped power readings named', async () => {
    const fake = fakeNvidia({ counter: true, mode: 'neg-run' });
    const sources = await findEnergySources({ powercapRoot: '/nonexistent', env: fake.env });
    const window = await energyProbe(sources, { idleMs: 300, env: fake.env, nvidiaIntervalMs: 50 }).begin(() => {});
    const r = await measureRegion(window, fake, 200, 200, 800, 1000, 1);
    expect(r.netJ / (r.windowMs / 1000)).toBeGreaterThan(150 * 0.8);
    expect(r.netJ / (r.windowMs / 1000)).toBeLessThan(150 * 1.2);
    expect(r.notes.join(' ')).toMatch(/NVIDIA: GPU 0: nvidia-smi reported an impossible power: -200\.00 W/);
    expect(r.notes.join(' ')).not.toMatch(/coming down/);
  });
});

describe('an energy counter reset in the run (W1: the driver reloaded)', { timeout: 20_000 }, () => {
  it('integrates power over the region and says why', async () => {
    const fake = fakeNvidia({ counter: true, mode: 'reset-run' });
    const sources = await findEnergySources({ powercapRoot: '/nonexistent', env: fake.env });
    const window = await energyProbe(sources, { idleMs: 300, env: fake.env, nvidiaIntervalMs: 50 }).begin(() => {});
    // The counter drops at the 10th reading at 200 W (about 500 ms in), inside the region from 200 to 1400 ms.
    const r = await measureRegion(window, fake, 200, 200, 1200, 1000, 1);
    expect(r.domains[0]!.method).toBe(
      'nvidia-smi: the energy counter went backwards in the region (a driver reset?): power.draw integrated over time',
    );
    expect(r.netJ / (r.windowMs / 1000)).toBeGreaterThan(150 * 0.8);
    expect(r.netJ / (r.windowMs / 1000)).toBeLessThan(150 * 1.2);
  });
});

describe('a board listed twice by nvidia-smi (W5)', { timeout: 20_000 }, () => {
  it('is counted once (its energy was doubled)', async () => {
    const fake = fakeNvidia({ counter: true, mode: 'list-dup' });
    expect((await nvidiaGpus(fake.env)).map((g) => g.index)).toEqual([0]);
    const sources = await findEnergySources({ powercapRoot: '/nonexistent', env: fake.env });
    const window = await energyProbe(sources, { idleMs: 300, env: fake.env, nvidiaIntervalMs: 50 }).begin(() => {});
    const r = await measureRegion(window, fake, 200, 200, 800, 1000, 1);
    expect(r.domains.map((d) => d.domain)).toEqual(['nvidia:0']);
    expect(r.netJ / (r.windowMs / 1000)).toBeGreaterThan(150 * 0.8);
    expect(r.netJ / (r.windowMs / 1000)).toBeLessThan(150 * 1.2);
  });
});

describe('idle power that is still settling (a board that has just worked)', { timeout: 20_000 }, () => {
  it('waits until its two halves agree and subtracts the settled power', async () => {
    const fake = fakeNvidia({ counter: true });
    fake.setWatts(250);
    const sources = await findEnergySources({ powercapRoot: '/nonexistent', env: fake.env });
    // Coming down from earlier work: 250 W, 150 W from 200 ms, 50 W (idle) from 600 ms.
    const steps = [setTimeout(() => fake.setWatts(150), 200), setTimeout(() => fake.setWatts(50), 600)];
    const logs: string[] = [];
    const window = await energyProbe(sources, { idleMs: 400, maxIdleMs: 4000, env: fake.env, nvidiaIntervalMs: 50 }).begin((l) => logs.push(l));
    for (const t of steps) clearTimeout(t);
    const r = await measureRegion(window, fake, 200, 300, 1000, 100, 1);
    expect(r.idleMeasuredMs).toBeGreaterThan(800);
    expect(r.domains[0]!.idleW).toBeGreaterThan(50 * 0.8);
    expect(r.domains[0]!.idleW).toBeLessThan(50 * 1.2);
    expect(r.netJ / (r.windowMs / 1000)).toBeGreaterThan(150 * 0.8);
    expect(r.notes.join(' ')).not.toMatch(/still changing|drew less/);
    expect(logs.join(' ')).not.toMatch(/still changing/);
  });

  it('says so when it never settles, and gives no energy per item from a net at or below idle', async () => {
    const fake = fakeNvidia({ counter: false });
    let watts = 300;
    fake.setWatts(watts);
    const sources = await findEnergySources({ powercapRoot: '/nonexistent', env: fake.env });
    // Cooling down all through the idle phase: 300 W, then 20 W less every 100 ms.
    const cooling = setInterval(() => {
      watts = Math.max(60, watts - 20);
      fake.setWatts(watts);
    }, 100);
    const window = await energyProbe(sources, { idleMs: 400, maxIdleMs: 800, env: fake.env, nvidiaIntervalMs: 50 }).begin(() => {});
    clearInterval(cooling);
    const r = await measureRegion(window, fake, 60, 200, 800, 100, 1);
    expect(r.notes.join(' ')).toMatch(/GPU 0's idle power was still changing after \d+ ms \(\d+ W, then \d+ W/);
    expect(r.netJ).toBeLessThan(0);
    expect(r.joulesPerItem).toBeNull();
    expect(r.notes).toContain('the run used no more than idle power within what the counters resolve: its energy is lost in the idle noise');
    expect(r.notes.join(' ')).toMatch(/GPU 0 drew less during the run \(down to 60 W\) than in the idle measured before it \(\d+ W\)/);
  });
});

describe('a native run (the CLI and the agent share it)', { timeout: 60_000 }, () => {
  it('records the board, the driver and the energy beside its timings', async () => {
    const { cpSync } = await import('node:fs');
    const { runOnNode } = await import('../../runtime/node/runners.ts');
    const { loadSpec } = await import('../../runtime/spec/index.ts');
    const fake = fakeNvidia({ counter: true });
    const powercap = mkdtempSync(path.join(tmpdir(), 'bc-powercap-'));
    cpSync('test/fixtures/powercap', powercap, { recursive: true });
    const text = shortVectorAdd({ minMs: 300, maxMs: 1000 });
    const record = await runOnNode({
      spec: loadSpec(text).spec!,
      target: 'js',
      overrides: { elements: 4096 },
      env: { ...fake.env, WORKBOOK_POWERCAP_ROOT: powercap, WORKBOOK_ENERGY_IDLE_MS: '200' },
    });
    expect(record.environment.host.gpus).toEqual(['NVIDIA Fake H100 (NVIDIA driver 555.42.06, 81559 MiB)']);
    const energy = record.environment.target.energy as { status: string; domains: { domain: string }[]; items: number; iterations: number };
    expect(energy.status).toBe('measured');
    expect(energy.domains.map((d) => d.domain)).toEqual(['rapl:package-0', 'rapl:package-0/dram', 'rapl:package-1', 'nvidia:0']);
    // Items are the runner's work per iteration (vector-add: its elements) times the timed region's iterations.
    expect(energy.items).toBe(energy.iterations * 4096);
    // The region holds every kept sample (and samples the harness moved to warm-up when it regrew its block).
    expect(energy.iterations).toBeGreaterThanOrEqual(record.samples.perIteration.length * record.timing.iterationsPerSample);
  });

  it('exits after the run when the sampling loop ignores SIGTERM, its record written', async () => {
    const { readFileSync } = await import('node:fs');
    const { spawnSync } = await import('node:child_process');
    const fake = fakeNvidia({ counter: true, mode: 'hangloop' });
    const dir = mkdtempSync(path.join(tmpdir(), 'bc-hangloop-'));
    const spec = path.join(dir, 'vector-add.bench.yaml');
    writeFileSync(spec, shortVectorAdd({ maxMs: 600 }));
    const out = path.join(dir, 'a.json');
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [path.resolve('runtime/cli/bin.mjs'), 'run', spec, '--target', 'js', '--param', 'elements=4096', '--out', out],
      {
        encoding: 'utf8',
        env: { ...fake.env, WORKBOOK_POWERCAP_ROOT: '/nonexistent', WORKBOOK_ENERGY_IDLE_MS: '200' },
        timeout: 40_000,
        killSignal: 'SIGKILL',
      },
    );
    // The run itself takes a few seconds; before the fix the CLI never exited (killed here at 40 s).
    expect(r.signal).toBeNull();
    expect(performance.now() - t0).toBeLessThan(30_000);
    expect([0, 1]).toContain(r.status);
    const record = JSON.parse(readFileSync(out, 'utf8'));
    expect(record.environment.target.energy.status).toBe('measured');
  });
});
