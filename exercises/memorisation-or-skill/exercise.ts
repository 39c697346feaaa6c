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
      for (let attempt = 0; attempt < 300; attempt++) {
        // The point advantages come from one distribution whatever the verdict; the item counts (and so the
        // intervals) are then chosen to make the verdict. The same point lead is real on one variant and
        // noise on another: only the intervals decide.
        // Interval half-width from an item count (a paired difference of accuracies near 90%).
        const half = (n: number) => round(1.96 * Math.sqrt(0.05 / n) * 100, 2);
        const advStatic = round(r.uniform(0.6, 2.8), 2);
        const advFresh = verdict === 'cannot-tell' ? round(r.uniform(-1.5, 3.2), 2) : round(r.uniform(0.7, 3.2), 2);
        const rotations = r.int(3, 6);
        const staticChoices = [200, 500, 1000, 2000, 5000, 10000, 20000].filter((n) =>
          verdict === 'cannot-tell' ? half(n) > advStatic + 0.25 : half(n) < advStatic - 0.25,
        );
        const freshChoices = [50, 100, 200, 500, 1000, 2000, 4000].filter((k) =>
          verdict === 'skill' ? half(rotations * k) < advFresh - 0.25 : verdict === 'memorisation' ? half(rotations * k) > advFresh + 0.25 : true,
        );
        if (staticChoices.length === 0 || freshChoices.length === 0) continue;
        const staticItems = r.pick(staticChoices);
        const freshItems = rotations * r.pick(freshChoices);
        const hs = half(staticItems);
        const hf = half(freshItems);
        const twinStatic = round(r.uniform(80, 93), 2);
        // Fresh items differ in difficulty from the static ones, for both models.
        const shift = round(r.pick([-1, 1]) * r.uniform(1.5, 4), 2);
        const twinFresh = round(twinStatic + shift, 2);
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
        // Accuracies are percentages: from 0 to 100, with room to spare.
        const possible = [d.static.model, d.static.twin, d.fresh.model, d.fresh.twin].every((x) => x > 0 && x <= 99.5);
        // The data say the verdict clearly: every interval bound that decides is 0.2 points away from 0.
        const clearOf0 = (lo: number, hi: number) => Math.abs(lo) > 0.2 && Math.abs(hi) > 0.2;
        const clear =
          verdictOf(d) === verdict &&
          clearOf0(d.static.advantage[1], d.static.advantage[2]) &&
          (verdict === 'cannot-tell' || clearOf0(d.fresh.advantage[1], d.fresh.advantage[2]));
        // The answer, each named slip and the shortcuts (0, the static advantage) all apart from one another.
        const values = [a.memorised, a.modelDrop, a.twinDrop, -a.memorised, 0, d.static.advantage[0]];
        const slipsApart = values.every((x, i) => values.every((y, j) => j <= i || (i >= 4 && j >= 4) || apart(x, y)));
        if (possible && clear && slipsApart) return d;
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
              {
                value: 0,
                feedback:
                  data.verdict === 'cannot-tell'
                    ? 'Whether anything was memorised is the verdict’s question. This part is arithmetic on the table: the static advantage minus the fresh one, a signed number even when the static lead is noise.'
                    : 'Zero says nothing was memorised; this part is the static advantage minus the fresh one, read off the table.',
              },
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
