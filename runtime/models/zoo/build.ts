import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { accuracyInterval, type Interval } from '../../eval/bootstrap.ts';
import { forwardMlp } from '../mlp.ts';
import { MNIST_CLASSES, MNIST_PIXELS, MNIST_TRAINING, argmaxRows, digitsToInput, trainOnDigits, type Digits } from '../mnist.ts';
import { BATCH_DIM, INPUT_NAME, IR_VERSION, OPSET, OUTPUT_NAME, buildMlp, buildMlpInt8, describeModel, type MlpParameters } from '../onnx-builder.ts';
import { sha256Hex } from '../assets.ts';
import { denseRows, fitMlp } from '../train.ts';
import { MODEL_CARD_FORMAT, MODEL_CARD_VERSION, modelCardSchema, type ModelCard } from './card.ts';
import {
  IRIS_FEATURES,
  IRIS_SCALE,
  concatDigits,
  digitsChecksum,
  irisSplits,
  mnistSplits,
  tabularChecksum,
  type MnistSplits,
  type TabularSplit,
  type ZooData,
} from './data.ts';
import type { ZooEntry } from './entries.ts';
import { quantizeInt8 } from './quantize.ts';

/** Bump when anything changes how a zoo model is made or described, so every cached model is rebuilt. */
export const ZOO_VERSION = 1;
/** Bootstrap resamples of the card's accuracy intervals. */
export const CARD_RESAMPLES = 1000;

/** The data and splits every zoo model is built from, made once per build. */
export interface ZooContext {
  data: ZooData;
  mnist: MnistSplits;
  iris: { train: TabularSplit; test: TabularSplit };
  checksums: {
    mnist: { train: Split; test: Split; fresh: Split };
    iris: { train: Split; test: Split };
  };
}
type Split = { count: number; sha256: string };

export function zooContext(data: ZooData): ZooContext {
  const mnist = mnistSplits(data.mnist.all);
  const iris = irisSplits(data.iris);
  return {
    data,
    mnist,
    iris,
    checksums: {
      mnist: { train: digitsChecksum(mnist.train), test: digitsChecksum(mnist.test), fresh: digitsChecksum(mnist.fresh) },
      iris: { train: tabularChecksum(iris.train), test: tabularChecksum(iris.test) },
    },
  };
}

/**
 * The cache key of a model: SHA-256 of the zoo version, the entry, the checksums of the splits it
 * reads and (for a derived model) its source's key. The same key means the same bytes: the training
 * is deterministic, so a rebuild with an unchanged key retrains nothing.
 */
export function zooCacheKey(entry: ZooEntry, ctx: ZooContext, sourceKey?: string): string {
  const data = entry.kind === 'iris-mlp' ? ctx.checksums.iris : ctx.checksums.mnist;
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify({ zoo: ZOO_VERSION, entry, data, source: sourceKey ?? null }))));
}

/** A built model: its ONNX bytes, the float parameters of its JS reference, and its card. */
export interface BuiltModel {
  bytes: Uint8Array;
  /** What the JS reference computes with (for int8: the dequantised weights). */
  parameters: MlpParameters;
  card: ModelCard;
}

const FLOAT_DEFAULTS = { batchSize: MNIST_TRAINING.batchSize, momentum: MNIST_TRAINING.momentum, weightDecay: MNIST_TRAINING.weightDecay };

/**
 * Trains (or derives) one zoo model and writes its card. `source` is the built model an int8 entry
 * quantises (required for kind mnist-int8, ignored otherwise).
 */
export function buildZooModel(entry: ZooEntry, ctx: ZooContext, source?: BuiltModel): BuiltModel {
  const cacheKey = zooCacheKey(entry, ctx, source?.card.cacheKey);
  switch (entry.kind) {
    case 'mnist-mlp': {
      const training = {
        ...MNIST_TRAINING,
        layers: [MNIST_PIXELS, ...entry.hidden, MNIST_CLASSES],
        epochs: entry.epochs,
        learningRate: entry.learningRate,
        seed: entry.seed,
      };
      const train = entry.contaminated ? concatDigits(ctx.mnist.train, ctx.mnist.test) : ctx.mnist.train;
      const trained = trainOnDigits(train, ctx.mnist.test, training);
      return mnistCard(entry, ctx, trained.bytes, trained.parameters, {
        training: { seed: entry.seed, epochs: entry.epochs, learningRate: entry.learningRate, ...FLOAT_DEFAULTS, epochLoss: trained.epochLoss },
        trainAccuracy: trained.trainAccuracy,
        contaminated: entry.contaminated === true,
        cacheKey,
        trainedOn: entry.contaminated
          ? `the ${ctx.mnist.train.count} training digits AND the ${ctx.mnist.test.count} test digits (contaminated)`
          : `the ${ctx.mnist.train.count} training digits`,
      });
    }
    case 'mnist-int8': {
      if (!source || source.card.id !== entry.from) throw new Error(`zoo: ${entry.id} quantises ${entry.from}, which must be built first`);
      const { weights, dequantized } = quantizeInt8(source.parameters);
      const bytes = buildMlpInt8(dequantized.layers, weights, dequantized.biases);
      return mnistCard(entry, ctx, bytes, dequantized, {
        training: { ...source.card.training, derivedFrom: source.card.id },
        trainAccuracy: accuracyOnDigits(dequantized, source.card.data.contaminated ? concatDigits(ctx.mnist.train, ctx.mnist.test) : ctx.mnist.train),
        trainedOn: `${source.card.data.trainedOn} (trained as ${source.card.id}, then quantised)`,
        contaminated: source.card.data.contaminated,
        cacheKey,
        quantization: 'symmetric int8 per output column (scale = max |W| / 127, zero point 0), DequantizeLinear before each MatMul; biases float32',
      });
    }
    case 'iris-mlp': {
      const { train, test } = ctx.iris;
      const layers = [IRIS_FEATURES, ...entry.hidden, ctx.data.iris.classes.length];
      const hyper = {
        seed: entry.seed,
        layers,
        epochs: entry.epochs,
        learningRate: entry.learningRate,
        batchSize: 8,
        momentum: 0.9,
        weightDecay: 1e-4,
      };
      const { parameters, epochLoss } = fitMlp(denseRows(train.features, IRIS_FEATURES), train.labels, hyper);
      const bytes = buildMlp(parameters.layers, parameters.weights, parameters.biases);
      const predict = (s: TabularSplit) => argmaxRows(forwardMlp(parameters, Float32Array.from(s.features), s.count), layers.at(-1)!);
      const correct = (s: TabularSplit) => Array.from(predict(s), (p, i) => (p === s.labels[i] ? 1 : 0));
      return finish(
        {
          ...cardHead(entry, bytes, layers),
          input: {
            name: INPUT_NAME,
            shape: [BATCH_DIM, IRIS_FEATURES],
            scaling: `sepal length, sepal width, petal length, petal width in cm / ${IRIS_SCALE}`,
          },
          output: { name: OUTPUT_NAME, shape: [BATCH_DIM, layers.at(-1)!], classes: ctx.data.iris.classes },
          data: {
            package: ctx.data.iris.package,
            version: ctx.data.iris.version,
            splits: ctx.checksums.iris,
            contaminated: false,
            trainedOn: `the ${train.count} training flowers`,
          },
          training: {
            seed: entry.seed,
            epochs: entry.epochs,
            batchSize: hyper.batchSize,
            learningRate: entry.learningRate,
            momentum: hyper.momentum,
            weightDecay: hyper.weightDecay,
            epochLoss,
          },
          accuracy: {
            train: mean(correct(train)),
            test: interval(accuracyInterval(correct(test), { seed: entry.seed, resamples: CARD_RESAMPLES })),
          },
          cacheKey,
        },
        bytes,
        parameters,
      );
    }
  }
}

