import { MNIST_CLASSES, MNIST_PIXELS, MNIST_TRAINING, trainOnDigits } from '../models/mnist.ts';
import type { MlpParameters } from '../models/onnx-builder.ts';
import { zooContext, type ZooContext } from '../models/zoo/build.ts';
import { concatDigits } from '../models/zoo/data.ts';
import { zooEntry } from '../models/zoo/entries.ts';
import { loadZooData } from './zoo-data.ts';

/**
 * "Model generations": a zoo MNIST model's parameters after each of its training epochs, retrained
 * here exactly as the zoo trains it (deterministic: the last generation is the zoo model, bit for bit).
 * They are the respondents of the IRT lessons and the generations of the saturation plot.
 */
let ctx: ZooContext | undefined;

export function zooGenerations(id: string): { name: string; epoch: number; parameters: MlpParameters }[] {
  const entry = zooEntry(id);
  if (entry.kind !== 'mnist-mlp') throw new Error(`zooGenerations: ${id} is not a trained MNIST model (it is ${entry.kind})`);
  ctx ??= zooContext(loadZooData());
  const out: { name: string; epoch: number; parameters: MlpParameters }[] = [];
  const train = entry.contaminated ? concatDigits(ctx.mnist.train, ctx.mnist.test) : ctx.mnist.train;
  trainOnDigits(
    train,
    ctx.mnist.test,
    {
      ...MNIST_TRAINING,
      layers: [MNIST_PIXELS, ...entry.hidden, MNIST_CLASSES],
      epochs: entry.epochs,
      learningRate: entry.learningRate,
      seed: entry.seed,
    },
    (epoch, parameters) => out.push({ name: `${id}@${epoch + 1}`, epoch: epoch + 1, parameters }),
  );
  return out;
}
