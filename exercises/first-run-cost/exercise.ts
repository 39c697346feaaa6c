import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber, parseQuantity } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { Answer, ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';
import { DRAFTS, drawTrace, extraMistakes, extraOf, type FirstRunData, firstMistakes, type Mistake, steadyMedian, steadyMistakes } from './trace.ts';

/**
 * Interpretation: a trace of a model's calls in a fresh page, generated and seeded (trace.ts: the cold
 * call a few steady calls long, warm-up calls decaying towards the steady state, steady calls with a
 * spread and a few slow ones). The learner separates the first run, the warm-up and the steady samples,
 * and judges a colleague's draft report, drawn per variant.
 */

export { extraOf, type FirstRunData, steadyMedian, steadyOf } from './trace.ts';

const WHAT = [
  'a small MLP in ONNX Runtime (WebAssembly)',
  'a digit classifier in ONNX Runtime (WebAssembly)',
  'a WebGPU matrix multiplication',
  'an image classifier on WebGPU',
];

/** The mistakes nearest the answer first, so the feedback names the one the learner most likely made. */
function nearestFirst(answer: Answer, unit: string, mistakes: Mistake[]): Mistake[] {
  const parsed = typeof answer === 'string' ? parseQuantity(answer, unit) : undefined;
  if (!parsed?.ok) return mistakes;
  return [...mistakes].sort((a, b) => Math.abs(a.value - parsed.value) - Math.abs(b.value - parsed.value));
}

export const verdictOf = (d: FirstRunData) => DRAFTS[d.draft]!.verdict;

export default defineExerciseLogic<FirstRunData>(({ parts }) => {
  const [first, steady, extra, report] = ['first', 'steady', 'extra', 'report'].map((id) => parts.find((p) => p.id === id)!.answer) as [
    NumberAnswerSpec,
    NumberAnswerSpec,
    NumberAnswerSpec,
    ChoiceAnswerSpec,
  ];
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const { warmup, trace } = drawTrace(r);
      return { what: r.int(0, WHAT.length - 1), warmup, trace, draft: r.int(0, DRAFTS.length - 1) };
    },
    render({ data }) {
      return {
        values: { what: WHAT[data.what]!, count: data.trace.length, warmup: data.warmup, draft: DRAFTS[data.draft]!.text },
        datasets: [{ id: 'trace', label: 'Every call, in the order it ran', unit: 'ms', values: data.trace }],
      };
    },
    async check({ data }, answers) {
      const t = data.trace;
      return gradeParts(answers, {
        first: (a) =>
          checkNumber(a, first, t[0]!, {
            misconceptions: nearestFirst(a, first.unit, firstMistakes(data)),
            wrong: 'The first run is the very first call in the trace.',
          }),
        steady: (a) =>
          checkNumber(a, steady, steadyMedian(data), {
            misconceptions: nearestFirst(a, steady.unit, steadyMistakes(data)),
            wrong: `Leave out the first call and the next ${data.warmup}, then take the middle of the rest, sorted.`,
          }),
        extra: (a) =>
          checkNumber(a, extra, extraOf(data), {
            misconceptions: nearestFirst(a, extra.unit, extraMistakes(data)),
            wrong: 'The first run minus the steady-state median.',
          }),
        report: (a) =>
          checkChoice(a, report, verdictOf(data), {
            why: {
              ok: 'Ask of each number in the draft which user it serves, and whether it holds calls of both kinds.',
              mixed:
                'Look at what each number of the draft is computed from: is any of them computed from the cold call and the steady calls together?',
              'no-first': 'Before calling the first run missing, look for it in the draft.',
              'no-steady': 'Before calling the steady state missing, look for it in the draft.',
            },
          }),
      });
    },
  };
});
