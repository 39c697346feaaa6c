import * as onnxProtoModule from 'onnx-proto';

/**
 * ONNX models written by the project itself, so nothing is downloaded at run time. The npm package
 * `onnx-proto` holds protobufjs classes generated from onnx.proto; we fill them and encode bytes.
 * Every model here: IR version 8, the default domain at opset 17, float32 initializers stored as
 * little-endian `raw_data`, one input named `input` and one output named `output`, whose first
 * dimension is the symbolic `batch` (any batch size runs without re-exporting).
 * Pure: no DOM, no Node; the page and Node build byte-identical models from the same numbers.
 */

// onnx-proto is CommonJS (`module.exports = $root`): Node's ESM loader exposes it only as `default`,
// bundlers may also copy `onnx` onto the namespace. Take whichever is there.
const onnx: typeof onnxProtoModule.onnx = (onnxProtoModule as unknown as { default?: typeof onnxProtoModule }).default?.onnx ?? onnxProtoModule.onnx;

export const IR_VERSION = 8;
export const OPSET = 17;
export const INPUT_NAME = 'input';
export const OUTPUT_NAME = 'output';
export const BATCH_DIM = 'batch';
const PRODUCER = 'benchmark-carpentry';
const FLOAT = 1; // TensorProto.DataType.FLOAT
const INT8 = 3; // TensorProto.DataType.INT8
const ATTRIBUTE_INT = 2; // AttributeProto.AttributeType.INT

/** The parameters of an MLP, as `buildMlp` takes them and `readMlp` gives them back. */
export interface MlpParameters {
  /** Widths, input first: [784, 64, 10] is 784 inputs, one hidden layer of 64, 10 outputs. */
  layers: number[];
  /** weights[i] maps layer i to i+1: row-major [layers[i], layers[i+1]] (the MatMul's right operand). */
  weights: Float32Array[];
  /** biases[i] has layers[i+1] values. */
  biases: Float32Array[];
}

/**
 * An MLP as ONNX: per layer `MatMul(x, W) -> Add(b)`, then `Relu` on every layer but the last
 * (a classifier's output is its logits; no softmax). Input `input` [batch, layers[0]], output
 * `output` [batch, layers.at(-1)].
 */
export function buildMlp(layers: number[], weights: Float32Array[], biases: Float32Array[]): Uint8Array {
  checkMlp({ layers, weights, biases }, 'buildMlp');
  const initializers: onnxProtoModule.onnx.ITensorProto[] = [];
  const nodes: onnxProtoModule.onnx.INodeProto[] = [];
  let current = INPUT_NAME;
  for (let i = 0; i < layers.length - 1; i++) {
    const last = i === layers.length - 2;
    const w = `W${i}`;
    const b = `b${i}`;
    initializers.push(floatTensor(w, [layers[i]!, layers[i + 1]!], weights[i]!));
    initializers.push(floatTensor(b, [layers[i + 1]!], biases[i]!));
    nodes.push(node('MatMul', [current, w], [`matmul${i}`]));
    const added = last ? OUTPUT_NAME : `add${i}`;
    nodes.push(node('Add', [`matmul${i}`, b], [added]));
    if (!last) {
      nodes.push(node('Relu', [added], [`relu${i}`]));
      current = `relu${i}`;
    }
  }
  return encodeModel({
    name: 'mlp',
    doc: `MLP ${layers.join('-')}: MatMul + Add (+ Relu on hidden layers); output = logits`,
    nodes,
    initializers,
    input: valueInfo(INPUT_NAME, [BATCH_DIM, layers[0]!]),
    output: valueInfo(OUTPUT_NAME, [BATCH_DIM, layers.at(-1)!]),
  });
}

/** One weight matrix stored as int8 with a float32 scale per output column (symmetric: zero point 0). */
export interface Int8Weights {
  /** Row-major [in, out], like MlpParameters.weights. */
  q: Int8Array;
  /** One scale per output column: W[i][j] ~ q[i][j] * scale[j]. */
  scale: Float32Array;
}

