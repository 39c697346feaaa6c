import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec } from '../../runtime/exercises/types.ts';
import { PARTS, type SpecPart, SYSTEMS, TEMPLATES, templatesOf } from './claims.ts';

/**
 * Interpretation: four sentences of a benchmark report, each from a different part of the six-part
 * specification; the learner names the part of each. The sentences are generated (claims.ts) for the
 * variant's system. A wrong pick that falls into the sentence's known trap gets the trap named (why that
 * pick does not fit, never the right part's question); any other wrong pick gets the six questions.
 */

export { PARTS, type SpecPart } from './claims.ts';

export interface Claim {
  part: SpecPart;
  /** Its template in claims.ts: the trap and why. */
  template: string;
  text: string;
}

export interface SortClaimsData {
  system: number;
  /** Four claims from four different parts. */
  claims: Claim[];
}

export const GENERIC =
  'Not this part. Ask which question the sentence answers: what is computed, where it may run, on which inputs, what is measured, under which rules a run counts, or what a run produced.';

export const trapOf = (c: Claim) => TEMPLATES[c.template]!;

export default defineExerciseLogic<SortClaimsData>(({ parts }) => {
  const specs = parts.map((p) => p.answer as ChoiceAnswerSpec);
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const system = r.int(0, SYSTEMS.length - 1);
      const claims = r.sample(PARTS, 4).map((part) => {
        const template = r.pick(templatesOf(part));
        return { part, template, text: TEMPLATES[template]!.text(SYSTEMS[system]!, r) };
      });
      return { system, claims };
    },
    render({ data }) {
      const values: Record<string, string> = { system: SYSTEMS[data.system]!.name };
      data.claims.forEach((c, k) => {
        values[`claim-${k + 1}`] = c.text;
      });
      return { values };
    },
    async check({ data }, answers) {
      const graders = Object.fromEntries(
        data.claims.map((c, k) => {
          const t = trapOf(c);
          return [
            `claim-${k + 1}`,
            (answer: Parameters<typeof checkChoice>[0]) =>
              checkChoice(answer, specs[k]!, c.part, { why: { [t.trap]: t.why }, wrong: GENERIC, correct: 'Correct.' }),
          ];
        }),
      );
      return gradeParts(answers, graders);
    },
  };
});
