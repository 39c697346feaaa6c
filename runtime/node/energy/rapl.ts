// Linux RAPL through the powercap sysfs tree (/sys/class/powercap): a cumulative energy counter per
// zone, in microjoules, that wraps to zero past max_energy_range_uj. The package zones (intel-rapl:N,
// named package-N) and their DRAM subzones are read; core and uncore lie inside the package and
// would count twice. AMD processors appear under the same intel-rapl names on current kernels.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const POWERCAP_ROOT = '/sys/class/powercap';

export interface RaplZone {
  /** `rapl:package-0`, `rapl:package-0/dram`. */
  domain: string;
  covers: 'CPU package' | 'DRAM';
  /** The zone's energy_uj file. */
  file: string;
  /** The counter's range: it wraps to 0 after this many microjoules. */
  maxUj: number;
}

/** The readable package and DRAM zones under `root`, or why there are none. */
export function findRaplZones(root: string = POWERCAP_ROOT): { zones: RaplZone[] } | { reason: string } {
  if (!existsSync(root)) return { reason: `RAPL: no ${root} (not Linux, no RAPL driver, or a virtual machine that hides it)` };
  const dirs = readdirSync(root)
    .filter((d) => /^intel-rapl:\d+(:\d+)?$/.test(d))
    .sort();
  if (!dirs.length) return { reason: `RAPL: ${root} has no intel-rapl zones (the intel_rapl driver is not loaded)` };
  const zones: RaplZone[] = [];
  const unreadable: string[] = [];
  for (const d of dirs) {
    const dir = path.join(root, d);
    const name = readText(path.join(dir, 'name'));
    const parent = /^intel-rapl:(\d+):\d+$/.exec(d);
    const packageName = parent ? readText(path.join(root, `intel-rapl:${parent[1]}`, 'name')) : name;
    const covers = !parent && name?.startsWith('package') ? 'CPU package' : parent && name === 'dram' ? 'DRAM' : undefined;
    if (!covers) continue;
    const file = path.join(dir, 'energy_uj');
    const max = Number(readText(path.join(dir, 'max_energy_range_uj')));
    const now = readText(file);
    if (now === undefined) {
      unreadable.push(file);
      continue;
    }
    if (!(max > 0)) continue;
    zones.push({ domain: `rapl:${packageName ?? d}${parent ? `/${name}` : ''}`, covers, file, maxUj: max });
  }
  if (zones.length) return { zones };
  if (unreadable.length)
    return {
      reason: `RAPL: ${unreadable.join(', ')} ${unreadable.length === 1 ? 'is' : 'are'} readable by root only (Linux 5.10 and later, after CVE-2020-8694); to allow it: sudo chmod a+r ${root}/intel-rapl:*/energy_uj ${root}/intel-rapl:*:*/energy_uj`,
    };
  return { reason: `RAPL: ${root} has no package or DRAM zone with a counter` };
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Reads every zone's counter (µJ), synchronously: a few small sysfs reads. */
export function readRapl(zones: readonly RaplZone[]): number[] {
  return zones.map((z) => {
    const v = Number(readFileSync(z.file, 'utf8'));
    if (!Number.isFinite(v) || v < 0) throw new Error(`RAPL: ${z.file} gave ${JSON.stringify(v)}, not a counter`);
    return v;
  });
}

/**
 * The energy between two readings of a counter that wraps at `maxUj` (µJ). A reading below the one before
 * means the counter wrapped once; read more often than it can wrap twice (minutes at full power).
 */
export function counterDelta(before: number, after: number, maxUj: number): number {
  return after >= before ? after - before : maxUj - before + after;
}

/** Accumulates each zone's energy over successive readings, across wraps. */
export class RaplAccumulator {
  private last: number[];
  readonly totalUj: number[];
  private readonly zones: readonly RaplZone[];
  constructor(zones: readonly RaplZone[], first: number[] = readRapl(zones)) {
    this.zones = zones;
    this.last = first;
    this.totalUj = zones.map(() => 0);
  }

  /** Reads the counters and adds what each advanced since the last read. */
  read(values: number[] = readRapl(this.zones)): void {
    values.forEach((v, i) => {
      this.totalUj[i]! += counterDelta(this.last[i]!, v, this.zones[i]!.maxUj);
    });
    this.last = values;
  }
}
