import { seededRandom } from '../data/random.ts';

/**
 * Generated power traces, for lessons where no meter can be read (a page, a machine without RAPL or an NVIDIA
 * board): one seeded machine running a batch of queries, seen by four meters at four layers of the system. Every
 * trace says it is generated and from which seed, and the page labels it so: these are not measurements.
 *
 * The model (a convention of the workbook, shaped after how such meters behave, not fitted to a machine): each
 * layer has an idle power and an active power while the run is on, with noise and a short ramp; DRAM follows the
 * package; the board (a GPU) does the model's work when the run is on the GPU; the wall sees all of them plus
 * the rest of the machine (fans, disks, board) divided by the power supply's efficiency, so it is always the
 * largest.
 */

export const LAYERS = ['package', 'dram', 'board', 'wall'] as const;
export type Layer = (typeof LAYERS)[number];

export const LAYER_WHAT: Record<Layer, string> = {
  package: 'CPU package (cores and uncore), as a RAPL package counter reads it',
  dram: 'DRAM attached to the package, as a RAPL dram counter reads it',
  board: 'GPU board (the GPU and its memory), as NVML / nvidia-smi reads it',
  wall: 'the whole machine at the socket, power supply losses included, as a wall power analyzer reads it',
};

export interface GeneratedTrace {
  /** Always "generated": a reader must never take this for a measurement. */
  source: 'generated';
  seed: number;
  /** Where the run's work happens. */
  device: 'cpu' | 'gpu';
  sampleMs: number;
  timesMs: number[];
  /** Per layer, W at each time. */
  watts: Record<Layer, number[]>;
  /** The run: when it started and ended (ms), and how many queries it completed. */
  run: { startMs: number; endMs: number; queries: number };
}

export interface TraceOptions {
  device?: 'cpu' | 'gpu';
  /** ms between samples (default 100). */
  sampleMs?: number;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** A seeded trace: about 2-3 s idle, a run of 6-12 s, 1-2 s idle after. */
export function generatePowerTrace(seed: number, options: TraceOptions = {}): GeneratedTrace {
  const random = seededRandom(seed);
  const u = (lo: number, hi: number) => lo + (hi - lo) * random();
  const noise = (sd: number) => sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const device = options.device ?? (random() < 0.5 ? 'cpu' : 'gpu');
  const sampleMs = options.sampleMs ?? 100;
  const startMs = round(u(2000, 3000), 0);
  const endMs = round(startMs + u(6000, 12000), 0);
  const totalMs = endMs + round(u(1000, 2000), 0);
  const idle: Record<Layer, number> = { package: u(8, 20), dram: u(1.5, 4), board: u(25, 60), wall: 0 };
  const active: Record<Layer, number> = {
    package: device === 'cpu' ? u(25, 60) : u(4, 10),
    dram: device === 'cpu' ? u(2, 6) : u(0.5, 1.5),
    board: device === 'gpu' ? u(120, 350) : u(0, 3),
    wall: 0,
  };
  const rest = u(30, 70); // fans, disks, mainboard: seen only at the wall
  const efficiency = u(0.85, 0.94);
  const queries = Math.round(((endMs - startMs) / 1000) * (device === 'gpu' ? u(800, 3000) : u(150, 900)));
  const timesMs: number[] = [];
  const watts: Record<Layer, number[]> = { package: [], dram: [], board: [], wall: [] };
  for (let t = 0; t <= totalMs; t += sampleMs) {
    timesMs.push(t);
    // A ramp of ~300 ms at the start and the end of the run: counters see the machine change state, not a step.
    const on = Math.min(1, Math.max(0, (t - startMs) / 300)) * Math.min(1, Math.max(0, (endMs - t) / 300));
    let sum = 0;
    for (const layer of ['package', 'dram', 'board'] as const) {
      const w = Math.max(0, idle[layer] + on * active[layer] + noise(0.02 * idle[layer] + 0.03 * on * active[layer]));
      watts[layer].push(round(w, 2));
      sum += w;
    }
    watts.wall.push(round((sum + rest + noise(1)) / efficiency, 2));
  }
  return { source: 'generated', seed, device, sampleMs, timesMs, watts, run: { startMs, endMs, queries } };
}
