import { subSeed } from '../models/mlp.ts';
import { MNIST_PIXELS, digitsToInput, selectDigits, type Digits } from '../models/mnist.ts';
import type { MlpParameters } from '../models/onnx-builder.ts';
import type { ModelCard } from '../models/zoo/card.ts';
import { drawItems, type TabularSplit } from '../models/zoo/data.ts';
import type { EvaluationTask } from '../spec/task.ts';
import { softmaxRows } from './classification.ts';
import { evaluateClassifier, type ClassifierEvaluation } from './evaluate.ts';
import { inkOf, perturbDigits } from './perturb.ts';
import { robustnessCurve } from './robustness.ts';
import { subgroupIntervals, subgroupReport, type SubgroupReport } from './subgroups.ts';

/**
 * What an evaluation task runs, whatever hosts the model: which items (the split, drawn by the seed,
 * perturbed), and how the model's logits on them become the record's quality numbers. Pure.
 */

/** A zoo model as a host provides it (read from the built assets, or built in process). */
export interface ZooModelSource {
  card: ModelCard;
  bytes: Uint8Array;
  /** The float parameters of its JS reference (int8: dequantised). */
  parameters: MlpParameters;
  /** The model's data split by name; throws, naming the splits there are, for one it does not have. */
  split(name: EvaluationTask['split']): Digits | TabularSplit;
}

/** The scored items, as the model's input. */
export interface EvaluationItems {
  count: number;
  /** count x width model inputs. */
  input: Float32Array;
  width: number;
  labels: Uint8Array;
  /** Ink per item (digits only, before any perturbation: a property of the digit). */
  ink?: Float64Array;
  classes: string[];
  /** Index of each item in its split. */
  indices: number[];
  /** The digits before any perturbation (MNIST only), for a robustness curve. */
  digits?: Digits;
}

export function evaluationItems(task: EvaluationTask, source: ZooModelSource): EvaluationItems {
  const data = source.split(task.split);
  const n = 'images' in data ? data.count : data.count;
  const indices = task.count === undefined ? Array.from({ length: n }, (_, i) => i) : drawItems(n, task.count, subSeed(task.seed, 'items'));
  const classes = source.card.output.classes;
  if ('images' in data) {
    const picked = selectDigits(data, indices);
    const disturbed = task.perturbation ? perturbDigits(picked, task.perturbation, subSeed(task.seed, 'perturbation')) : picked;
    return {
      count: picked.count,
      input: digitsToInput(disturbed),
      width: MNIST_PIXELS,
      labels: picked.labels,
      ink: inkOf(picked),
      classes,
      indices,
      digits: picked,
    };
  }
  if (task.perturbation) throw new Error(`evaluation: ${task.model} reads tabular measurements; perturbations apply to images (the MNIST models)`);
  const width = data.features.length / data.count;
  const input = new Float32Array(indices.length * width);
  indices.forEach((r, k) => {
    for (let f = 0; f < width; f++) input[k * width + f] = data.features[r * width + f]!;
  });
  return { count: indices.length, input, width, labels: Uint8Array.from(indices, (r) => data.labels[r]!), classes, indices };
}

export interface EvaluationOutcome {
  evaluation: ClassifierEvaluation;
  subgroups?: SubgroupReport;
  /** Flat numbers for the record's `quality`: each metric and `<metric>:ci95-low/high`, `confusion:<true>:<predicted>`, slices. */
  quality: Record<string, number>;
}

