// The energy probe of a machine: RAPL zones and NVIDIA boards, whichever can be read. Idle power is
// measured first (the machine doing nothing for `idleMs`), then the counters are read at each report
// of the timed phase; a domain's net energy is what it used beyond idle over that region.
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { NVIDIA_ENERGY_QUERY, nvidiaEnergy, nvidiaGpus, nvidiaReadings, NvidiaSampler, parseNvidiaLine, type NvidiaGpu } from './nvidia.ts';
import { findRaplZones, POWERCAP_ROOT, RaplAccumulator, readRapl, type RaplZone } from './rapl.ts';
import type { DomainEnergy, EnergyProbe, EnergyReading, EnergyWindow } from './types.ts';

export interface EnergySources {
  rapl: RaplZone[];
  nvidia: NvidiaGpu[];
  /** What nvidia-smi is asked for (NVIDIA_POWER_QUERY where its driver has no energy counter field). */
  nvidiaQuery?: string;
  /** Why each source that was tried cannot be read, or is read in a lesser way. */
  unavailable: string[];
}

/** What this machine's counters are (powercap under `powercapRoot`, nvidia-smi on `env`'s PATH). */
export async function findEnergySources(options: { powercapRoot?: string; env?: Record<string, string | undefined> } = {}): Promise<EnergySources> {
  const env = options.env ?? process.env;
  const unavailable: string[] = [];
  const rapl = findRaplZones(options.powercapRoot ?? POWERCAP_ROOT);
  if ('reason' in rapl) unavailable.push(rapl.reason);
  let nvidia: NvidiaGpu[] = [];
  const listed = await nvidiaReadings(env);
  let nvidiaQuery: string | undefined;
  if ('error' in listed) unavailable.push(`NVIDIA: ${listed.error}`);
  else {
    nvidiaQuery = listed.query;
    if (listed.note) unavailable.push(listed.note);
    const readings = listed.out.split('\n').flatMap((l) => parseNvidiaLine(l, 0) ?? []);
    const readable = new Set(readings.filter((r) => r.powerW !== undefined || r.energyMj !== undefined).map((r) => r.index));
    const gpus = await nvidiaGpus(env);
    nvidia = gpus.filter((g) => readable.has(g.index));
    for (const g of gpus.filter((g) => !readable.has(g.index))) {
      const odd = readings.find((r) => r.index === g.index && r.impossible);
      unavailable.push(
        odd
          ? `NVIDIA: GPU ${g.index} (${g.name}) not read: nvidia-smi reported ${odd.impossible}`
          : `NVIDIA: GPU ${g.index} (${g.name}) reports neither power nor an energy counter`,
      );
    }
    if (!gpus.length) unavailable.push('NVIDIA: nvidia-smi lists no GPU');
  }
  return { rapl: 'zones' in rapl ? rapl.zones : [], nvidia, ...(nvidia.length && nvidiaQuery ? { nvidiaQuery } : {}), unavailable };
}

/** One line for the agent's banner and its hello: which counters, or why none. */
export function describeSources(s: EnergySources): string {
  const read = [...s.rapl.map((z) => `${z.domain} (${z.covers})`), ...s.nvidia.map((g) => `nvidia:${g.index} (${g.name})`)];
  if (!read.length) return `not available: ${s.unavailable.join('; ')}`;
  return `${read.join(', ')}${s.unavailable.length ? `; not read: ${s.unavailable.join('; ')}` : ''}`;
}

export interface EnergyProbeOptions {
  /** How long idle power is measured before each run (ms). */
  idleMs?: number;
  /**
   * How long the probe waits at most for a GPU's idle power to settle (ms; default 5 x idleMs): a board
   * that has just worked (the run before this one) draws more for seconds while its clocks come down.
   */
  maxIdleMs?: number;
  env?: Record<string, string | undefined>;
  /** nvidia-smi's loop interval (ms). */
  nvidiaIntervalMs?: number;
}

/** Idle is measured for 50 ms to a minute: a shorter window reads no counter twice (NaN power), a longer one holds up every run. */
export const IDLE_MS = { min: 50, max: 60_000, default: 1000 } as const;

/** How long to measure idle, given `value` (named `name` in the note when it is not a time in IDLE_MS). */
export function idleTime(name: string, value: string | number | undefined): { ms: number; note?: string } {
  if (value === undefined || value === '') return { ms: IDLE_MS.default };
  const ms = Number(value);
  if (Number.isFinite(ms) && ms >= IDLE_MS.min && ms <= IDLE_MS.max) return { ms };
  return {
    ms: IDLE_MS.default,
    note: `${name}=${value} is not a time between ${IDLE_MS.min} and ${IDLE_MS.max} ms: idle was measured for ${IDLE_MS.default} ms`,
  };
}

