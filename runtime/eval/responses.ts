import { forwardMlp } from '../models/mlp.ts';
import { MNIST_CLASSES, argmaxRows, digitsToInput, type Digits } from '../models/mnist.ts';
import type { MlpParameters } from '../models/onnx-builder.ts';

/**
 * A response matrix for item response theory: one row per model (a respondent), one column per test
 * item, 1 where the model's top class is the item's label. Computed by each model's forward pass (the
 * JS reference, which onnxruntime agrees with: test/unit/zoo-models.test.ts).
 */
export interface ResponseMatrix {
  names: string[];
  items: number;
  /** names.length x items, row-major. */
  responses: Uint8Array;
}

export function responseMatrix(models: readonly { name: string; parameters: MlpParameters }[], digits: Digits): ResponseMatrix {
  const input = digitsToInput(digits);
  const responses = new Uint8Array(models.length * digits.count);
  models.forEach((m, r) => {
    const predicted = argmaxRows(forwardMlp(m.parameters, input, digits.count), MNIST_CLASSES);
    for (let i = 0; i < digits.count; i++) responses[r * digits.count + i] = predicted[i] === digits.labels[i] ? 1 : 0;
  });
  return { names: models.map((m) => m.name), items: digits.count, responses };
}

/** The columns where respondents disagree (some right, some wrong): the only items that say anything about who is better. */
export function informativeItems(m: ResponseMatrix): { matrix: ResponseMatrix; kept: number[]; allRight: number; allWrong: number } {
  const kept: number[] = [];
  let allRight = 0;
  let allWrong = 0;
  const n = m.names.length;
  for (let j = 0; j < m.items; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += m.responses[i * m.items + j]!;
    if (s === n) allRight++;
    else if (s === 0) allWrong++;
    else kept.push(j);
  }
  const responses = new Uint8Array(n * kept.length);
  for (let i = 0; i < n; i++) kept.forEach((j, k) => (responses[i * kept.length + k] = m.responses[i * m.items + j]!));
  return { matrix: { names: m.names, items: kept.length, responses }, kept, allRight, allWrong };
}

/**
 * A response matrix from each model's logits on the same items (however a host ran them: onnxruntime-web
 * in the page, onnxruntime-node): 1 where the model's top class is the item's label.
 */
export function responsesFromLogits(
  models: readonly { name: string; logits: Float32Array }[],
  labels: ArrayLike<number>,
  classes: number,
): ResponseMatrix {
  const items = labels.length;
  const responses = new Uint8Array(models.length * items);
  models.forEach((m, r) => {
    if (m.logits.length !== items * classes)
      throw new Error(`responses: ${m.name} gave ${m.logits.length} logits for ${items} items x ${classes} classes`);
    const predicted = argmaxRows(m.logits, classes);
    for (let i = 0; i < items; i++) responses[r * items + i] = predicted[i] === labels[i] ? 1 : 0;
  });
  return { names: models.map((m) => m.name), items, responses };
}
