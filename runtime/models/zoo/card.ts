import { z } from 'zod';

/**
 * A model card (after Mitchell et al., "Model Cards for Model Reporting", 2019), one JSON file per zoo
 * model, validated by this schema wherever it is read. Every number in it is computed at build time
 * from the model that ships beside it; nothing is typed in by hand.
 */
export const MODEL_CARD_FORMAT = 'benchmark-carpentry/model-card';
export const MODEL_CARD_VERSION = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
const split = z.object({ count: z.number().int().min(1), sha256 });
const interval = z.object({
  value: z.number().min(0).max(1),
  ci95: z.tuple([z.number(), z.number()]),
  bootstrap: z.object({ seed: z.number(), resamples: z.number().int(), items: z.number().int() }),
});

export const modelCardSchema = z
  .object({
    format: z.literal(MODEL_CARD_FORMAT),
    version: z.literal(MODEL_CARD_VERSION),
    id: z.string().regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes'),
    title: z.string(),
    purpose: z.string(),
    /** The ONNX file beside the card. */
    file: z.string(),
    bytes: z.number().int().min(1),
    sha256,
    architecture: z.object({
      kind: z.literal('mlp'),
      layers: z.array(z.number().int().min(1)).min(2),
      activation: z.literal('relu'),
      weights: z.enum(['float32', 'int8']),
      /** How int8 weights become numbers (absent for float32). */
      quantization: z.string().optional(),
      operators: z.array(z.string()),
      irVersion: z.number().int(),
      opset: z.number().int(),
    }),
    /** Trainable numbers (weights and biases), whatever their storage type. */
    parameters: z.number().int().min(1),
    input: z.object({ name: z.string(), shape: z.array(z.union([z.string(), z.number()])), scaling: z.string() }),
    output: z.object({ name: z.string(), shape: z.array(z.union([z.string(), z.number()])), classes: z.array(z.string()) }),
    data: z.object({
      package: z.string(),
      version: z.string(),
      splits: z.object({ train: split, test: split, fresh: split.optional() }),
      /** true when the test split was trained on: its test accuracy is then not a held-out figure. */
      contaminated: z.boolean(),
      /** What the model actually trained on, in words. */
      trainedOn: z.string(),
    }),
    training: z.object({
      seed: z.number(),
      epochs: z.number().int().min(1),
      batchSize: z.number().int().min(1),
      learningRate: z.number(),
      momentum: z.number(),
      weightDecay: z.number(),
      /** Mean training cross-entropy per epoch. */
      epochLoss: z.array(z.number()),
      /** A model derived from another (int8 from its float source), instead of trained. */
      derivedFrom: z.string().optional(),
    }),
    /** Accuracy by the plain-JS forward pass, with a seeded bootstrap 95% interval over items. */
    accuracy: z.object({ train: z.number().min(0).max(1), test: interval, fresh: interval.optional() }),
    /** SHA-256 of everything that decides the model (zoo version, entry, data): the build cache's key. */
    cacheKey: sha256,
  })
  .strict();
export type ModelCard = z.infer<typeof modelCardSchema>;

/** Parses a card's JSON text; errors name the file and the field. */
export function parseModelCard(text: string, where: string): ModelCard {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where}: not JSON (${(e as Error).message})`);
  }
  const parsed = modelCardSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${where}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return parsed.data;
}
