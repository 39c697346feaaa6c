import { z } from 'zod';
import { LEVEL_IDS } from '../lessons/levels.ts';
import { lookupUnit } from './units.ts';
import { EXERCISE_KINDS } from './types.ts';

/**
 * The exercise definition, as `exercises/<id>/exercise.ts` exports it (types.ts has the TypeScript
 * side). `workbook lint` and the unit tests validate every definition with this schema; the functions
 * are checked for being functions here and for what they do by lint.ts.
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z.string().regex(SLUG, 'must be lowercase words joined by hyphens, like read-two-runs');
const text = z.string().regex(/\S/, 'must not be empty');
const fn = (what: string) => z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', `must be a function: ${what}`);

const optionSchema = z
  .object({
    /** What the answer holds: lowercase words joined by hyphens. */
    id: slug,
    /** What the learner reads (markdown, one line). */
    text,
  })
  .strict();

const uniqueIds = (what: string) => (items: { id: string }[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id))
      ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${item.id}" is already the id of another ${what}; ids must be unique` });
    seen.add(item.id);
  });
};

const numberAnswer = z
  .object({
    /** `number`: a number with a unit, compared with rtol / atol. */
    type: z.literal('number'),
    /** The unit of the expected value: ms, s, GB/s, GFLOP/s, items/s, fraction, or '' for a plain number. */
    unit: z
      .string()
      .refine(
        (u) => u === '' || lookupUnit(u) !== undefined,
        'is not a unit the checker knows (ms, s, µs, GB/s, GFLOP/s, items/s, fraction, % or "" for none)',
      ),
    /** Relative tolerance; 1e-2 (1%) when left out. */
    rtol: z.number().positive().max(1).optional(),
    /** Absolute tolerance in `unit`; 1e-8 when left out. */
    atol: z.number().min(0).optional(),
  })
  .strict();

const choiceAnswer = z
  .object({
    /** `choice`: pick one option, or several when `multiple`. */
    type: z.literal('choice'),
    /** true: pick all that apply (partial credit); false or left out: pick one. */
    multiple: z.boolean().optional(),
    /** Every option the part can show, at least two. */
    options: z.array(optionSchema).min(2).superRefine(uniqueIds('option')),
  })
  .strict();

const orderingAnswer = z
  .object({
    /** `ordering`: put items in order (partial credit by longest common subsequence). */
    type: z.literal('ordering'),
    /** Every item the part can use, at least three. */
    items: z.array(optionSchema).min(3).superRefine(uniqueIds('item')),
  })
  .strict();

const specAnswer = z
  .object({
    /** `spec`: a benchmark spec in YAML, checked by the validator and a rubric. */
    type: z.literal('spec'),
    /** What the editor starts with when the variant gives nothing. */
    starter: z.string().optional(),
  })
  .strict();

const codeAnswer = z
  .object({
    /** `code`: code run against tests. */
    type: z.literal('code'),
    /** js (run in a sandbox) or wgsl (run on WebGPU). */
    language: z.enum(['js', 'wgsl']),
    /** What the editor starts with when the variant gives nothing. */
    starter: z.string().optional(),
  })
  .strict();

export const answerSpecSchema = z.discriminatedUnion('type', [numberAnswer, choiceAnswer, orderingAnswer, specAnswer, codeAnswer]);

/** A part as the frontmatter of exercise.md declares it: its prompt is the `## Part <id>` section. */
export const partMetaSchema = z
  .object({
    /** The key of this part's answer: lowercase words joined by hyphens. */
    id: slug,
    /** How the part is answered and checked. */
    answer: answerSpecSchema,
    /** Share of the exercise's points relative to the other parts; 1 when left out. */
    weight: z.number().positive().optional(),
  })
  .strict();

/** The frontmatter of `exercises/<id>/exercise.md`: the exercise's metadata (the prose is in its sections). */
export const frontmatterSchema = z
  .object({
    /** The folder name: lowercase words joined by hyphens. */
    id: slug,
    /** The title shown above the exercise. */
    title: text,
    /** The level it belongs to: foundations, practitioner, researcher, professional. */
    level: z.enum(LEVEL_IDS),
    /** spec-design, interpretation or code. */
    kind: z.enum(EXERCISE_KINDS),
    /** Points in a gradebook. */
    points: z.number().positive(),
    /** One sentence for lists and the progress page. */
    summary: text,
    /** Minutes a learner needs, about (1 to 120). */
    minutes: z.number().int().min(1).max(120),
    /** The parts, each answered and checked on its own; ids unique. */
    parts: z.array(partMetaSchema).min(1).superRefine(uniqueIds('part')),
  })
  .strict();

export type ExerciseFrontmatter = z.output<typeof frontmatterSchema>;

export const partSchema = partMetaSchema.extend({
  /** The question, in markdown (the `## Part <id>` section of exercise.md). */
  prompt: text,
});

/** The assembled definition (runtime/exercises/folder.ts): frontmatter, prose sections and logic. */
export const exerciseSchema = frontmatterSchema
  .extend({
    parts: z.array(partSchema).min(1).superRefine(uniqueIds('part')),
    /** The scenario above the parts (markdown; `{{name}}` placeholders filled from render().values). */
    introduction: text,
    /** Hints revealed one at a time, most general first; at least one, none empty. */
    hints: z.array(text).min(1),
    /** The worked solution in markdown, for the instructor view. */
    solution: text,
    /** Notes for the instructor (timing, what learners get wrong). */
    notes: text,
    /** The folder's sandbox files (preludes, tests, kernels) by path inside the folder. */
    files: z.record(z.string(), z.string()),
    generate: fn('generate(seed) draws the variant'),
    render: fn('render(variant) says what the page shows'),
    check: fn('check(variant, answers, context) scores the answers'),
  })
  .strict();

export type ExerciseSchemaInput = z.input<typeof exerciseSchema>;
