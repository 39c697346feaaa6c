import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { Answer, ChoiceAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: which layer of a system (CPU package, DRAM, GPU board, wall) a meter sees. Each variant draws five
 * meters (every layer, one of them twice) from descriptions of where a meter sits and what it counts, and shows them
 * in a shuffled order. A wrong pick gets the misconception behind it, never the layer.
 */

export const LAYERS = ['package', 'dram', 'board', 'wall'] as const;
export type Layer = (typeof LAYERS)[number];

/**
 * Each description says where a meter sits and what it counts, not the layer's name: the words package, dram,
 * board and wall appear only as traps, in descriptions of another layer (a motherboard, a domain named after its
 * parent zone, a wall meter named to say what a reading misses), so matching a word picks the wrong layer.
 */
export const METERS: Record<Layer, string[]> = {
  package: [
    '`/sys/class/powercap/intel-rapl:0/energy_uj`: the top zone of socket 0; the zones `core` and `uncore` are its children.',
    'A RAPL counter on the processor die of socket 0: its cores, caches and memory controller, but not the memory modules in the slots.',
    'An energy counter of the processor in the first socket of the motherboard, read through powercap before and after the run.',
    'A RAPL zone that rises when the cores spin on data held in their caches and barely moves while only the memory modules or the GPU are busy.',
  ],
  dram: [
    "A RAPL child zone of socket 0's top zone (`intel-rapl:0:2` on this machine) that counts the memory modules on that socket's channels, not the cores.",
    "The workbook agent's energy domain `rapl:package-0/dram`.",
    'A RAPL zone that barely moves while the cores spin on data held in their caches, and rises when a kernel streams a large array from the memory modules.',
  ],
  board: [
    '`nvidia-smi --query-gpu=power.draw` every 100 ms, integrated over the run.',
    "NVML's `nvmlDeviceGetTotalEnergyConsumption`, read before and after the run: millijoules for the GPU and its memory since the driver loaded.",
    "The workbook agent's energy domain `nvidia:0`.",
    "NVML's `nvmlDeviceGetPowerUsage`, sampled through the run: unlike a meter at the wall, it never sees the host processor or the power supply.",
  ],
  wall: [
    "A power analyzer wired between the mains outlet and the machine's power supply, as MLPerf Power uses.",
    "A plug-in energy meter in the power strip that feeds the whole server: fans, disks and the supply's losses are in its reading.",
    'A meter on the AC side of the power supply: the CPU package, its DRAM and the GPU board are all downstream of it.',
    "The rack power strip's meter on the one outlet that feeds the server's only power cord.",
  ],
};

export const MACHINES = ['one CPU socket and one NVIDIA GPU', 'a workstation with one NVIDIA GPU', 'a 1U server with one GPU'];

export interface MeterData {
  machine: number;
  /** Five meters, every layer once and one twice, in the order shown: [layer, index into METERS[layer]]. */
  meters: [Layer, number][];
}

/** Why a pick is wrong, by the meter's true layer and the pick: the misconception, not the answer. */
const WHY: Record<Layer, Partial<Record<Layer, string>>> = {
  package: {
    dram: "The memory controller sits on the processor die: a counter of the processor and its caches is not the memory modules' counter.",
    board: 'RAPL counters live in the CPU; they do not see a GPU card.',
    wall: 'A counter inside the CPU cannot see the fans, disks or the power supply.',
  },
  dram: {
    package: 'Zones of one socket are counted apart: a zone that follows the memory modules does not count the cores.',
    board: "A zone of the CPU's powercap tree does not see a GPU card, its memory included.",
    wall: 'A counter inside the CPU cannot see the fans, disks or the power supply.',
  },
  board: {
    package: "NVML's readings, nvidia-smi's power.draw and the agent's nvidia domains come from the GPU, not the CPU.",
    dram: "The GPU's own memory is counted with the GPU, not by a zone of the CPU.",
    wall: 'A reading from the GPU driver cannot see the rest of the machine or the power supply.',
  },
  wall: {
    package: 'An instrument outside the box sees everything that the socket feeds, not one chip.',
    dram: 'An instrument outside the box sees everything that the socket feeds, not one chip.',
    board: 'An instrument outside the box sees everything that the socket feeds, not one card.',
  },
};

/** The answer of listing the options in their order, meter by meter (the fifth meter gets the first option). */
export const OPTIONS_ORDER: Layer[] = ['package', 'dram', 'board', 'wall', 'package'];
export const METER_COUNT = 5;

export default defineExerciseLogic<MeterData>(({ parts }) => {
  const specs = parts.map((p) => p.answer as ChoiceAnswerSpec);
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const machine = r.int(0, MACHINES.length - 1);
      // Five meters: every layer once and one layer twice (two different descriptions), so a fixed guess matches
      // all five on about 1 seed in 240 and a constant answer at most two; at most two meters where the options
      // list their layer, so answering in the options' order scores below half.
      let meters: [Layer, number][];
      do {
        const twice = r.pick([...LAYERS]);
        const [a, b] = r.shuffle(METERS[twice].map((_, i) => i));
        const drawn: [Layer, number][] = LAYERS.map((layer) => [layer, layer === twice ? a! : r.int(0, METERS[layer].length - 1)]);
        drawn.push([twice, b!]);
        meters = r.shuffle(drawn);
      } while (meters.filter(([l], i) => l === OPTIONS_ORDER[i]).length > 2);
      return { machine, meters };
    },
    render({ data }) {
      const values: Record<string, string> = { machine: MACHINES[data.machine]! };
      data.meters.forEach(([layer, i], k) => {
        values[`meter-${k + 1}`] = METERS[layer][i]!;
      });
      return { values };
    },
    async check({ data }, answers) {
      return gradeParts(
        answers,
        Object.fromEntries(
          data.meters.map(([layer], k) => [
            `meter-${k + 1}`,
            (a: Answer) => checkChoice(a, specs[k]!, layer, { why: WHY[layer], wrong: 'Ask what the meter is inside, or outside of.' }),
          ]),
        ),
      );
    },
  };
});
