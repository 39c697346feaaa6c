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
      // A call between 0.5 and 40 µs, one decimal: always shorter than a tick of the coarse timers.
      const callUs = round(r.logNormal(4, 0.9), 1);
      return { resolutionMs: timer.resolutionMs, callUs: Math.min(40, Math.max(0.5, callUs)), samples: r.pick([20, 30, 50, 100]) };
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
            alsoAccept: [{ value: (TICKS * data.resolutionMs) / callMs }],
            misconceptions: [
              { value: data.resolutionMs / callMs, feedback: 'A sample of that many calls lasts one tick of the timer, not 1000.' },
              { value: Math.ceil(data.resolutionMs / callMs), feedback: 'A sample of that many calls lasts one tick of the timer, not 1000.' },
              { value: (100 * data.resolutionMs) / callMs, feedback: 'A sample of that many calls lasts 100 ticks; the rule is 1000.' },
              {
                value: TICKS * data.resolutionMs * data.callUs,
                feedback: 'Multiplying the two times gives no count of calls: how many calls fit into the time one sample must last?',
              },
            ],
            wrong: 'How long must one sample last, and how many calls of this length fit into it?',
            correct: 'Correct: each sample now lasts at least 1000 ticks, so the clock adds at most about 0.1% of error.',
          }),
        duration: (a) =>
          checkNumber(a, duration, durationOf(data), {
            alsoAccept: [{ value: (data.samples * TICKS * data.resolutionMs) / 1000 }],
            misconceptions: [
              { value: (batchOf(data) * data.callUs) / 1e6, feedback: 'That is how long one sample lasts. How many samples does the spec ask for?' },
              {
                value: (data.samples * data.callUs) / 1e6,
                feedback: 'That is the time of one call per sample; each sample holds a whole batch of calls.',
              },
            ],
            wrong: 'Every sample lasts about 1000 ticks, whatever the function. Multiply by the number of samples.',
          }),
        tail: (a) =>
          checkChoice(a, tail, 'batch-means', {
            why: {
              single: 'Each sample is the mean of a whole batch. One slow call among thousands is averaged in: what does that do to the tail?',
              meaningless: 'A percentile can be computed from any list of numbers; the question is what these numbers describe.',
            },
            correct: 'Correct: percentiles of batch means describe batches. A tail latency needs single calls, each long enough to time alone.',
          }),
      });
    },
  };
});
