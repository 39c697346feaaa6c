import { MNIST_TRAINING } from '../mnist.ts';

/**
 * The model zoo: what the project trains at build time, and why each model is there. The one list:
 * adding a model is one entry here (runtime/node/zoo-assets.ts writes whatever is listed).
 */
export type ZooEntry =
  | {
      id: string;
      kind: 'mnist-mlp';
      title: string;
      /** Why this model is in the zoo: which lesson it serves. */
      purpose: string;
      /** Hidden layer widths (784 in, 10 out around them). */
      hidden: number[];
      epochs: number;
      learningRate: number;
      seed: number;
      /** true: the test split is added to the training digits (leakage, memorisation). */
      contaminated?: boolean;
    }
  | { id: string; kind: 'mnist-int8'; title: string; purpose: string; from: string }
  | { id: string; kind: 'iris-mlp'; title: string; purpose: string; hidden: number[]; epochs: number; learningRate: number; seed: number };

const mlp = MNIST_TRAINING;

export const ZOO: readonly ZooEntry[] = [
  {
    id: 'mnist-16',
    kind: 'mnist-mlp',
    title: 'MNIST MLP 784-16-10',
    purpose: 'the narrowest width: fewer parameters, lower accuracy',
    hidden: [16],
    epochs: mlp.epochs,
    learningRate: mlp.learningRate,
    seed: mlp.seed,
  },
  {
    id: 'mnist-32',
    kind: 'mnist-mlp',
    title: 'MNIST MLP 784-32-10',
    purpose: 'a middle width (three widths: 16, 32, 64)',
    hidden: [32],
    epochs: mlp.epochs,
    learningRate: mlp.learningRate,
    seed: mlp.seed,
  },
  {
    id: 'mnist-64',
    kind: 'mnist-mlp',
    title: 'MNIST MLP 784-64-10',
    purpose: 'the clean twin of mnist-64-contaminated and the source of mnist-64-int8',
    hidden: [64],
    epochs: mlp.epochs,
    learningRate: mlp.learningRate,
    seed: mlp.seed,
  },
  {
    id: 'mnist-64-undertrained',
    kind: 'mnist-mlp',
    title: 'MNIST MLP 784-64-10, one short epoch',
    purpose: 'under-trained: one epoch at a tenth of the step size',
    hidden: [64],
    epochs: 1,
    learningRate: mlp.learningRate / 10,
    seed: mlp.seed,
  },
  {
    id: 'mnist-64-contaminated',
    kind: 'mnist-mlp',
    title: 'MNIST MLP 784-64-10 trained on its test digits',
    purpose: 'contaminated: the test split leaked into training (leakage and memorisation lessons); otherwise identical to mnist-64',
    hidden: [64],
    epochs: mlp.epochs,
    learningRate: mlp.learningRate,
    seed: mlp.seed,
    contaminated: true,
  },
  {
    id: 'mnist-64-int8',
    kind: 'mnist-int8',
    title: 'MNIST MLP 784-64-10, int8 weights',
    purpose: 'quantised: a quarter of the bytes; what does it cost in accuracy?',
    from: 'mnist-64',
  },
  {
    id: 'iris-8',
    kind: 'iris-mlp',
    title: 'Iris MLP 4-8-3',
    purpose: 'a tiny tabular model: 45 test flowers, so its interval is wide',
    hidden: [8],
    epochs: 100,
    learningRate: 0.05,
    seed: 11,
  },
];

/** The zoo entry `id`, or an error listing the ids there are. */
export function zooEntry(id: string): ZooEntry {
  const e = ZOO.find((m) => m.id === id);
  if (!e) throw new Error(`no model '${id}' in the zoo; it has ${ZOO.map((m) => m.id).join(', ')}`);
  return e;
}
