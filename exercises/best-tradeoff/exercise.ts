import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: the speed/quality trade-off of six models (three widths, float32 and int8 each), generated
 * in the shape of the zoo's MNIST MLPs: the fastest model that meets an accuracy target, and its speed-up and
 * accuracy drop against the most accurate model.
 */

export const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export type Letter = (typeof LETTERS)[number];
const RTOL = 0.01;

export interface TradeoffModel {
  letter: Letter;
  width: number;
  precision: 'float32' | 'int8';
  /** Accuracy in percent, two decimals. */
  accuracy: number;
  /** Median latency of one query, ms. */
  latency: number;
  bytes: number;
}

export interface TradeoffData {
  models: TradeoffModel[];
  /** The accuracy target, percent. */
  target: number;
  batch: number;
  items: number;
}

const byLetter = (d: TradeoffData, l: Letter) => d.models.find((m) => m.letter === l)!;
const fastest = (ms: TradeoffModel[]) => ms.reduce((a, b) => (b.latency < a.latency ? b : a));
export const choiceOf = (d: TradeoffData): Letter => fastest(d.models.filter((m) => m.accuracy >= d.target)).letter;
export const mostAccurate = (d: TradeoffData) => d.models.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
export const speedupOf = (d: TradeoffData) => mostAccurate(d).latency / byLetter(d, choiceOf(d)).latency;
export const dropOf = (d: TradeoffData) => mostAccurate(d).accuracy - byLetter(d, choiceOf(d)).accuracy;

/** Bytes of an MLP 784-w-10's tensors plus a fixed file overhead: float32 4 per number; int8 1 per weight, 4 per bias and per-column scale. */
function fileBytes(width: number, precision: TradeoffModel['precision'], overhead: number) {
  const weights = 784 * width + width * 10;
  const biases = width + 10;
  return precision === 'float32' ? 4 * (weights + biases) + overhead : weights + 4 * biases + 4 * (width + 10) + overhead;
}

export function speedupMistakes(d: TradeoffData) {
  const choice = byLetter(d, choiceOf(d));
  return [
    { value: 1 / speedupOf(d), feedback: 'That ratio is below 1: the faster time is on top. A speed-up says how many times faster.' },
    {
      value: mostAccurate(d).latency / fastest(d.models).latency,
      feedback: 'That is the speed-up of the fastest model overall, which misses the accuracy target.',
    },
    { value: mostAccurate(d).bytes / choice.bytes, feedback: 'That is a ratio of file sizes; the speed-up compares latencies.' },
  ];
}

export function dropMistakes(d: TradeoffData) {
  const best = mostAccurate(d).accuracy;
  return [
    { value: dropOf(d) / 100, feedback: 'That is the drop as a fraction; the question asks for percentage points (97.00% against 97.50% is 0.5).' },
    {
      value: (100 * dropOf(d)) / best,
      feedback: 'That is a relative change (divided by the larger accuracy); percentage points are the plain difference of the two percentages.',
    },
  ];
}

/** The numbers' mistakes, each clear of the right answer and of each other (so each gets its own feedback). */
export function mistakesApart(d: TradeoffData): boolean {
  const far = (a: number, b: number) => Math.abs(a - b) > 2.5 * RTOL * Math.max(Math.abs(a), Math.abs(b));
  const apart = (right: number, ms: { value: number }[]) => {
    const xs = [right, ...ms.map((m) => m.value)];
    return xs.every((x, i) => xs.slice(i + 1).every((y) => far(x, y)));
  };
  return apart(speedupOf(d), speedupMistakes(d)) && apart(dropOf(d), dropMistakes(d));
}

