export type { DomainEnergy, EnergyProbe, EnergyReading, EnergyWindow } from './types.ts';
export { describeSources, energyProbe, findEnergySources, type EnergySources, type EnergyProbeOptions } from './probe.ts';
import process from 'node:process';
import { describeSources, energyProbe, findEnergySources } from './probe.ts';
import type { EnergyProbe } from './types.ts';

/** A probe that reads nothing: every run says "not available", with `reason`. */
export function noEnergy(reason: string): EnergyProbe {
  return {
    begin: async () => ({
      mark: () => {},
      end: async () => ({ status: 'not available', reasons: [reason] }),
    }),
  };
}

/**
 * The energy counters this machine offers (RAPL under /sys/class/powercap, NVIDIA through nvidia-smi), with
 * a line saying which. WORKBOOK_POWERCAP_ROOT points RAPL elsewhere (the tests' fake tree);
 * WORKBOOK_ENERGY_IDLE_MS sets how long idle power is measured (default 1000).
 */
export async function defaultEnergyProbe(env: Record<string, string | undefined> = process.env): Promise<{ probe: EnergyProbe; text: string }> {
  const sources = await findEnergySources({ env, ...(env.WORKBOOK_POWERCAP_ROOT ? { powercapRoot: env.WORKBOOK_POWERCAP_ROOT } : {}) });
  const idle = Number(env.WORKBOOK_ENERGY_IDLE_MS);
  return { probe: energyProbe(sources, { env, ...(idle > 0 ? { idleMs: idle } : {}) }), text: describeSources(sources) };
}