/**
 * An MLP whose weights are int8 (weight-only quantisation in QDQ form): per layer
 * `DequantizeLinear(Wq, scale, zero=0, axis=1) -> MatMul(x, W) -> Add(b)` (+ Relu). Biases stay float32.
 * DequantizeLinear is a standard operator (per-axis since opset 13) that every onnxruntime build and
 * execution provider runs, and no activation calibration is needed; the arithmetic stays float, so the
 * gain is size (about 4x smaller), not integer speed.
 */
export function buildMlpInt8(layers: number[], weights: Int8Weights[], biases: Float32Array[]): Uint8Array {
  if (weights.length !== layers.length - 1 || biases.length !== layers.length - 1)
    throw new Error(
      `buildMlpInt8: ${layers.length} widths need ${layers.length - 1} weight matrices and biases, got ${weights.length} and ${biases.length}`,
    );
  const initializers: onnxProtoModule.onnx.ITensorProto[] = [];
  const nodes: onnxProtoModule.onnx.INodeProto[] = [];
  let current = INPUT_NAME;
  for (let i = 0; i < layers.length - 1; i++) {
    const nIn = layers[i]!;
    const nOut = layers[i + 1]!;
    const w = weights[i]!;
    if (w.q.length !== nIn * nOut || w.scale.length !== nOut)
      throw new Error(`buildMlpInt8: layer ${i} needs ${nIn} x ${nOut} int8 weights and ${nOut} scales, got ${w.q.length} and ${w.scale.length}`);
    if (biases[i]!.length !== nOut) throw new Error(`buildMlpInt8: biases[${i}] must hold ${nOut} values, got ${biases[i]!.length}`);
    const last = i === layers.length - 2;
    initializers.push({
      name: `Wq${i}`,
      dims: [nIn, nOut],
      dataType: INT8,
      rawData: new Uint8Array(w.q.buffer, w.q.byteOffset, w.q.byteLength).slice(),
    });
    initializers.push(floatTensor(`Ws${i}`, [nOut], w.scale));
    initializers.push({ name: `Wz${i}`, dims: [nOut], dataType: INT8, rawData: new Uint8Array(nOut) });
    initializers.push(floatTensor(`b${i}`, [nOut], biases[i]!));
    nodes.push({ ...node('DequantizeLinear', [`Wq${i}`, `Ws${i}`, `Wz${i}`], [`W${i}`]), attribute: [{ name: 'axis', type: ATTRIBUTE_INT, i: 1 }] });
    nodes.push(node('MatMul', [current, `W${i}`], [`matmul${i}`]));
    const added = last ? OUTPUT_NAME : `add${i}`;
    nodes.push(node('Add', [`matmul${i}`, `b${i}`], [added]));
    if (!last) {
      nodes.push(node('Relu', [added], [`relu${i}`]));
      current = `relu${i}`;
    }
  }
  return encodeModel({
    name: 'mlp_int8',
    doc: `MLP ${layers.join('-')} with int8 weights (DequantizeLinear per output column) + float32 biases; output = logits`,
    nodes,
    initializers,
    input: valueInfo(INPUT_NAME, [BATCH_DIM, layers[0]!]),
    output: valueInfo(OUTPUT_NAME, [BATCH_DIM, layers.at(-1)!]),
  });
}

/**
 * One MatMul node with the right operand fixed: input `input` A is [batch, n, n], initializer B is
 * [n, n] (row-major), output `output` C = A x B is [batch, n, n] (MatMul broadcasts B over the batch).
 * Batch 1 is exactly the n x n product our WGSL and JS matmul kernels compute.
 */
export function buildMatMul(n: number, b: Float32Array): Uint8Array {
  if (!Number.isInteger(n) || n < 1) throw new Error(`buildMatMul: n must be a whole number >= 1, got ${n}`);
  if (b.length !== n * n) throw new Error(`buildMatMul: B must hold n*n = ${n * n} values, got ${b.length}`);
  return encodeModel({
    name: 'matmul',
    doc: `MatMul: C[batch, ${n}, ${n}] = A[batch, ${n}, ${n}] x B[${n}, ${n}]`,
    nodes: [node('MatMul', [INPUT_NAME, 'B'], [OUTPUT_NAME])],
    initializers: [floatTensor('B', [n, n], b)],
    input: valueInfo(INPUT_NAME, [BATCH_DIM, n, n]),
    output: valueInfo(OUTPUT_NAME, [BATCH_DIM, n, n]),
  });
}

