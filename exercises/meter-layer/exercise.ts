import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { Answer, ChoiceAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: which layer of a system (CPU package, DRAM, GPU board, wall) a meter sees. Each variant draws one
 * description per layer (a powercap path, the workbook agent's domain, an NVML call or nvidia-smi field, an
 * instrument) and shows them in a shuffled order. A wrong pick gets the misconception behind it, never the layer.
 */

export const LAYERS = ['package', 'dram', 'board', 'wall'] as const;
export type Layer = (typeof LAYERS)[number];

export const METERS: Record<Layer, string[]> = {
  package: [
    "It reads `/sys/class/powercap/intel-rapl:0/energy_uj`; the zone's `name` file says `package-0`.",
    "The workbook agent's energy domain `rapl:package-0`.",
    'A RAPL energy counter of socket 0 that the kernel exposes as the zone `package-0`, read before and after the run.',
  ],
  dram: [
    "It reads `/sys/class/powercap/intel-rapl:0/intel-rapl:0:1/energy_uj`; the zone's `name` file says `dram`.",
    "The workbook agent's energy domain `rapl:package-0/dram`.",
  ],
  board: [
    '`nvidia-smi --query-gpu=power.draw` every 100 ms, integrated over the run.',
    "NVML's `nvmlDeviceGetTotalEnergyConsumption`, read before and after the run (millijoules since the driver loaded).",
    "The workbook agent's energy domain `nvidia:0`.",
  ],
  wall: [
    "A power analyzer wired between the wall socket and the machine's power supply, as MLPerf Power uses.",
    'A plug-in energy meter at the wall socket that feeds the whole machine.',
  ],
};

export const MACHINES = ['one CPU socket and one NVIDIA GPU', 'a workstation with one NVIDIA GPU', 'a 1U server with one GPU'];

export interface MeterData {
  machine: number;
  /** Four meters, one per layer, in the order shown: [layer, index into METERS[layer]]. */
  meters: [Layer, number][];
}

/** Why a pick is wrong, by the meter's true layer and the pick: the misconception, not the answer. */
const WHY: Record<Layer, Partial<Record<Layer, string>>> = {
  package: {
    dram: "A powercap zone covers what its name says: read the zone's `name` again.",
    board: 'RAPL counters live in the CPU; they do not see a GPU card.',
    wall: 'A counter inside the CPU cannot see the fans, disks or the power supply.',
  },
  dram: {
    package: "Zones of one package are counted apart from each other: read the zone's `name` again.",
    board: "A zone of the CPU's powercap tree does not see a GPU card, its memory included.",
    wall: 'A counter inside the CPU cannot see the fans, disks or the power supply.',
  },
  board: {
    package: "NVML's readings and nvidia-smi's power.draw come from the GPU, not the CPU.",
    dram: 'NVML and nvidia-smi read the GPU, not a zone of the CPU.',
    wall: 'A reading from the GPU driver cannot see the rest of the machine or the power supply.',
  },
  wall: {
    package: 'An instrument outside the box sees everything that the socket feeds, not one chip.',
    dram: 'An instrument outside the box sees everything that the socket feeds, not one chip.',
    board: 'An instrument outside the box sees everything that the socket feeds, not one card.',
  },
};

export default defineExerciseLogic<MeterData>(({ parts }) => {
  const specs = parts.map((p) => p.answer as ChoiceAnswerSpec);
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const machine = r.int(0, MACHINES.length - 1);
      // At most one meter where the options list its layer, so answering in the options' order scores below half.
      let order = r.shuffle(LAYERS);
      while (order.filter((l, i) => l === LAYERS[i]).length > 1) order = r.shuffle(LAYERS);
      const meters = order.map((layer) => [layer, r.int(0, METERS[layer].length - 1)] as [Layer, number]);
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
