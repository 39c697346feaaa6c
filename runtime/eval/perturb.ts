import { randomNormal } from 'd3-random';
import { seededRandom } from '../data/random.ts';
import { subSeed } from '../models/mlp.ts';
import { MNIST_PIXELS, MNIST_SIDE, type Digits } from '../models/mnist.ts';
import type { Perturbation } from '../spec/task.ts';
import { PERTURBATION_RANGES } from './perturbation-ranges.ts';

/**
 * Seeded perturbations of MNIST digits (robustness): the same seed, kind and strength give the same
 * pixels on every machine. Each digit draws its own random numbers from subSeed(seed, kind:i), so the
 * first 100 digits are disturbed the same whether 100 or 2,000 are scored. Strength 0 is the identity.
 *  - gaussian-noise: add N(0, sigma) to every pixel (pixel range 0..1), clip, round to 8 bits.
 *  - shift: move the digit `strength` pixels in a random direction (rounded to whole pixels), filling with background.
 *  - rotation: turn it by `strength` degrees about the centre, clockwise or anticlockwise at random (nearest neighbour).
 *  - occlusion: blank a square of side round(strength x 28) at a random place (the digit's ink there is lost).
 */
export function perturbDigits(d: Digits, p: Perturbation, seed: number): Digits {
  const range = PERTURBATION_RANGES[p.kind];
  if (!range) throw new RangeError(`perturbation kind '${String(p.kind)}' is not one of ${Object.keys(PERTURBATION_RANGES).join(', ')}`);
  if (!(p.strength >= 0 && p.strength <= range.max))
    throw new RangeError(`perturbation ${p.kind}: strength ${p.strength} is out of range 0..${range.max} (${range.unit})`);
  const images = new Uint8Array(d.images.length);
  for (let i = 0; i < d.count; i++) {
    const src = d.images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS);
    const out = images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS);
    const random = seededRandom(subSeed(seed, `${p.kind}:${i}`));
    if (p.strength === 0) out.set(src);
    else if (p.kind === 'gaussian-noise') noise(src, out, p.strength, random);
    else if (p.kind === 'shift') {
      const angle = random() * 2 * Math.PI;
      move(src, out, Math.round(p.strength * Math.cos(angle)), Math.round(p.strength * Math.sin(angle)));
    } else if (p.kind === 'rotation') rotate(src, out, ((random() < 0.5 ? -1 : 1) * p.strength * Math.PI) / 180);
    else occlude(src, out, Math.round(p.strength * MNIST_SIDE), random);
  }
  return { count: d.count, images, labels: d.labels.slice() };
}

function noise(src: Uint8Array, out: Uint8Array, sigma: number, random: () => number): void {
  const normal = randomNormal.source(random)(0, sigma * 255);
  for (let k = 0; k < MNIST_PIXELS; k++) out[k] = Math.max(0, Math.min(255, Math.round(src[k]! + normal())));
}

function move(src: Uint8Array, out: Uint8Array, dx: number, dy: number): void {
  out.fill(0);
  for (let y = 0; y < MNIST_SIDE; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= MNIST_SIDE) continue;
    for (let x = 0; x < MNIST_SIDE; x++) {
      const sx = x - dx;
      if (sx >= 0 && sx < MNIST_SIDE) out[y * MNIST_SIDE + x] = src[sy * MNIST_SIDE + sx]!;
    }
  }
}

function rotate(src: Uint8Array, out: Uint8Array, theta: number): void {
  const c = (MNIST_SIDE - 1) / 2;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  for (let y = 0; y < MNIST_SIDE; y++)
    for (let x = 0; x < MNIST_SIDE; x++) {
      // Inverse map: where in the source does this output pixel come from.
      const sx = Math.round(cos * (x - c) + sin * (y - c) + c);
      const sy = Math.round(-sin * (x - c) + cos * (y - c) + c);
      out[y * MNIST_SIDE + x] = sx >= 0 && sx < MNIST_SIDE && sy >= 0 && sy < MNIST_SIDE ? src[sy * MNIST_SIDE + sx]! : 0;
    }
}

function occlude(src: Uint8Array, out: Uint8Array, side: number, random: () => number): void {
  out.set(src);
  if (side <= 0) return;
  const x0 = Math.floor(random() * (MNIST_SIDE - side + 1));
  const y0 = Math.floor(random() * (MNIST_SIDE - side + 1));
  for (let y = y0; y < y0 + side; y++) out.fill(0, y * MNIST_SIDE + x0, y * MNIST_SIDE + x0 + side);
}

/** Each digit's ink: its mean pixel value, 0 (blank) .. 1 (all ink). */
export function inkOf(d: Digits): Float64Array {
  const out = new Float64Array(d.count);
  for (let i = 0; i < d.count; i++) {
    let s = 0;
    for (let k = i * MNIST_PIXELS; k < (i + 1) * MNIST_PIXELS; k++) s += d.images[k]!;
    out[i] = s / (255 * MNIST_PIXELS);
  }
  return out;
}