/** A probe over `sources`; "not available" (with every reason) when there is none. */
export function energyProbe(given: EnergySources, options: EnergyProbeOptions = {}): EnergyProbe {
  const { ms: idleMs, note } = idleTime('idleMs', options.idleMs);
  const sources = note ? { ...given, unavailable: [...given.unavailable, note] } : given;
  return {
    async begin(log) {
      if (!sources.rapl.length && !sources.nvidia.length) return unavailableWindow(sources.unavailable);
      const sampler = sources.nvidia.length
        ? new NvidiaSampler(options.env, options.nvidiaIntervalMs ?? 100, undefined, sources.nvidiaQuery ?? NVIDIA_ENERGY_QUERY)
        : undefined;
      try {
        log(`energy: measuring idle power for ${idleMs} ms before the run (${describeSources(sources)})`);
        const idleStart = performance.now();
        const idleRapl = sources.rapl.length ? new RaplAccumulator(sources.rapl) : undefined;
        if (sampler) await sampler.after(idleStart, sources.nvidia.length);
        const idleT0 = sampler ? Math.max(idleStart, ...sources.nvidia.map((g) => firstAfter(sampler, g.index, idleStart))) : idleStart;
        // Read every 50 ms, so a counter that wraps fast (a small range, a busy package) is never missed; and
        // until idleMs of a board's readings are in (nvidia-smi can take a few hundred ms to start under load).
        const idleFrom = Math.max(idleStart, idleT0);
        while (performance.now() - idleFrom < idleMs) {
          await new Promise((r) => setTimeout(r, Math.min(50, Math.max(1, idleMs - (performance.now() - idleFrom)))));
          idleRapl?.read();
        }
        let idleEnd = performance.now();
        if (sampler) await sampler.after(idleEnd, sources.nvidia.length);
        // A GPU's idle is read over the last idleMs, once its two halves agree (or at maxIdleMs, with a note).
        const maxIdleMs = Math.max(idleMs, options.maxIdleMs ?? 5 * idleMs);
        const unsteady = () =>
          sampler
            ? sources.nvidia.map((g) => idleSteadiness(sampler, g.index, Math.max(idleT0, idleEnd - idleMs), idleEnd)).filter((u) => !u.steady)
            : [];
        let waiting = unsteady();
        while (waiting.length && idleEnd - idleStart < maxIdleMs) {
          await new Promise((r) => setTimeout(r, Math.min(250, maxIdleMs - (idleEnd - idleStart))));
          idleRapl?.read();
          idleEnd = performance.now();
          await sampler!.after(idleEnd, sources.nvidia.length);
          waiting = unsteady();
        }
        if (waiting.length) log(`energy: idle power still changing after ${(idleEnd - idleStart).toFixed(0)} ms; measuring anyway`);
        const idleRaplW = sources.rapl.map((_, i) => idleRapl!.totalUj[i]! / 1e6 / ((idleEnd - idleStart) / 1000));
        const from = Math.max(idleT0, idleEnd - idleMs);
        const idleNvidiaW = sources.nvidia.map((g) => {
          const e = nvidiaEnergy(sampler!.samples, g.index, from, idleEnd);
          return e ? e.joules / ((idleEnd - from) / 1000) : undefined;
        });
        const idleNotes = waiting.map(
          (u) =>
            `NVIDIA: GPU ${u.index}'s idle power was still changing after ${(idleEnd - idleStart).toFixed(0)} ms (${u.firstW.toFixed(0)} W, then ${u.secondW.toFixed(0)} W, in the two halves of the last ${idleMs} ms): the board was settling from earlier work, so the idle subtracted may be off by ${Math.abs(u.firstW - u.secondW).toFixed(0)} W`,
        );
        return timedWindow(sources, sampler, idleRaplW, idleNvidiaW, idleEnd - idleStart, idleNotes);
      } catch (e) {
        sampler?.stop();
        throw e;
      }
    },
  };
}

/** Idle is steady when the mean power of the window's two halves differs by at most 5 W or 10%. */
export const IDLE_STEADY_W = 5;
export const IDLE_STEADY_SHARE = 0.1;

/** A board's mean power in each half of [t0, t1], and whether they agree (steady: unknown halves count as steady). */
function idleSteadiness(
  sampler: NvidiaSampler,
  index: number,
  t0: number,
  t1: number,
): { index: number; steady: boolean; firstW: number; secondW: number } {
  const mid = (t0 + t1) / 2;
  const mean = (a: number, b: number) => {
    const e = nvidiaEnergy(sampler.samples, index, a, b);
    return e && b > a ? e.joules / ((b - a) / 1000) : undefined;
  };
  const firstW = mean(t0, mid);
  const secondW = mean(mid, t1);
  if (firstW === undefined || secondW === undefined) return { index, steady: true, firstW: Number.NaN, secondW: Number.NaN };
  const steady = Math.abs(firstW - secondW) <= Math.max(IDLE_STEADY_W, IDLE_STEADY_SHARE * Math.max(firstW, secondW));
  return { index, steady, firstW, secondW };
}

