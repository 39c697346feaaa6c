import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkNumber, isClose } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom, type VariantRandom } from '../../runtime/exercises/random.ts';
import type { NumberAnswerSpec } from '../../runtime/exercises/types.ts';
import { corruptionError, relativeCorruptionError } from '../../runtime/eval/corruption-error.ts';

/**
 * Interpretation: a generated robustness table of two models (clean and five severities of one
 * corruption); the learner computes CE and relative CE (Hendrycks & Dietterich 2019) with the engine's
 * definitions (runtime/eval/corruption-error.ts). Every named mistake is drawn apart from both answers.
 */
export interface RceData {
  corruption: number;
  names: [string, string];
  /** Accuracy, clean first then severities 1..5, to three decimals as shown. */
  model: number[];
  baseline: number[];
}

const CORRUPTIONS = [
  { name: 'Gaussian noise', strengths: [0.1, 0.2, 0.3, 0.4, 0.5], unit: 'sigma' },
  { name: 'shifts', strengths: [1, 2, 3, 4, 5], unit: 'pixels' },
  { name: 'rotations', strengths: [10, 20, 30, 40, 50], unit: 'degrees' },
] as const;
const NAMES = ['Ash', 'Birch', 'Cedar', 'Elm', 'Fir', 'Hazel', 'Juniper', 'Larch', 'Maple', 'Oak', 'Rowan', 'Willow'];

const curve = (acc: number[], strengths: readonly number[]) => acc.map((value, i) => ({ strength: i === 0 ? 0 : strengths[i - 1]!, value }));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export function answersOf(d: RceData): { ce: number; rel: number } {
  const s = CORRUPTIONS[d.corruption]!.strengths;
  return { ce: corruptionError(curve(d.model, s), curve(d.baseline, s)), rel: relativeCorruptionError(curve(d.model, s), curve(d.baseline, s)) };
}

/** The named mistakes, each as the number a learner would type, per part. */
type CeMistake = 'accuracies' | 'inverted' | 'with-clean' | 'worst-only' | 'relative' | 'mean-of-ratios';
type RelMistake = 'inverted' | 'ce-instead' | 'worst-only' | 'difference' | 'own-clean' | 'mean-of-ratios';
export function mistakesOf(d: RceData): { ce: Record<CeMistake, number>; rel: Record<RelMistake, number> } {
  const err = (a: number[]) => a.map((x) => 1 - x);
  const [m, b] = [err(d.model), err(d.baseline)];
  const inc = (e: number[]) => e.slice(1).map((x) => x - e[0]!);
  const { ce, rel } = answersOf(d);
  return {
    ce: {
      accuracies: sum(d.model.slice(1)) / sum(d.baseline.slice(1)),
      inverted: 1 / ce,
      'with-clean': sum(m) / sum(b),
      'worst-only': m[5]! / b[5]!,
      relative: rel,
      // Averaging the per-severity ratios weighs every severity alike; the sums weigh each by its errors.
      'mean-of-ratios': sum(m.slice(1).map((x, i) => x / b[i + 1]!)) / 5,
    },
    rel: {
      inverted: 1 / rel,
      'ce-instead': ce,
      'worst-only': (m[5]! - m[0]!) / (b[5]! - b[0]!),
      difference: sum(inc(m)) - sum(inc(b)),
      'own-clean': sum(inc(m)) / sum(m.slice(1)),
      'mean-of-ratios': sum(inc(m).map((x, i) => x / inc(b)[i]!)) / 5,
    },
  };
}

/** Every mistake of a part (the other part's answer among them) more than 3% away from the part's answer and from each other. */
export function apart(d: RceData): boolean {
  const { ce, rel } = answersOf(d);
  const mk = mistakesOf(d);
  const far = (x: number, y: number) => !isClose(x, y, 0.03, 0);
  // Apart from the answer, and from each other, so each mistake gets its own feedback.
  const allApart = (xs: number[]) => xs.every((x, i) => xs.every((y, j) => i === j || far(x, y)));
  return allApart([ce, ...Object.values(mk.ce)]) && allApart([rel, ...Object.values(mk.rel)]);
}

function drawCurve(r: VariantRandom, clean: [number, number], step: [number, number]): number[] {
  // Each model's losses have their own shape over the severities (early or late), so the ratio of the
  // errors changes from severity to severity and averaging the per-severity ratios is not the ratio of
  // the sums. The weights keep their mean at 1, so the total loss keeps its range.
  const k = r.uniform(-1.5, 1.5);
  const w = [1, 2, 3, 4, 5].map((s) => (s / 3) ** k);
  const mean = w.reduce((a, b) => a + b, 0) / 5;
  const acc = [round(r.uniform(clean[0], clean[1]), 3)];
  for (let s = 0; s < 5; s++) acc.push(round(Math.max(0.05, acc.at(-1)! - (r.uniform(step[0], step[1]) * w[s]!) / mean), 3));
  return acc;
}

