import { formatDiagnostic } from '../diagnostics.ts';
import { ParameterError, parseSpecValue, resolveSpec, specHash, type Spec } from '../spec/index.ts';
import type { Target } from '../spec/task.ts';
import type { ResultRecord } from './record.ts';

/**
 * Rerun from a record alone: everything a second run needs is in the first one's record (the spec as
 * run, its parameter values, the seed, the target). The plan is checked before anything runs: the spec
 * must still pass the schema and hash to the record's `spec.hash` (a record edited after the run would
 * rerun something else), and its parameters must resolve to the record's seed. Pure: the CLI (`workbook
 * rerun`) and the page's cell both call it, then run the plan with their own runners.
 */
export interface RerunPlan {
  spec: Spec;
  /** The spec as text a cell's worker or `loadSpec` reads (JSON is YAML). */
  specText: string;
  /** The record's parameter values, as overrides. */
  overrides: Record<string, string | number | boolean>;
  /** The record's target: a rerun elsewhere may choose another, and the diff then names it. */
  target: Target;
  seed: number;
}

export function rerunPlan(record: ResultRecord, file = 'record'): { plan?: RerunPlan; errors: string[] } {
  const source = record.spec.source;
  if (source === undefined || source === null)
    return { errors: [`${file}: spec.source: the record holds no spec, so it cannot be rerun from the record alone`] };
  const loaded = parseSpecValue(source);
  const problems = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!loaded.spec || problems.length)
    return { errors: problems.map((d) => `${file}: spec.source: ${formatDiagnostic({ ...d, line: 0, column: 0 }).replace(/^0:0: /, '')}`) };
  const spec = loaded.spec;
  const hash = specHash(spec);
  if (hash !== record.spec.hash) {
    return {
      errors: [
        `${file}: spec.hash: the spec in the record hashes to ${hash.slice(0, 19)}…, not the record's ${record.spec.hash.slice(0, 19)}…: the spec was changed after the run, so a rerun would measure something else`,
      ],
    };
  }
  let seed: number;
  try {
    seed = resolveSpec(spec, record.parameters).seed;
  } catch (e) {
    if (e instanceof ParameterError) return { errors: [`${file}: parameters: ${e.message}`] };
    throw e;
  }
  if (seed !== record.seed)
    return {
      errors: [`${file}: seed: the record says ${record.seed}, but its spec and parameters give ${seed}: the record was edited after the run`],
    };
  return {
    plan: { spec, specText: `${JSON.stringify(source, null, 2)}\n`, overrides: { ...record.parameters }, target: record.target, seed },
    errors: [],
  };
}