/** What an encoded model says about itself (for the environment record and for checks). */
export interface ModelInfo {
  irVersion: number;
  opset: number;
  producer: string;
  graphName: string;
  inputs: string[];
  outputs: string[];
  operators: string[];
  /** Number of float32 parameters in the initializers. */
  parameters: number;
}

/** Decodes an ONNX model's header: IR version, opset, inputs, outputs, operators, parameter count. */
export function describeModel(bytes: Uint8Array): ModelInfo {
  const model = decode(bytes, 'describeModel');
  const graph = model.graph;
  if (!graph) throw new Error('describeModel: the model has no graph');
  const defaultOpset = model.opsetImport.find((o) => !o.domain);
  return {
    irVersion: toNumber(model.irVersion),
    opset: defaultOpset ? toNumber(defaultOpset.version) : 0,
    producer: model.producerName,
    graphName: graph.name ?? '',
    inputs: (graph.input ?? []).map((v) => v.name ?? ''),
    outputs: (graph.output ?? []).map((v) => v.name ?? ''),
    operators: (graph.node ?? []).map((n) => n.opType ?? ''),
    parameters: countParameters(graph),
  };
}

/**
 * The model's parameters: the elements of its initializers, less the scales and zero points of
 * (De)QuantizeLinear nodes, which describe how int8 weights are stored rather than being weights,
 * so an int8 model counts the same parameters as its float32 twin (and its model card).
 */
function countParameters(graph: onnxProtoModule.onnx.IGraphProto): number {
  const quantisation = new Set<string>();
  for (const n of graph.node ?? []) {
    if (n.opType === 'DequantizeLinear' || n.opType === 'QuantizeLinear') for (const name of (n.input ?? []).slice(1)) quantisation.add(name);
  }
  return (graph.initializer ?? [])
    .filter((t) => !quantisation.has(t.name ?? ''))
    .reduce((sum, t) => sum + (t.dims ?? []).reduce<number>((p, d) => p * toNumber(d), 1), 0);
}

/**
 * Reads back the parameters of an MLP that `buildMlp` wrote (the page gets the trained MNIST model
 * as bytes and needs its weights for the JS reference). Rejects any other graph shape, saying why.
 */
export function readMlp(bytes: Uint8Array): MlpParameters {
  const model = decode(bytes, 'readMlp');
  const graph = model.graph;
  if (!graph) throw new Error('readMlp: the model has no graph');
  const tensors = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]));
  const layers: number[] = [];
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  const ops = (graph.node ?? []).map((n) => n.opType).join(',');
  for (let i = 0; tensors.has(`W${i}`); i++) {
    const w = readFloatTensor(tensors.get(`W${i}`)!, `W${i}`);
    const b = tensors.get(`b${i}`);
    if (!b) throw new Error(`readMlp: weights W${i} have no bias b${i}; not an MLP written by buildMlp`);
    const bias = readFloatTensor(b, `b${i}`);
    if (w.dims.length !== 2 || bias.dims.length !== 1 || bias.dims[0] !== w.dims[1]) {
      throw new Error(`readMlp: W${i} is [${w.dims}] and b${i} is [${bias.dims}]; expected [in, out] and [out]`);
    }
    if (i === 0) layers.push(w.dims[0]!);
    else if (layers.at(-1) !== w.dims[0]) throw new Error(`readMlp: W${i} takes ${w.dims[0]} inputs but layer ${i} has ${layers.at(-1)}`);
    layers.push(w.dims[1]!);
    weights.push(w.data);
    biases.push(bias.data);
  }
  if (weights.length === 0) throw new Error('readMlp: no initializer W0; not an MLP written by buildMlp');
  const expectedOps = Array.from({ length: weights.length }, (_, i) => (i < weights.length - 1 ? 'MatMul,Add,Relu' : 'MatMul,Add')).join(',');
  if (ops !== expectedOps) throw new Error(`readMlp: operators are ${ops}; an MLP of ${weights.length} layers has ${expectedOps}`);
  return { layers, weights, biases };
}

