import { canonicalJson } from '../spec/hash.ts';
import { resolveSpec } from '../spec/resolve.ts';
import type { Spec } from '../spec/schema.ts';

/**
 * What a spec measures, without its names and prose: the task and datasets with the parameter defaults
 * applied, the metrics without their names and definitions, and the run rules. Two specs with the same
 * key are one design: a workbook spec with only its id, title, description or wording changed is not
 * the learner's own. Core code.
 */
export function designKey(spec: Spec): string {
  try {
    const r = resolveSpec(spec);
    return canonicalJson({
      task: r.task,
      datasets: r.datasets.map(({ name: _n, ...d }) => d),
      metrics: r.metrics.map(({ name: _n, definition: _d, ...m }) => m),
      constraints: r.constraints,
    });
  } catch {
    // A spec whose defaults do not resolve is no workbook spec's twin; its hash-free text keeps it apart.
    return canonicalJson({ unresolved: spec.task, metrics: spec.metrics.map(({ name: _n, definition: _d, ...m }) => m) });
  }
}
