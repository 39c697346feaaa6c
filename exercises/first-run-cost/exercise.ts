import { median as d3median, mean } from 'd3-array';
import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: a trace of a model's calls in a fresh page, generated and seeded (the cold call is
 * many times the steady state, the warm-up calls decay towards it). The learner separates the first run,
 * the warm-up and the steady samples, and says what to report.
 */

export interface FirstRunData {
  what: number;
  warmup: number;
  /** Every call, ms, in order: [cold, ...warm-up, ...steady]. */
  trace: number[];
}

const WHAT = [
  'a small MLP in ONNX Runtime (WebAssembly)',
  'a digit classifier in ONNX Runtime (WebAssembly)',
  'a WebGPU matrix multiplication',
  'an image classifier on WebGPU',
];

export const steadyOf = (d: FirstRunData) => d.trace.slice(1 + d.warmup);
export const steadyMedian = (d: FirstRunData) => d3median(steadyOf(d))!;
export const extraOf = (d: FirstRunData) => d.trace[0]! - steadyMedian(d);

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
      const base = r.uniform(0.8, 12);
      const warmup = r.int(3, 6);
      const cold = round(base * r.uniform(15, 60), 3);
      const warm = Array.from({ length: warmup }, (_, i) => round(base * (1 + r.uniform(1.5, 4) / (i + 1)), 3));
      const samples = Array.from({ length: r.int(31, 45) }, () => round(r.logNormal(base, 0.08), 3));
      return { what: r.int(0, WHAT.length - 1), warmup, trace: [cold, ...warm, ...samples] };
    },
    render({ data }) {
      return {
        values: { what: WHAT[data.what]!, count: data.trace.length, warmup: data.warmup },
        datasets: [{ id: 'trace', label: 'Every call, in the order it ran', unit: 'ms', values: data.trace }],
      };
    },
    async check({ data }, answers) {
      const t = data.trace;
      const s = [...steadyOf(data)].sort((a, b) => a - b);
      const m = steadyMedian(data);
      const all = d3median(t)!;
      const far = (x: number) => Math.abs(x / m - 1) > 0.03;
      return gradeParts(answers, {
        first: (a) =>
          checkNumber(a, first, t[0]!, {
            misconceptions: [
              {
                value: mean(t.slice(0, 1 + data.warmup))!,
                feedback: 'That is the mean of the first run and the warm-up runs. The first run is one call, timed on its own.',
              },
              { value: t[1]!, feedback: 'That is the second call, the first warm-up run: the cold call came before it.' },
            ],
            wrong: 'The first run is the very first call in the trace.',
          }),
        steady: (a) =>
          checkNumber(a, steady, m, {
            alsoAccept: [{ value: s[Math.floor((s.length - 1) / 2)]! }, { value: s[Math.ceil((s.length - 1) / 2)]! }],
            misconceptions: [
              {
                value: mean(t)!,
                feedback: 'That is the mean of every call, the cold one included: the start-up pulls it far above any steady call.',
              },
              { value: mean(s)!, feedback: 'That is the mean of the steady samples; the part asks for their median.' },
              ...(far(all)
                ? [{ value: all, feedback: 'That is the median of the whole trace: the first run and the warm-up runs are still in it.' }]
                : []),
              { value: s[0]!, feedback: 'That is the fastest steady call, not the typical one.' },
            ],
            wrong: `Leave out the first call and the next ${data.warmup}, then take the middle of the rest, sorted.`,
          }),
        extra: (a) =>
          checkNumber(a, extra, extraOf(data), {
            misconceptions: [
              {
                value: t[0]! / m,
                feedback: 'That is the ratio of the two times, a number without a unit. The part asks how much longer, in ms: a difference.',
              },
              { value: t[0]! - s[0]!, feedback: 'That subtracts the fastest steady call; a typical call is the median.' },
              { value: t[0]! - mean(t)!, feedback: 'That subtracts the mean of the whole trace, which still holds the cold call.' },
              { value: t[0]!, feedback: 'That is the whole first run; part of it is the ordinary work every call does.' },
            ],
            wrong: 'The first run minus the steady-state median.',
          }),
        report: (a) =>
          checkChoice(a, report, 'both', {
            why: {
              'mean-all':
                'The mean of all calls is neither number: it is far above every steady call, and it shrinks as the trace gets longer, so it describes the trace, not the system.',
              'steady-only':
                'For the user who opens the page and classifies one input, the first run is the whole experience: it is measured, not an artefact.',
            },
          }),
      });
    },
  };
});
