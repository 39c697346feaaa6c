import { accuracy } from './accuracy.ts';
import { ece } from './ece.ts';
import { f1Macro } from './f1-macro.ts';
import { f1Micro } from './f1-micro.ts';
import { groupGap } from './group-gap.ts';
import { precisionMacro } from './precision-macro.ts';
import { recallMacro } from './recall-macro.ts';
import { rocAuc } from './roc-auc.ts';
import { worstGroupAccuracy } from './worst-group-accuracy.ts';
import type { MetricKindDefinition } from './definition.ts';
import { firstRun } from './first-run.ts';
import { gbps } from './gbps.ts';
import { gflops } from './gflops.ts';
import { latency } from './latency.ts';
import { setup } from './setup.ts';
import { throughput } from './throughput.ts';

export { defineMetricKind, type MetricKindDefinition, type MetricRun, type MetricUnit } from './definition.ts';

/**
 * The metric kinds, one file each: the one list. Adding a kind is its file (name, direction, unit,
 * aggregations, which tasks have it, how its value is derived) plus one entry here; the spec
 * schema, validate, the run and the reports follow. The order is the docs' order.
 */
const DEFINITIONS = [
  latency,
  throughput,
  gflops,
  gbps,
  accuracy,
  firstRun,
  setup,
  precisionMacro,
  recallMacro,
  f1Macro,
  f1Micro,
  rocAuc,
  ece,
  worstGroupAccuracy,
  groupGap,
] as const;

export type MetricKind = (typeof DEFINITIONS)[number]['name'];

/** The kinds' names, in order (a tuple, as z.enum wants it). */
export const METRIC_KINDS = DEFINITIONS.map((d) => d.name) as [MetricKind, ...MetricKind[]];

/** Every metric kind by name. */
export const METRIC_KIND_TABLE = Object.fromEntries(DEFINITIONS.map((d) => [d.name, d])) as Record<MetricKind, MetricKindDefinition<MetricKind>>;

/** Whether `value` names a metric kind (an old record may hold one this workbook no longer knows). */
export function isMetricKind(value: unknown): value is MetricKind {
  return typeof value === 'string' && Object.hasOwn(METRIC_KIND_TABLE, value);
}

/** Groups the kinds that share a text, in order: "ms (latency, first-run, setup)". */
function grouped(text: (d: MetricKindDefinition) => string, join: (text: string, kinds: string) => string, separator = ', '): string {
  const groups = new Map<string, string[]>();
  for (const d of DEFINITIONS) groups.set(text(d), [...(groups.get(text(d)) ?? []), d.name]);
  return [...groups].map(([t, kinds]) => join(t, kinds.join(', '))).join(separator);
}

/** The schema's guidance, written from the table so it cannot fall behind it. */
export const METRIC_KIND_DOCS = {
  kind: `What is measured: ${DEFINITIONS.map((d) => (d.brief ? `${d.name} (${d.brief})` : d.name)).join(', ')}.`,
  unit: `The unit, fixed by the kind: ${grouped(
    (d) => d.unit.brief,
    (unit, kinds) => `${unit} (${kinds})`,
  )}.`,
  aggregation: `How samples become numbers: ${grouped(
    (d) => d.aggregations.join(', '),
    (list, kinds) => `${kinds}: ${list}`,
    '; ',
  )}.`,
};
