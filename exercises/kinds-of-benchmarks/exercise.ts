import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec } from '../../runtime/exercises/types.ts';
import { KINDS, type Kind, PRODUCT_COUNT, productOf, TEMPLATES, templatesOf } from './measurements.ts';

/**
 * Interpretation: five measurements, each a micro-benchmark, an inference benchmark or an application
 * benchmark, generated (measurements.ts) from products whose app, model and kernels all appear, so what
 * decides the kind is what the timed region holds. A wrong pick that falls into the measurement's trap
 * (a big kernel is "inference", a model inside an app is "inference") says why that pick does not fit,
 * never the right kind's definition.
 */

export { KINDS, type Kind } from './measurements.ts';

export interface Measurement {
  kind: Kind;
  /** Its template in measurements.ts: the trap and why. */
  template: string;
  text: string;
}

export interface KindsData {
  team: number;
  /** Five measurements, kinds mixed 2-2-1. */
  items: Measurement[];
}

export const GENERIC =
  'Not this kind. Ask what is inside the timed region: one operation, a whole model answering inputs, or everything a user waits for.';
const TEAMS = ['a browser team', 'a course project', 'a hardware review site', 'a start-up choosing a runtime'];
export const trapOf = (m: Measurement) => TEMPLATES[m.template]!;

export default defineExerciseLogic<KindsData>(({ parts }) => {
  const specs = parts.map((p) => p.answer as ChoiceAnswerSpec);
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const [one, ...two] = r.shuffle(KINDS);
      const kinds: Kind[] = [one!, two[0]!, two[0]!, two[1]!, two[1]!];
      // Products are drawn per measurement, so one product can appear at two kinds in a variant.
      const items = kinds.map((kind) => {
        const template = r.pick(templatesOf(kind));
        return { kind, template, text: TEMPLATES[template]!.text(productOf(r.int(0, PRODUCT_COUNT - 1)), r) };
      });
      return { team: r.int(0, TEAMS.length - 1), items: r.shuffle(items) };
    },
    render({ data }) {
      const values: Record<string, string> = { team: TEAMS[data.team]! };
      data.items.forEach((m, k) => {
        values[`m-${k + 1}`] = m.text;
      });
      return { values };
    },
    async check({ data }, answers) {
      return gradeParts(
        answers,
        Object.fromEntries(
          data.items.map((m, k) => {
            const t = trapOf(m);
            return [
              `m-${k + 1}`,
              (answer: Parameters<typeof checkChoice>[0]) => checkChoice(answer, specs[k]!, m.kind, { why: { [t.trap]: t.why }, wrong: GENERIC }),
            ];
          }),
        ),
      );
    },
  };
});
