import type { Digits } from '../models/mnist.ts';
import { digitsToInput } from '../models/mnist.ts';
import type { Perturbation } from '../spec/task.ts';
import { accuracyInterval, type Interval } from './bootstrap.ts';
import { perturbDigits } from './perturb.ts';
import { PERTURBATION_RANGES } from './perturbation-ranges.ts';

/**
 * A robustness curve: accuracy (with its bootstrap interval) of one model at each strength of one
 * perturbation, the same digits and the same seed at every point, so the points differ only by the
 * strength. `logitsOf` is any host's model (the JS reference, onnxruntime-node, onnxruntime-web).
 */
export interface CurvePoint {
  strength: number;
  accuracy: Interval;
}

export async function robustnessCurve(
  digits: Digits,
  kind: Perturbation['kind'],
  strengths: readonly number[],
  logitsOf: (input: Float32Array, rows: number) => Float32Array | Promise<Float32Array>,
  options: { seed: number; resamples?: number; classes?: number },
): Promise<CurvePoint[]> {
  if (strengths.length === 0) throw new RangeError('robustnessCurve: no strengths given');
  const { max, unit } = PERTURBATION_RANGES[kind];
  strengths.forEach((s, i) => {
    if (!(s >= 0 && s <= max)) throw new RangeError(`robustnessCurve: strengths[${i}] = ${s} is out of range for ${kind}: 0 to ${max} (${unit})`);
  });
  const classes = options.classes ?? 10;
  const out: CurvePoint[] = [];
  for (const strength of strengths) {
    const disturbed = perturbDigits(digits, { kind, strength }, options.seed);
    const logits = await logitsOf(digitsToInput(disturbed), disturbed.count);
    const correct = new Uint8Array(digits.count);
    for (let i = 0; i < digits.count; i++) {
      let best = 0;
      for (let j = 1; j < classes; j++) if (logits[i * classes + j]! > logits[i * classes + best]!) best = j;
      correct[i] = best === digits.labels[i] ? 1 : 0;
    }
    out.push({
      strength,
      accuracy: accuracyInterval(correct, { seed: options.seed, ...(options.resamples ? { resamples: options.resamples } : {}) }),
    });
  }
  return out;
}
