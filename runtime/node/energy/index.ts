export type { DomainEnergy, EnergyProbe, EnergyReading, EnergyWindow } from './types.ts';
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

/** The energy counters this machine offers (none yet: RAPL and NVIDIA come in runtime/node/energy). */
export async function defaultEnergyProbe(_env?: Record<string, string | undefined>): Promise<{ probe: EnergyProbe; text: string }> {
  const text = 'not available: no energy counters are read yet';
  return { probe: noEnergy(text), text };
}