function firstAfter(sampler: NvidiaSampler, index: number, t: number): number {
  return sampler.samples.find((s) => s.index === index && s.at > t)?.at ?? t;
}

function unavailableWindow(reasons: string[]): EnergyWindow {
  return { mark: () => {}, end: async () => ({ status: 'not available', reasons }) };
}

function timedWindow(
  sources: EnergySources,
  sampler: NvidiaSampler | undefined,
  idleRaplW: number[],
  idleNvidiaW: (number | undefined)[],
  idleMeasuredMs: number,
  idleNotes: string[],
): EnergyWindow {
  let first: { at: number; iterations: number } | undefined;
  let last: { at: number; iterations: number } | undefined;
  let rapl: RaplAccumulator | undefined;
  return {
    mark(at, iterations) {
      if (!first) {
        first = { at, iterations };
        if (sources.rapl.length) rapl = new RaplAccumulator(sources.rapl, readRapl(sources.rapl));
      } else rapl?.read();
      last = { at, iterations };
    },
    async end(itemsPerIteration): Promise<EnergyReading> {
      try {
        if (!first || !last || last.at <= first.at)
          return { status: 'not available', reasons: ['the run ended before its timed phase had lasted long enough to read a counter twice'] };
        const windowMs = last.at - first.at;
        const seconds = windowMs / 1000;
        const domains: DomainEnergy[] = [];
        const notes: string[] = [...sources.unavailable, ...idleNotes];
        sources.rapl.forEach((z, i) => {
          const grossJ = rapl!.totalUj[i]! / 1e6;
          const idleJ = idleRaplW[i]! * seconds;
          domains.push({
            domain: z.domain,
            covers: z.covers,
            grossJ,
            idleW: idleRaplW[i]!,
            idleJ,
            netJ: grossJ - idleJ,
            method: `RAPL powercap counter ${z.file} (µJ, wraps at ${z.maxUj})`,
          });
        });
        if (sampler) {
          await sampler.after(last.at, sources.nvidia.length);
          sources.nvidia.forEach((g, i) => {
            const e = nvidiaEnergy(sampler.samples, g.index, first!.at, last!.at);
            const idleW = idleNvidiaW[i];
            const mine = sampler.samples.filter((x) => x.index === g.index);
            const odd = mine.filter((x) => x.impossible);
            const dropped = odd.length
              ? `nvidia-smi reported ${odd[0]!.impossible} (${odd.length} of its ${mine.length} readings, each dropped: a value that is not a finite number >= 0 is no reading)`
              : undefined;
            if (!e || idleW === undefined) {
              notes.push(
                dropped
                  ? `NVIDIA: GPU ${g.index} (${g.name}) not read: ${dropped}`
                  : `NVIDIA: GPU ${g.index} (${g.name}) gave too few readings over the ${windowMs.toFixed(0)} ms region (nvidia-smi samples every ${sampler.intervalMs} ms)`,
              );
              return;
            }
            if (dropped) notes.push(`NVIDIA: GPU ${g.index}: ${dropped}`);
            const idleJ = idleW * seconds;
            // Below its idle during the run: the "idle" was a board still coming down from earlier work.
            const lowest = Math.min(
              ...sampler.samples
                .filter((x) => x.index === g.index && x.at >= first!.at && x.at <= last!.at && x.powerW !== undefined)
                .map((x) => x.powerW!),
            );
            if (lowest < idleW - Math.max(IDLE_STEADY_W, IDLE_STEADY_SHARE * idleW))
              notes.push(
                `NVIDIA: GPU ${g.index} drew less during the run (down to ${lowest.toFixed(0)} W) than in the idle measured before it (${idleW.toFixed(0)} W): it was still coming down from earlier work, so its net energy here is not this run's`,
              );
            domains.push({
              domain: `nvidia:${g.index}`,
              covers: `GPU board (${g.name}, driver ${g.driver})`,
              grossJ: e.joules,
              idleW,
              idleJ,
              netJ: e.joules - idleJ,
              method: e.method,
            });
          });
        }
        if (!domains.length) return { status: 'not available', reasons: notes };
        const iterations = last.iterations - first.iterations;
        const items = iterations * itemsPerIteration;
        const sum = (k: 'grossJ' | 'idleJ' | 'netJ') => domains.reduce((s, d) => s + d[k], 0);
        const netJ = sum('netJ');
        if (netJ <= 0) notes.push('the run used no more than idle power within what the counters resolve: its energy is lost in the idle noise');
        return {
          status: 'measured',
          domains,
          windowMs,
          iterations,
          items,
          grossJ: sum('grossJ'),
          idleJ: sum('idleJ'),
          netJ,
          // No energy per item from a net of zero or less: that is idle noise, not a measurement.
          joulesPerItem: items > 0 && netJ > 0 ? netJ / items : null,
          idleMeasuredMs,
          notes,
        };
      } finally {
        sampler?.stop();
      }
    },
  };
}
