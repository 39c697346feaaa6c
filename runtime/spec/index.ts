// The benchmark specification: what the CLI, the engine, the site and the exercises may use.
export {
  specSchema,
  taskSchema,
  parameterSchema,
  SPEC_VERSION,
  PARAM_NAME,
  PARAM_REF,
  KERNEL_OPERATIONS,
  KERNEL_VARIANTS,
  MODELS,
  DTYPES,
  TASK_KINDS,
  RECORD_ITEMS,
  METRIC_KINDS,
  AGGREGATIONS,
  SCENARIOS,
  GENERATORS,
  SHIPPED_PACKAGES,
  formatPath,
  type Spec,
  type SpecInput,
  type Parameter,
  type ParamValue,
  type ParamRef,
  type TaskSpec,
  type DatasetSpec,
  type MetricSpec,
  type Constraints,
  type MetricKind,
  type Aggregation,
  type RecordItem,
  type Unref,
} from './schema.ts';
export { loadSpec, parseSpecValue, migrateSpec, migrations, type LoadResult, type LoadOptions, type Migration } from './load.ts';
export { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics.ts';
export {
  checkSpec,
  substitute,
  refSites,
  defaultValues,
  TARGETS_BY_KIND,
  AGGREGATIONS_BY_KIND,
  DIRECTION_BY_KIND,
  UNIT_BY_KIND,
  type CheckOptions,
  type RefSite,
} from './semantics.ts';
export { resolveSpec, coerceParameter, ParameterError, type ResolvedSpec } from './resolve.ts';
export { specHash, canonicalJson } from './hash.ts';
export { specJsonSchema, specJsonSchemaText } from './json-schema.ts';
export { TARGETS, type Target, type Task, type KernelTask, type InferenceTask, type Dtype } from './task.ts';
