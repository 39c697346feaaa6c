import type { RecordItem } from '../spec/schema.ts';

/**
 * What a result record keeps of where it ran, as the spec's `infrastructure.record` says. Each
 * environment field belongs to one item (or to none: what ran, such as the kernel or the model,
 * is always kept). A field of an item the spec does not list is left out; an item the spec lists
 * that this target does not report is named in `target.unavailable`, so a missing fact reads as
 * missing, never as absent by accident. The harness's timer resolution (timing.timerResolutionMs)
 * is part of every record whatever the spec says: the measurement rules need it.
 */
export const RECORD_ITEM_FIELDS: Record<RecordItem, { host: readonly string[]; target: readonly string[] }> = {
  adapter: { host: [], target: ['adapter', 'fallbackNote', 'features', 'limits'] },
  backend: {
    host: [],
    target: [
      'backend',
      'engine',
      'binding',
      'dawnOptions',
      'vulkanIcd',
      'onnxruntimeVersion',
      'executionProvider',
      'availableExecutionProviders',
      'graphOptimizationLevel',
      'wasmPaths',
      'outputLocation',
    ],
  },
  threads: { host: [], target: ['threads', 'intraOpThreads', 'interOpThreads', 'hardwareConcurrency'] },
  isolation: { host: ['crossOriginIsolated'], target: ['crossOriginIsolated'] },
  'timer-resolution': { host: [], target: ['timestampQuery'] },
  'user-agent': { host: ['userAgent'], target: ['userAgent'] },
  host: { host: ['os', 'cpu', 'logicalCores', 'memoryGiB', 'runtime', 'v8', 'platform'], target: [] },
};

/** Items every target reports one way or another, so never "unavailable" (timer-resolution: timing.timerResolutionMs). */
const ALWAYS_RECORDED: readonly RecordItem[] = ['timer-resolution'];

export interface Environment {
  host: Record<string, unknown>;
  target: Record<string, unknown>;
}

/** The environment a record keeps: the fields of the listed items and the fields of no item; see RECORD_ITEM_FIELDS. */
export function recordEnvironment(environment: Environment, items: readonly RecordItem[]): Environment {
  const owner = (section: 'host' | 'target', key: string) =>
    (Object.keys(RECORD_ITEM_FIELDS) as RecordItem[]).filter((item) => RECORD_ITEM_FIELDS[item][section].includes(key));
  const keep = (section: 'host' | 'target') =>
    Object.fromEntries(
      Object.entries(environment[section]).filter(([key]) => {
        const of = owner(section, key);
        return of.length === 0 || of.some((item) => items.includes(item));
      }),
    );
  const host = keep('host');
  const target = keep('target');
  const present = (item: RecordItem) =>
    RECORD_ITEM_FIELDS[item].host.some((k) => k in host) || RECORD_ITEM_FIELDS[item].target.some((k) => k in target);
  const unavailable = items.filter((item) => !ALWAYS_RECORDED.includes(item) && !present(item));
  return { host, target: unavailable.length ? { ...target, unavailable } : target };
}
