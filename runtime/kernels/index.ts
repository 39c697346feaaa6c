// The kernels part of the engine: WGSL sources, CPU references with their tolerance rules, and the
// work each operation does. Pure TypeScript (no DOM, no Node), shared by every runner.
export {
  DEFAULT_WORKGROUP_SIZE,
  DEFAULT_TILE,
  REDUCE_VALUES_PER_INVOCATION,
  copyWgsl,
  vectorAddWgsl,
  reduceSumWgsl,
  matmulNaiveWgsl,
  matmulTiledWgsl,
  grid1d,
  reducePassLengths,
} from './wgsl.ts';
export {
  FLOAT32_UNIT_ROUNDOFF,
  kernelInputs,
  referenceCopy,
  referenceVectorAdd,
  referenceReduceSum,
  referenceMatmul,
  referenceFor,
  toleranceFactor,
  toleranceRule,
  compare,
  type Reference,
  type Comparison,
} from './reference.ts';
export {
  KERNEL_OPERATIONS,
  MATMUL_VARIANTS,
  MAX_VECTOR_ELEMENTS,
  MAX_MATRIX_SIDE,
  kernelTaskProblem,
  assertKernelTask,
  checkIterations,
  kernelWork,
  itemLabel,
  inputLengths,
  outputLength,
  type KernelOperation,
  type KernelWork,
} from './work.ts';
export {
  arithmeticIntensity,
  attainableGflops,
  measuredRoofs,
  placeKernel,
  type PlacedKernel,
  type Roofs,
  type RooflineRun,
} from './roofline.ts';
