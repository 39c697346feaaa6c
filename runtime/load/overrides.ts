import { isScenario, scenarioChoices, type Scenario } from '../scenarios.ts';
import { checkSpec } from '../spec/semantics.ts';
import type { Spec } from '../spec/schema.ts';
import type { Target } from '../spec/task.ts';
import { scenarioTargetProblem } from './targets.ts';

/**
 * The load generator's own words on a command line or in a cell: `--scenario server` and `--param qps=...`,
 * applied to a copy of the spec's constraints (so the record's spec and hash say what ran), then the spec is
 * checked again, so a bad value gets the same located message `validate` gives. `qps` is taken only when the
 * spec declares no parameter of that name (a declared one is the spec's own).
 */
export const LOAD_PARAMS = { qps: 'target-qps' } as const;

export interface LoadOverrideResult {
  spec: Spec;
  /**
   * The target to run on when the new scenario rules some of the spec's targets out (server on a target with no
   * asynchronous issue): the one asked for, else the first listed that can; undefined: any.
   */
  target?: Target;
  /** The overrides left for the spec's own parameters. */
  overrides: Record<string, string>;
  errors: string[];
}

export function applyLoadOverrides(
  spec: Spec,
  options: { scenario?: string; overrides: Record<string, string>; target?: Target },
): LoadOverrideResult {
  const errors: string[] = [];
  const overrides = { ...options.overrides };
  let scenario: Scenario = spec.constraints.scenario;
  if (options.scenario !== undefined) {
    if (!isScenario(options.scenario)) errors.push(`--scenario ${options.scenario}: expected ${scenarioChoices((s) => s, false)}`);
    else scenario = options.scenario;
  }
  let qps: number | undefined;
  if ('qps' in overrides && !('qps' in spec.parameters)) {
    const raw = overrides.qps!;
    delete overrides.qps;
    qps = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(qps) || qps <= 0) errors.push(`--param qps=${raw}: the target QPS must be a number more than 0`);
  }
  if (errors.length > 0 || (options.scenario === undefined && qps === undefined)) return { spec, overrides, errors };
  const load = {
    rules: 'workbook' as const,
    mode: 'performance' as const,
    ...spec.constraints.load,
    ...(qps !== undefined ? { 'target-qps': qps } : {}),
  };
  const changed: Spec = { ...spec, constraints: { ...spec.constraints, scenario, load } };
  // A target the scenario rules out matters only if it is the one that would run: the one asked for, or, when
  // none is, the first that can (the others stay listed, for hosts where they are the choice).
  const targets = spec.infrastructure.targets;
  const able = targets.filter((t) => scenarioTargetProblem(scenario, t) === null);
  const target = options.target ?? (able.length < targets.length ? able[0] : undefined);
  const word = options.scenario !== undefined ? `--scenario ${scenario}` : `--param qps=${qps}`;
  for (const d of checkSpec(changed)) {
    if (d.severity !== 'error') continue;
    const listed = /^infrastructure\.targets\[(\d+)\]: /.exec(d.message);
    if (
      listed &&
      able.length > 0 &&
      target !== undefined &&
      targets[Number(listed[1])] !== target &&
      scenarioTargetProblem(scenario, targets[Number(listed[1])]!)
    )
      continue;
    errors.push(`${word}: ${d.message}`);
  }
  return { spec: changed, overrides, errors, ...(target !== undefined ? { target } : {}) };
}
