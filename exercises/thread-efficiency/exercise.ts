import { median, mean } from 'd3-array';
import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: speed-up and parallel efficiency from repeated runs at 1, 2, 4 and 8 threads (generated
 * after Amdahl's law, with one busy-machine run in the 1-thread row), and the most threads that keep a
 * target efficiency.
 */

export const THREADS = [1, 2, 4, 8] as const;
export type ThreadCount = (typeof THREADS)[number];
/** The relative tolerance of both number parts (exercise.md); mistakes must lie further than this from the answer. */
const RTOL = 0.01;

export interface ThreadData {
  /** Five runs' median latencies (ms) per thread count, in THREADS order. */
  runs: number[][];
  /** The thread count the number parts ask about. */
  threads: 2 | 4 | 8;
  /** The team's least parallel efficiency. */
  target: number;
}

const rowMedian = (d: ThreadData, t: ThreadCount) => median(d.runs[THREADS.indexOf(t)]!)!;
const rowMean = (d: ThreadData, t: ThreadCount) => mean(d.runs[THREADS.indexOf(t)]!)!;
export const speedupOf = (d: ThreadData, t: ThreadCount = d.threads) => rowMedian(d, 1) / rowMedian(d, t);
export const efficiencyOf = (d: ThreadData, t: ThreadCount = d.threads) => speedupOf(d, t) / t;
/** The same from the means of the rows: the busy run inflates the 1-thread baseline. */
export const meanSpeedupOf = (d: ThreadData, t: ThreadCount = d.threads) => rowMean(d, 1) / rowMean(d, t);
/** The most threads whose efficiency reaches the target (efficiency falls with threads: Amdahl). */
export function bestOf(d: ThreadData, efficiency: (d: ThreadData, t: ThreadCount) => number = efficiencyOf): `t${ThreadCount}` {
  let best: ThreadCount = 1;
  for (const t of [2, 4, 8] as const) if (efficiency(d, t) >= d.target) best = t;
  return `t${best}`;
}

export function speedupMistakes(d: ThreadData) {
  return [
    {
      value: 1 / speedupOf(d),
      feedback: 'That ratio is below 1: it is the threaded time over the 1-thread time, upside down. A speed-up says how many times faster.',
    },
    {
      value: meanSpeedupOf(d),
      feedback:
        'That comes from the means of the runs. Is every run in the 1-thread row typical? One slow run pulls a mean along; what summary of five runs does not follow it?',
    },
  ];
}

export function efficiencyMistakes(d: ThreadData) {
  const t = d.threads;
  const meanEff = meanSpeedupOf(d) / t;
  return [
    { value: 1 / speedupOf(d) / t, feedback: 'The speed-up inside it is upside down (threaded time over 1-thread time).' },
    { value: speedupOf(d), feedback: 'That is the speed-up itself: efficiency shares it among the threads.' },
    { value: speedupOf(d) * t, feedback: 'Multiplying by the thread count gives more than the ideal; efficiency is a share of it.' },
    {
      value: meanEff,
      feedback:
        meanEff > 1
          ? 'An efficiency above 1 says each thread did more than a whole thread of work: question that before you report it. Look at the runs the means are made of.'
          : 'That comes from the means of the runs; one slow run in the 1-thread row inflates it. Summarise each row so that one run cannot move it.',
    },
  ];
}

/** Every named mistake further than 2.5 tolerances from the right value, on both number parts. */
export function mistakesApart(d: ThreadData): boolean {
  const apart = (right: number, ms: { value: number }[]) => ms.every((m) => Math.abs(m.value - right) > 2.5 * RTOL * Math.abs(right));
  return apart(speedupOf(d), speedupMistakes(d)) && apart(efficiencyOf(d), efficiencyMistakes(d));
}

/** The efficiencies of 2, 4 and 8 threads lie clear of the target (a reading within 0.03 is a coin toss). */
function targetClear(d: ThreadData): boolean {
  return ([2, 4, 8] as const).every((t) => Math.abs(efficiencyOf(d, t) - d.target) > 0.03);
}

export default defineExerciseLogic<ThreadData>(({ parts }) => {
  const [speedup, efficiency, best] = ['speedup', 'efficiency', 'best'].map((id) => parts.find((p) => p.id === id)!.answer) as [
    NumberAnswerSpec,
    NumberAnswerSpec,
    ChoiceAnswerSpec,
  ];
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const threads = r.pick([2, 4, 8] as const);
      // Which count is the answer of the last part, drawn first so that the four answers are about equally common.
      const answer = r.pick([1, 2, 4, 8] as const);
      for (let attempt = 0; attempt < 200; attempt++) {
        const base = r.uniform(8, 40);
        const parallel = r.uniform(0.6, 0.97); // Amdahl's parallel fraction of the work
        const runs = THREADS.map((t) => {
          const typical = base * (1 - parallel + parallel / t);
          return Array.from({ length: 5 }, () => round(typical * r.logNormal(1, 0.03), 2));
        });
        // The busy machine: one 1-thread run, at a random place in its row, 1.6 to 2.5 times the others.
        const slow = r.int(0, 4);
        runs[0]![slow] = round(runs[0]![slow]! * r.uniform(1.6, 2.5), 2);
        const d: ThreadData = { runs, threads, target: 0 };
        const effs = ([2, 4, 8] as const).map((t) => efficiencyOf(d, t));
        // A target just below the answer's efficiency and above the next count's (or above 2 threads' for t1).
        const hi = answer === 1 ? 1 : effs[[2, 4, 8].indexOf(answer)]!;
        const lo = answer === 8 ? 0.3 : effs[[1, 2, 4].indexOf(answer)]!;
        if (hi - lo < 0.08 || hi > 1) continue;
        d.target = round(lo + (hi - lo) * r.uniform(0.35, 0.65), 2);
        if (targetClear(d) && mistakesApart(d) && bestOf(d) === `t${answer}`) return d;
      }
      throw new Error('thread-efficiency: no table with every mistake apart in 200 draws; the generator needs a look');
    },
    render({ data }) {
      return {
        values: { threads: data.threads, target: data.target },
        tables: [
          {
            id: 'runs',
            caption: 'Median latency per query of each run, ms (generated, seeded)',
            columns: ['threads', 'run 1', 'run 2', 'run 3', 'run 4', 'run 5'],
            rows: THREADS.map((t, i) => [t, ...data.runs[i]!.map((x) => x.toFixed(2))]),
          },
        ],
      };
    },
    async check({ data }, answers) {
      const right = bestOf(data);
      const byMeans = bestOf(data, (d, t) => meanSpeedupOf(d, t) / t);
      const why: Record<string, string> = {};
      for (const id of ['t1', 't2', 't4', 't8']) {
        if (id === right) continue;
        why[id] =
          id === byMeans
            ? 'That follows from efficiencies computed with the means of the runs; one slow 1-thread run inflates them all.'
            : id === 't8'
              ? "Eight threads are the fastest here, but the question is how well each thread is used: compare each count's efficiency with the target."
              : 'Compute the efficiency of 2, 4 and 8 threads, and compare each with the target.';
      }
      return gradeParts(answers, {
        speedup: (a) =>
          checkNumber(a, speedup, speedupOf(data), {
            misconceptions: speedupMistakes(data),
            wrong: 'Summarise each row by one typical number, then put the slower time on top.',
            correct: 'Correct: median over median, the 1-thread time on top.',
          }),
        efficiency: (a) =>
          checkNumber(a, efficiency, efficiencyOf(data), {
            misconceptions: efficiencyMistakes(data),
            wrong: 'Efficiency is the speed-up as a share of the ideal speed-up of this many threads.',
            correct: 'Correct: the speed-up shared among the threads.',
          }),
        best: (a) =>
          checkChoice(a, best, right, {
            why,
            correct:
              'Correct: efficiency falls as threads are added (the serial part does not shrink), and this is the last count that keeps the target.',
          }),
      });
    },
  };
});
