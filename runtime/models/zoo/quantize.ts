import type { Int8Weights, MlpParameters } from '../onnx-builder.ts';

/**
 * Symmetric per-output-column int8 quantisation of an MLP's weights: scale_j = max_i |W[i][j]| / 127,
 * q = round(W / scale_j) in -127..127 (zero point 0; -128 unused, so the range is symmetric). Biases
 * stay float32. Returns the int8 tensors and the dequantised float32 parameters: the plain-JS reference
 * of the int8 model is the float forward pass of exactly those numbers.
 */
export function quantizeInt8(p: MlpParameters): { weights: Int8Weights[]; dequantized: MlpParameters } {
  const weights: Int8Weights[] = [];
  const deq: Float32Array[] = [];
  p.weights.forEach((w, l) => {
    const nIn = p.layers[l]!;
    const nOut = p.layers[l + 1]!;
    const scale = new Float32Array(nOut);
    for (let j = 0; j < nOut; j++) {
      let m = 0;
      for (let i = 0; i < nIn; i++) m = Math.max(m, Math.abs(w[i * nOut + j]!));
      // A column of zeros keeps scale 1 (any scale dequantises 0 to 0; 0 would be a division by zero).
      scale[j] = m > 0 ? m / 127 : 1;
    }
    const q = new Int8Array(nIn * nOut);
    const d = new Float32Array(nIn * nOut);
    for (let i = 0; i < nIn; i++)
      for (let j = 0; j < nOut; j++) {
        const k = i * nOut + j;
        q[k] = Math.max(-127, Math.min(127, Math.round(w[k]! / scale[j]!)));
        d[k] = q[k]! * scale[j]!;
      }
    weights.push({ q, scale });
    deq.push(d);
  });
  return { weights, dequantized: { layers: [...p.layers], weights: deq, biases: p.biases.map((b) => Float32Array.from(b)) } };
}