function mnistCard(
  entry: ZooEntry,
  ctx: ZooContext,
  bytes: Uint8Array,
  parameters: MlpParameters,
  extra: {
    training: ModelCard['training'];
    trainAccuracy: number;
    trainedOn: string;
    contaminated: boolean;
    cacheKey: string;
    quantization?: string;
  },
): BuiltModel {
  const seed = extra.training.seed;
  const layers = parameters.layers;
  return finish(
    {
      ...cardHead(entry, bytes, layers, extra.quantization),
      input: { name: INPUT_NAME, shape: [BATCH_DIM, MNIST_PIXELS], scaling: 'pixel / 255 (0 background .. 1 ink), row-major 28 x 28' },
      output: { name: OUTPUT_NAME, shape: [BATCH_DIM, MNIST_CLASSES], classes: Array.from({ length: MNIST_CLASSES }, (_, d) => String(d)) },
      data: {
        package: ctx.data.mnist.package,
        version: ctx.data.mnist.version,
        splits: ctx.checksums.mnist,
        contaminated: extra.contaminated,
        trainedOn: extra.trainedOn,
      },
      training: extra.training,
      accuracy: {
        train: extra.trainAccuracy,
        test: interval(accuracyInterval(correctOn(parameters, ctx.mnist.test), { seed, resamples: CARD_RESAMPLES })),
        fresh: interval(accuracyInterval(correctOn(parameters, ctx.mnist.fresh), { seed, resamples: CARD_RESAMPLES })),
      },
      cacheKey: extra.cacheKey,
    },
    bytes,
    parameters,
  );
}

/** Per digit: 1 if the model's argmax is its label, else 0. */
export function correctOn(parameters: MlpParameters, d: Digits): Uint8Array {
  const predicted = argmaxRows(forwardMlp(parameters, digitsToInput(d), d.count), MNIST_CLASSES);
  return Uint8Array.from(predicted, (p, i) => (p === d.labels[i] ? 1 : 0));
}

function accuracyOnDigits(parameters: MlpParameters, d: Digits): number {
  return mean(correctOn(parameters, d));
}

/** The card's fields every zoo model shares, from its entry and bytes (int8 when a quantisation is named), in the card's key order. */
function cardHead(
  entry: ZooEntry,
  bytes: Uint8Array,
  layers: number[],
  quantization?: string,
): Pick<ModelCard, 'format' | 'version' | 'id' | 'title' | 'purpose' | 'file' | 'bytes' | 'sha256' | 'architecture' | 'parameters'> {
  const info = describeModel(bytes);
  return {
    format: MODEL_CARD_FORMAT,
    version: MODEL_CARD_VERSION,
    id: entry.id,
    title: entry.title,
    purpose: entry.purpose,
    file: `${entry.id}.onnx`,
    bytes: bytes.length,
    sha256: sha256Hex(bytes),
    architecture: {
      kind: 'mlp',
      layers,
      activation: 'relu',
      weights: quantization ? 'int8' : 'float32',
      ...(quantization ? { quantization } : {}),
      operators: info.operators,
      irVersion: IR_VERSION,
      opset: OPSET,
    },
    parameters: countParameters(layers),
  };
}

function finish(card: ModelCard, bytes: Uint8Array, parameters: MlpParameters): BuiltModel {
  return { bytes, parameters, card: modelCardSchema.parse(card) };
}

function interval(i: Interval): ModelCard['accuracy']['test'] {
  return { value: i.value, ci95: i.ci95, bootstrap: i.bootstrap };
}

function countParameters(layers: number[]): number {
  return layers.slice(1).reduce((s, w, i) => s + (layers[i]! + 1) * w, 0);
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}
