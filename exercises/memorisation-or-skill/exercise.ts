import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: the memorisation cell's report (runtime/eval/memorisation.ts: a model against its clean
 * twin, static set and rotating fresh sets, the paired advantage with a bootstrap interval) as a table of
 * the variant's numbers; how much of the lead was memorised, and the verdict its intervals support.
 */

type Verdict = 'memorisation' | 'skill' | 'cannot-tell';

export interface MemorisationData {
  model: string;
  twin: string;
  rotations: number;
  staticItems: number;
  freshItems: number;
  /** Accuracies in percent (2 decimals) and advantages in points with their intervals. */
  static: { model: number; twin: number; advantage: [number, number, number] };
  fresh: { model: number; twin: number; advantage: [number, number, number] };
  verdict: Verdict;
}

const PAIRS = [
  ['mnist-64-contaminated', 'mnist-64'],
  ['model-x (suspect)', 'model-x (clean)'],
  ['digits-net-v2', 'digits-net-v2-clean'],
] as const;

export function verdictOf(d: MemorisationData): Verdict {
  const [, sLo] = d.static.advantage;
  const [, fLo] = d.fresh.advantage;
  if (!(sLo > 0)) return 'cannot-tell';
  return fLo > 0 ? 'skill' : 'memorisation';
}

export function answers(d: MemorisationData) {
  return {
    memorised: d.static.advantage[0] - d.fresh.advantage[0],
    modelDrop: d.static.model - d.fresh.model,
    twinDrop: d.static.twin - d.fresh.twin,
  };
}

const apart = (x: number, y: number) => Math.abs(x - y) > 3 * 0.05 + 0.01;

export default defineExerciseLogic<MemorisationData>(({ parts }) => {
  const spec = (id: string) => parts.find((p) => p.id === id)!.answer;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const [model, twin] = r.pick(PAIRS);
      const verdict = r.pick<Verdict>(['memorisation', 'skill', 'cannot-tell']);
      const rotations = r.int(3, 6);
      const staticItems = r.pick([1000, 2000, 5000]);
      const freshItems = rotations * r.pick([300, 400, 500]);
      // Interval half-widths from the item counts (a paired difference of accuracies near 90%).
      const half = (n: number) => round(1.96 * Math.sqrt(0.05 / n) * 100, 2);
      for (let attempt = 0; attempt < 200; attempt++) {
        const twinStatic = round(r.uniform(88, 96), 2);
        // Fresh items differ in difficulty from the static ones, for both models.
        const shift = round(r.pick([-1, 1]) * r.uniform(1.5, 4), 2);
        const twinFresh = round(twinStatic + shift, 2);
        const advStatic = verdict === 'cannot-tell' ? round(r.uniform(-0.3, 0.3), 2) : round(r.uniform(2, 5), 2);
        const hs = half(staticItems);
        const hf = half(freshItems);
        // Memorisation keeps a little of the lead, within the fresh interval's noise; cannot-tell has some fresh lead or lag.
        const advFresh =
          verdict === 'skill'
            ? round(advStatic - r.uniform(0, 0.6), 2)
            : verdict === 'memorisation'
              ? round(r.uniform(0.3, Math.max(0.35, hf - 0.25)), 2)
              : round(r.pick([-1, 1]) * r.uniform(0.5, 1.2), 2);
        const d: MemorisationData = {
          model,
          twin,
          rotations,
          staticItems,
          freshItems,
          static: {
            model: round(twinStatic + advStatic, 2),
            twin: twinStatic,
            advantage: [advStatic, round(advStatic - hs, 2), round(advStatic + hs, 2)],
          },
          fresh: { model: round(twinFresh + advFresh, 2), twin: twinFresh, advantage: [advFresh, round(advFresh - hf, 2), round(advFresh + hf, 2)] },
          verdict,
        };
        const a = answers(d);
        // The data say the verdict clearly, and the named slips are apart from the answer.
        const clear =
          verdictOf(d) === verdict &&
          (verdict === 'cannot-tell' ? d.static.advantage[1] < -0.2 && d.static.advantage[2] > 0.2 : d.static.advantage[1] > 0.5) &&
          (verdict !== 'skill' || d.fresh.advantage[1] > 0.3) &&
          (verdict !== 'memorisation' || (d.fresh.advantage[1] < -0.2 && d.fresh.advantage[2] > 0.2));
        // The answer, each named slip and the shortcuts (0, the static advantage) all apart from one another.
        const values = [a.memorised, a.modelDrop, a.twinDrop, -a.memorised, 0, d.static.advantage[0]];
        const slipsApart = values.every((x, i) => values.every((y, j) => j <= i || (i >= 4 && j >= 4) || apart(x, y)));
        if (clear && slipsApart) return d;
      }
      throw new Error(`memorisation-or-skill: no clear variant for seed ${seed}`);
    },
    render({ data }) {
      const row = (name: string, x: MemorisationData['static'], items: number) => [
        name,
        items,
        `${x.model.toFixed(2)}%`,
        `${x.twin.toFixed(2)}%`,
        `${x.advantage[0].toFixed(2)} (${x.advantage[1].toFixed(2)} to ${x.advantage[2].toFixed(2)})`,
      ];
      return {
        values: {
          model: data.model,
          twin: data.twin,
          rotations: data.rotations,
          'static-items': data.staticItems,
          'fresh-items': data.freshItems,
        },
        tables: [
          {
            id: 'static-vs-fresh',
            caption: 'Accuracy of both models and the advantage, model minus twin, in percentage points with its 95% interval (generated)',
            columns: ['set', 'items', data.model, data.twin, 'advantage (95% interval)'],
            rows: [
              row('static test set', data.static, data.staticItems),
              row(`fresh items (${data.rotations} rotations pooled)`, data.fresh, data.freshItems),
            ],
          },
        ],
      };
    },
    async check({ data }, given) {
      const a = answers(data);
      return gradeParts(given, {
        memorised: (x) =>
          checkNumber(x, spec('memorised') as NumberAnswerSpec, a.memorised, {
            unitSlips: false,
            misconceptions: [
              {
                value: a.modelDrop,
                feedback:
                  'That is the model’s own drop from the static to the fresh items. It mixes in how much harder or easier the fresh items are; the twin takes that out.',
              },
              {
                value: a.twinDrop,
                feedback: 'That is the twin’s drop: how much harder or easier the fresh items are, not what the model memorised.',
              },
              { value: -a.memorised, feedback: 'The sign is turned round: the question asks how much the advantage shrinks.' },
            ],
            wrong: 'Take the advantage over the twin on the static set, and the advantage over the twin on the fresh items; subtract.',
            correct: 'Correct: the part of the static lead that fresh items do not confirm.',
          }),
        verdict: (x) =>
          checkChoice(x, spec('verdict') as ChoiceAnswerSpec, data.verdict, {
            wrong:
              'Not what these intervals support. First ask whether the static advantage’s interval lies above 0; then ask the same of the fresh one.',
            correct: 'Correct.',
          }),
      });
    },
  };
});
