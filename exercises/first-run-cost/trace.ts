import { mean, median } from 'd3-array';
import { round, type VariantRandom } from '../../runtime/exercises/random.ts';

/**
 * The trace of first-run-cost, and the mistakes the exercise names. The generator draws traces until every
 * named mistake is outside the part's tolerance by a margin (MARGIN x rtol), so a mistake can never be
 * accepted as right by coincidence of the numbers: the steady calls have a real spread and a few slow calls
 * (a garbage collection, a tab switch), and the cold call is a few steady calls long, not fifty (a
 * difference against fifty steady calls would hide which steady number was subtracted).
 */

export interface FirstRunData {
  what: number;
  warmup: number;
  /** Every call, ms, in order: [cold, ...warm-up, ...steady]; the steady count is odd, so the median is one of them. */
  trace: number[];
  /** The colleague's draft report (an index into DRAFTS). */
  draft: number;
}

export const steadyOf = (d: Pick<FirstRunData, 'trace' | 'warmup'>) => d.trace.slice(1 + d.warmup);
export const steadyMedian = (d: Pick<FirstRunData, 'trace' | 'warmup'>) => median(steadyOf(d))!;
export const extraOf = (d: Pick<FirstRunData, 'trace' | 'warmup'>) => d.trace[0]! - steadyMedian(d);

export type Mistake = { value: number; feedback: string };

const STILL_IN = 'That median still holds the warm-up runs (and perhaps the first run): leave them all out before taking it.';

/** Typical wrong answers for the steady-state median. */
export function steadyMistakes(d: Pick<FirstRunData, 'trace' | 'warmup'>): Mistake[] {
  const t = d.trace;
  const s = steadyOf(d);
  return [
    { value: mean(t)!, feedback: 'That is the mean of every call, the cold one included: the start-up pulls it far above any steady call.' },
    { value: mean(s)!, feedback: 'That is a mean: a few slow steady calls pull it up, which is why the part asks for the middle value.' },
    // The two medians differ by half a rank: one feedback for both.
    { value: median(t)!, feedback: STILL_IN },
    { value: median(t.slice(1))!, feedback: STILL_IN },
    { value: Math.min(...s), feedback: 'That is the fastest steady call, not the typical one.' },
  ];
}

/** Typical wrong answers for the extra cost of the first run. */
export function extraMistakes(d: Pick<FirstRunData, 'trace' | 'warmup'>): Mistake[] {
  const t = d.trace;
  const s = steadyOf(d);
  const t0 = t[0]!;
  const m = steadyMedian(d);
  return [
    { value: t0 / m, feedback: 'That is the ratio of the two times, a number without a unit. The part asks how much longer, in ms: a difference.' },
    { value: t0 - Math.min(...s), feedback: 'That subtracts the fastest steady call; a typical call is the median.' },
    { value: t0 - t.at(-1)!, feedback: 'That subtracts the last call, one sample; a typical call is the median of all the steady ones.' },
    { value: t0 - mean(t)!, feedback: 'That subtracts the mean of the whole trace, which still holds the cold call.' },
    { value: t0 - mean(s)!, feedback: 'That subtracts the mean of the steady calls, which the slow ones pull up; a typical call is the middle one.' },
    { value: t0 - median(t)!, feedback: `That subtracts a median of too many calls. ${STILL_IN}` },
    { value: t0 - median(t.slice(1))!, feedback: `That subtracts a median of too many calls. ${STILL_IN}` },
    { value: t0 - t[1]!, feedback: 'That subtracts the first warm-up run, which is still slower than a steady call.' },
    { value: t0, feedback: 'That is the whole first run; part of it is the ordinary work every call does.' },
  ];
}

/** Typical wrong answers for the first run. */
export function firstMistakes(d: Pick<FirstRunData, 'trace' | 'warmup'>): Mistake[] {
  const t = d.trace;
  return [
    {
      value: mean(t.slice(0, 1 + d.warmup))!,
      feedback: 'That is the mean of the first run and the warm-up runs. The first run is one call, timed on its own.',
    },
    { value: t[1]!, feedback: 'That is the second call, the first warm-up run: the cold call came before it.' },
  ];
}

/** The parts' tolerances (exercise.md) and how far outside them every mistake must be. */
export const RTOL = { first: 0.005, steady: 0.005, extra: 0.005 };
export const MARGIN = 2.5;

/**
 * Every mistake at least MARGIN tolerances from the right value, and mistakes with different feedback at
 * least two tolerances from each other, so a mistake is never accepted and never named as another.
 */
function apart(right: number, mistakes: Mistake[], rtol: number): boolean {
  const tol = rtol * Math.abs(right);
  if (!mistakes.every((x) => Math.abs(x.value - right) > MARGIN * tol)) return false;
  return mistakes.every((a, i) => mistakes.every((b, j) => j <= i || a.feedback === b.feedback || Math.abs(a.value - b.value) > 2 * tol));
}

/** Is every named mistake of this trace outside its part's tolerance, with the margin? */
export function mistakesApart(d: Pick<FirstRunData, 'trace' | 'warmup'>): boolean {
  return (
    apart(d.trace[0]!, firstMistakes(d), RTOL.first) &&
    apart(steadyMedian(d), steadyMistakes(d), RTOL.steady) &&
    apart(extraOf(d), extraMistakes(d), RTOL.extra)
  );
}

/** Draws a trace whose mistakes are all apart (a few draws at most; bounded, and the tests check 2000 seeds). */
export function drawTrace(r: VariantRandom): { warmup: number; trace: number[] } {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = r.uniform(0.8, 12);
    const warmup = r.int(4, 7);
    const n = 2 * r.int(10, 14) + 1;
    const cold = round(base * r.uniform(2.5, 6), 3);
    const warm = Array.from({ length: warmup }, (_, i) => round(base * (1 + r.uniform(0.6, 1.6) / (i + 1)), 3));
    const slow = new Set(
      r.sample(
        Array.from({ length: n }, (_, i) => i),
        r.int(3, 5),
      ),
    );
    const steady = Array.from({ length: n }, (_, i) => round(slow.has(i) ? base * r.uniform(1.6, 2.6) : r.logNormal(base, 0.15), 3));
    const d = { warmup, trace: [cold, ...warm, ...steady] };
    if (mistakesApart(d)) return d;
  }
  throw new Error('first-run-cost: no trace with every mistake apart in 200 draws; the generator needs a look');
}

/** The colleague's drafts for the report part, and the verdict on each. */
export const DRAFTS = [
  { text: 'the first run and the steady-state median, side by side, and how many warm-up runs were left out', verdict: 'ok' },
  { text: 'the mean of all the calls', verdict: 'mixed' },
  { text: 'the mean of all the calls, and how many calls there were', verdict: 'mixed' },
  { text: 'the steady-state median alone, and how many warm-up runs were left out', verdict: 'no-first' },
  { text: 'the first run alone', verdict: 'no-steady' },
] as const;