export default defineExerciseLogic<RceData>(({ parts }) => {
  const spec = (id: string) => parts.find((p) => p.id === id)!.answer as NumberAnswerSpec;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const corruption = r.int(0, CORRUPTIONS.length - 1);
      const names = r.sample(NAMES, 2) as [string, string];
      for (let attempt = 0; attempt < 200; attempt++) {
        // Either model may have the better clean score; the drops differ so that CE and relative CE can disagree.
        const model = drawCurve(r, [0.9, 0.99], [0.01, 0.12]);
        const baseline = drawCurve(r, [0.85, 0.97], [0.02, 0.1]);
        const d = { corruption, names, model, baseline };
        if (apart(d)) return d;
      }
      throw new Error(`relative-corruption-error: no variant with every mistake apart for seed ${seed}`);
    },
    render({ data: d }) {
      const c = CORRUPTIONS[d.corruption]!;
      return {
        values: {
          model: d.names[0],
          baseline: d.names[1],
          corruption: c.name,
          strengths: `${c.strengths.join(', ')} ${c.unit}`,
        },
        tables: [
          {
            id: 'accuracy',
            caption: `Accuracy on 1000 test digits, clean and under ${c.name} (generated for your variant)`,
            columns: ['model', 'clean', ...c.strengths.map((s, i) => `severity ${i + 1} (${s} ${c.unit})`)],
            rows: [
              [d.names[0], ...d.model],
              [d.names[1], ...d.baseline],
            ],
          },
        ],
      };
    },
    async check({ data: d }, answers) {
      const { ce, rel } = answersOf(d);
      const mk = mistakesOf(d);
      const [model, baseline] = d.names;
      return gradeParts(answers, {
        ce: (a) =>
          checkNumber(a, spec('ce'), ce, {
            unitSlips: false,
            misconceptions: [
              {
                value: mk.ce.accuracies,
                feedback: 'That ratio is built from accuracies. CE is a ratio of errors: turn each accuracy into 1 - accuracy first.',
              },
              { value: mk.ce.inverted, feedback: `That is the baseline over the model. CE puts the model under test (${model}) in the numerator.` },
              { value: mk.ce['with-clean'], feedback: 'That sum includes the clean column. CE adds the errors at the five severities only.' },
              { value: mk.ce['worst-only'], feedback: 'That uses the strongest severity alone. CE sums the errors over all five severities.' },
              {
                value: mk.ce['mean-of-ratios'],
                feedback:
                  "That averages a ratio per severity. CE is one ratio of two sums: sum each model's errors over the five severities first, then divide.",
              },
              {
                value: mk.ce.relative,
                feedback: "That subtracts each model's clean error: this part asks for CE, which sums the errors as they are.",
              },
            ],
            wrong: "Errors (1 - accuracy) at the five severities, summed per model; then the model's sum over the baseline's.",
            correct: `Correct. Below 1, ${model} makes fewer mistakes under the corruption than ${baseline}; part of that may be its clean accuracy.`,
          }),
        'relative-ce': (a) =>
          checkNumber(a, spec('relative-ce'), rel, {
            unitSlips: false,
            misconceptions: [
              {
                value: mk.rel['ce-instead'],
                feedback: 'That is CE: the clean error was not subtracted. Relative CE counts only the error the corruption adds to each model.',
              },
              {
                value: mk.rel.inverted,
                feedback: `That is the baseline over the model. Relative CE puts the model under test (${model}) in the numerator.`,
              },
              {
                value: mk.rel['worst-only'],
                feedback: 'That uses the strongest severity alone. Relative CE sums the increases over all five severities.',
              },
              { value: mk.rel.difference, feedback: 'That is a difference of the two sums. Relative CE is their ratio, model over baseline.' },
              {
                value: mk.rel['own-clean'],
                feedback: "That divides the model's increase by its own errors. Relative CE divides by the baseline's summed increase.",
              },
              {
                value: mk.rel['mean-of-ratios'],
                feedback:
                  "That averages a ratio per severity. Relative CE is one ratio of two sums: sum each model's increases over the five severities first, then divide.",
              },
            ],
            wrong:
              "Per model: each severity's error minus that model's clean error, summed over the five severities; then the model's sum over the baseline's.",
            correct: 'Correct. Above 1, the corruption costs this model more than the baseline, whatever their clean scores.',
          }),
      });
    },
  };
});
