// NVIDIA GPUs through `nvidia-smi` (it ships with the driver; NVML underneath). Listing the boards for
// the environment record, and reading their energy counters (see readNvidiaEnergy below).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

export interface NvidiaGpu {
  index: number;
  name: string;
  driver: string;
  memory: string;
}

/**
 * Runs nvidia-smi with `args`; an error (and why) when it is not installed, fails, or does not answer in
 * `timeoutMs`. execFile's own timeout only sends SIGTERM and then waits for the pipes to close: an
 * nvidia-smi stuck in the driver that ignores SIGTERM held the whole run forever. So it is killed hard.
 */
export function nvidiaSmi(
  args: string[],
  env: Record<string, string | undefined> = process.env,
  timeoutMs = 5000,
): Promise<{ out: string } | { error: string }> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: { out: string } | { error: string }) => {
      if (!done) resolve(r);
      done = true;
      clearTimeout(timer);
    };
    const child = execFile('nvidia-smi', args, { env: env as NodeJS.ProcessEnv, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        finish({
          error:
            code === 'ENOENT'
              ? 'nvidia-smi is not installed (no NVIDIA driver)'
              : // nvidia-smi prints some refusals on stdout (an unknown field: exit 2, stderr empty).
                `nvidia-smi failed: ${(stderr.trim() || stdout.trim() || error.message).split('\n')[0]}`,
        });
      } else finish({ out: stdout });
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      // Whatever still holds its pipes (a child of its own) must not hold this process.
      child.stdout?.destroy();
      child.stderr?.destroy();
      child.unref();
      finish({ error: `nvidia-smi did not answer in ${timeoutMs / 1000} s` });
    }, timeoutMs);
  });
}

/** The NVIDIA boards of this machine (none without the driver), each index once (one listed twice had its energy counted twice). */
export async function nvidiaGpus(env: Record<string, string | undefined> = process.env): Promise<NvidiaGpu[]> {
  const r = await nvidiaSmi(['--query-gpu=index,name,driver_version,memory.total', '--format=csv,noheader'], env);
  if ('error' in r) return [];
  const gpus = new Map<number, NvidiaGpu>();
  for (const c of r.out.split('\n').map((l) => l.split(',').map((c) => c.trim())))
    if (c.length >= 4 && /^\d+$/.test(c[0]!) && !gpus.has(Number(c[0])))
      gpus.set(Number(c[0]), { index: Number(c[0]), name: c[1]!, driver: c[2]!, memory: c[3]! });
  return [...gpus.values()];
}

/** What the workbook asks nvidia-smi for: each board's power and the driver's energy counter. */
export const NVIDIA_ENERGY_QUERY = 'index,power.draw,total_energy_consumption';
/** The same without the counter, for drivers that do not know the field at all. */
export const NVIDIA_POWER_QUERY = 'index,power.draw';

/**
 * One reading of every board, and the query that gave it: the energy counter's where the driver knows
 * the field; else power alone. An H200 on driver 580.159.04 in a virtual machine answered
 * `Field "total_energy_consumption" is not a valid field to query.` (exit 2) to the whole query, while
 * power.draw read 80 W (seen on the device check, docs/device-check.md): without this fallback its
 * energy was "not available".
 */
export async function nvidiaReadings(
  env: Record<string, string | undefined> = process.env,
): Promise<{ out: string; query: string; note?: string } | { error: string }> {
  const full = await nvidiaSmi([`--query-gpu=${NVIDIA_ENERGY_QUERY}`, '--format=csv,noheader,nounits'], env);
  if (!('error' in full) || !/not a valid field/i.test(full.error)) return 'error' in full ? full : { ...full, query: NVIDIA_ENERGY_QUERY };
  const power = await nvidiaSmi([`--query-gpu=${NVIDIA_POWER_QUERY}`, '--format=csv,noheader,nounits'], env);
  if ('error' in power) return power;
  return {
    ...power,
    query: NVIDIA_POWER_QUERY,
    note: "NVIDIA: this driver's nvidia-smi has no total_energy_consumption field: power.draw is integrated instead",
  };
}

/** One line of nvidia-smi's loop: a board's power (W) and energy counter (mJ since the driver loaded), where it has them. */
export interface NvidiaSample {
  /** performance.now() when the line arrived. */
  at: number;
  index: number;
  powerW?: number;
  energyMj?: number;
  /** A value no board can read (negative, or beyond any number), dropped and named: `an impossible power: -50.00 W`. */
  impossible?: string;
}

/**
 * `0, 81.23, 123456` (index, power.draw, total_energy_consumption) or `0, 81.23` (NVIDIA_POWER_QUERY):
 * a sample, with what reads `[N/A]` left out. A value that is not a finite number >= 0 is no reading
 * (a negative idle power inflated the net; a 401-digit one, Infinity, made every figure NaN).
 */