export default defineExerciseLogic<TradeoffData>(({ parts }) => {
  const [choice, speedup, drop] = ['choice', 'speedup', 'drop'].map((id) => parts.find((p) => p.id === id)!.answer) as [
    ChoiceAnswerSpec,
    NumberAnswerSpec,
    NumberAnswerSpec,
  ];
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const batch = r.pick([1, 10, 100]);
      const items = r.pick([2000, 5000, 10000]);
      const widths = r.pick([
        [16, 32, 64],
        [32, 64, 128],
        [64, 128, 256],
      ]);
      for (let attempt = 0; attempt < 300; attempt++) {
        const letters = r.shuffle(LETTERS);
        const overhead = r.int(300, 900);
        const models: TradeoffModel[] = [];
        let k = 0;
        for (const [i, width] of widths.entries()) {
          const accF = 94.5 + 1.2 * i + r.uniform(-0.4, 0.4);
          const latF = batch * (0.004 + 0.00005 * width * r.uniform(0.85, 1.15)) + r.uniform(0.05, 0.15);
          // int8 (weight-only): a small accuracy cost, and a latency that may be lower or higher than float32's.
          const accQ = accF - r.uniform(0.05, 1.2);
          const latQ = latF * r.uniform(0.6, 1.2);
          for (const [precision, accuracy, latency] of [
            ['float32', accF, latF],
            ['int8', accQ, latQ],
          ] as const) {
            models.push({
              letter: letters[k++]!,
              width,
              precision,
              accuracy: round(accuracy, 2),
              latency: round(latency, latency < 1 ? 4 : 3),
              bytes: fileBytes(width, precision, overhead),
            });
          }
        }
        models.sort((a, b) => LETTERS.indexOf(a.letter) - LETTERS.indexOf(b.letter));
        // A target that some models miss, among them the fastest, and that the most accurate model meets.
        const accs = [...new Set(models.map((m) => m.accuracy))].sort((a, b) => a - b);
        const cut = r.int(1, accs.length - 2);
        const target = round((accs[cut - 1]! + accs[cut]!) / 2, 2);
        if (accs[cut]! - accs[cut - 1]! < 0.1) continue;
        const d: TradeoffData = { models, target, batch, items };
        const pick = choiceOf(d);
        const lats = models.map((m) => m.latency).sort((a, b) => a - b);
        if (fastest(models).accuracy >= target) continue; // the fastest must miss: otherwise the question is trivial
        if (pick === mostAccurate(d).letter) continue;
        if (lats[1]! / lats[0]! < 1.03 || dropOf(d) < 0.1) continue;
        // The chosen model's nearest rival in latency among those meeting the target is clearly slower.
        const ok = models.filter((m) => m.accuracy >= target && m.letter !== pick);
        if (ok.some((m) => m.latency / byLetter(d, pick).latency < 1.03)) continue;
        if (mistakesApart(d)) return d;
      }
      throw new Error('best-tradeoff: no table with a clear answer in 300 draws; the generator needs a look');
    },
    render({ data }) {
      return {
        values: { target: data.target.toFixed(2), batch: data.batch, items: data.items },
        tables: [
          {
            id: 'models',
            caption: `Six models, one run each (generated, seeded): accuracy on ${data.items} test digits, median latency per query of ${data.batch}`,
            columns: ['model', 'hidden width', 'weights', 'accuracy (%)', 'latency (ms)', 'file (bytes)'],
            rows: data.models.map((m) => [m.letter.toUpperCase(), m.width, m.precision, m.accuracy.toFixed(2), String(m.latency), m.bytes]),
          },
        ],
      };
    },
    async check({ data }, answers) {
      const right = choiceOf(data);
      const why: Record<string, string> = {};
      const smallest = data.models.reduce((a, b) => (b.bytes < a.bytes ? b : a)).letter;
      for (const m of data.models) {
        if (m.letter === right) continue;
        why[m.letter] =
          m.accuracy < data.target
            ? 'That model is fast, but its accuracy is below the target: a run that misses the quality target is not a result.'
            : m.letter === mostAccurate(data).letter
              ? 'That model meets the target, but so do faster ones: the question is the fastest model that is good enough.'
              : m.letter === smallest
                ? 'The smallest file is not the lowest latency: compare the latencies of the models that meet the target.'
                : 'That model meets the target, but another one that meets it answers sooner.';
      }
      return gradeParts(answers, {
        choice: (a) =>
          checkChoice(a, choice, right, { why, correct: 'Correct: the target first, then the lowest latency among the models that meet it.' }),
        speedup: (a) =>
          checkNumber(a, speedup, speedupOf(data), {
            misconceptions: speedupMistakes(data),
            wrong: "Divide the latency of the most accurate model by your choice's latency.",
          }),
        drop: (a) =>
          checkNumber(a, drop, dropOf(data), {
            misconceptions: dropMistakes(data),
            wrong: "Subtract your choice's accuracy from the highest accuracy in the table, both in percent.",
          }),
      });
    },
  };
});