/** Checks an MLP's shapes, naming the first thing that is wrong. `where` prefixes the message. */
export function checkMlp(p: MlpParameters, where: string): void {
  const { layers, weights, biases } = p;
  if (layers.length < 2) throw new Error(`${where}: layers needs at least 2 widths (input and output), got [${layers.join(', ')}]`);
  layers.forEach((w, i) => {
    if (!Number.isInteger(w) || w < 1) throw new Error(`${where}: layers[${i}] must be a whole number >= 1, got ${w}`);
  });
  if (weights.length !== layers.length - 1 || biases.length !== layers.length - 1) {
    throw new Error(
      `${where}: ${layers.length} widths need ${layers.length - 1} weight matrices and bias vectors, got ${weights.length} and ${biases.length}`,
    );
  }
  for (let i = 0; i < weights.length; i++) {
    const n = layers[i]! * layers[i + 1]!;
    if (weights[i]!.length !== n)
      throw new Error(`${where}: weights[${i}] must hold ${layers[i]} x ${layers[i + 1]} = ${n} values, got ${weights[i]!.length}`);
    if (biases[i]!.length !== layers[i + 1]) throw new Error(`${where}: biases[${i}] must hold ${layers[i + 1]} values, got ${biases[i]!.length}`);
  }
}

interface GraphParts {
  name: string;
  doc: string;
  nodes: onnxProtoModule.onnx.INodeProto[];
  initializers: onnxProtoModule.onnx.ITensorProto[];
  input: onnxProtoModule.onnx.IValueInfoProto;
  output: onnxProtoModule.onnx.IValueInfoProto;
}

function encodeModel(g: GraphParts): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: PRODUCER,
    producerVersion: '1',
    docString: g.doc,
    graph: { name: g.name, node: g.nodes, initializer: g.initializers, input: [g.input], output: [g.output] },
  });
  return onnx.ModelProto.encode(model).finish();
}

function node(opType: string, input: string[], output: string[]): onnxProtoModule.onnx.INodeProto {
  return { opType, input, output, name: `${opType.toLowerCase()}_${output[0]}` };
}

function valueInfo(name: string, dims: (number | string)[]): onnxProtoModule.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

/** Little-endian float32 bytes, whatever the host's byte order (ONNX raw_data is little-endian). */
function floatTensor(name: string, dims: number[], values: Float32Array): onnxProtoModule.onnx.ITensorProto {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return { name, dims, dataType: FLOAT, rawData: raw };
}

function readFloatTensor(t: onnxProtoModule.onnx.ITensorProto, name: string): { dims: number[]; data: Float32Array } {
  if (t.dataType !== FLOAT) throw new Error(`readMlp: initializer ${name} has data type ${t.dataType}; only float32 (1) is supported`);
  const dims = (t.dims ?? []).map(toNumber);
  const count = dims.reduce((p, d) => p * d, 1);
  const data = new Float32Array(count);
  if (t.rawData && t.rawData.length > 0) {
    if (t.rawData.length !== count * 4) throw new Error(`readMlp: initializer ${name} [${dims}] needs ${count * 4} bytes, has ${t.rawData.length}`);
    const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
    for (let i = 0; i < count; i++) data[i] = view.getFloat32(i * 4, true);
  } else {
    const values = t.floatData ?? [];
    if (values.length !== count) throw new Error(`readMlp: initializer ${name} [${dims}] needs ${count} values, has ${values.length}`);
    data.set(values);
  }
  return { dims, data };
}

function decode(bytes: Uint8Array, where: string): onnxProtoModule.onnx.ModelProto {
  try {
    return onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw new Error(`${where}: these ${bytes.length} bytes are not an ONNX model (${(e as Error).message})`);
  }
}

/** protobufjs gives 64-bit integers as numbers, or as Long objects where the `long` package loads. */
function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'toNumber' in v && typeof v.toNumber === 'function') return v.toNumber() as number;
  if (v && typeof v === 'object' && 'low' in v && 'high' in v) return (v.high as number) * 2 ** 32 + ((v.low as number) >>> 0);
  throw new Error(`not a 64-bit integer: ${String(v)}`);
}