/** Scores the model's logits on the items (softmax, every metric with a bootstrap interval seeded by the task's seed). */
export function scoreEvaluation(task: EvaluationTask, items: EvaluationItems, logits: Float32Array, resamples?: number): EvaluationOutcome {
  const k = items.classes.length;
  if (logits.length !== items.count * k)
    throw new Error(`evaluation: ${items.count} items x ${k} classes need ${items.count * k} logits, got ${logits.length}`);
  const evaluation = evaluateClassifier(
    { classes: k, labels: items.labels, probabilities: softmaxRows(logits, k) },
    { seed: subSeed(task.seed, 'bootstrap'), ...(resamples ? { resamples } : {}), names: items.classes.map((_, c) => String(c)) },
  );
  const quality: Record<string, number> = { items: items.count };
  for (const [name, m] of Object.entries(evaluation.metrics)) {
    quality[name] = m.value;
    quality[`${name}:ci95-low`] = m.ci95[0];
    quality[`${name}:ci95-high`] = m.ci95[1];
  }
  evaluation.confusion.forEach((row, t) => {
    row.forEach((v, p) => {
      quality[`confusion:${t}:${p}`] = v;
    });
  });
  evaluation.calibration.forEach((b, i) => {
    quality[`calibration:${i}:items`] = b.items;
    if (b.accuracy !== null) quality[`calibration:${i}:accuracy`] = b.accuracy;
    if (b.confidence !== null) quality[`calibration:${i}:confidence`] = b.confidence;
  });
  let subgroups: SubgroupReport | undefined;
  if (task.slices) {
    const predicted = argmax(logits, k);
    const correct = Uint8Array.from(predicted, (p, i) => (p === items.labels[i] ? 1 : 0));
    subgroups = subgroupReport(task.slices, items.labels, correct, items.ink);
    for (const s of subgroups.slices) {
      quality[`slice:${s.name}:accuracy`] = s.accuracy;
      quality[`slice:${s.name}:items`] = s.items;
    }
    quality['worst-group-accuracy'] = subgroups.worst.accuracy;
    quality['group-gap'] = subgroups.gap;
    // Each subgroup's number with its interval: a slice of 50 items is far less sure than the whole set.
    const intervals = subgroupIntervals(task.slices, items.labels, correct, items.ink, {
      seed: subSeed(task.seed, 'slices'),
      ...(resamples ? { resamples } : {}),
    });
    for (const [name, m] of Object.entries(intervals)) {
      quality[`${name}:ci95-low`] = m.ci95[0];
      quality[`${name}:ci95-high`] = m.ci95[1];
    }
  }
  return { evaluation, ...(subgroups ? { subgroups } : {}), quality };
}

function argmax(values: Float32Array, width: number): Uint8Array {
  const out = new Uint8Array(values.length / width);
  for (let r = 0; r < out.length; r++) {
    let best = 0;
    for (let j = 1; j < width; j++) if (values[r * width + j]! > values[r * width + best]!) best = j;
    out[r] = best;
  }
  return out;
}

/**
 * The task's robustness curve: accuracy with its bootstrap interval at each strength, on the same items
 * (perturbed from the clean digits, seeded), as flat record numbers `robustness:<strength>:accuracy`
 * and `...:ci95-low/high`, plus `robustness:kind:<kind>` = 1 so a reader knows the perturbation.
 */
export async function robustnessQuality(
  task: EvaluationTask,
  items: EvaluationItems,
  logitsOf: (input: Float32Array, rows: number) => Promise<Float32Array>,
): Promise<Record<string, number>> {
  const r = task.robustness;
  if (!r) return {};
  if (!items.digits) throw new Error(`evaluation: ${task.model} reads tabular measurements; a robustness curve needs images (the MNIST models)`);
  const curve = await robustnessCurve(items.digits, r.kind, r.strengths, logitsOf, {
    seed: subSeed(task.seed, 'perturbation'),
    classes: items.classes.length,
  });
  const out: Record<string, number> = { [`robustness:kind:${r.kind}`]: 1 };
  for (const p of curve) {
    out[`robustness:${p.strength}:accuracy`] = p.accuracy.value;
    out[`robustness:${p.strength}:ci95-low`] = p.accuracy.ci95[0];
    out[`robustness:${p.strength}:ci95-high`] = p.accuracy.ci95[1];
  }
  return out;
}
