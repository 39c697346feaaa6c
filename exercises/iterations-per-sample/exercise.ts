import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: the workbook's batching rule (one sample lasts at least 1000 timer ticks) applied to a
 * variant's timer resolution and time per call: the batch, how long the samples take, and what a
 * percentile of batched samples describes.
 */

export interface IterationsData {
  /** The timer's resolution, ms. */
  resolutionMs: number;
  /** One call, µs (shown as such: the units differ on purpose). */
  callUs: number;
  samples: number;
}

const TIMERS = [
  { resolutionMs: 0.005, isolation: 'the page is cross-origin isolated' },
  { resolutionMs: 0.1, isolation: 'the page is not cross-origin isolated' },
  { resolutionMs: 1, isolation: 'a browser that rounds its timer to whole milliseconds' },
  { resolutionMs: 0.02, isolation: 'an older browser with a 20 µs timer' },
] as const;

export const TICKS = 1000;
/** The least batch: 1000 ticks over one call, rounded up. */
export const batchOf = (d: IterationsData) => Math.ceil((TICKS * d.resolutionMs) / (d.callUs / 1000));
/** Seconds for all samples: each lasts batch x call. */
export const durationOf = (d: IterationsData) => (d.samples * batchOf(d) * d.callUs) / 1e6;
/** A call that lasts 1000 ticks on its own needs no batch: each sample is one call, and its p99 is a tail latency. */
export const tailOf = (d: IterationsData) => (batchOf(d) === 1 ? 'single' : 'batch-means');

/** The wrong batches the exercise names, with their feedback. */
export function batchMistakes(d: IterationsData): { value: number; feedback: string }[] {
  const callMs = d.callUs / 1000;
  const oneTick = 'A sample of that many calls lasts one tick of the timer, not 1000.';
  return [
    { value: d.resolutionMs / callMs, feedback: oneTick },
    { value: Math.ceil(d.resolutionMs / callMs), feedback: oneTick },
    { value: (100 * d.resolutionMs) / callMs, feedback: 'A sample of that many calls lasts 100 ticks; the rule is 1000.' },
    {
      value: TICKS * d.resolutionMs * d.callUs,
      feedback: 'Multiplying the two times gives no count of calls: how many calls fit into the time one sample must last?',
    },
  ];
}

/** Every named batch mistake 2.5 tolerances (2%) from the answer, and mistakes with different feedback apart. */
export function batchMistakesApart(d: IterationsData): boolean {
  const right = batchOf(d);
  const tol = 0.02;
  const ms = batchMistakes(d);
  if (right === 1) return true; // a slow call: the answer is one call, and no mistake below is a whole count near it but ceil(one tick)
  return (
    ms.every((m) => Math.abs(m.value - right) > 2.5 * tol * right) &&
    ms.every((a, i) => ms.every((b, j) => j <= i || a.feedback === b.feedback || Math.abs(a.value - b.value) > 2 * tol * Math.max(a.value, b.value)))
  );
}

export default defineExerciseLogic<IterationsData>(({ parts }) => {
  const [batch, duration, tail] = ['batch', 'duration', 'tail'].map((id) => parts.find((p) => p.id === id)!.answer) as [
    NumberAnswerSpec,
    NumberAnswerSpec,
    ChoiceAnswerSpec,
  ];
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const timer = r.pick(TIMERS);
      const samples = r.pick([20, 30, 50, 100]);
      // One variant in three times a slow function on a fine timer: one call already lasts more than 1000
      // ticks, so a sample is a single call and its p99 is a tail latency. The others need a batch.
      if (timer.resolutionMs <= 0.02 && r.chance(0.6)) {
        const callUs = round(TICKS * timer.resolutionMs * 1000 * r.uniform(1.2, 8), 0);
        return { resolutionMs: timer.resolutionMs, callUs, samples };
      }
      // A call between 0.5 and 40 µs, one decimal: always shorter than a tick of the coarse timers. Drawn
      // again where a named mistake would land on the answer or on another mistake (a call of 1 µs makes
      // "multiply" equal "one tick"; one of about 31.6 µs makes it equal the answer).
      for (let attempt = 0; attempt < 200; attempt++) {
        const callUs = Math.min(40, Math.max(0.5, round(r.logNormal(4, 0.9), 1)));
        const d = { resolutionMs: timer.resolutionMs, callUs, samples };
        if (batchMistakesApart(d)) return d;
      }
      throw new Error('iterations-per-sample: no call time with every mistake apart in 200 draws; the generator needs a look');
    },
    render({ data }) {
      return {
        values: {
          resolution: data.resolutionMs,
          isolation: TIMERS.find((t) => t.resolutionMs === data.resolutionMs)!.isolation,
          call: data.callUs,
          samples: data.samples,
        },
      };
    },
    async check({ data }, answers) {
      const callMs = data.callUs / 1000;
      return gradeParts(answers, {
        batch: (a) =>
          checkNumber(a, batch, batchOf(data), {
            // The unrounded ratio too, when it is a batch at all (below 1, the answer is one call).
            alsoAccept: batchOf(data) > 1 ? [{ value: (TICKS * data.resolutionMs) / callMs }] : [],
            misconceptions: batchMistakes(data),
            wrong: 'How long must one sample last, and how many calls of this length fit into it?',
            correct: 'Correct: each sample now lasts at least 1000 ticks, so the clock adds at most about 0.1% of error.',
          }),
        duration: (a) =>
          checkNumber(a, duration, durationOf(data), {
            // About 1000 ticks per sample, when samples are batches; a single slow call lasts longer than that.
            alsoAccept: batchOf(data) > 1 ? [{ value: (data.samples * TICKS * data.resolutionMs) / 1000 }] : [],
            misconceptions: [
              { value: (batchOf(data) * data.callUs) / 1e6, feedback: 'That is how long one sample lasts. How many samples does the spec ask for?' },
              ...(batchOf(data) > 1
                ? [
                    {
                      value: (data.samples * data.callUs) / 1e6,
                      feedback: 'That is the time of one call per sample; each sample holds a whole batch of calls.',
                    },
                  ]
                : [
                    {
                      value: (data.samples * TICKS * data.resolutionMs) / 1000,
                      feedback: 'That is 1000 ticks per sample, but one call already lasts longer than that: a sample is one whole call.',
                    },
                  ]),
            ],
            wrong: 'Every sample lasts about 1000 ticks, whatever the function. Multiply by the number of samples.',
          }),
        tail: (a) =>
          checkChoice(a, tail, tailOf(data), {
            why: {
              single: 'Each sample is the mean of a whole batch. One slow call among thousands is averaged in: what does that do to the tail?',
              'batch-means': 'How many calls does one sample hold here? Look at your batch before calling the samples means.',
              meaningless: 'A percentile can be computed from any list of numbers; the question is what these numbers describe.',
            },
            correct:
              tailOf(data) === 'single'
                ? 'Correct: each call is long enough to time alone, so each sample is one call and the p99 describes single calls.'
                : 'Correct: percentiles of batch means describe batches. A tail latency needs single calls, each long enough to time alone.',
          }),
      });
    },
  };
});
