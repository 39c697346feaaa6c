export type { DomainEnergy, EnergyProbe, EnergyReading, EnergyWindow } from './types.ts';
export { describeSources, energyProbe, findEnergySources, type EnergySources, type EnergyProbeOptions } from './probe.ts';
import process from 'node:process';
import { describeSources, energyProbe, findEnergySources, idleTime } from './probe.ts';
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
 * WORKBOOK_ENERGY_IDLE_MS sets how long idle power is measured (50 to 60000 ms; else 1000, with a note).
 */
export async function defaultEnergyProbe(env: Record<string, string | undefined> = process.env): Promise<{ probe: EnergyProbe; text: string }> {
  const sources = await findEnergySources({ env, ...(env.WORKBOOK_POWERCAP_ROOT ? { powercapRoot: env.WORKBOOK_POWERCAP_ROOT } : {}) });
  const idle = idleTime('WORKBOOK_ENERGY_IDLE_MS', env.WORKBOOK_ENERGY_IDLE_MS);
  if (idle.note) sources.unavailable.push(idle.note);
  return { probe: energyProbe(sources, { env, idleMs: idle.ms }), text: describeSources(sources) };
}
