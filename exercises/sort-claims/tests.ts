import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import { GENERIC, PARTS, type SortClaimsData, type SpecPart, trapOf } from './exercise.ts';
import type { Variant } from '../../runtime/exercises/types.ts';

const answersOf = (v: Variant<SortClaimsData>) => Object.fromEntries(v.data.claims.map((c, k) => [`claim-${k + 1}`, c.part]));
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

/**
 * The words of each part's question, as the lesson's table and the cheat sheet put them: feedback on a
 * wrong pick must not use the right part's (that restates its definition, and so gives the answer).
 */
export const DEFINING: Record<SpecPart, RegExp> = {
  task: /what is computed|the work (itself|being done)|what the work is|what work|is the work|the operation\b/i,
  infrastructure:
    /where (it|a run) may run|where may it run|allowed to run|(must|to) be recorded|written down|which machines may be used|what to record|the place/i,
  datasets: /which inputs|where (the|its) inputs come from|recreate|the inputs themselves/i,
  metrics: /what (is|will be) measured|which direction|how it (is|will be) summari[sz]ed|defines a quantity|it defines/i,
  constraints: /rules? of the run|how a run must|a rule\b|must follow|how many, how long/i,
  results:
    /a run produced|what a run (did|wrote|produce)|reports (a number|what)|were measured|was measured|what (one|a) run (actually )?found|a run actually found/i,
};
const PART_NAMED = (part: SpecPart) => new RegExp(`\\b${part}\\b`, 'i');
/** Feedback for a wrong pick of claim k that neither names the right part nor restates its question. */
const givesNothingAway = (part: SpecPart) => [
  new RegExp(`^(?![\\s\\S]*(${DEFINING[part].source}))`, 'i'),
  new RegExp(`^(?![\\s\\S]*${PART_NAMED(part).source})`, 'i'),
];

export default defineExerciseTests<SortClaimsData>({
  solve: answersOf,
  cases: [
    // One case per claim and right part: the expectation depends on the part the feedback must not give away.
    ...[0, 1, 2, 3].flatMap((k) =>
      PARTS.map((part) => ({
        name: `claim-${k + 1} (a ${part} sentence): its trap is named, without naming ${part} or restating its question`,
        seeds: SEEDS,
        answers: (v: Variant<SortClaimsData>) =>
          v.data.claims[k]!.part === part ? { [`claim-${k + 1}`]: trapOf(v.data.claims[k]!).trap } : undefined,
        expect: { [`claim-${k + 1}`]: { status: 'wrong' as const, feedback: [/^(?!Not this part)/, ...givesNothingAway(part)] } },
      })),
    ),
    {
      name: 'another wrong pick gets the six questions, not the answer',
      seeds: SEEDS,
      answers: (v) => {
        const c = v.data.claims[1]!;
        const other = PARTS.find((p) => p !== c.part && p !== trapOf(c).trap)!;
        return { 'claim-2': other };
      },
      expect: { 'claim-2': { status: 'wrong', feedback: GENERIC } },
    },
    {
      name: 'an option that does not exist is a format error',
      answers: () => ({ 'claim-3': 'environment' }),
      expect: { 'claim-3': { status: 'format-error', feedback: 'not among the options' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    ...PARTS.map((p) => ({ name: `"${p}" for every sentence`, answers: () => ({ 'claim-1': p, 'claim-2': p, 'claim-3': p, 'claim-4': p }) })),
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          const mine = answersOf(v);
          const theirs = answersOf(o);
          if (Object.keys(mine).filter((id) => mine[id] === theirs[id]).length <= 1) return theirs;
        }
      },
    },
  ],
});
