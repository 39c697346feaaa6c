import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: FLOPs, compulsory bytes and arithmetic intensity of one kernel, with the roofline model's
 * counting rules (runtime/kernels/work.ts counts the workbook's own kernels the same way).
 */

export type KernelKind = 'vector-add' | 'axpy' | 'axpby' | 'horner' | 'matmul';
export interface IntensityData {
  kernel: KernelKind;
  /** Elements (elementwise kernels), or [m, k, n] for matmul. */
  n: number;
  mkn?: [number, number, number];
  /** The degree of the polynomial (horner only). */
  degree?: number;
  elementBytes: 8 | 4 | 2;
}

/** FLOPs, elements read, elements written, and the FLOPs with a multiply-add counted once. */
export function countsOf(d: IntensityData): { flops: number; read: number; written: number; fusedFlops: number } {
  switch (d.kernel) {
    case 'vector-add':
      return { flops: d.n, read: 2 * d.n, written: d.n, fusedFlops: d.n };
    case 'axpy': // y = alpha x + y: one multiply-add per element; y read and written
      return { flops: 2 * d.n, read: 2 * d.n, written: d.n, fusedFlops: d.n };
    case 'axpby': // z = alpha x + beta y: two multiplications and an addition (one plain multiply, one multiply-add)
      return { flops: 3 * d.n, read: 2 * d.n, written: d.n, fusedFlops: 2 * d.n };
    case 'horner': // y = polynomial of degree p in x by Horner's rule: p multiply-adds per element
      return { flops: 2 * d.degree! * d.n, read: d.n, written: d.n, fusedFlops: d.degree! * d.n };
    case 'matmul': {
      const [m, k, n] = d.mkn!;
      return { flops: 2 * m * k * n, read: m * k + k * n, written: m * n, fusedFlops: m * k * n };
    }
  }
}

export const flopsOf = (d: IntensityData) => countsOf(d).flops;
export const bytesOf = (d: IntensityData) => (countsOf(d).read + countsOf(d).written) * d.elementBytes;
export const intensityOf = (d: IntensityData) => flopsOf(d) / bytesOf(d);

export function flopsMistakes(d: IntensityData) {
  const c = countsOf(d);
  return c.fusedFlops === c.flops
    ? []
    : [{ value: c.fusedFlops, feedback: 'That counts a multiply-add as one operation; it is two, a multiplication and an addition.' }];
}

export function bytesMistakes(d: IntensityData) {
  const c = countsOf(d);
  return [
    {
      value: c.read * d.elementBytes,
      feedback: 'That leaves out the output: writing the result moves bytes too (an array updated in place is read and written).',
    },
    { value: c.read + c.written, feedback: 'That is a count of elements; each element takes several bytes.' },
    { value: (c.read + c.written) * 8 * d.elementBytes, feedback: 'That is bits, not bytes.' },
  ];
}

export function intensityMistakes(d: IntensityData) {
  const c = countsOf(d);
  const bytes = bytesOf(d);
  return [
    ...(c.fusedFlops === c.flops ? [] : [{ value: c.fusedFlops / bytes, feedback: 'That counts a multiply-add as one operation; it is two.' }]),
    { value: c.flops / (c.read * d.elementBytes), feedback: 'That leaves the output write out of the bytes.' },
    { value: c.flops / (c.read + c.written), feedback: 'That divides by elements, not bytes: FLOP per byte needs the bytes of each element.' },
    { value: bytes / c.flops, feedback: 'That is bytes per FLOP, the ratio upside down.' },
  ];
}

const TOL = 0.01;
/** The answer and every named mistake of a part, each clear of all the others, so each gets its own feedback. */
export function mistakesApart(d: IntensityData): boolean {
  const far = (a: number, b: number) => Math.abs(a - b) > 2.5 * TOL * Math.max(Math.abs(a), Math.abs(b));
  const apart = (right: number, ms: { value: number }[]) => {
    const xs = [right, ...ms.map((m) => m.value)];
    return xs.every((x, i) => xs.slice(i + 1).every((y) => far(x, y)));
  };
  return apart(flopsOf(d), flopsMistakes(d)) && apart(bytesOf(d), bytesMistakes(d)) && apart(intensityOf(d), intensityMistakes(d));
}

const WORDS: Record<KernelKind, string> = {
  'vector-add': 'c = a + b, elementwise',
  axpy: 'y = αx + y (AXPY: y is updated in place), elementwise, α a scalar',
  axpby: 'z = αx + βy, elementwise, α and β scalars',
  horner: '',
  matmul: 'C = A × B, a matrix product',
};
const hornerWords = (p: number) => {
  const inner = Array.from({ length: p - 1 }, (_, i) => `c${p - 2 - i}`).reduce((e, c) => `(${e})·x + ${c}`, `c${p}·x + c${p - 1}`);
  return `y = ${inner}, a polynomial of degree ${p} evaluated per element by Horner's rule, the c's scalars`;
};
const DTYPES = { 8: 'float64', 4: 'float32', 2: 'float16' } as const;

/**
 * The elementwise variants: every kernel at every width, grouped by intensity (several share one, as
 * AXPY in float32 and a vector add in float16 do); a variant draws an intensity first, so no one value
 * is more likely than another and no constant answer passes on many seeds.
 */
const ELEMENTWISE = (() => {
  const all: Omit<IntensityData, 'n'>[] = [];
  for (const elementBytes of [8, 4, 2] as const) {
    for (const kernel of ['vector-add', 'axpy', 'axpby'] as const) all.push({ kernel, elementBytes });
    for (const degree of [2, 3, 4, 5, 6, 7, 8]) all.push({ kernel: 'horner', degree, elementBytes });
  }
  // Left out: a degree equal to the bytes of an element (intensity 1, the inverted ratio 1 as well), and
  // float16 polynomials (the input's bytes equal the element count of input and output).
  const fair = all.filter((v) => mistakesApart({ ...v, n: 1024 }));
  const groups = new Map<string, Omit<IntensityData, 'n'>[]>();
  for (const v of fair) {
    const key = intensityOf({ ...v, n: 1024 }).toPrecision(6);
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return [...groups.values()];
})();

export default defineExerciseLogic<IntensityData>(({ parts }) => {
  const [flops, bytes, intensity] = ['flops', 'bytes', 'intensity'].map((id) => parts.find((p) => p.id === id)!.answer) as NumberAnswerSpec[];
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const elementBytes = r.pick([8, 4, 4, 2] as const);
      // Matmul half the time: its intensity depends on the sizes, the elementwise kernels' does not.
      if (r.chance(0.5)) {
        const pick = () => r.pick([32, 48, 64, 96, 128, 256, 384, 512, 1024]);
        for (let attempt = 0; attempt < 50; attempt++) {
          const d: IntensityData = { kernel: 'matmul', n: 0, mkn: [pick(), pick(), pick()], elementBytes };
          if (mistakesApart(d)) return d;
        }
      }
      return { ...r.pick(r.pick(ELEMENTWISE)), n: r.int(64, 4096) * 1024 };
    },
    render({ data }) {
      const sizes = data.mkn
        ? `A of ${data.mkn[0]} × ${data.mkn[1]}, B of ${data.mkn[1]} × ${data.mkn[2]}`
        : `vectors of ${data.n.toLocaleString('en')} elements`;
      return {
        values: {
          kernel: data.kernel === 'horner' ? hornerWords(data.degree!) : WORDS[data.kernel],
          sizes,
          dtype: DTYPES[data.elementBytes],
          'element-bytes': data.elementBytes,
        },
      };
    },
    async check({ data }, answers) {
      return gradeParts(answers, {
        flops: (a) =>
          checkNumber(a, flops!, flopsOf(data), {
            misconceptions: flopsMistakes(data),
            wrong: 'Count the operations for one output element, then multiply by the number of outputs.',
          }),
        bytes: (a) =>
          checkNumber(a, bytes!, bytesOf(data), {
            misconceptions: bytesMistakes(data),
            wrong: 'List every array read and every array written, count their elements, and multiply by the bytes of one element.',
          }),
        intensity: (a) =>
          checkNumber(a, intensity!, intensityOf(data), {
            misconceptions: intensityMistakes(data),
            wrong: 'Divide the FLOPs by the bytes.',
          }),
      });
    },
  };
});
