// Checks a <BenchCell> of an episode at build time: the spec exists and is valid, the target and the
// starting values fit it. Used by src/author/BenchCell.astro; a problem stops the build with a
// message that names the cell and the page, so an author knows which line of which episode to fix.
import { loadSpec, resolveSpec, ParameterError, type ParamValue, type Spec } from '../../runtime/spec/index.ts';
import { runsOn, targetsOn, type Target } from '../../runtime/targets/index.ts';
import { isPageTarget } from './targets.ts';
import type { CellMeta } from './types.ts';
import { formatDiagnostic } from '../../runtime/diagnostics.ts';

export interface CellProps {
  /** The spec's id: lessons/specs/<spec>.bench.yaml. */
  spec: string;
  /** The target picked when the page opens. */
  target?: Target;
  /** Starting values of the controls. */
  params?: Record<string, string | number | boolean>;
}

export interface CheckedCell {
  spec: Spec;
  /** The spec's YAML, as the worker runs it. */
  text: string;
  /** The YAML as the learner reads it (without the editor's schema comment). */
  shown: string;
  file: string;
  /** The page targets, first choice first, and the one picked at first. */
  targets: Target[];
  initial: Target;
  /** Every parameter's starting value. */
  values: Record<string, ParamValue>;
  /** The spec also names native targets (the agent's). */
  hasNative: boolean;
  meta: CellMeta;
}

/** A cell an episode cannot have; the message names the cell and its page. */
export class CellPropsError extends Error {
  override name = 'CellPropsError';
}

/**
 * Checks one cell against the specs (`texts`: spec id to YAML text) and returns what the cell
 * renders. `page` is the episode's address, for the message.
 */
export function checkCellProps(props: CellProps, texts: Readonly<Record<string, string>>, page: string): CheckedCell {
  const where = `<BenchCell spec=${JSON.stringify(props.spec)}> on ${page}`;
  const fail = (message: string): never => {
    throw new CellPropsError(`${where}: ${message}`);
  };
  const known = Object.keys(texts).sort();
  if (typeof props.spec !== 'string' || !props.spec) fail(`give the spec's id, one of ${known.join(', ')}`);
  const file = `lessons/specs/${props.spec}.bench.yaml`;
  const text = texts[props.spec] ?? fail(`there is no ${file}; the specs are ${known.join(', ')}`);
  const { spec, diagnostics } = loadSpec(text, file);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!spec || errors.length) {
    return fail(
      `${file} is not a valid spec (npx workbook validate ${file} shows the same):\n${errors.map((d) => `  ${formatDiagnostic(d, file)}`).join('\n')}`,
    );
  }
  const targets = spec.infrastructure.targets.filter(isPageTarget);
  if (!targets.length)
    fail(`${file} names no target a page can run (it has ${spec.infrastructure.targets.join(', ')}); add one of ${targetsOn('browser').join(', ')}`);
  if (props.target !== undefined && !targets.includes(props.target))
    fail(`target="${props.target}" is not one of this spec's page targets: ${targets.join(', ')}`);
  let values: Record<string, ParamValue> = {};
  try {
    values = resolveSpec(spec, props.params ?? {}).params;
  } catch (e) {
    if (e instanceof ParameterError) fail(`params: ${e.message}`);
    throw e;
  }
  const c = spec.constraints;
  return {
    spec,
    text,
    shown: text.replace(/^# yaml-language-server:.*\n/, ''),
    file,
    targets,
    initial: props.target ?? targets[0]!,
    values,
    hasNative: spec.infrastructure.targets.some((t) => !runsOn(t, 'browser')),
    meta: {
      id: spec.id,
      title: spec.title,
      file,
      targets,
      specTargets: [...spec.infrastructure.targets],
      // A server spec also takes qps=N (its target QPS, runtime/load/overrides.ts), so the terminal's run accepts it.
      parameters: [...Object.keys(spec.parameters), ...(c.load && c.scenario === 'server' && !('qps' in spec.parameters) ? ['qps'] : [])],
      ...(c.load && c.scenario === 'server' ? { sweep: c.load.sweep ?? null } : {}),
      maxDurationMs: c['max-duration-ms'],
      warmup: c.warmup,
    },
  };
}
