/** The browser host, for the result record: browser, cores, isolation (which decides timers and threads). */
export function browserHostEnvironment(): Record<string, unknown> {
  const nav = navigator as Navigator & {
    deviceMemory?: number;
    userAgentData?: { platform?: string; brands?: { brand: string; version: string }[] };
  };
  return {
    kind: 'browser',
    userAgent: nav.userAgent,
    platform: nav.userAgentData?.platform ?? nav.platform,
    logicalCores: nav.hardwareConcurrency,
    ...(nav.deviceMemory ? { memoryGiB: nav.deviceMemory } : {}),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  };
}