export function parseNvidiaLine(line: string, at: number): NvidiaSample | undefined {
  const cells = line.split(',').map((c) => c.trim());
  if (cells.length < 2 || !/^\d+$/.test(cells[0]!)) return undefined;
  const impossible: string[] = [];
  const num = (c: string | undefined, what: string, unit: string) => {
    if (c === undefined || !/^-?\d+(\.\d+)?$/.test(c)) return undefined;
    const v = Number(c);
    if (Number.isFinite(v) && v >= 0) return v;
    impossible.push(`an impossible ${what}: ${c.length > 16 ? `${c.slice(0, 10)}... (${c.length} digits)` : c} ${unit}`);
    return undefined;
  };
  const powerW = num(cells[1], 'power', 'W');
  const energyMj = num(cells[2], 'energy counter', 'mJ');
  return {
    at,
    index: Number(cells[0]),
    ...(powerW !== undefined ? { powerW } : {}),
    ...(energyMj !== undefined ? { energyMj } : {}),
    ...(impossible.length ? { impossible: impossible.join(' and ') } : {}),
  };
}

/** nvidia-smi in a loop (every `intervalMs`), its lines kept with their arrival times until `stop`. */
export class NvidiaSampler {
  readonly samples: NvidiaSample[] = [];
  private readonly child: ChildProcess;
  private buffer = '';
  readonly intervalMs: number;
  private readonly now: () => number;

  constructor(
    env: Record<string, string | undefined> = process.env,
    intervalMs = 100,
    now: () => number = () => performance.now(),
    query: string = NVIDIA_ENERGY_QUERY,
  ) {
    this.intervalMs = intervalMs;
    this.now = now;
    this.child = spawn('nvidia-smi', [`--query-gpu=${query}`, '--format=csv,noheader,nounits', `-lms`, String(intervalMs)], {
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    this.child.on('error', () => {});
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      const at = this.now();
      this.buffer += d;
      const lines = this.buffer.split('\n');
      this.buffer = lines.pop()!;
      for (const l of lines) {
        const s = parseNvidiaLine(l, at);
        if (s) this.samples.push(s);
      }
    });
  }

  /** Waits until every board has a sample that arrived after `t` (at most `timeoutMs`). */
  async after(t: number, boards: number, timeoutMs = 2000): Promise<void> {
    const t0 = this.now();
    while (new Set(this.samples.filter((s) => s.at > t).map((s) => s.index)).size < boards && this.now() - t0 < timeoutMs)
      await new Promise((r) => setTimeout(r, 20));
  }

  /**
   * Ends the loop for good: SIGTERM, then SIGKILL after `graceMs` (a loop that ignored SIGTERM kept the
   * CLI from ever exiting). Nothing of it holds this process beyond the grace.
   */
  stop(graceMs = 500): void {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const hard = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => clearTimeout(hard));
    child.stdout?.destroy();
    child.unref();
  }
}

/** Linear interpolation of `y` at `t` over points sorted by time; undefined outside them. */
function interpolate(points: readonly { at: number; y: number }[], t: number): number | undefined {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (a.at <= t && t <= b.at) return b.at === a.at ? b.y : a.y + ((b.y - a.y) * (t - a.at)) / (b.at - a.at);
  }
  return undefined;
}

/**
 * A board's energy over [t0, t1] (J) from its samples, and how: the driver's energy counter where it
 * has one (Volta and later), interpolated at both ends; else its power readings integrated (trapezoids).
 * A counter that goes backwards around the region (a driver reset) is not interpolated across: its
 * difference would be any number. Undefined when the samples do not span the interval, or the board reports neither.
 */
export function nvidiaEnergy(
  samples: readonly NvidiaSample[],
  index: number,
  t0: number,
  t1: number,
): { joules: number; method: string } | undefined {
  const mine = samples.filter((s) => s.index === index).sort((a, b) => a.at - b.at);
  const energy = mine.filter((s) => s.energyMj !== undefined).map((s) => ({ at: s.at, y: s.energyMj! / 1000 }));
  // The counter's readings from the last before t0 to the first after t1: those the interpolation uses.
  const from = energy.findLastIndex((p) => p.at <= t0);
  const to = energy.findIndex((p) => p.at >= t1);
  const span = from >= 0 && to >= 0 ? energy.slice(from, to + 1) : [];
  const backwards = span.some((p, i) => i > 0 && p.y < span[i - 1]!.y);
  if (span.length && !backwards)
    return {
      joules: interpolate(span, t1)! - interpolate(span, t0)!,
      method: "nvidia-smi total_energy_consumption (the driver's energy counter), interpolated at the region's ends",
    };
  const power = mine.filter((s) => s.powerW !== undefined).map((s) => ({ at: s.at, y: s.powerW! }));
  const p0 = interpolate(power, t0);
  const p1 = interpolate(power, t1);
  if (p0 === undefined || p1 === undefined) return undefined;
  const inside = [{ at: t0, y: p0 }, ...power.filter((p) => p.at > t0 && p.at < t1), { at: t1, y: p1 }];
  let joules = 0;
  for (let i = 1; i < inside.length; i++) joules += ((inside[i]!.y + inside[i - 1]!.y) / 2) * ((inside[i]!.at - inside[i - 1]!.at) / 1000);
  const method = backwards
    ? 'nvidia-smi: the energy counter went backwards in the region (a driver reset?): power.draw integrated over time'
    : energy.length
      ? 'nvidia-smi: the energy counter did not read at both ends of the region: power.draw integrated over time'
      : 'nvidia-smi power.draw integrated over time (this board has no energy counter)';
  return { joules, method };
}
